package io.qualityloop.reports.web;

import java.util.List;

/**
 * A user of the drill-down: role, the projects they may see ({@code null}: all), and whether they
 * may approve other users' complaint-level exports in their scope ({@code approver}, {@link
 * ExportApprovals}). A region in the users file is resolved to its projects when the file is read
 * ({@link Users}).
 */
public record User(String name, Role role, List<String> projects, boolean approver) {
  /** A user who approves no exports. */
  public User(String name, Role role, List<String> projects) {
    this(name, role, projects, false);
  }

  /** The project scope as the queries bind it: ids joined by commas, or null for all. */
  public String scopeParameter() {
    return projects == null ? null : String.join(",", projects);
  }
}
