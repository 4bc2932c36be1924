package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest} without the stream: the file's name or headings tell the form, as in the inbox; a
 * file neither tells, a file that cannot be read and a stream without a file are usage errors in
 * one line, before anything starts. The imports themselves: IngestCommandITCase.
 */
class IngestArgumentsTest {
  @TempDir Path work;

  record Run(int code, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 2];
    all[0] = "--workdir";
    all[1] = work.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code =
        QualityLoopCommand.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            all);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aStreamWithoutAFileAsksForTheFile() {
    Run r = run("ingest", "complaint-events");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "qualityloop: name the file to import: qualityloop ingest complaint-events <file>"
                + System.lineSeparator());
  }

  @Test
  void aFileWhoseNameAndHeadingsTellNoFormAsksForTheStream() throws Exception {
    Path export = Files.writeString(work.resolve("export-2026-09.csv"), "编号,日期\n1,2026-09-01\n");

    Run r = run("ingest", export.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "qualityloop: cannot tell which form "
                + export
                + " is: its name names none and its headings are not those of exactly one form;"
                + " name the stream: qualityloop ingest complaint-events "
                + export
                + " (or service-interactions, callback-surveys)"
                + System.lineSeparator());
    assertThat(r.out()).isEmpty();
  }

  @Test
  void anOldXlsFileIsSaidToBeUnreadableOnceNamed() throws Exception {
    Path old = Files.write(work.resolve("回访.xls"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11});

    Run r = run("ingest", old.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("qualityloop: cannot import: ").contains(".xls");
    assertThat(r.err().split("回访\\.xls", -1)).as(r.err()).hasSize(2);
  }

  @Test
  void anUnknownStreamIsNamed() throws Exception {
    Path form = Files.writeString(work.resolve("客户投诉单.csv"), "x\n");

    Run r = run("ingest", "complaints", form.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "qualityloop: unknown stream 'complaints': use service-interactions, complaint-events"
                + " or callback-surveys.");
  }
}
