package io.qualityloop.reports;

import io.qualityloop.warehouse.Warehouse;
import java.text.MessageFormat;
import java.util.List;
import java.util.Map;

/**
 * The line a report prints when its warehouse holds some projects only (row-level scope), so no
 * reader takes a region's figures for the company's: {@code 范围：华南服务中心（P02 云栖苑、P03 …）}. {@code null}
 * when the warehouse holds every project.
 */
final class ScopeLine {
  private ScopeLine() {}

  /**
   * Labels used: {@code scope.region} ({0} the service office, {1} the projects) and {@code
   * scope.projects} ({0} the projects), {@code scope.separator} between projects.
   */
  static String of(Warehouse warehouse, Map<String, String> t) {
    if (warehouse.scopeProjects() == null) {
      return null;
    }
    List<String> projects =
        warehouse.query("select project_id, name_zh from ref_projects order by project_id").stream()
            .map(
                r -> r.get("project_id") + (r.get("name_zh") == null ? "" : " " + r.get("name_zh")))
            .toList();
    String list = String.join(t.get("scope.separator"), projects);
    String region = warehouse.scope().region();
    return region != null
        ? MessageFormat.format(t.get("scope.region"), region, list)
        : MessageFormat.format(t.get("scope.projects"), list);
  }
}
