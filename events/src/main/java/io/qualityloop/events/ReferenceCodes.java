package io.qualityloop.events;

import java.io.Serializable;
import java.util.Set;

/**
 * The codes of the company's reference files that a complaint step may carry; an empty set is not
 * checked.
 *
 * @param components {@code component_id} of building_components.csv
 * @param categories {@code category} of complaint_taxonomy.csv
 * @param subCategories {@code category/sub_category} pairs of complaint_taxonomy.csv
 * @param rootCauses {@code root_cause} of root_causes.csv
 * @param departments {@code department_id} of departments.csv
 */
public record ReferenceCodes(
    Set<String> components,
    Set<String> categories,
    Set<String> subCategories,
    Set<String> rootCauses,
    Set<String> departments)
    implements Serializable {
  public static final ReferenceCodes NONE =
      new ReferenceCodes(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

  public ReferenceCodes {
    components = Set.copyOf(components);
    categories = Set.copyOf(categories);
    subCategories = Set.copyOf(subCategories);
    rootCauses = Set.copyOf(rootCauses);
    departments = Set.copyOf(departments);
  }
}
