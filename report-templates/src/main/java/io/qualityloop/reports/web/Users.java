package io.qualityloop.reports.web;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The users file ({@code config/users.properties}): for each user {@code user.<name>.role},
 * {@code user.<name>.password} (a {@link PasswordHash}, never the password) and optionally
 * {@code user.<name>.projects=P01,P02} or {@code user.<name>.region=<service office>} to limit them
 * to those projects (row-level scope). {@code qualityloop users add} writes entries.
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
      if (listed != null && !listed.isBlank()) {
        projects = Arrays.stream(listed.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      } else if (region != null && !region.isBlank()) {
        projects = List.copyOf(regionProjects.apply(region.trim()));
      }
      entries.put(name, new Entry(new User(name, role, projects), p.getProperty("user." + name + ".password")));
    }
    return new Users(entries);
  }

  public Optional<User> authenticate(String name, char[] password) {
    Entry e = name == null ? null : entries.get(name);
    if (e == null) {
      PasswordHash.matches(password, DUMMY); // the same work for an unknown name: no timing oracle
      return Optional.empty();
    }
    return PasswordHash.matches(password, e.passwordHash()) ? Optional.of(e.user()) : Optional.empty();
  }

  public List<User> all() {
    return new ArrayList<>(entries.values().stream().map(Entry::user).toList());
  }

  private static final String DUMMY = PasswordHash.hash("not-a-password".toCharArray());

  /** The lines that add a user to the users file. */
  public static String entry(String name, Role role, char[] password, String projects, String region) {
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("a user name is letters, digits, '.', '_' or '-': " + name);
    }
    StringBuilder s = new StringBuilder();
    s.append("user.").append(name).append(".role=").append(role.name().toLowerCase()).append('\n');
    s.append("user.").append(name).append(".password=").append(PasswordHash.hash(password)).append('\n');
    if (projects != null) {
      s.append("user.").append(name).append(".projects=").append(projects).append('\n');
    }
    if (region != null) {
      s.append("user.").append(name).append(".region=").append(region).append('\n');
    }
    return s.toString();
  }
}
