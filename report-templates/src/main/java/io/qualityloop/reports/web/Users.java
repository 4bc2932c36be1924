package io.qualityloop.reports.web;

import io.qualityloop.events.ProjectRef;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The users file ({@code config/users.properties}): for each user {@code user.<name>.role}, {@code
 * user.<name>.password} (a {@link PasswordHash}, never the password) and optionally {@code
 * user.<name>.projects=P01,P02} or {@code user.<name>.region=<service office>} to limit them to
 * those projects (row-level scope), and {@code user.<name>.approver=true} for a user who approves
 * other users' complaint-level exports in that scope ({@link ExportApprovals}). {@code qualityloop
 * users add} writes entries.
 */
public final class Users {
  private record Entry(User user, String passwordHash) {}

  private final Map<String, Entry> entries;

  private Users(Map<String, Entry> entries) {
    this.entries = entries;
  }

  /** Reads the file; {@code regionProjects} turns a region into its project ids. */
  public static Users load(Path file, Function<String, List<String>> regionProjects) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the users file " + file, e);
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames().stream().sorted().toList()) {
      if (!key.startsWith("user.") || !key.endsWith(".role")) {
        continue;
      }
      String name = key.substring(5, key.length() - 5);
      Role role;
      try {
        role = Role.parse(p.getProperty(key));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": user " + name + ": " + e.getMessage());
      }
      List<String> projects = null;
      String listed = p.getProperty("user." + name + ".projects");
      String region = p.getProperty("user." + name + ".region");
      // A scope key that is present but empty fails closed: the user sees no project, never all of
      // them.
      if (listed != null) {
        projects =
            Arrays.stream(listed.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      } else if (region != null) {
        projects = region.isBlank() ? List.of() : List.copyOf(regionProjects.apply(region.trim()));
      }
      boolean approver =
          Boolean.parseBoolean(p.getProperty("user." + name + ".approver", "false").trim());
      entries.put(
          name,
          new Entry(
              new User(name, role, projects, approver),
              p.getProperty("user." + name + ".password")));
    }
    return new Users(entries);
  }

  public Optional<User> authenticate(String name, char[] password) {
    Entry e = name == null ? null : entries.get(name);
    if (e == null) {
      PasswordHash.matches(password, DUMMY); // the same work for an unknown name: no timing oracle
      return Optional.empty();
    }
    return PasswordHash.matches(password, e.passwordHash())
        ? Optional.of(e.user())
        : Optional.empty();
  }

  public List<User> all() {
    return new ArrayList<>(entries.values().stream().map(Entry::user).toList());
  }

  private static final String DUMMY = PasswordHash.hash("not-a-password".toCharArray());

  /**
   * The lines that add a user to the users file, values escaped as a properties file needs. A scope
   * must name real projects or a real service office: {@code projects} and {@code region} are
   * checked against {@code known} (the company's reference projects); an empty value, a value with
   * a line break or an unknown project or region is refused, so that a mistake never widens a
   * scope.
   *
   * @param known the reference projects; null only when neither projects nor region is given
   */
  public static String entry(
      String name,
      Role role,
      char[] password,
      String projects,
      String region,
      List<ProjectRef> known) {
    return entry(name, role, password, projects, region, known, false);
  }

  /**
   * As {@link #entry(String, Role, char[], String, String, List)}, for a user who approves other
   * users' complaint-level exports in their scope ({@code approver}); a planner approves none.
   */
  public static String entry(
      String name,
      Role role,
      char[] password,
      String projects,
      String region,
      List<ProjectRef> known,
      boolean approver) {
    if (approver && role == Role.PLANNER) {
      throw new IllegalArgumentException(
          "a planner approves no exports: --approver is for an executive or a quality manager");
    }
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "a user name is letters, digits, '.', '_' or '-': " + name);
    }
    if (projects != null && region != null) {
      throw new IllegalArgumentException("give --projects or --region, not both");
    }
    Properties p = new Properties();
    if (projects != null) {
      p.setProperty(
          "user." + name + ".projects", String.join(",", checkedProjects(projects, known)));
    }
    if (region != null) {
      p.setProperty("user." + name + ".region", checkedRegion(region, known));
    }
    p.setProperty("user." + name + ".role", role.name().toLowerCase());
    if (approver) {
      p.setProperty("user." + name + ".approver", "true");
    }
    p.setProperty("user." + name + ".password", PasswordHash.hash(password));
    StringWriter out = new StringWriter();
    try {
      p.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // store() begins with a date comment and orders keys at random: keep the entries, in a fixed
    // order
    return out.toString()
        .lines()
        .filter(l -> !l.startsWith("#"))
        .sorted(Comparator.comparing(Users::keyOrder))
        .map(l -> l + "\n")
        .collect(Collectors.joining());
  }

  /** The lines that add a user who sees every project. */
  public static String entry(String name, Role role, char[] password) {
    return entry(name, role, password, null, null, List.of());
  }

  private static int keyOrder(String line) {
    return line.contains(".role=")
        ? 0
        : line.contains(".password=") ? 1 : line.contains(".approver=") ? 2 : 3;
  }

  private static List<String> checkedProjects(String projects, List<ProjectRef> known) {
    List<String> ids = Arrays.stream(projects.split(",", -1)).map(String::trim).toList();
    if (ids.stream().anyMatch(String::isEmpty)
        || projects.codePoints().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "--projects needs project ids separated by commas, none empty: '"
              + printable(projects)
              + "'");
    }
    Set<String> knownIds = known.stream().map(ProjectRef::projectId).collect(Collectors.toSet());
    List<String> unknown = ids.stream().filter(id -> !knownIds.contains(id)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown project(s) "
              + printable(String.join(", ", unknown))
              + ": the reference projects are "
              + String.join(", ", new TreeSet<>(knownIds)));
    }
    return ids;
  }

  private static String checkedRegion(String region, List<ProjectRef> known) {
    String r = region.trim();
    Set<String> offices =
        known.stream()
            .map(ProjectRef::serviceOffice)
            .filter(o -> o != null)
            .collect(Collectors.toCollection(TreeSet::new));
    if (r.isEmpty()
        || region.codePoints().anyMatch(Character::isISOControl)
        || !offices.contains(r)) {
      throw new IllegalArgumentException(
          "unknown region '"
              + printable(region)
              + "': the service offices are "
              + String.join(", ", offices));
    }
    return r;
  }

  /** A value as one line: control characters shown as \\uXXXX. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .forEach(
            c ->
                b.append(
                    Character.isISOControl(c)
                        ? String.format("\\u%04x", c)
                        : Character.toString(c)));
    return b.toString();
  }
}
