package io.qualityloop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.ExecutiveReport;
import io.qualityloop.reports.Quarter;
import io.qualityloop.reports.ReportLanguage;
import io.qualityloop.reports.ReportTemplates;
import io.qualityloop.reports.web.AccessLog;
import io.qualityloop.reports.web.DrillDownServer;
import io.qualityloop.reports.web.DrillQuery;
import io.qualityloop.reports.web.Role;
import io.qualityloop.reports.web.Sessions;
import io.qualityloop.reports.web.Users;
import io.qualityloop.warehouse.LakeFiles;
import io.qualityloop.warehouse.ModelCatalog;
import io.qualityloop.warehouse.Warehouse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * DuckDB over the lake at a given size, in the layout the stream leaves (many small files per day
 * partition) and after compaction: the warehouse build, every query of the quarterly report, every
 * drill-down request (through the real server, over HTTP), the whole quarterly report, and a
 * one-project query straight on the lake with the row groups it scanned (EXPLAIN ANALYZE).
 */
final class LayoutBenchmark {
  /**
   * The id columns a copy of a row gets a suffix on: each copy is another set of projects with
   * their own households, complaints and events (a company with more projects), so joins and
   * per-project figures keep the shape of the original.
   */
  private static final List<String> IDS =
      List.of(
          "event_id",
          "complaint_id",
          "survey_id",
          "outcome_id",
          "snapshot_id",
          "alert_id",
          "quarantine_id",
          "household_id",
          "project_id");

  private static final int ROUNDS = 3;

  /** A named duration in milliseconds (of a query: the best of {@link #ROUNDS} runs). */
  record Timing(String name, double ms) {}

  record Result(
      String layout,
      long rows,
      long files,
      long bytes,
      double compactSeconds,
      double buildSeconds,
      List<Timing> slowestModels,
      List<Timing> reportQueries,
      List<Timing> drillRequests,
      double reportSeconds,
      int rowGroupsScanned,
      int rowGroupsTotal,
      StageMemory.Peak memory) {}

  private LayoutBenchmark() {}

