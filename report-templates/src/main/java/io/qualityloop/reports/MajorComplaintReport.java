package io.qualityloop.reports;

import io.qualityloop.warehouse.Warehouse;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.MessageFormat;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The special report on a major (or difficult) complaint (专项报告, 002 §3.10.5-6): what it is about,
 * its timeline, each deadline's outcome, root cause and responsibility, repair cost and its
 * approval, the callbacks and the actions taken, as one self-contained HTML page that prints on A4.
 * Only pseudonymised fields and scrubbed text reach it, as in the drill-down's complaint view.
 * Template, labels and SQL in {@code templates/major/}.
 */
public final class MajorComplaintReport {
  static final String NAME = "major";
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ReportTemplates templates;
  private final Warehouse warehouse;

  public MajorComplaintReport(ReportTemplates templates, Warehouse warehouse) {
    this.templates = templates;
    this.warehouse = warehouse;
  }

  /** Whether the warehouse (in its scope) holds the complaint {@code id}. */
  public boolean exists(String id) {
    return !query("complaint.sql", id).isEmpty();
  }

  /**
   * Renders the report of complaint {@code id} and writes it to {@code file}; empty when there is
   * no such complaint.
   */
  public Optional<Path> write(
      String id, ReportLanguage language, ZonedDateTime generatedAt, Path file) {
    Optional<String> html = render(id, language, generatedAt);
    if (html.isEmpty()) {
      return Optional.empty();
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, html.get(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + file, e);
    }
    return Optional.of(file);
  }

