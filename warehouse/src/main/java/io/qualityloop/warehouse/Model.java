package io.qualityloop.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL model file: {@code models/<layer>/<name>.sql}. Sources declare the shape of lake tables;
 * staging, marts and metrics are SELECT statements that become tables of the same name.
 *
 * <p>A staging, mart or metric model names the models it reads in its header, on a line {@code --
 * Depends: stg_complaint_events, ref_sla_rules} ({@code -- Depends: none} when it reads lake tables
 * and reference files only; a long list may go on over several {@code Depends:} lines). The
 * warehouse builds the models in that order and fails a build where a model reads a model it does
 * not name, or names one it does not read (see {@link Warehouse}).
 */
public record Model(String layer, String name, String sql) {
  public static final String SOURCES = "sources";
  public static final String STAGING = "staging";

  /** The header key that names the models a model reads. */
  public static final String DEPENDS = "Depends:";

  /**
   * The header line of a model whose rows over more lake files are its rows over the files it had
   * plus its rows over the new ones: a model that reads lake tables, and other appending models
   * without exclusions, row by row (reference models it reads whole). A refresh after new lake
   * files appends to it instead of recomputing it (see {@link Warehouse}).
   */
  public static final String APPEND = "Refresh: append";

  private static final Pattern DEPENDS_LINE = Pattern.compile("(?i)^depends:(.*)$");
  private static final Pattern MODEL_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  /**
   * The models this one reads, as its {@code -- Depends:} header lines name them (empty for {@code
   * none}), or empty when the header has no such line.
   *
   * @throws WarehouseBuildException when a name on the line is not a model name
   */
  public Optional<List<String>> dependsOn() {
    List<String> names = null;
    for (String line : header().split("\n")) {
      Matcher m = DEPENDS_LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      if (names == null) {
        names = new ArrayList<>();
      }
      for (String name : m.group(1).split("[,\\s]+")) {
        if (name.isEmpty() || name.equalsIgnoreCase("none")) {
          continue;
        }
        if (!MODEL_NAME.matcher(name).matches()) {
          throw new WarehouseBuildException(
              path()
                  + ": '"
                  + name
                  + "' on its "
                  + DEPENDS
                  + " line is not a model name (lower case, digits and _; names separated by"
                  + " commas)",
              null);
        }
        if (!names.contains(name)) {
          names.add(name);
        }
      }
    }
    return Optional.ofNullable(names).map(List::copyOf);
  }

  /**
   * The header line of a model whose rows each belong to one value of a key column ({@code --
   * Refresh: by complaint_id}), never null, and whose rows for a key are computed from the rows
   * with that key of the models it reads that have the column (and from whole models that do not):
   * a refresh computes it again for the keys that changed only (see {@link Warehouse}).
   */
  public static final String BY_KEY = "Refresh: by ";

  private static final Pattern REFRESH_LINE = Pattern.compile("(?i)^refresh:.*$");

  /** Whether its header declares {@value #APPEND}. */
  public boolean appends() {
    return header().lines().anyMatch(l -> l.strip().equalsIgnoreCase(APPEND));
  }

  /** The key column its header's {@value #BY_KEY} line names, if it has one. */
  public Optional<String> refreshKey() {
    return header()
        .lines()
        .map(String::strip)
        .filter(l -> l.regionMatches(true, 0, BY_KEY, 0, BY_KEY.length()))
        .map(l -> l.substring(BY_KEY.length()).strip())
        .filter(k -> MODEL_NAME.matcher(k).matches())
        .findFirst();
  }

  /** Where the model lives, for messages: {@code models/<layer>/<name>.sql}. */
  public String path() {
    return "models/" + layer + "/" + name + ".sql";
  }

  /** The header comment lines at the top of the file, without the comment markers. */
  public String header() {
    StringBuilder header = new StringBuilder();
    for (String line : sql.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("--")) {
        break;
      }
      header.append(trimmed.substring(2).strip()).append('\n');
    }
    return header.toString();
  }

  /**
   * The header without its {@code Depends:} lines: what the model is, for people (the catalogue).
   */
  public String description() {
    StringBuilder description = new StringBuilder();
    for (String line : header().lines().toList()) {
      if (!DEPENDS_LINE.matcher(line).matches() && !REFRESH_LINE.matcher(line.strip()).matches()) {
        description.append(line).append('\n');
      }
    }
    return description.toString();
  }

  /**
   * The SQL without comment lines (a model without a {@code Depends:} line is told what it names).
   */
  String body() {
    StringBuilder body = new StringBuilder();
    for (String line : sql.split("\n")) {
      int comment = line.indexOf("--");
      body.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
    }
    return body.toString();
  }
}
