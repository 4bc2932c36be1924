package io.qualityloop.reports.web;

import java.util.List;

/**
 * A user of the drill-down: role, and the projects they may see ({@code null}: all). A region in
 * the users file is resolved to its projects when the server starts.
 */
public record User(String name, Role role, List<String> projects) {
  /** The project scope as the queries bind it: ids joined by commas, or null for all. */
  public String scopeParameter() {
    return projects == null ? null : String.join(",", projects);
  }
}
