package io.qualityloop.warehouse;

import java.util.List;
import java.util.Objects;

/**
 * The projects a warehouse holds (row-level scope): all of them, a list of project ids, or the
 * projects of one service office (region) as {@code reference/projects.csv} assigns them. A scoped
 * warehouse keeps, in every staging table that has a {@code project_id} column, the rows of its
 * projects only; every mart and metric is then computed from those rows, so a report built on it
 * states the figures of the scope (complaints per 1,000 households over the scope's households, SLA
 * compliance over the scope's clocks) and nothing of other projects can reach it.
 *
 * <p>Tables without a project (quarantine, duplicates, record flags) are kept whole: they hold no
 * business figures, only where input records ended.
 */
public final class ProjectScope {
  public static final ProjectScope ALL = new ProjectScope(null, null);

  private final List<String> projects;
  private final String region;

  private ProjectScope(List<String> projects, String region) {
    this.projects = projects;
    this.region = region;
  }

  /** Only these projects; empty or {@code null} means {@link #ALL}. */
  public static ProjectScope projects(List<String> projectIds) {
    if (projectIds == null || projectIds.isEmpty()) {
      return ALL;
    }
    return new ProjectScope(
        projectIds.stream().map(String::trim).filter(p -> !p.isEmpty()).distinct().toList(), null);
  }

  /** The projects of one service office; blank or {@code null} means {@link #ALL}. */
  public static ProjectScope region(String serviceOffice) {
    return serviceOffice == null || serviceOffice.isBlank()
        ? ALL
        : new ProjectScope(null, serviceOffice.trim());
  }

  /**
   * At most one of {@code --projects} and {@code --region}: the scope they give.
   *
   * @throws IllegalArgumentException when both are given
   */
  public static ProjectScope of(List<String> projectIds, String serviceOffice) {
    ProjectScope byProjects = projects(projectIds);
    ProjectScope byRegion = region(serviceOffice);
    if (!byProjects.isAll() && !byRegion.isAll()) {
      throw new IllegalArgumentException("give --projects or --region, not both");
    }
    return byProjects.isAll() ? byRegion : byProjects;
  }

  public boolean isAll() {
    return projects == null && region == null;
  }

  /** The project ids asked for, or {@code null} for a region or all. */
  public List<String> projectIds() {
    return projects;
  }

  /** The service office asked for, or {@code null}. */
  public String region() {
    return region;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProjectScope s
        && Objects.equals(projects, s.projects)
        && Objects.equals(region, s.region);
  }

  @Override
  public int hashCode() {
    return Objects.hash(projects, region);
  }

  @Override
  public String toString() {
    return isAll()
        ? "all projects"
        : region != null ? "region " + region : "projects " + String.join(", ", projects);
  }
}
