package io.qualityloop.reports;

import io.qualityloop.events.privacy.OwnerOnly;
import io.qualityloop.events.privacy.TextScrubber;
import io.qualityloop.warehouse.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The complaint-level export: one row per complaint of a quarter with every milestone, each
 * deadline's outcome and the callback scores, as CSV (UTF-8 with BOM), JSON or xlsx (fastexcel),
 * for the quality managers' own spreadsheets. Cells follow {@link Tabular}: text neutralised
 * against formula injection, numbers as numbers.
 */
public final class ComplaintExport {
  private final ReportTemplates templates;
  private final Warehouse warehouse;

  public ComplaintExport(ReportTemplates templates, Warehouse warehouse) {
    this.templates = templates;
    this.warehouse = warehouse;
  }

  public List<Map<String, Object>> rows(Quarter quarter, List<String> visibleProjects) {
    return warehouse.query(
        templates.read("export/complaints.sql"),
        quarter.toString(),
        visibleProjects == null ? null : String.join(",", visibleProjects));
  }

  /**
   * Writes {@code file}: xlsx or JSON (an array of rows) when its name ends in .xlsx or .json, else
   * CSV. Returns the number of complaints.
   */
  public int write(Quarter quarter, List<String> visibleProjects, Path file) {
    List<Map<String, Object>> rows = rows(quarter, visibleProjects);
    List<String> columns =
        rows.isEmpty() ? List.of("complaint_id") : new ArrayList<>(rows.get(0).keySet());
    try {
      OwnerOnly.ensureFile(file); // complaint-level records: owner-only from the start
      String name = file.getFileName().toString();
      if (name.endsWith(".xlsx")) {
        writeXlsx(rows, columns, file);
      } else if (name.endsWith(".json")) {
        writeJson(rows, file);
      } else {
        writeCsv(rows, columns, file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export " + file, e);
    }
    return rows.size();
  }

  private static void writeCsv(List<Map<String, Object>> rows, List<String> columns, Path file)
      throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write('\ufeff');
      Tabular.csv(columns, rows, out);
    }
  }

  private static void writeJson(List<Map<String, Object>> rows, Path file) throws IOException {
    Tabular.json().writeValue(file.toFile(), Tabular.jsonRows(rows));
  }

  private static void writeXlsx(List<Map<String, Object>> rows, List<String> columns, Path file)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      Workbook wb = new Workbook(out, "QualityLoop", "1.0");
      Worksheet ws = wb.newWorksheet("complaints");
      for (int c = 0; c < columns.size(); c++) {
        ws.value(0, c, columns.get(c));
        ws.style(0, c).bold().set();
      }
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < columns.size(); c++) {
          Object v = rows.get(r).get(columns.get(c));
          if (v == null) {
            continue;
          }
          if (v instanceof Number n) {
            ws.value(r + 1, c, n);
          } else if (v instanceof Boolean b) {
            ws.value(r + 1, c, b);
          } else if (v instanceof LocalDateTime t) {
            ws.value(r + 1, c, t);
            ws.style(r + 1, c).format("yyyy-mm-dd hh:mm").set();
          } else if (v instanceof Timestamp t) {
            ws.value(r + 1, c, t.toLocalDateTime());
            ws.style(r + 1, c).format("yyyy-mm-dd hh:mm").set();
          } else {
            ws.value(r + 1, c, TextScrubber.defuseFormula(v.toString()));
          }
        }
      }
      ws.freezePane(1, 1);
      wb.finish();
    }
  }
}
