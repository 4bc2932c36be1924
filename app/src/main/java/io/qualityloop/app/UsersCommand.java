package io.qualityloop.app;

import io.qualityloop.events.ProjectRef;
import io.qualityloop.events.ReferenceData;
import io.qualityloop.events.privacy.OwnerOnly;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.web.Role;
import io.qualityloop.reports.web.Users;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop users add NAME --role ROLE [--projects P01,P02 | --region 华东服务中心]
 * [--approver]}: a user of the drill-down.
 */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Manage the drill-down's users.",
    subcommands = UsersCommand.Add.class)
final class UsersCommand {
  @ParentCommand QualityLoopCommand parent;

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Add a user: the password is read from standard input (one line) and stored only as a"
              + " PBKDF2 hash.")
  static final class Add implements Callable<Integer> {
    @ParentCommand private UsersCommand users;

    @Parameters(index = "0", description = "User name (letters, digits, . _ -).")
    private String name;

    @Option(
        names = "--role",
        required = true,
        description = "executive, quality_manager or planner.")
    private String role;

    @Option(
        names = "--projects",
        description = "Only these projects, comma-separated (row-level scope).")
    private String projects;

    @Option(
        names = "--region",
        description = "Only the projects of this service office (row-level scope).")
    private String region;

    @Option(
        names = "--approver",
        description =
            "May approve other users' complaint-level exports in this user's scope (先审批后调取).")
    private boolean approver;

    @Override
    public Integer call() throws Exception {
      QualityLoopConfig config = users.parent.config();
      Path file = config.usersFile();
      char[] password;
      var console = System.console();
      if (console != null) {
        password = console.readPassword("Password for %s: ", name);
      } else {
        String line =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        password = line == null ? new char[0] : line.toCharArray();
      }
      if (password == null || password.length < 8) {
        return users.parent.usageError("a password needs at least 8 characters.");
      }
      if (Files.isRegularFile(file)
          && Files.readString(file, StandardCharsets.UTF_8).contains("user." + name + ".role=")) {
        return users.parent.failure(
            "user " + name + " already exists in " + file + "; remove its lines to replace it.");
      }
      String entry;
      try {
        entry =
            Users.entry(
                name,
                Role.parse(role),
                password,
                projects,
                region,
                referenceProjects(config),
                approver);
      } catch (IllegalArgumentException e) {
        return users.parent.usageError("not added: " + e.getMessage());
      }
      OwnerOnly.ensureFile(file); // password hashes: 0600 in a 0700 folder
      Files.writeString(
          file,
          entry,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      users
          .parent
          .out()
          .println(
              "Added "
                  + name
                  + " ("
                  + Role.parse(role).name().toLowerCase()
                  + (approver ? ", approver" : "")
                  + ") to "
                  + file);
      return 0;
    }

    /** The company's projects (reference/projects.csv), needed only to check a scope. */
    private List<ProjectRef> referenceProjects(QualityLoopConfig config) {
      if (projects == null && region == null) {
        return List.of();
      }
      Path file = config.referenceDir().resolve(ReferenceData.PROJECTS_FILE);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "a scope is checked against the reference projects, and "
                + file
                + " does not exist: import the reference first (ingest --reference FOLDER)");
      }
      return ReferenceData.readProjects(file);
    }
  }
}