  /**
   * Writes into {@code target} as many copies of every row of {@code source} as make about {@code
   * targetRows} rows, each copy its own files in every partition (as successive checkpoints leave
   * them), ids suffixed per copy (projects too: copy 2 of P01 is project P01~2, added to the
   * reference projects); copies the other reference files. Returns the rows.
   */
  static long scale(Path source, Path target, long targetRows) throws IOException, SQLException {
    DemoCommand.deleteRecursively(target);
    Files.createDirectories(target);
    copyDirectory(source.resolve("reference"), target.resolve("reference"));
    List<Path> tables = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(source)) {
      dirs.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().equals("reference"))
          .sorted()
          .forEach(tables::add);
    }
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duckdb.createStatement()) {
      long baseRows = 0;
      for (Path table : tables) {
        baseRows += count(s, LakeFiles.readParquet(LakeFiles.of(table)));
      }
      int copies = (int) Math.max(1, Math.round((double) targetRows / Math.max(1, baseRows)));
      long rows = 0;
      for (Path table : tables) {
        List<Path> files = LakeFiles.of(table);
        if (files.isEmpty()) {
          continue;
        }
        List<String> columns = new ArrayList<>();
        try (ResultSet rs =
            s.executeQuery("describe select * from " + LakeFiles.readParquet(files))) {
          while (rs.next()) {
            columns.add(rs.getString(1));
          }
        }
        for (int copy = 0; copy < copies; copy++) {
          List<String> replaced = new ArrayList<>();
          for (String id : IDS) {
            if (columns.contains(id)) {
              replaced.add(id + " || '~" + copy + "' as " + id);
            }
          }
          if (columns.contains("src_offset")) {
            replaced.add("src_offset + " + copy + " * 10000000000 as src_offset");
          }
          String select =
              "select * "
                  + (replaced.isEmpty() || copy == 0
                      ? ""
                      : "replace (" + String.join(", ", replaced) + ") ")
                  + "from "
                  + LakeFiles.readParquet(files);
          s.execute(
              "copy ("
                  + select
                  + ") to '"
                  + target.resolve(table.getFileName())
                  + "' (format parquet, compression zstd, partition_by (dt), "
                  + "overwrite_or_ignore true, filename_pattern 'part-copy"
                  + copy
                  + "-{i}')");
        }
        rows += count(s, LakeFiles.readParquet(LakeFiles.of(target.resolve(table.getFileName()))));
      }
      // The copies' projects: the same households and delivery dates under the suffixed ids.
      Path projects = target.resolve("reference/projects.csv");
      String union =
          IntStream.range(0, copies)
              .mapToObj(
                  c ->
                      c == 0
                          ? "select * from read_csv('" + projects + "', all_varchar = true)"
                          : "select * replace (project_id || '~"
                              + c
                              + "' as project_id) from read_csv('"
                              + projects
                              + "', all_varchar = true)")
              .collect(Collectors.joining(" union all "));
      Path scaled = target.resolve("reference/projects-scaled.csv");
      s.execute("copy (" + union + ") to '" + scaled + "' (header, delimiter ',')");
      Files.move(scaled, projects, StandardCopyOption.REPLACE_EXISTING);
      return rows;
    }
  }

  /** Measures the lake at {@code lake} as it is ({@code layout} names it in the results). */
  static Result measure(Path lake, String layout, double compactSeconds, Path work)
      throws Exception {
    long files = 0;
    long bytes = 0;
    long rows = 0;
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duckdb.createStatement();
        Stream<Path> dirs = Files.list(lake)) {
      for (Path table :
          dirs.filter(Files::isDirectory)
              .filter(d -> !d.getFileName().toString().equals("reference"))
              .toList()) {
        List<Path> tableFiles = LakeFiles.of(table);
        files += tableFiles.size();
        for (Path f : tableFiles) {
          bytes += Files.size(f);
        }
        rows += tableFiles.isEmpty() ? 0 : count(s, LakeFiles.readParquet(tableFiles));
      }
    }
    StageMemory memory = StageMemory.start();
    long start = System.nanoTime();
    try (Warehouse warehouse = Warehouse.build(lake, null, ModelCatalog.shipped())) {
      double build = (System.nanoTime() - start) / 1e9;
      List<Timing> slowest =
          warehouse.buildSeconds().entrySet().stream()
              .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
              .limit(3)
              .map(e -> new Timing(e.getKey(), e.getValue() * 1000.0))
              .toList();
      Quarter quarter = ReportCommand.resolveQuarter("latest", warehouse);
      List<Timing> reportQueries = reportQueries(warehouse, quarter);
      List<Timing> drill = drillRequests(warehouse, quarter, work);
      double report =
          best(
                  () ->
                      new ExecutiveReport(ReportTemplates.shipped(), warehouse)
                          .render(quarter, ReportLanguage.ZH_CN, ZonedDateTime.now()))
              / 1000.0;
      int[] groups = oneProjectRowGroups(lake.resolve("complaint_events"));
      return new Result(
          layout,
          rows,
          files,
          bytes,
          compactSeconds,
          build,
          slowest,
          reportQueries,
          drill,
          report,
          groups[0],
          groups[1],
          memory.stop());
    }
  }

  /**
   * Compacts every partition (the benchmark's lake is closed) as configured and returns the seconds
   * it took.
   */
  static double compact(Path lake, QualityLoopConfig config) {
    long start = System.nanoTime();
    CompactCommand.compactor(config.with("lake.root", lake.toString()), Duration.ZERO)
        .compact(LocalDate.of(9999, 1, 1));
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Each query of the quarterly report (templates/quarterly/queries) with the parameters the report
   * passes.
   */
  private static List<Timing> reportQueries(Warehouse warehouse, Quarter q) throws Exception {
    String cur = q.toString();
    String prev = q.previous().toString();
    List<String> months = q.trailingMonths(12);
    Map<String, Object[]> queries = new LinkedHashMap<>();
    queries.put("kpis", new Object[] {cur, prev, q.sameQuarterLastYear().toString()});
    queries.put("complaints_by_category", new Object[] {cur, cur, prev, prev});
    queries.put("improvement_actions", new Object[] {cur});
    queries.put("major_complaints", new Object[] {cur, cur});
    queries.put("project_league", new Object[] {cur});
    queries.put("satisfaction_trend", new Object[] {months.get(0), months.get(months.size() - 1)});
    queries.put("sla_by_department", new Object[] {cur, cur});
    queries.put("sla_by_rule", new Object[] {cur, cur, prev, prev});
    queries.put("sla_by_team", new Object[] {cur, cur});
    queries.put("top_problems", new Object[] {cur});
    List<Timing> timings = new ArrayList<>();
    for (Map.Entry<String, Object[]> e : queries.entrySet()) {
      String sql = ReportTemplates.shipped().read("quarterly/queries/" + e.getKey() + ".sql");
      timings.add(new Timing(e.getKey(), best(() -> warehouse.query(sql, e.getValue()))));
    }
    return timings;
  }

  /** Each drill-down request a quality manager makes, through the real server over HTTP. */
  private static List<Timing> drillRequests(Warehouse warehouse, Quarter q, Path work)
      throws Exception {
    Path usersFile = work.resolve("bench-users.properties");
    Files.createDirectories(work);
    Files.writeString(
        usersFile,
        Users.entry("bench", Role.QUALITY_MANAGER, "bench-password".toCharArray()),
        StandardCharsets.UTF_8);
    DrillDownServer server =
        new DrillDownServer(
                ReportTemplates.shipped(),
                warehouse,
                Users.load(usersFile, region -> List.of()),
                new Sessions(Duration.ofMinutes(30), Clock.systemUTC()),
                new AccessLog(work.resolve("bench-access.log"), Clock.systemUTC()),
                new InetSocketAddress("127.0.0.1", 0))
            .start();
    try {
      String base = "http://127.0.0.1:" + server.port();
      HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
      HttpResponse<String> login =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("user=bench&password=bench-password"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String cookie =
          login
              .headers()
              .firstValue("Set-Cookie")
              .orElseThrow(() -> new IllegalStateException("bench user could not sign in"));
      cookie = cookie.substring(0, cookie.indexOf(';'));
      ObjectMapper json = new ObjectMapper();
      String filter = "quarter=" + q;
      List<Timing> timings = new ArrayList<>();
      String path = "";
      for (String level : DrillQuery.LEVELS) {
        String url = base + "/api/drill?" + filter + "&path=" + enc(path);
        timings.add(new Timing("drill " + level, best(get(http, url, cookie))));
        JsonNode first = json.readTree(body(http, url, cookie)).path("rows").path(0);
        path =
            (path.isEmpty() ? "" : path + "/")
                + level
                + ":"
                + (first.path("key").isNull() ? "~" : first.path("key").asText());
      }
      String list = base + "/api/drill?" + filter + "&path=" + enc(path);
      timings.add(new Timing("complaint list", best(get(http, list, cookie))));
      String complaint =
          json.readTree(body(http, list, cookie))
              .path("rows")
              .path(0)
              .path("complaint_id")
              .asText();
      timings.add(
          new Timing(
              "complaint timeline",
              best(get(http, base + "/api/complaint?id=" + enc(complaint), cookie))));
      timings.add(new Timing("SLA board", best(get(http, base + "/api/sla-board", cookie))));
      timings.add(new Timing("staff scorecards", best(get(http, base + "/api/staff", cookie))));
      String staff =
          json.readTree(body(http, base + "/api/staff", cookie))
              .path("rows")
              .path(0)
              .path("staff_id")
              .asText();
      timings.add(
          new Timing(
              "staff drill-through",
              best(get(http, base + "/api/staff-detail?staff=" + enc(staff), cookie))));
      timings.add(
          new Timing(
              "CSV export (top level)",
              best(get(http, base + "/export.csv?view=drill&" + filter + "&path=", cookie))));
      return timings;
    } finally {
      server.close();
    }
  }

  /** "Row Groups Scanned: x / y" of a one-project count straight on the lake table. */
  private static int[] oneProjectRowGroups(Path table) throws SQLException {
    List<Path> files = LakeFiles.of(table);
    if (files.isEmpty()) {
      return new int[] {0, 0};
    }
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duckdb.createStatement();
        ResultSet rs =
            s.executeQuery(
                "explain analyze select count(*) from "
                    + LakeFiles.readParquet(files)
                    + " where project_id = 'P03'")) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(2));
      }
      Matcher m = Pattern.compile("Row Groups Scanned: ([\\d,]+) / ([\\d,]+)").matcher(plan);
      return m.find()
          ? new int[] {
            Integer.parseInt(m.group(1).replace(",", "")),
            Integer.parseInt(m.group(2).replace(",", ""))
          }
          : new int[] {-1, -1};
    }
  }

  private static BenchCommand.ThrowingRunnable get(HttpClient http, String url, String cookie) {
    return () -> body(http, url, cookie);
  }

  private static String body(HttpClient http, String url, String cookie) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + " gave " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** Best of {@link #ROUNDS} runs, in milliseconds. */
  private static double best(BenchCommand.ThrowingRunnable work) throws Exception {
    return BenchCommand.bestSeconds(ROUNDS, work) * 1000.0;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static long count(Statement s, String relation) throws SQLException {
    try (ResultSet rs = s.executeQuery("select count(*) from " + relation)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
