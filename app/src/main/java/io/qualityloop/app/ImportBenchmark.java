package io.qualityloop.app;

import io.qualityloop.events.EventStream;
import io.qualityloop.events.validation.EventValidator;
import io.qualityloop.ingestion.importer.FileImporter;
import io.qualityloop.ingestion.importer.FormMapping;
import io.qualityloop.ingestion.importer.TableReader;
import io.qualityloop.jobs.PseudonymKeys;
import io.qualityloop.jobs.QualityLoopConfig;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qualityloop bench import}: writes a large GBK complaint form (客户投诉单) from the sample's
 * valid rows, each copy with its own complaint and event ids, then times the importer (decode, map,
 * pseudonymise, validate, scrub) against the baseline of parsing the same CSV with the same parser.
 * The file is an import input with the sample's raw personal columns, so it is temporary unless
 * {@code --keep-file} names where to keep it. Publishing and the jobs are left out: {@code time
 * ./qualityloop ingest complaint-events <kept file>} measures the whole path.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Throughput of a GBK CSV import, against plain CSV parsing.")
final class ImportBenchmark implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--rows",
      defaultValue = "100000",
      description = "Rows of the generated file. Default: ${DEFAULT-VALUE}.")
  private int rows;

  @Option(
      names = "--template",
      defaultValue = "examples/imports/客户投诉单.csv",
      description = "The form whose valid rows are copied. Default: ${DEFAULT-VALUE}.")
  private Path template;

  @Option(
      names = "--keep-file",
      description =
          "Write the generated GBK file here and keep it (e.g. to time 'qualityloop ingest' on it)."
              + " Default: a temporary file, deleted afterwards: it holds the sample's raw phone"
              + " numbers.")
  private Path keptFile;

  private Path file;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "Timed passes; the best counts. Default: ${DEFAULT-VALUE}.")
  private int rounds;

  @Override
  public Integer call() throws Exception {
    QualityLoopCommand root = (QualityLoopCommand) spec.root().userObject();
    QualityLoopConfig config = root.config();
    var out = root.out();
    FileImporter importer =
        new FileImporter(
            EventStream.COMPLAINT_EVENTS,
            FormMapping.shipped(EventStream.COMPLAINT_EVENTS),
            new EventValidator(EventStream.COMPLAINT_EVENTS, config.validationRules()),
            PseudonymKeys.pseudonymizer(config),
            config.zone(),
            Clock.systemUTC());

    Path scratchDir = Files.createTempDirectory("qualityloop-bench-");
    try {
      file = keptFile != null ? keptFile : scratchDir.resolve("complaints-" + rows + ".csv");
      return run(importer, scratchDir, out);
    } finally {
      DemoCommand.deleteRecursively(scratchDir);
    }
  }

  private int run(FileImporter importer, Path scratchDir, PrintStream out) throws Exception {
    // The template's valid rows: import a copy (the rejects file goes beside the copy, not the
    // template).
    Set<String> valid = new HashSet<>();
    Path scratch = scratchDir.resolve(template.getFileName());
    Files.copy(template, scratch);
    importer.run(scratch, "auto", e -> valid.add(e.eventId()), n -> {});
    TableReader reader = TableReader.open(template, "auto");
    List<List<String>> templateRows = new ArrayList<>();
    reader.forEachRow(
        r -> {
          if (valid.contains(r.cells().get(0))) {
            templateRows.add(r.cells());
          }
        });
    writeGbk(reader.headings(), templateRows);
    out.printf(
        "%s: %,d rows in GBK (%,.1f MiB) from the %d valid rows of %s%n",
        file, rows, Files.size(file) / 1048576.0, templateRows.size(), template);

    long[] sink = {0};
    double parse =
        BenchCommand.bestSeconds(
            rounds,
            () -> TableReader.open(file, "auto").forEachRow(r -> sink[0] += r.cells().size()));
    long[] published = {0};
    double imported =
        BenchCommand.bestSeconds(
            rounds,
            () -> {
              published[0] = 0;
              importer.run(file, "auto", e -> published[0]++, n -> {});
            });
    if (published[0] != rows) {
      out.println(
          "expected every row to be published, but " + published[0] + " of " + rows + " were");
      return 1;
    }
    out.printf("%-52s %12s %8s%n", "step (best of " + rounds + ")", "rows/s", "ratio");
    out.printf(
        "%-52s %,12.0f %8.2f%n",
        "baseline: detect encoding + parse CSV (Commons CSV)", rows / parse, 1.0);
    out.printf(
        "%-52s %,12.0f %8.2f%n",
        "import: + map, pseudonymise, validate, scrub", rows / imported, parse / imported);
    out.println("(checksum " + sink[0] + ")");
    return 0;
  }

  private void writeGbk(List<String> headings, List<List<String>> templateRows) throws Exception {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (BufferedWriter w = Files.newBufferedWriter(file, Charset.forName("GBK"));
        CSVPrinter csv =
            new CSVPrinter(
                w, CSVFormat.DEFAULT.builder().setHeader(headings.toArray(String[]::new)).get())) {
      for (int i = 0; i < rows; i++) {
        List<String> row = new ArrayList<>(templateRows.get(i % templateRows.size()));
        String copy = "K" + (i / templateRows.size());
        // 事件编号 C2026090200001-01 and 投诉单号 C2026090200001: every copy its own complaint.
        String complaint = row.get(1);
        row.set(0, row.get(0).replace(complaint, complaint + copy));
        row.set(1, complaint + copy);
        csv.printRecord(row);
      }
    }
  }
}
