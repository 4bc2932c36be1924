package io.qualityloop.warehouse;

/**
 * One SQL model file: {@code models/<layer>/<name>.sql}. Sources declare the shape of lake tables;
 * staging, marts and metrics are SELECT statements that become views of the same name.
 */
public record Model(String layer, String name, String sql) {
  public static final String SOURCES = "sources";
  public static final String STAGING = "staging";

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

  /** The SQL without comment lines, for dependency detection. */
  String body() {
    StringBuilder body = new StringBuilder();
    for (String line : sql.split("\n")) {
      int comment = line.indexOf("--");
      body.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
    }
    return body.toString();
  }
}
