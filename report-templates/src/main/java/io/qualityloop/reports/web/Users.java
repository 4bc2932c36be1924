package io.qualityloop.reports.web;

import io.qualityloop.events.ProjectRef;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users file ({@code config/users.properties}): for each user {@code user.<name>.role}, {@code
 * user.<name>.password} (a {@link PasswordHash}, never the password) and optionally {@code
 * user.<name>.projects=P01,P02} or {@code user.<name>.region=<service office>} to limit them to
 * those projects (row-level scope), and {@code user.<name>.approver=true} for a user who approves
 * other users' complaint-level exports in that scope ({@link ExportApprovals}). {@code qualityloop
 * users add} writes entries.
 *
 * <p>The file is read again when its size or modification time changes, at the next sign-in or
 * request: a user added while the drill-down runs signs in at once, and a user removed, or whose
 * role or scope changed, loses their sessions at their next request ({@link #stillHolds}). A file
 * that cannot be read or parsed then keeps the users read last (logged); a file removed leaves no
 * user (nobody signs in, never everybody).
 */
public final class Users {
  private static final Logger LOG = LoggerFactory.getLogger(Users.class);

  private record Entry(User user, String passwordHash) {}

  /** The entries read, and the file's size and modification time when they were. */
  private record Read(Map<String, Entry> entries, String stamp) {}

  private final Path file;
  private final Function<String, List<String>> regionProjects;
  private volatile Read read;

  private Users(Path file, Function<String, List<String>> regionProjects, Read read) {
    this.file = file;
    this.regionProjects = regionProjects;
    this.read = read;
  }

  /**
   * Reads the file; {@code regionProjects} turns a region into its project ids (when the file is
   * read, also again).
   */
  public static Users load(Path file, Function<String, List<String>> regionProjects) {
    String stamp = stamp(file);
    return new Users(file, regionProjects, new Read(parse(file, regionProjects), stamp));
  }

  private static Map<String, Entry> parse(
      Path file, Function<String, List<String>> regionProjects) {
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
    return entries;
  }

  /** The file's size and modification time, or "missing". */
  private static String stamp(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.size() + " " + a.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return "missing";
    }
  }

  /** The entries as the file is now: read again if it changed since it was read last. */
  private Map<String, Entry> entries() {
    Read last = read;
    String now = stamp(file);
    if (now.equals(last.stamp())) {
      return last.entries();
    }
    synchronized (this) {
      if (!now.equals(read.stamp())) {
        if (now.equals("missing")) {
          LOG.warn("The users file {} is gone: nobody can sign in until it is back", file);
          read = new Read(Map.of(), now);
        } else {
          try {
            read = new Read(parse(file, regionProjects), now);
            LOG.info("The users file {} changed: {} users", file, read.entries().size());
          } catch (RuntimeException e) {
            LOG.warn(
                "The users file {} changed but cannot be read, the users read before stay: {}",
                file,
                e.getMessage());
            read = new Read(read.entries(), now);
          }
        }
      }
      return read.entries();
    }
  }

  public Optional<User> authenticate(String name, char[] password) {
    Entry e = name == null ? null : entries().get(name);
    if (e == null) {
      PasswordHash.matches(password, DUMMY); // the same work for an unknown name: no timing oracle
      return Optional.empty();
    }
    return PasswordHash.matches(password, e.passwordHash())
        ? Optional.of(e.user())
        : Optional.empty();
  }

  /**
   * Whether {@code user}, as signed in, is still a user of the file with the same role, scope and
   * approval: false once they were removed or changed, so that their session ends.
   */
  public boolean stillHolds(User user) {
    Entry e = entries().get(user.name());
    return e != null && e.user().equals(user);
  }

  public List<User> all() {
    return new ArrayList<>(entries().values().stream().map(Entry::user).toList());
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
