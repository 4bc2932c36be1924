package io.qualityloop.events.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The evolution rule of events/README.md, for JSON Schemas: within a version only optional
 * properties may be added. Every released property keeps its definition (type, enum, const, format,
 * bounds, pattern, items: everything but annotations such as its description), the required set
 * stays the same, and so does everything else at the top level (the $id, conditional rules,
 * additionalProperties). Anything else needs a new version.
 */
final class SchemaEvolution {
  /** Keywords that explain and never constrain: they may change within a version. */
  static final Set<String> ANNOTATIONS = Set.of("description", "title", "$comment", "examples");

  private SchemaEvolution() {}

  /**
   * What keeps {@code current} from being a compatible evolution of {@code released}; empty when it
   * is one.
   */
  static List<String> problems(String contract, JsonNode released, JsonNode current) {
    List<String> problems = new ArrayList<>();
    String was = "the released " + contract;
    String is = "the current " + contract;

    Set<String> topLevel = new TreeSet<>();
    released.fieldNames().forEachRemaining(topLevel::add);
    current.fieldNames().forEachRemaining(topLevel::add);
    topLevel.removeAll(ANNOTATIONS);
    topLevel.removeAll(Set.of("properties", "required"));
    for (String keyword : topLevel) {
      if (!released.path(keyword).equals(current.path(keyword))) {
        problems.add(
            String.format(
                "%s: '%s' is %s in %s, %s in %s",
                contract,
                keyword,
                shown(released.path(keyword)),
                was,
                shown(current.path(keyword)),
                is));
      }
    }

    Set<String> wasRequired = names(released.path("required"));
    Set<String> isRequired = names(current.path("required"));
    JsonNode wasProperties = released.path("properties");
    JsonNode isProperties = current.path("properties");
    for (String name : wasRequired) {
      if (!isRequired.contains(name)) {
        problems.add(
            String.format("%s.%s: required in %s, optional in %s", contract, name, was, is));
      }
    }
    for (String name : isRequired) {
      if (!wasRequired.contains(name)) {
        problems.add(
            String.format(
                wasProperties.has(name)
                    ? "%s.%s: optional in %s, required in %s"
                    : "%s.%s: absent from %s, added as required in %s (an added property must be"
                        + " optional)",
                contract,
                name,
                was,
                is));
      }
    }
    wasProperties
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!isProperties.has(name)) {
                problems.add(
                    String.format(
                        "%s.%s: declared in %s, removed (or renamed) in %s",
                        contract, name, was, is));
                return;
              }
              ObjectNode before = withoutAnnotations(wasProperties.get(name));
              ObjectNode after = withoutAnnotations(isProperties.get(name));
              Set<String> keywords = new TreeSet<>();
              before.fieldNames().forEachRemaining(keywords::add);
              after.fieldNames().forEachRemaining(keywords::add);
              for (String keyword : keywords) {
                if (!before.path(keyword).equals(after.path(keyword))) {
                  problems.add(
                      String.format(
                          "%s.%s: '%s' is %s in %s, %s in %s",
                          contract,
                          name,
                          keyword,
                          shown(before.path(keyword)),
                          was,
                          shown(after.path(keyword)),
                          is));
                }
              }
            });
    return problems;
  }

  private static ObjectNode withoutAnnotations(JsonNode property) {
    ObjectNode copy =
        property.isObject()
            ? ((ObjectNode) property).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    copy.remove(ANNOTATIONS);
    return copy;
  }

  private static Set<String> names(JsonNode array) {
    Set<String> names = new LinkedHashSet<>();
    array.forEach(n -> names.add(n.asText()));
    return names;
  }

  private static String shown(JsonNode node) {
    return node.isMissingNode() ? "absent" : node.toString();
  }
}