  /**
   * The page of complaint {@code id}; empty when the warehouse (in its scope) has no such
   * complaint.
   */
  public Optional<String> render(String id, ReportLanguage language, ZonedDateTime generatedAt) {
    List<Map<String, Object>> found = query("complaint.sql", id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> c = found.get(0);
    boolean en = language == ReportLanguage.EN;
    Map<String, String> t = language.labels(templates, NAME);
    Map<String, Object> model = new HashMap<>();
    model.put("lang", language.tag());
    model.put("t", t);
    model.put("complaintId", c.get("complaint_id"));
    model.put(
        "title",
        t.get(Boolean.TRUE.equals(c.get("is_major")) ? "report.title" : "report.titleDifficult"));
    model.put("generatedAt", generatedAt.format(MINUTE));
    model.put("scope", ScopeLine.of(warehouse, t));
    model.put(
        "asOf",
        warehouse.asOf().isNow()
            ? null
            : warehouse
                .asOf()
                .through()
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
    model.put("summary", summary(c, en, t));
    model.put("cause", cause(c, en, t));
    model.put("timeline", steps(query("timeline.sql", id), t));
    model.put("deadlines", deadlines(query("deadlines.sql", id), en, t));
    List<Map<String, Object>> costs = query("costs.sql", id);
    model.put("costs", costs(costs, language, t));
    double total =
        costs.stream()
            .map(r -> r.get("repair_cost_yuan"))
            .filter(v -> v != null)
            .mapToDouble(v -> ((Number) v).doubleValue())
            .sum();
    model.put("costTotal", KpiFormat.amount(total, language));
    model.put("callbacks", callbacks(query("callbacks.sql", id), t));
    model.put("actions", actions(query("actions.sql", id), t));
    StringWriter out = new StringWriter();
    templates.render(NAME + "/report.peb", model, language, out);
    return Optional.of(out.toString());
  }

  /** The key facts: one label and value per row. */
  private static List<Map<String, Object>> summary(
      Map<String, Object> c, boolean en, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    add(rows, t.get("summary.complaint"), c.get("complaint_id"));
    add(
        rows,
        t.get("summary.project"),
        c.get("project_id")
            + (en || c.get("project_name") == null ? "" : " " + c.get("project_name")));
    add(
        rows,
        t.get("summary.severity"),
        t.get(Boolean.TRUE.equals(c.get("is_major")) ? "severity.major" : "severity.normal"));
    add(
        rows,
        t.get("summary.category"),
        name(c, en ? "category_en" : "category_zh", "category", t)
            + " / "
            + name(c, en ? "sub_category_en" : "sub_category_zh", "sub_category", t));
    add(
        rows,
        t.get("summary.channel"),
        c.get("channel") == null
            ? "–"
            : t.getOrDefault("channel." + c.get("channel"), String.valueOf(c.get("channel"))));
    add(
        rows,
        t.get("summary.intent"),
        c.get("intent") == null
            ? "–"
            : t.getOrDefault("intent." + c.get("intent"), String.valueOf(c.get("intent"))));
    add(rows, t.get("summary.received"), time(c.get("received_at")));
    add(rows, t.get("summary.accepted"), time(c.get("accepted_at")));
    add(rows, t.get("summary.major"), time(c.get("major_at")));
    add(rows, t.get("summary.resolved"), time(c.get("first_resolved_at")));
    add(rows, t.get("summary.closed"), time(c.get("last_closed_at")));
    add(
        rows,
        t.get("summary.status"),
        MessageFormat.format(
            t.get("status." + c.get("status")),
            String.format(Locale.ROOT, "%.1f", ((Number) c.get("days")).doubleValue())));
    add(rows, t.get("summary.reopens"), c.get("reopens"));
    add(
        rows,
        t.get("summary.repeat"),
        Boolean.TRUE.equals(c.get("is_repeat"))
            ? MessageFormat.format(t.get("repeat.yes"), c.get("previous_complaint_id"))
            : t.get("repeat.no"));
    return rows;
  }

  /** Root cause and responsibility: cause, building component, responsible department. */
  private static List<Map<String, Object>> cause(
      Map<String, Object> c, boolean en, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    add(
        rows,
        t.get("cause.rootCause"),
        name(c, en ? "root_cause_en" : "root_cause_zh", "root_cause", t));
    add(
        rows,
        t.get("cause.component"),
        name(c, en ? "component_en" : "component_zh", "building_component", t));
    add(
        rows,
        t.get("cause.department"),
        name(c, en ? "department_en" : "department_zh", "responsible_department", t));
    return rows;
  }

  private static List<Map<String, Object>> steps(
      List<Map<String, Object>> events, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> e : events) {
      Map<String, Object> row = new HashMap<>();
      row.put("at", time(e.get("occurred_at")));
      row.put("step", step(e.get("event_type"), t));
      row.put("staff", e.get("staff_id") == null ? "–" : e.get("staff_id"));
      row.put(
          "channel",
          e.get("channel") == null
              ? "–"
              : t.getOrDefault("channel." + e.get("channel"), String.valueOf(e.get("channel"))));
      String text = e.get("text") == null ? "" : e.get("text").toString();
      if (e.get("customer_signed_off") != null) {
        text =
            (text.isEmpty() ? "" : text + " ")
                + t.get(
                    Boolean.TRUE.equals(e.get("customer_signed_off"))
                        ? "timeline.signedOff"
                        : "timeline.notSignedOff");
      }
      row.put("text", text);
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, Object>> deadlines(
      List<Map<String, Object>> clocks, boolean en, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : clocks) {
      Map<String, Object> row = new HashMap<>();
      String outcome = String.valueOf(r.get("outcome"));
      row.put("cycle", r.get("cycle"));
      Object name = r.get(en ? "name_en" : "name_zh");
      row.put("rule", name == null ? r.get("rule_id") : name);
      row.put("started", time(r.get("started_at")));
      row.put(
          "deadline",
          time(r.get("deadline"))
              + (Boolean.TRUE.equals(r.get("extended")) ? " " + t.get("deadlines.extended") : ""));
      row.put("stopped", time(r.get("stopped_at")));
      row.put("outcome", outcome);
      row.put("outcomeLabel", t.get("outcome." + outcome));
      row.put(
          "status",
          switch (outcome) {
            case "MET" -> "good";
            case "MISSED", "BREACHED" -> "bad";
            case "WARNING" -> "watch";
            default -> "none";
          });
      row.put("hours", hours(r.get("elapsed_hours")) + " / " + hours(r.get("limit_hours")));
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, Object>> costs(
      List<Map<String, Object>> cycles, ReportLanguage language, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : cycles) {
      Map<String, Object> row = new HashMap<>();
      row.put("cycle", r.get("cycle"));
      row.put(
          "type",
          r.get("work_order_type") == null
              ? t.get("costs.noWorkOrder")
              : t.get("costs.type." + r.get("work_order_type")));
      row.put("trades", trades(r.get("trades"), t));
      Object cost = r.get("repair_cost_yuan");
      row.put(
          "cost", cost == null ? "–" : KpiFormat.amount(((Number) cost).doubleValue(), language));
      row.put(
          "approval",
          r.get("approval_level") == null
              ? "–"
              : t.get("costs.approval." + r.get("approval_level")));
      row.put(
          "audited",
          t.get(Boolean.TRUE.equals(r.get("is_audited")) ? "costs.audited" : "costs.notAudited"));
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, Object>> callbacks(
      List<Map<String, Object>> surveys, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : surveys) {
      Map<String, Object> row = new HashMap<>();
      row.put("at", time(r.get("occurred_at")));
      row.put(
          "type",
          t.getOrDefault("survey." + r.get("survey_type"), String.valueOf(r.get("survey_type"))));
      row.put("staff", r.get("staff_id") == null ? "–" : r.get("staff_id"));
      row.put("response", t.get("response." + r.get("response")));
      row.put("overall", score(r.get("score_overall")));
      row.put(
          "dimensions",
          String.join(
              " / ",
              Arrays.asList(
                  score(r.get("score_response_speed")),
                  score(r.get("score_completeness")),
                  score(r.get("score_professionalism")),
                  score(r.get("score_attitude")),
                  score(r.get("score_result")))));
      row.put("nps", score(r.get("nps")));
      List<String> items = new ArrayList<>();
      for (String item : strings(r.get("dissatisfied_items"))) {
        items.add(t.getOrDefault("dimension." + item, item));
      }
      row.put("dissatisfied", items.isEmpty() ? "–" : String.join(t.get("separator"), items));
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, Object>> actions(
      List<Map<String, Object>> steps, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> e : steps) {
      Map<String, Object> row = new HashMap<>();
      row.put("at", time(e.get("occurred_at")));
      row.put("step", step(e.get("event_type"), t));
      row.put("staff", e.get("staff_id") == null ? "–" : e.get("staff_id"));
      List<String> detail = new ArrayList<>();
      if (e.get("work_order_type") != null) {
        detail.add(t.get("costs.type." + e.get("work_order_type")));
      }
      if (!strings(e.get("trades")).isEmpty()) {
        detail.add(MessageFormat.format(t.get("actions.trades"), trades(e.get("trades"), t)));
      }
      if (e.get("text") != null) {
        detail.add(e.get("text").toString());
      }
      row.put("detail", detail.isEmpty() ? "–" : String.join(t.get("separator.detail"), detail));
      rows.add(row);
    }
    return rows;
  }

  private static void add(List<Map<String, Object>> rows, String label, Object value) {
    rows.add(Map.of("label", label, "value", value == null ? "–" : value));
  }

  /**
   * The reference file's name of a code, the code itself when the file lacks it, "–" when there is
   * none.
   */
  private static String name(
      Map<String, Object> c, String nameColumn, String codeColumn, Map<String, String> t) {
    if (c.get(nameColumn) != null) {
      return c.get(nameColumn).toString();
    }
    Object code = c.get(codeColumn);
    return code == null
        ? t.get("none")
        : "unknown".equals(code) ? t.get("unknown") : code.toString();
  }

  private static String step(Object eventType, Map<String, String> t) {
    return t.getOrDefault("step." + eventType, String.valueOf(eventType));
  }

  private static String time(Object value) {
    if (value == null) {
      return "–";
    }
    if (value instanceof LocalDateTime time) {
      return time.format(MINUTE);
    }
    if (value instanceof Timestamp ts) {
      return ts.toLocalDateTime().format(MINUTE);
    }
    String s = value.toString();
    return s.length() >= 16 ? s.substring(0, 16).replace('T', ' ') : s;
  }

  private static String hours(Object value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.1f", ((Number) value).doubleValue());
  }

  private static String score(Object value) {
    return value == null ? "–" : value.toString();
  }

  /**
   * The trades of a work order by their labels ({@code trade.<code>}), a code without one as it is.
   */
  private static String trades(Object value, Map<String, String> t) {
    List<String> items =
        strings(value).stream().map(code -> t.getOrDefault("trade." + code, code)).toList();
    return items.isEmpty() ? "–" : String.join(t.get("separator"), items);
  }

  /** A SQL list (a JDBC array, or a list) as strings. */
  private static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    Object[] items;
    try {
      items =
          value instanceof Array array
              ? (Object[]) array.getArray()
              : value instanceof List<?> l ? l.toArray() : new Object[] {value};
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read a list of the warehouse", e);
    }
    List<String> out = new ArrayList<>();
    for (Object o : items) {
      if (o != null) {
        out.add(o.toString());
      }
    }
    return out;
  }

  private List<Map<String, Object>> query(String file, String id) {
    return warehouse.query(templates.read(NAME + "/queries/" + file), id);
  }
}
