package io.qualityloop.warehouse;

import java.util.List;

/**
 * The metrics catalogue ({@code docs/metrics.md}), generated from the headers of the metric models
 * so that the definition a reader sees is the one written beside the SQL. A test keeps the
 * committed file equal to what this renders.
 */
public final class MetricsCatalogue {
  private MetricsCatalogue() {}

  public static String render(ModelCatalog catalog) {
    StringBuilder md = new StringBuilder();
    md.append("# Metrics catalogue\n\n")
        .append(
            "Generated from the headers of `warehouse/models/metrics/*.sql` (do not edit here: edit"
                + " the header, then run\n")
        .append(
            "`./qualityloop metrics --catalogue > docs/metrics.md`). Each metric is a DuckDB view"
                + " of the same name;\n")
        .append(
            "`./qualityloop query \"select * from <name>\"` shows it, and its tests run on every"
                + " warehouse build.\n\n");
    List<Model> metrics = catalog.layer("metrics");
    md.append("| metric | what it is |\n|---|---|\n");
    for (Model m : metrics) {
      md.append("| [`")
          .append(m.name())
          .append("`](#")
          .append(m.name().replace('_', '-'))
          .append(") | ")
          .append(title(m).replace("|", "\\|"))
          .append(" |\n");
    }
    for (Model m : metrics) {
      md.append("\n## ").append(m.name()).append("\n\n");
      md.append("File: `warehouse/")
          .append(m.path())
          .append("`\n\n```text\n")
          .append(m.description())
          .append("```\n");
    }
    return md.toString();
  }

  /** The first header line, without a leading "Metric:". */
  private static String title(Model m) {
    String first = m.description().split("\n", 2)[0];
    return first.startsWith("Metric:") ? first.substring("Metric:".length()).strip() : first;
  }
}
