package io.qualityloop.reports;

import io.qualityloop.warehouse.KeyDrivers;
import io.qualityloop.warehouse.Warehouse;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The executive quality report of a quarter (季度质量报告) or of a year (年度质量报告): KPI tiles against
 * targets with the significance of each change, headline sentences, the monthly satisfaction trend,
 * complaints by category, top problems as a Pareto, major complaints, improvement actions, the
 * project league table and SLA compliance, as one self-contained HTML file (ECharts inlined, no
 * network) that prints cleanly on A4.
 *
 * <p>Both reports use the same page, {@code templates/quarterly/report.peb}, and the queries in
 * {@code templates/quarterly/queries}; the annual report has its own queries where the metric
 * differs (year-level KPIs, league and Pareto in {@code templates/annual/queries}) and its own
 * labels laid over the quarterly ones ({@code templates/annual/labels.*.properties}).
 */
public final class ExecutiveReport {
  static final String NAME = "quarterly";

  private final ReportTemplates templates;
  private final Warehouse warehouse;

  public ExecutiveReport(ReportTemplates templates, Warehouse warehouse) {
    this.templates = templates;
    this.warehouse = warehouse;
  }

  /** The year {@code year} through its last quarter with KPIs (the whole year once Q4 has them). */
  public ReportPeriod year(int year) {
    Object through =
        warehouse
            .query(
                "select max(quarter) as q from kpi_quarterly where left(quarter, 4) = ?",
                String.valueOf(year))
            .get(0)
            .get("q");
    return ReportPeriod.year(
        year, through == null ? 4 : Quarter.parse(through.toString()).number());
  }

  /** Renders the report of {@code quarter} and writes it to {@code file}. */
  public Path write(
      Quarter quarter, ReportLanguage language, ZonedDateTime generatedAt, Path file) {
    return write(ReportPeriod.quarter(quarter), language, generatedAt, file);
  }

