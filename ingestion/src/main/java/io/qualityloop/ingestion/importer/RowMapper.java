package io.qualityloop.ingestion.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.Pseudonymizer;
import io.qualityloop.events.privacy.RoomPseudonyms;
import io.qualityloop.events.privacy.TextScrubber;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one row of a company form into the JSON of its contract: headings to fields by the mapping,
 * the form's words to the contract's values, local times to ISO-8601 with the zone's offset,
 * numbers and 是/否 to JSON types (as the contract's JSON Schema declares them). Personal columns
 * never reach the JSON: the household becomes a keyed pseudonym of the address keys. The mapping's
 * constants fill the fields a row leaves empty. A ledger row (one complaint, a time column per
 * milestone) becomes one step per filled milestone, in time order, each with the event id {@code
 * <complaint id>-<STEP>}: the same on every import, so a step imported before is a duplicate.
 */
final class RowMapper {
  /** A row that cannot be mapped; the message names the column and the value's problem. */
  static final class RowException extends Exception {
    RowException(String message) {
      super(message);
    }
  }

  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy[-][/][.]M[-][/][.]d[['T'][' ']H:mm[:ss]]")
          .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
          .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
          .toFormatter();

  /** What the row's customer named in its free text becomes (as a phone number becomes [手机号]). */
  private static final String NAME = "[姓名]";

  /** The contract's free-text fields: those the validator scrubs of phone and ID-card numbers. */
  private static final List<String> FREE_TEXT =
      List.of("description", "reason", "comment", "summary");

  /** How a customer is addressed by their surname: 孙先生, 孙女士, 孙小姐. */
  private static final List<String> TITLES = List.of("先生", "女士", "小姐");

  /** The common two-character surnames (欧阳峰 is 欧阳先生). */
  private static final List<String> COMPOUND_SURNAMES =
      List.of(
          "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "夏侯", "令狐", "宇文", "司徒", "端木",
          "轩辕", "南宫", "西门", "独孤", "呼延");

  private final FormMapping mapping;
  private final List<String> headings;
  private final String[] targets;
  private final Map<String, String> types;
  private final Pseudonymizer pseudonymizer;
  private final ZoneId zone;

  RowMapper(
      EventStream stream,
      FormMapping mapping,
      List<String> headings,
      Pseudonymizer pseudonymizer,
      ZoneId zone) {
    this.mapping = mapping;
    this.headings = headings;
    this.pseudonymizer = pseudonymizer;
    this.zone = zone;
    this.types = fieldTypes(stream);
    this.targets = new String[headings.size()];
    for (int i = 0; i < headings.size(); i++) {
      targets[i] = mapping.columns().get(headings.get(i));
    }
  }

  /** Headings the mapping does not know: their columns are ignored. */
  List<String> unmappedHeadings() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < headings.size(); i++) {
      if (targets[i] == null && !headings.get(i).isEmpty()) {
        out.add(headings.get(i));
      }
    }
    return out;
  }

  /**
   * Contract fields the file cannot fill, with the heading that would: a file without them cannot
   * be imported.
   */
  List<String> missingRequired(List<String> required) {
    List<String> missing = new ArrayList<>();
    List<String> filled = new ArrayList<>(Arrays.asList(targets));
    filled.addAll(mapping.constants().keySet());
    if (mapping.ledger()) {
      // each milestone column gives its step's time, type and id
      filled.addAll(List.of("occurred_at", "event_type", "event_id"));
    }
    for (String field : required) {
      if (field.equals("schema_version") || filled.contains(field)) {
        continue;
      }
      String heading =
          mapping.columns().entrySet().stream()
              .filter(e -> e.getValue().equals(field))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse("?");
      missing.add(field + " (heading " + heading + ")");
    }
    return missing;
  }

  /**
   * The events of one row: one for a form of steps, one per filled milestone (in time order) for a
   * ledger.
   */
  List<byte[]> map(List<String> cells) throws RowException {
    ObjectNode json = EventCodec.mapper().createObjectNode();
    json.put("schema_version", 1);
    Map<String, String> personal = new HashMap<>();
    Map<String, ObjectNode> steps = new LinkedHashMap<>();
    for (int i = 0; i < targets.length && i < cells.size(); i++) {
      String target = targets[i];
      String cell = cells.get(i) == null ? "" : cells.get(i).trim();
      if (target == null || cell.isEmpty()) {
        continue;
      }
      if (target.startsWith(FormMapping.PERSONAL)) {
        personal.put(target.substring(FormMapping.PERSONAL.length()), cell);
        continue;
      }
      if (FormMapping.isStepTarget(target)) {
        int dot = target.indexOf('.');
        put(
            steps.computeIfAbsent(
                target.substring(0, dot), s -> EventCodec.mapper().createObjectNode()),
            target.substring(dot + 1),
            headings.get(i),
            cell);
        continue;
      }
      put(json, target, headings.get(i), cell);
    }
    for (Map.Entry<String, String> constant : mapping.constants().entrySet()) {
      if (!json.hasNonNull(constant.getKey())) {
        put(
            json,
            constant.getKey(),
            "constant." + constant.getKey() + " of the mapping",
            constant.getValue());
      }
    }
    if (!json.hasNonNull("household_id")) {
      String household = householdKey(json, personal);
      if (household != null) {
        json.put("household_id", pseudonymizer.pseudonym("hh", household));
      }
    }
    // The room leaves as its keyed pseudonym, so no raw room reaches Kafka; one that looks like a
    // phone or ID number stays for the validator to reject (PERSONAL_DATA), and is never published.
    String room = json.path("room").asText(null);
    if (room != null && TextScrubber.personalData(room) == null) {
      json.put(
          "room_pseudonym",
          new RoomPseudonyms(pseudonymizer)
              .of(
                  json.path("project_id").asText(null),
                  json.path("building").asText(null),
                  json.path("unit").asText(null),
                  room));
      json.remove("room");
    }
    List<String> names = nameForms(personal.get("name"));
    scrubNames(json, names);
    steps.values().forEach(step -> scrubNames(step, names));
    if (!mapping.ledger()) {
      return List.of(bytes(json));
    }
    return ledgerSteps(json, steps);
  }

  /**
   * The ways the text of a row may name its customer, whose name is in {@code name} (the row's name
   * column), longest first: the name itself when it has two characters or more and, for a Chinese
   * name of two to four characters, the surname with 先生, 女士 or 小姐 (孙悟空: 孙先生, 孙女士, 孙小姐; 欧阳峰: 欧阳先生
   * ...; 张先生: 张女士 ...). A one-character name is not looked for: it would take that character out of
   * every word.
   */
  private static List<String> nameForms(String name) {
    if (name == null) {
      return List.of();
    }
    String n = name.strip();
    if (n.codePointCount(0, n.length()) < 2) {
      return List.of();
    }
    List<String> forms = new ArrayList<>(List.of(n));
    String han = n.replaceAll("\\s+", "");
    if (TITLES.contains(han)) {
      return List.of(); // 先生 alone names nobody
    }
    if (han.matches("\\p{IsHan}{2,4}")) {
      String surname = null;
      for (String title : TITLES) {
        if (han.length() > title.length() && han.endsWith(title)) {
          surname = han.substring(0, han.length() - title.length());
        }
      }
      if (surname == null) {
        surname =
            han.length() > 2 && COMPOUND_SURNAMES.contains(han.substring(0, 2))
                ? han.substring(0, 2)
                : han.substring(0, 1);
      }
      if (!han.equals(n)) {
        forms.add(han);
      }
      for (String title : TITLES) {
        if (!forms.contains(surname + title)) {
          forms.add(surname + title);
        }
      }
    }
    forms.sort(Comparator.comparingInt(String::length).reversed());
    return forms;
  }

  /**
   * The row's customer named in its free text ({@link #FREE_TEXT}) becomes {@value #NAME}, as their
   * phone number becomes [手机号] at the validator.
   */
  private static void scrubNames(ObjectNode json, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    for (String field : FREE_TEXT) {
      if (json.path(field).isTextual()) {
        String text = json.path(field).asText();
        for (String name : names) {
          if (!text.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))) {
            continue;
          }
          text =
              Pattern.compile(Pattern.quote(name), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                  .matcher(text)
                  .replaceAll(Matcher.quoteReplacement(NAME));
        }
        json.put(field, text);
      }
    }
  }

  /**
   * A ledger row's steps: each milestone with a time, the row's fields plus its own, id {@code
   * <complaint id>-<STEP>}.
   */
  private List<byte[]> ledgerSteps(ObjectNode row, Map<String, ObjectNode> steps)
      throws RowException {
    String complaint = row.path("complaint_id").asText("");
    if (complaint.isEmpty()) {
      throw new RowException(
          "column " + headingOf("complaint_id") + " is empty: a ledger row needs its complaint id");
    }
    List<ObjectNode> events = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> step : steps.entrySet()) {
      if (!step.getValue().hasNonNull("occurred_at")) {
        continue; // milestone not reached yet: its other cells wait for its time
      }
      ObjectNode event = row.deepCopy();
      event.setAll(step.getValue());
      event.put("event_type", step.getKey());
      event.put("event_id", complaint + "-" + step.getKey());
      events.add(event);
    }
    if (events.isEmpty()) {
      throw new RowException(
          "no milestone time is filled (" + String.join(", ", milestoneHeadings()) + ")");
    }
    events.sort(
        Comparator.comparing(
            e -> OffsetDateTime.parse(e.path("occurred_at").asText()).toInstant()));
    List<byte[]> out = new ArrayList<>();
    for (ObjectNode e : events) {
      out.add(bytes(e));
    }
    return out;
  }

  private String headingOf(String field) {
    return mapping.columns().entrySet().stream()
        .filter(e -> e.getValue().equals(field))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(field);
  }

  private List<String> milestoneHeadings() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < targets.length; i++) {
      if (FormMapping.isStepTarget(targets[i]) && targets[i].endsWith(".occurred_at")) {
        out.add(headings.get(i));
      }
    }
    return out;
  }

  private static byte[] bytes(ObjectNode json) {
    try {
      return EventCodec.mapper().writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The address keys when the room is known, else the phone number (digits only). */
  private static String householdKey(ObjectNode json, Map<String, String> personal) {
    if (json.hasNonNull("project_id") && json.hasNonNull("room")) {
      return String.join(
          "|",
          json.path("project_id").asText(),
          json.path("building").asText(""),
          json.path("unit").asText(""),
          json.path("room").asText());
    }
    String phone = personal.get("phone");
    return phone == null ? null : "phone:" + phone.replaceAll("[^0-9]", "");
  }

  private void put(ObjectNode json, String field, String heading, String cell) throws RowException {
    Map<String, String> words = mapping.values().getOrDefault(field, Map.of());
    String value = words.getOrDefault(cell, cell);
    String type = types.getOrDefault(field, "string");
    try {
      switch (type) {
        case "integer" -> json.put(field, new BigDecimal(value).intValueExact());
        case "number" -> json.put(field, new BigDecimal(value));
        case "boolean" -> json.put(field, bool(value));
        case "array" -> {
          ArrayNode items = json.putArray(field);
          for (String item : value.split("[、,，;；|]")) {
            if (!item.isBlank()) {
              items.add(
                  mapping
                      .values()
                      .getOrDefault(field, Map.of())
                      .getOrDefault(item.trim(), item.trim()));
            }
          }
        }
        case "date-time" -> json.put(field, dateTime(value));
        default -> json.put(field, value);
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new RowException(
          "column "
              + heading
              + ": '"
              + shorten(cell)
              + "' is not "
              + (type.equals("integer") ? "a whole number" : "a number"));
    } catch (DateTimeParseException e) {
      throw new RowException(
          "column "
              + heading
              + ": '"
              + shorten(cell)
              + "' is not a date and time such as 2026-03-05 09:12");
    } catch (IllegalArgumentException e) {
      throw new RowException("column " + heading + ": " + e.getMessage());
    }
  }

  private static boolean bool(String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "是", "y", "yes", "true", "1" -> true;
      case "否", "n", "no", "false", "0" -> false;
      default -> throw new IllegalArgumentException("'" + shorten(v) + "' is not 是 or 否");
    };
  }

  /** RFC 3339, as the contract requires: seconds always written. */
  private static final DateTimeFormatter RFC_3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private String dateTime(String v) {
    try {
      return OffsetDateTime.parse(v).format(RFC_3339);
    } catch (DateTimeParseException notIso) {
      return LocalDateTime.parse(v, LOCAL).atZone(zone).toOffsetDateTime().format(RFC_3339);
    }
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  /**
   * Field name to "integer", "number", "boolean", "array", "date-time" or "string", from the
   * contract's JSON Schema.
   */
  private static Map<String, String> fieldTypes(EventStream stream) {
    try (InputStream in = EventCodec.class.getResourceAsStream("/" + stream.schemaResource())) {
      JsonNode properties = EventCodec.mapper().readTree(in).path("properties");
      Map<String, String> types = new HashMap<>();
      properties
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode p = e.getValue();
                String format = p.path("format").asText("");
                List<String> declared = new ArrayList<>();
                if (p.path("type").isArray()) {
                  p.path("type").forEach(t -> declared.add(t.asText()));
                } else if (p.has("type")) {
                  declared.add(p.path("type").asText());
                }
                String type =
                    format.equals("date-time")
                        ? "date-time"
                        : declared.contains("integer")
                            ? "integer"
                            : declared.contains("number")
                                ? "number"
                                : declared.contains("boolean")
                                    ? "boolean"
                                    : declared.contains("array") ? "array" : "string";
                types.put(e.getKey(), type);
              });
      return types;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> requiredFields(EventStream stream) {
    try (InputStream in = EventCodec.class.getResourceAsStream("/" + stream.schemaResource())) {
      List<String> required = new ArrayList<>();
      var schema = EventCodec.mapper().readTree(in);
      schema.path("required").forEach(n -> required.add(n.asText()));
      // Fields required in the usual case (a survey's overall score, unless it went unanswered):
      // a form without a column for them is not that form either.
      schema
          .path("allOf")
          .forEach(
              rule -> rule.path("else").path("required").forEach(n -> required.add(n.asText())));
      return required;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