  /** Renders the report of {@code period} and writes it to {@code file}. */
  public Path write(
      ReportPeriod period, ReportLanguage language, ZonedDateTime generatedAt, Path file) {
    String html = render(period, language, generatedAt);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + file, e);
    }
    return file;
  }

  public String render(Quarter quarter, ReportLanguage language, ZonedDateTime generatedAt) {
    return render(ReportPeriod.quarter(quarter), language, generatedAt);
  }

  public String render(ReportPeriod period, ReportLanguage language, ZonedDateTime generatedAt) {
    Map<String, String> t = new HashMap<>(language.labels(templates, NAME));
    if (period.annual()) {
      t.putAll(language.labels(templates, period.kind()));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("lang", language.tag());
    model.put("t", t);
    model.put("period", period.label());
    model.put(
        "subtitle",
        MessageFormat.format(
            t.get(
                period.annual() && period.through().number() < 4
                    ? "report.subtitleToDate"
                    : "report.subtitle"),
            String.valueOf(period.through().year()),
            period.through().number()));
    model.put("generatedAt", generatedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
    model.put("scope", ScopeLine.of(warehouse, t));
    model.put(
        "asOf",
        warehouse.asOf().isNow()
            ? null
            : warehouse
                .asOf()
                .through()
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));

    model.put(
        "calendarWarning",
        CalendarWarning.of(
            query(period, "calendar_coverage.sql", period.from().year(), period.through().year()),
            t));

    List<Map<String, Object>> kpis = query(period, "kpis.sql", period.kpiParameters());
    model.put("tiles", tiles(kpis, language, t, period.annual()));
    model.put("headlines", headlines(kpis, language, t));
    model.put(
        "measures",
        ProcedureMeasures.rows(
            query(period, ProcedureMeasures.QUERY, period.comparisonParameters()), language, t));
    model.put("quarterTable", period.annual() ? quarterTable(period, language, t) : null);
    model.put("league", league(period, t));
    double slaTarget =
        kpis.stream()
            .filter(k -> "sla_compliance".equals(k.get("kpi_id")))
            .map(k -> asDouble(k.get("target")))
            .findFirst()
            .orElse(0.9);
    List<Map<String, Object>> slaRules =
        query(period, "sla_by_rule.sql", period.comparisonParameters());
    model.put("slaRules", slaRuleRows(slaRules, language, slaTarget));
    model.put(
        "slaDepartments",
        slaBreakdown(
            query(period, "sla_by_department.sql", period.periodParameters()),
            language,
            slaTarget));
    model.put(
        "slaTeams",
        slaBreakdown(
            query(period, "sla_by_team.sql", period.periodParameters()), language, slaTarget));

    List<Map<String, Object>> problems =
        query(
            period,
            "top_problems.sql",
            period.annual() ? period.label() : period.through().toString());
    model.put("problems", problemRows(problems, language, t));
    KeyDrivers.Analysis keyDrivers = KeyDrivers.of(warehouse, period.through().toString());
    model.put("drivers", drivers(keyDrivers, t));
    model.put(
        "emerging",
        emergingRows(query(period, "emerging_issues.sql", period.periodParameters()), language, t));
    model.put(
        "majors",
        majorRows(query(period, "major_complaints.sql", period.periodParameters()), language, t));
    Map<String, Double> settings = new HashMap<>();
    warehouse
        .query("select setting, value from ref_metric_settings")
        .forEach(r -> settings.put((String) r.get("setting"), asDouble(r.get("value"))));
    model.put(
        "repeatNote",
        MessageFormat.format(
            t.get("repeats.note"), setting(settings, "repeat_complaint_window_days", null)));
    model.put(
        "revisitNote",
        MessageFormat.format(
            t.get("revisits.note"),
            setting(settings, "first_revisit_due_occupancy", "share"),
            setting(settings, "first_revisit_min_coverage", "share"),
            setting(settings, "annual_revisit_min_sample", "share"),
            setting(settings, "annual_revisit_max_sample", "share")));
    model.put(
        "investigationNote",
        MessageFormat.format(
            t.get("investigations.note"),
            setting(settings, "dissatisfied_cluster_mentions", null),
            setting(settings, "dissatisfied_cluster_share", "share"),
            setting(settings, "dissatisfied_rise_min_mentions", null),
            setting(settings, "dissatisfied_rise_z", null)));
    model.put(
        "repeats",
        repeatRows(query(period, "repeat_complaints.sql", period.periodParameters()), language, t));
    model.put(
        "revisits",
        revisitRows(
            query(period, "revisit_coverage.sql", String.valueOf(period.through().year())),
            language,
            t));
    model.put(
        "dissatisfied",
        dissatisfiedRows(query(period, "dissatisfied_items.sql", period.periodParameters()), t));
    model.put(
        "investigations",
        investigationRows(
            query(period, "special_investigations.sql", period.periodParameters()), language, t));
    model.put(
        "serviceLimits",
        ServiceTimeLimitRows.of(
            query(period, "service_time_limits.sql", period.periodParameters()), t));
    model.put("followups", query(period, "followups.sql", period.periodParameters()));
    model.put("excluded", excludedRows(query(period, "excluded_rows.sql"), t));
    model.put(
        "actions",
        actionRows(
            query(period, "improvement_actions.sql", period.through().toString()), language, t));

    Map<String, String> charts = new LinkedHashMap<>();
    charts.put("chart-satisfaction-trend", trendChart(period, kpis, t));
    charts.put("chart-complaints-by-category", categoryChart(period, language, t));
    charts.put(
        "chart-top-problems",
        QuarterlyCharts.pareto(
            problems.stream().map(r -> problemName(r, language)).toList(),
            problems.stream().map(r -> ((Number) r.get("complaints")).longValue()).toList(),
            problems.stream().map(r -> asDouble(r.get("cumulative_share"))).toList(),
            t));
    if (keyDrivers.sufficient()) {
      charts.put(
          "chart-drivers",
          QuarterlyCharts.importancePerformance(
              keyDrivers.drivers().stream().map(d -> t.get("dimension." + d.dimension())).toList(),
              keyDrivers.drivers().stream().map(KeyDrivers.Driver::performance).toList(),
              keyDrivers.drivers().stream().map(KeyDrivers.Driver::importance).toList(),
              t));
    }
    charts.put(
        "chart-sla-by-rule",
        QuarterlyCharts.slaByRule(
            slaRules.stream()
                .map(r -> (String) r.get(language == ReportLanguage.EN ? "name_en" : "name_zh"))
                .toList(),
            slaRules.stream().map(r -> asDouble(r.get("compliance_rate"))).toList(),
            slaRules.stream().map(r -> asDouble(r.get("previous_rate"))).toList(),
            slaTarget,
            t));
    model.put(
        "chartsJson",
        ScriptJson.embed(
            "{"
                + String.join(
                    ",",
                    charts.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                        .toList())
                + "}"));
    model.put("echartsJs", EChartsLibrary.script());

    StringWriter out = new StringWriter();
    try {
      templates.engine().getTemplate(NAME + "/report.peb").evaluate(out, model, language.locale());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the " + period.kind() + " report", e);
    }
    return out.toString();
  }

  /**
   * One tile per KPI; {@code oneComparison}: the period is compared with one other only (a year
   * with the year before).
   */
  private List<Map<String, Object>> tiles(
      List<Map<String, Object>> kpis,
      ReportLanguage language,
      Map<String, String> t,
      boolean oneComparison) {
    List<Map<String, Object>> tiles = new ArrayList<>();
    String noData = t.get("kpi.noData");
    for (Map<String, Object> k : kpis) {
      String unit = (String) k.get("unit");
      Double value = asDouble(k.get("value"));
      double target = asDouble(k.get("target"));
      String status =
          value == null ? "none" : KpiFormat.status((String) k.get("direction"), value, target);
      Map<String, Object> tile = new HashMap<>();
      tile.put("kpiId", k.get("kpi_id"));
      tile.put("name", language == ReportLanguage.EN ? k.get("name_en") : k.get("name_zh"));
      tile.put("value", KpiFormat.value(unit, value, noData));
      tile.put("target", KpiFormat.value(unit, target, noData));
      tile.put("status", status);
      tile.put("statusLabel", value == null ? noData : t.get("status." + status));
      Double previous = asDouble(k.get("previous_value"));
      Double lastYear = asDouble(k.get("last_year_value"));
      tile.put(
          "previousDelta",
          KpiFormat.delta(unit, value, previous, t.get("unit.pp"), noData)
              + inTile(
                  previous,
                  significance(k.get("previous_significant"), k.get("previous_sample_note"), t),
                  t));
      tile.put("showLastYear", !oneComparison);
      tile.put(
          "lastYearDelta",
          oneComparison
              ? ""
              : KpiFormat.delta(unit, value, lastYear, t.get("unit.pp"), noData)
                  + inTile(
                      lastYear,
                      significance(
                          k.get("last_year_significant"), k.get("last_year_sample_note"), t),
                      t));
      tiles.add(tile);
    }
    return tiles;
  }

  /** Short sentences that state the numbers, e.g. 满意度指数 88.2，较上季度 +1.4。 */
  private List<String> headlines(
      List<Map<String, Object>> kpis, ReportLanguage language, Map<String, String> t) {
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> k : kpis) {
      String unit = (String) k.get("unit");
      Double value = asDouble(k.get("value"));
      if (value == null) {
        continue;
      }
      String name = (String) (language == ReportLanguage.EN ? k.get("name_en") : k.get("name_zh"));
      Double previous = asDouble(k.get("previous_value"));
      String significance =
          significance(k.get("previous_significant"), k.get("previous_sample_note"), t);
      String line;
      if (previous == null) {
        line =
            MessageFormat.format(
                t.get("headline.kpiNoPrevious"), name, KpiFormat.value(unit, value, ""));
      } else if (significance == null) {
        line =
            MessageFormat.format(
                t.get("headline.kpiNoTest"),
                name,
                KpiFormat.value(unit, value, ""),
                KpiFormat.delta(unit, value, previous, t.get("unit.pp"), ""));
      } else {
        line =
            MessageFormat.format(
                t.get("headline.kpi"),
                name,
                KpiFormat.value(unit, value, ""),
                KpiFormat.delta(unit, value, previous, t.get("unit.pp"), ""),
                significance);
      }
      String status =
          KpiFormat.status((String) k.get("direction"), value, asDouble(k.get("target")));
      lines.add(
          line
              + " "
              + MessageFormat.format(
                  t.get("headline.target"),
                  KpiFormat.value(unit, asDouble(k.get("target")), ""),
                  t.get("status." + status)));
    }
    return lines;
  }

  private static String problemName(Map<String, Object> r, ReportLanguage language) {
    Object name =
        language == ReportLanguage.EN ? r.get("sub_category_en") : r.get("sub_category_zh");
    return name == null ? String.valueOf(r.get("sub_category")) : name.toString();
  }

  /**
   * The Pareto rows: rank, problem, complaints, share, running share, change on the previous
   * quarter.
   */
  private static List<Map<String, Object>> problemRows(
      List<Map<String, Object>> problems, ReportLanguage language, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : problems) {
      Map<String, Object> row = new HashMap<>();
      row.put("rank", r.get("rank"));
      row.put("problem", problemName(r, language));
      row.put("complaints", r.get("complaints"));
      row.put("share", KpiFormat.value("share", asDouble(r.get("share")), "–"));
      row.put("cumulative", KpiFormat.value("share", asDouble(r.get("cumulative_share")), "–"));
      long change = ((Number) r.get("change")).longValue();
      row.put("change", change > 0 ? "+" + change : String.valueOf(change));
      row.put("trend", change > 0 ? "bad" : change < 0 ? "good" : "none");
      rows.add(row);
    }
    return rows;
  }

  /**
   * The key-driver section: the sentence naming the dimension to fix first with its interval, the
   * importance-performance matrix as four quadrants, and the table behind it.
   */
  private static Map<String, Object> drivers(KeyDrivers.Analysis a, Map<String, String> t) {
    Map<String, Object> m = new HashMap<>();
    m.put("sufficient", a.sufficient());
    if (!a.sufficient()) {
      m.put(
          "sentence",
          String.format(
              Locale.ROOT, t.get("drivers.insufficient"), a.quarter(), a.answers(), a.minimum()));
      return m;
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, List<String>> quadrants = new HashMap<>();
    for (KeyDrivers.Driver d : a.drivers()) {
      String quadrant = d.quadrant().name().toLowerCase(Locale.ROOT);
      String name = t.get("dimension." + d.dimension());
      Map<String, Object> row = new HashMap<>();
      row.put("name", name);
      row.put("importance", String.format(Locale.ROOT, "%.2f", d.importance()));
      row.put("interval", String.format(Locale.ROOT, "%.2f – %.2f", d.low(), d.high()));
      row.put("performance", KpiFormat.value("points", d.performance(), "–"));
      row.put("quadrant", t.get("drivers.quadrant." + quadrant));
      row.put("fixFirst", d.quadrant() == KeyDrivers.Quadrant.FIX_FIRST);
      rows.add(row);
      quadrants.computeIfAbsent(quadrant, k -> new ArrayList<>()).add(name);
    }
    m.put("rows", rows);
    for (KeyDrivers.Quadrant q : KeyDrivers.Quadrant.values()) {
      String key = q.name().toLowerCase(Locale.ROOT);
      m.put(key, String.join(t.get("drivers.separator"), quadrants.getOrDefault(key, List.of())));
    }
    KeyDrivers.Driver f = a.fixFirst();
    m.put(
        "sentence",
        f == null
            ? String.format(Locale.ROOT, t.get("drivers.noFixFirst"), a.quarter(), a.answers())
            : String.format(
                Locale.ROOT,
                t.get("drivers.fixFirst"),
                a.quarter(),
                t.get("dimension." + f.dimension()),
                f.importance(),
                f.low(),
                f.high(),
                f.performance(),
                a.answers(),
                a.rSquared()));
    return m;
  }

  /**
   * One line per surging term: "电梯困人 +1900%", where, from which week, and the figures behind it.
   */
  private static List<Map<String, Object>> emergingRows(
      List<Map<String, Object>> issues, ReportLanguage language, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : issues) {
      Map<String, Object> row = new HashMap<>();
      row.put("headline", r.get("term") + " +" + r.get("lift_percent") + "%");
      row.put(
          "project",
          r.get("project_id")
              + (language == ReportLanguage.EN || r.get("project_name") == null
                  ? ""
                  : " " + r.get("project_name")));
      row.put("week", String.valueOf(r.get("first_week")));
      row.put("observed", r.get("observed"));
      row.put("expected", KpiFormat.value("points", asDouble(r.get("expected")), "–"));
      row.put("weeks", r.get("surge_weeks"));
      row.put("pValue", String.format(Locale.ROOT, "%.1g", asDouble(r.get("p_value"))));
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, Object>> majorRows(
      List<Map<String, Object>> majors, ReportLanguage language, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : majors) {
      Map<String, Object> row = new HashMap<>();
      row.put("complaintId", r.get("complaint_id"));
      row.put(
          "project",
          r.get("project_id")
              + (language == ReportLanguage.EN || r.get("project_name") == null
                  ? ""
                  : " " + r.get("project_name")));
      row.put("problem", problemName(r, language));
      Object department =
          language == ReportLanguage.EN ? r.get("department_en") : r.get("department_zh");
      row.put(
          "department",
          department != null
              ? department
              : r.get("responsible_department") == null ? "–" : r.get("responsible_department"));
      row.put("received", String.valueOf(r.get("received_at")).substring(0, 10));
      row.put("status", t.get("major." + r.get("status")));
      row.put("days", KpiFormat.value("points", asDouble(r.get("days")), "–"));
      rows.add(row);
    }
    return rows;
  }

  /**
   * What the warehouse left out and which codes it shows as unknown: table, rule, the reason in the
   * report's language (with the rule's own words where it names a column), rows, examples.
   */
  static List<Map<String, Object>> excludedRows(
      List<Map<String, Object>> rows, Map<String, String> t) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Map<String, Object> row = new HashMap<>();
      String kind = String.valueOf(r.get("kind"));
      row.put("what", r.get("what"));
      row.put(
          "model",
          String.valueOf(r.get("model"))
              .replaceFirst("^models/[a-z]+/", "")
              .replaceFirst("\\.sql$", ""));
      row.put("test", r.get("test"));
      String label = t.getOrDefault("excluded.kind." + kind, kind);
      row.put(
          "reason",
          r.get("reason") == null || !kind.equals("relationship")
              ? label
              : label + " (" + r.get("reason") + ")");
      row.put("rows", r.get("rows"));
      row.put("examples", r.get("examples") == null ? "" : r.get("examples"));
      out.add(row);
    }
    return out;
  }

  /**
   * Each improvement action: its measure from before to now, the effect against what was expected,
   * and its status.
   */
  private static List<Map<String, Object>> actionRows(
      List<Map<String, Object>> actions, ReportLanguage language, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : actions) {
      String unit = (String) r.get("unit");
      Map<String, Object> row = new HashMap<>();
      row.put("title", language == ReportLanguage.EN ? r.get("title_en") : r.get("title_zh"));
      row.put("measure", language == ReportLanguage.EN ? r.get("measure_en") : r.get("measure_zh"));
      Object owner = language == ReportLanguage.EN ? r.get("owner_en") : r.get("owner_zh");
      row.put("owner", owner != null ? owner : r.get("owner"));
      row.put("due", String.valueOf(r.get("due_on")));
      row.put(
          "baseline",
          r.get("baseline_quarter")
              + " "
              + KpiFormat.value(unit, asDouble(r.get("baseline_value")), "–"));
      row.put("value", KpiFormat.value(unit, asDouble(r.get("value")), "–"));
      row.put(
          "effect",
          KpiFormat.delta(
              unit,
              asDouble(r.get("value")),
              asDouble(r.get("baseline_value")),
              t.get("unit.pp"),
              "–"));
      row.put(
          "expected",
          KpiFormat.delta(unit, asDouble(r.get("expected_change")), 0.0, t.get("unit.pp"), "–"));
      row.put("status", r.get("status"));
      row.put("statusLabel", t.get("actions." + r.get("status")));
      rows.add(row);
    }
    return rows;
  }

  /**
   * What kpi_change_quarterly says of a change: significant, not significant, a sample too small;
   * null when it has no row for it (no test was made).
   */
  private static String significance(Object significant, Object sampleNote, Map<String, String> t) {
    if ("insufficient_sample".equals(sampleNote)) {
      return t.get("change.insufficientSample");
    }
    if (significant == null) {
      return null;
    }
    return Boolean.TRUE.equals(significant)
        ? t.get("change.significant")
        : t.get("change.notSignificant");
  }

  private static String inTile(Double base, String significance, Map<String, String> t) {
    return base == null || significance == null
        ? ""
        : MessageFormat.format(t.get("change.inTile"), significance);
  }

  /**
   * The annual report's table of KPIs by quarter: one row per KPI, one cell per quarter of the year
   * (empty where the quarter has no value yet), each coloured against the target.
   */
  private List<Map<String, Object>> quarterTable(
      ReportPeriod period, ReportLanguage language, Map<String, String> t) {
    Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
    for (Map<String, Object> r : query(period, "kpi_by_quarter.sql", period.label())) {
      Map<String, Object> row =
          rows.computeIfAbsent(
              (String) r.get("kpi_id"),
              id -> {
                Map<String, Object> fresh = new HashMap<>();
                fresh.put(
                    "name", language == ReportLanguage.EN ? r.get("name_en") : r.get("name_zh"));
                fresh.put(
                    "target",
                    KpiFormat.value((String) r.get("unit"), asDouble(r.get("target")), "–"));
                List<Map<String, String>> cells = new ArrayList<>();
                for (int q = 1; q <= 4; q++) {
                  cells.add(new HashMap<>(Map.of("value", "–", "status", "none")));
                }
                fresh.put("cells", cells);
                return fresh;
              });
      Double value = asDouble(r.get("value"));
      @SuppressWarnings("unchecked")
      Map<String, String> cell =
          ((List<Map<String, String>>) row.get("cells"))
              .get(Quarter.parse((String) r.get("quarter")).number() - 1);
      cell.put("value", KpiFormat.value((String) r.get("unit"), value, "–"));
      cell.put(
          "status",
          value == null
              ? "none"
              : KpiFormat.status((String) r.get("direction"), value, asDouble(r.get("target"))));
    }
    return new ArrayList<>(rows.values());
  }

  private List<Map<String, Object>> league(ReportPeriod period, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    String none = "–";
    for (Map<String, Object> r :
        query(
            period,
            "project_league.sql",
            period.annual() ? period.label() : period.through().toString())) {
      Map<String, Object> row = new HashMap<>();
      row.put("project", r.get("project_id") + " " + r.get("name_zh"));
      row.put("city", r.get("city"));
      row.put("responses", r.get("responses") == null ? "0" : r.get("responses").toString());
      row.put("index", KpiFormat.value("points", asDouble(r.get("satisfaction_index")), none));
      row.put("top2box", KpiFormat.value("share", asDouble(r.get("top2box_rate")), none));
      row.put("complaints", r.get("complaints") == null ? "0" : r.get("complaints").toString());
      row.put(
          "per1000",
          KpiFormat.value("per_1000", asDouble(r.get("complaints_per_1000_households")), none));
      row.put(
          "accepted24h",
          KpiFormat.value("share", asDouble(r.get("accepted_within_24h_rate")), none));
      // benchmarks: quarterly only (the annual league has no such columns); under the minimum
      // sample the metric gives neither a rank nor a verdict against the industry
      String noBenchmark =
          "insufficient_sample".equals(r.get("sample_note")) ? t.get("league.insufficient") : none;
      row.put(
          "percentile",
          r.get("percentile_rank") == null
              ? noBenchmark
              : KpiFormat.value("points", asDouble(r.get("percentile_rank")), none));
      Object versus = r.get("versus_industry");
      row.put(
          "versusIndustry",
          versus == null
              ? noBenchmark
              : t.get("league.industry." + versus)
                  + (r.get("ci_low") == null
                      ? ""
                      : String.format(
                          Locale.ROOT,
                          " (%.1f–%.1f)",
                          asDouble(r.get("ci_low")),
                          asDouble(r.get("ci_high")))));
      row.put("versusClass", "below".equals(versus) ? "bad" : "above".equals(versus) ? "good" : "");
      rows.add(row);
    }
    return rows;
  }

  /**
   * One row per SLA rule: clocks, missed, compliance against the target, change on the previous
   * quarter.
   */
  private List<Map<String, Object>> slaRuleRows(
      List<Map<String, Object>> rules, ReportLanguage language, double target) {
    List<Map<String, Object>> rows = new ArrayList<>();
    String none = "–";
    for (Map<String, Object> r : rules) {
      Double rate = asDouble(r.get("compliance_rate"));
      Map<String, Object> row = new HashMap<>();
      row.put("ruleId", r.get("rule_id"));
      row.put("name", r.get(language == ReportLanguage.EN ? "name_en" : "name_zh"));
      row.put("clocks", String.format("%,d", ((Number) r.get("clocks")).longValue()));
      row.put("missed", String.format("%,d", ((Number) r.get("missed")).longValue()));
      row.put("rate", KpiFormat.value("share", rate, none));
      row.put("status", rate == null ? "none" : KpiFormat.status("higher_is_better", rate, target));
      row.put(
          "delta",
          KpiFormat.delta(
              "share",
              rate,
              asDouble(r.get("previous_rate")),
              language.labels(templates, NAME).get("unit.pp"),
              none));
      rows.add(row);
    }
    return rows;
  }

  /** Rows of a breakdown (department or team): name, clocks, missed, compliance. */
  private List<Map<String, Object>> slaBreakdown(
      List<Map<String, Object>> rows, ReportLanguage language, double target) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Double rate = asDouble(r.get("compliance_rate"));
      Map<String, Object> row = new HashMap<>();
      Object name =
          r.containsKey("team")
              ? r.get("team")
              : r.get(language == ReportLanguage.EN ? "name_en" : "name_zh");
      row.put("name", name);
      row.put("clocks", String.format("%,d", ((Number) r.get("clocks")).longValue()));
      row.put("missed", String.format("%,d", ((Number) r.get("missed")).longValue()));
      row.put("rate", KpiFormat.value("share", rate, "–"));
      row.put("status", rate == null ? "none" : KpiFormat.status("higher_is_better", rate, target));
      out.add(row);
    }
    return out;
  }

  private String trendChart(
      ReportPeriod period, List<Map<String, Object>> kpis, Map<String, String> t) {
    List<String> months = period.trendMonths();
    Map<String, Double> byMonth = new HashMap<>();
    for (Map<String, Object> r :
        query(period, "satisfaction_trend.sql", months.get(0), months.get(months.size() - 1))) {
      byMonth.put((String) r.get("month"), asDouble(r.get("satisfaction_index")));
    }
    List<Double> index = months.stream().map(byMonth::get).toList();
    double target =
        kpis.stream()
            .filter(k -> "satisfaction_index".equals(k.get("kpi_id")))
            .map(k -> asDouble(k.get("target")))
            .findFirst()
            .orElse(90.0);
    return QuarterlyCharts.satisfactionTrend(months, index, target, t);
  }

  private String categoryChart(
      ReportPeriod period, ReportLanguage language, Map<String, String> t) {
    List<String> categories = new ArrayList<>();
    List<Long> current = new ArrayList<>();
    List<Long> previous = new ArrayList<>();
    for (Map<String, Object> r :
        query(period, "complaints_by_category.sql", period.comparisonParameters())) {
      categories.add(
          (String) (language == ReportLanguage.EN ? r.get("category_en") : r.get("category_zh")));
      current.add(((Number) r.get("current_complaints")).longValue());
      previous.add(((Number) r.get("previous_complaints")).longValue());
    }
    return QuarterlyCharts.complaintsByCategory(categories, current, previous, t);
  }

  /**
   * Runs the period's own query {@code file} ({@code templates/annual/queries/...}) or else the
   * quarterly one.
   */
  private List<Map<String, Object>> query(ReportPeriod period, String file, Object... params) {
    String own = period.kind() + "/queries/" + file;
    return warehouse.query(
        templates.read(templates.exists(own) ? own : NAME + "/queries/" + file), params);
  }

  /**
   * Repeat complaints of the period: the company, then the projects with the highest repeat rate.
   */
  private static List<Map<String, Object>> repeatRows(
      List<Map<String, Object>> repeats, ReportLanguage language, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : repeats) {
      Map<String, Object> row = new HashMap<>();
      row.put(
          "project",
          "company".equals(r.get("scope")) ? t.get("repeats.company") : projectName(r, language));
      row.put("complaints", r.get("complaints"));
      row.put("repeats", r.get("repeat_complaints"));
      row.put("households", r.get("households_repeating"));
      row.put("rate", KpiFormat.value("share", asDouble(r.get("repeat_rate")), "–"));
      rows.add(row);
    }
    return rows;
  }

  /**
   * Revisit coverage: each project's first revisit and its annual revisit of the report's year,
   * against the settings.
   */
  private static List<Map<String, Object>> revisitRows(
      List<Map<String, Object>> revisits, ReportLanguage language, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : revisits) {
      Map<String, Object> row = new HashMap<>();
      row.put("project", projectName(r, language));
      row.put(
          "type",
          t.get("revisits.type." + r.get("survey_type"))
              + (r.get("year") == null ? "" : " " + r.get("year")));
      row.put("surveyed", r.get("households_surveyed"));
      row.put("occupied", r.get("occupied_households"));
      row.put("coverage", KpiFormat.value("share", asDouble(r.get("coverage")), "–"));
      row.put("requirement", r.get("requirement"));
      row.put("toVisit", r.get("households_to_visit"));
      row.put("status", r.get("status"));
      row.put("statusLabel", t.get("revisits.status." + r.get("status")));
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, Object>> dissatisfiedRows(
      List<Map<String, Object>> items, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : items) {
      Map<String, Object> row = new HashMap<>();
      row.put("item", t.getOrDefault("dimension." + r.get("item"), String.valueOf(r.get("item"))));
      row.put("mentions", r.get("mentions"));
      row.put("projects", r.get("projects"));
      row.put("investigations", r.get("investigations"));
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, Object>> investigationRows(
      List<Map<String, Object>> found, ReportLanguage language, Map<String, String> t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> r : found) {
      Map<String, Object> row = new HashMap<>();
      row.put("month", r.get("month"));
      row.put("project", projectName(r, language));
      row.put("item", t.getOrDefault("dimension." + r.get("item"), String.valueOf(r.get("item"))));
      row.put("mentions", r.get("mentions") + " / " + r.get("surveys"));
      row.put("share", KpiFormat.value("share", asDouble(r.get("share")), "–"));
      row.put("baseline", KpiFormat.value("share", asDouble(r.get("baseline_share")), "–"));
      row.put("reason", t.get("investigations.reason." + r.get("investigation_reason")));
      rows.add(row);
    }
    return rows;
  }

  /**
   * A metric setting for a note: a share as a percentage, a count or factor as a plain number; "–"
   * when not set.
   */
  private static String setting(Map<String, Double> settings, String name, String unit) {
    Double v = settings.get(name);
    if (v == null) {
      return "–";
    }
    if ("share".equals(unit)) {
      return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }
    return v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v);
  }

  /** {@code P01 项目名} in Chinese, the id alone in English (as the other tables). */
  private static String projectName(Map<String, Object> r, ReportLanguage language) {
    return r.get("project_id")
        + (language == ReportLanguage.EN || r.get("project_name") == null
            ? ""
            : " " + r.get("project_name"));
  }

  private static Double asDouble(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }
}
