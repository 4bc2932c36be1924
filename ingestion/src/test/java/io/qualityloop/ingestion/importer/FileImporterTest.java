package io.qualityloop.ingestion.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.events.CallbackSurvey;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.Pseudonymizer;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.events.ServiceInteraction;
import io.qualityloop.events.validation.EventValidator;
import io.qualityloop.events.validation.ValidationRules;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped sample forms under examples/imports and the importer's bad-input cases. */
class FileImporterTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
  private static final Pseudonymizer KEY =
      new Pseudonymizer("test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private static final Path EXAMPLES = Path.of("..", "examples", "imports");
  private static final List<String> PERSONAL =
      List.of(
          "13700003333",
          "王先生",
          "110101198001011234",
          "江南大道",
          "13900002222",
          "13800001111",
          "zhang@example.com",
          "刘女士");

  @TempDir Path dir;
  private final List<QualityEvent> published = new ArrayList<>();

  private ImportSummary importFile(EventStream stream, Path file) throws Exception {
    return importer(stream).run(file, "auto", published::add, n -> {});
  }

  private static FileImporter importer(EventStream stream) {
    ValidationRules rules =
        ValidationRules.defaults().withReference(Set.of("P01", "P02"), Set.of());
    return new FileImporter(
        stream, FormMapping.shipped(stream), new EventValidator(stream, rules), KEY, SHANGHAI, NOW);
  }

  private Path copy(String example) throws Exception {
    Path target = dir.resolve(example);
    Files.copy(EXAMPLES.resolve(example), target);
    return target;
  }

  private String allPublishedJson() {
    StringBuilder sb = new StringBuilder();
    for (QualityEvent e : published) {
      sb.append(new String(EventCodec.forStream(streamOf(e)).encode(e), StandardCharsets.UTF_8))
          .append('\n');
    }
    return sb.toString();
  }

  private static EventStream streamOf(QualityEvent e) {
    return e instanceof ComplaintEvent
        ? EventStream.COMPLAINT_EVENTS
        : e instanceof CallbackSurvey
            ? EventStream.CALLBACK_SURVEYS
            : EventStream.SERVICE_INTERACTIONS;
  }

  @Test
  void theCallsRegisterInUtf8LandsWithPseudonymousHouseholdsAndScrubbedText() throws Exception {
    ImportSummary s = importFile(EventStream.SERVICE_INTERACTIONS, copy("来电来访登记表.csv"));

    assertThat(s.describe()).endsWith("(UTF-8): 5 rows read, 5 published, 0 rejected");
    ServiceInteraction repair = (ServiceInteraction) published.get(1);
    assertThat(repair.kind().name()).isEqualTo("REPAIR_REQUEST");
    assertThat(repair.occurredAt()).hasToString("2026-09-01T10:40+08:00");
    assertThat(repair.promiseKept()).isTrue();
    assertThat(repair.summary()).isEqualTo("厨房水龙头漏水，业主电话[手机号]");
    assertThat(repair.householdId()).isEqualTo(KEY.pseudonym("hh", "P01|5|1|0801"));
    // the room leaves the import only as its pseudonym (room key derived from the key): no raw room
    // on Kafka
    assertThat(repair.building()).isEqualTo("5");
    assertThat(repair.unit()).isEqualTo("1");
    assertThat(repair.room()).isNull();
    assertThat(repair.roomPseudonym())
        .isEqualTo(KEY.derived("room").pseudonym("rm", "P01|5|1|0801"));
    assertThat(published).allSatisfy(e -> assertThat(((ServiceInteraction) e).room()).isNull());
    assertThat(((ServiceInteraction) published.get(4)).summary()).startsWith("'=HYPERLINK(");
    assertThat(allPublishedJson()).doesNotContain(PERSONAL.toArray(String[]::new));
  }

  @Test
  void theComplaintFormInGbkIsDetectedAndBadRowsGoToTheRejectsFileWithLineAndReason()
      throws Exception {
    Path file = copy("客户投诉单.csv");

    ImportSummary s = importFile(EventStream.COMPLAINT_EVENTS, file);

    assertThat(s.encoding()).isEqualTo("GB18030");
    assertThat(s.read()).isEqualTo(12);
    assertThat(s.published()).isEqualTo(10);
    assertThat(s.rejected()).isEqualTo(2);
    ComplaintEvent workOrder = (ComplaintEvent) published.get(3);
    assertThat(workOrder.trades()).containsExactly("防水", "泥瓦");
    assertThat(((ComplaintEvent) published.get(1)).responsibleDepartment())
        .isEqualTo("engineering");
    assertThat(((ComplaintEvent) published.get(0)).description()).isEqualTo("外墙渗水影响卧室，联系[手机号]");
    assertThat(allPublishedJson()).doesNotContain(PERSONAL.toArray(String[]::new));

    List<String> rejects =
        Files.readAllLines(FileImporter.rejectsFileOf(file), StandardCharsets.UTF_8);
    assertThat(rejects).hasSize(3);
    assertThat(rejects.get(1))
        .startsWith(
            "12,LIFECYCLE_MISMATCH,event C2026090500002-02 at 客户投诉单.csv:12 (ACCEPTED): an accepted"
                + " complaint needs its category");
    assertThat(rejects.get(2))
        .startsWith(
            "13,UNMAPPABLE,客户投诉单.csv:13: column 发生时间: '2026-13-05 12:00' is not a date and time"
                + " such as 2026-03-05 09:12");
  }

  @Test
  void aLinePastedInFromAUtf8FileIntoAGbkFileIsRejectedSayingSo() throws Exception {
    Path file = copy("客户投诉单.csv");
    List<String> lines = Files.readAllLines(file, Charset.forName("GB18030"));
    String second = lines.get(1);
    // the first step again, as a UTF-8 file holds it, appended to the GBK file's bytes
    Files.write(
        file,
        ("\r\n" + second.replace(second.split(",", 2)[0], "C2026099900001-01"))
            .getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);

    ImportSummary s = importFile(EventStream.COMPLAINT_EVENTS, file);

    assertThat(s.encoding()).isEqualTo("GB18030");
    assertThat(s.rejected()).isEqualTo(3);
    List<String> rejects =
        Files.readAllLines(FileImporter.rejectsFileOf(file), StandardCharsets.UTF_8);
    assertThat(rejects.get(3))
        .as("the pasted line")
        .contains("this line's bytes do not read as GB18030, the encoding of the rest of the file")
        .contains("save the whole file in one encoding");
    assertThat(rejects.subList(1, 3))
        .as("the file's own bad lines")
        .noneMatch(r -> r.contains("encoding"));
  }

  @Test
  void theCustomersNameTypedIntoTheRowsFreeTextIsScrubbedLikeTheirPhone() throws Exception {
    // the shipped form's first step, its customer 孙悟空, who is named in its description too
    List<CSVRecord> records;
    List<String> headings;
    try (CSVParser csv =
        CSVParser.parse(
            EXAMPLES.resolve("客户投诉单.csv"),
            Charset.forName("GB18030"),
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      records = csv.getRecords();
      headings = csv.getHeaderNames();
    }
    List<String> row = new ArrayList<>(records.get(0).toList());
    row.set(headings.indexOf("客户姓名"), "孙悟空");
    row.set(
        headings.indexOf("投诉内容"),
        "阳台栏杆松动，业主孙悟空电话13811112222，身份证330106199001011234；孙先生晚上在家，孙女士白天在家");
    Path file = dir.resolve("named.csv");
    try (CSVPrinter out =
        new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), CSVFormat.DEFAULT)) {
      out.printRecord(headings);
      out.printRecord(row);
    }

    ImportSummary s = importFile(EventStream.COMPLAINT_EVENTS, file);

    assertThat(s.published()).isEqualTo(1);
    assertThat(((ComplaintEvent) published.get(0)).description())
        .isEqualTo("阳台栏杆松动，业主[姓名]电话[手机号]，身份证[身份证号]；[姓名]晚上在家，[姓名]白天在家");
    assertThat(allPublishedJson()).doesNotContain("孙悟空", "孙先生", "孙女士");
  }

  @Test
  void theSurveyWorkbookIsReadFromItsFirstSheet() throws Exception {
    ImportSummary s = importFile(EventStream.CALLBACK_SURVEYS, copy("客户满意度调查表.xlsx"));

    assertThat(s.describe()).contains("(xlsx): 4 rows read, 3 published, 1 rejected");
    CallbackSurvey annual = (CallbackSurvey) published.get(2);
    assertThat(annual.scoreOverall()).isEqualTo(3);
    assertThat(annual.nps()).isEqualTo(6);
    assertThat(annual.dissatisfiedItems()).containsExactly("响应速度", "处理结果");
    assertThat(annual.comment()).isEqualTo("车位问题一直没解决，联系邮箱 [邮箱]");
    assertThat(allPublishedJson()).doesNotContain(PERSONAL.toArray(String[]::new));
    assertThat(Files.readString(FileImporter.rejectsFileOf(dir.resolve("客户满意度调查表.xlsx"))))
        .contains("5,SCHEMA_VIOLATION,", "/score_overall: must have a maximum value of 5");
  }

  @Test
  void anEmptyFileIsAClearErrorNotAStackTrace() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.csv"));

    assertThatThrownBy(() -> importFile(EventStream.COMPLAINT_EVENTS, empty))
        .isInstanceOf(FileImporter.ImportException.class)
        .hasMessage(empty + " is empty: no heading row");
  }

  @Test
  void aFileThatIsGoneOrUnreadableSaysSoNotOnlyItsPath() throws Exception {
    Path gone = dir.resolve("gone.csv");

    assertThatThrownBy(() -> importFile(EventStream.COMPLAINT_EVENTS, gone))
        .isInstanceOf(FileImporter.ImportException.class)
        .hasMessage(gone + ": no such file");
  }

  @Test
  void aWorkbookThatIsNoXlsxSaysWhatItIsNot() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.xlsx"));
    Path renamedCsv = dir.resolve("renamed.xlsx");
    Files.writeString(renamedCsv, "编号,日期\n1,2026-01-01\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> importFile(EventStream.CALLBACK_SURVEYS, empty))
        .isInstanceOf(FileImporter.ImportException.class)
        .hasMessageStartingWith(empty + " is not an Excel workbook (.xlsx): the file is empty")
        .hasMessageNotContaining("Zip");
    assertThatThrownBy(() -> importFile(EventStream.CALLBACK_SURVEYS, renamedCsv))
        .isInstanceOf(FileImporter.ImportException.class)
        .hasMessageContaining(
            "renamed.xlsx is not an Excel workbook (.xlsx): save it from Excel as \"Excel Workbook"
                + " (*.xlsx)\"");
  }

  @Test
  void aFileOfOnlyHeadingsImportsNothingAndSaysSo() throws Exception {
    Path headings = dir.resolve("headings.csv");
    Files.writeString(headings, "事件编号,投诉单号,发生时间,环节,项目编号\n", StandardCharsets.UTF_8);

    ImportSummary s = importFile(EventStream.COMPLAINT_EVENTS, headings);

    assertThat(s.read()).isZero();
    assertThat(s.published()).isZero();
    assertThat(Files.exists(FileImporter.rejectsFileOf(headings))).isFalse();
  }

  @Test
  void aFileOfAnotherFormNamesTheMissingColumns() throws Exception {
    Path other = dir.resolve("other.csv");
    Files.writeString(other, "编号,日期\n1,2026-01-01\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> importFile(EventStream.COMPLAINT_EVENTS, other))
        .isInstanceOf(FileImporter.ImportException.class)
        .hasMessageContaining("is not a 客户投诉单: it has no column for event_id (heading 事件编号)")
        .hasMessageContaining("Its headings are: 编号, 日期")
        .hasMessageNotContaining("They are the headings of");
  }

  @Test
  void aFormImportedAsAnotherStreamSaysWhichFormItIs() throws Exception {
    assertThatThrownBy(() -> importFile(EventStream.COMPLAINT_EVENTS, copy("客户满意度调查表.xlsx")))
        .isInstanceOf(FileImporter.ImportException.class)
        .hasMessageContaining("is not a 客户投诉单: it has no column for event_id (heading 事件编号)")
        .hasMessageEndingWith(". They are the headings of a 客户满意度调查表 (callback-surveys)");
  }

  @Test
  void aGbkFileIsReadAsGbkEvenWithOnlyAFewChineseCharacters() throws Exception {
    Path gbk = dir.resolve("gbk.csv");
    Files.writeString(
        gbk,
        "登记编号,来电时间,渠道,类型,项目编号,内容摘要\nR1,2026-09-01 09:00,电话,咨询,P01,停车\n",
        Charset.forName("GBK"));

    ImportSummary s = importFile(EventStream.SERVICE_INTERACTIONS, gbk);

    assertThat(s.encoding()).isEqualTo("GB18030");
    assertThat(((ServiceInteraction) published.get(0)).summary()).isEqualTo("停车");
  }

  @Test
  void excelsUnicodeTextIsReadAsUtf16WithItsTabsAndUtf16WithoutAByteOrderMarkToo()
      throws Exception {
    List<CSVRecord> records;
    try (CSVParser csv =
        CSVParser.parse(
            EXAMPLES.resolve("来电来访登记表.csv"), StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
      records = csv.getRecords();
    }
    // Excel's "Unicode text": UTF-16LE after the byte-order mark FF FE, cells between tabs
    StringBuilder tabs = new StringBuilder();
    try (CSVPrinter out =
        new CSVPrinter(tabs, CSVFormat.DEFAULT.builder().setDelimiter('\t').get())) {
      for (CSVRecord r : records) {
        out.printRecord(r.toList().stream().map(c -> c.replace("\uFEFF", "")).toList());
      }
    }
    Path unicodeText = dir.resolve("来电来访登记表-unicode.txt");
    Files.write(
        unicodeText,
        concat(
            new byte[] {(byte) 0xFF, (byte) 0xFE},
            tabs.toString().getBytes(StandardCharsets.UTF_16LE)));
    // without a byte-order mark: ASCII's every other byte is a NUL
    Path noBom = dir.resolve("来电来访登记表-utf16.csv");
    Files.write(
        noBom,
        Files.readString(EXAMPLES.resolve("来电来访登记表.csv"), StandardCharsets.UTF_8)
            .replace("\uFEFF", "")
            .getBytes(StandardCharsets.UTF_16LE));

    ImportSummary fromUnicodeText = importFile(EventStream.SERVICE_INTERACTIONS, unicodeText);
    String events = allPublishedJson();
    published.clear();
    ImportSummary fromNoBom = importFile(EventStream.SERVICE_INTERACTIONS, noBom);

    assertThat(fromUnicodeText.describe())
        .endsWith("(UTF-16): 5 rows read, 5 published, 0 rejected");
    assertThat(fromNoBom.describe()).endsWith("(UTF-16LE): 5 rows read, 5 published, 0 rejected");
    assertThat(allPublishedJson()).isEqualTo(events);
    published.clear();
    importFile(EventStream.SERVICE_INTERACTIONS, copy("来电来访登记表.csv"));
    assertThat(allPublishedJson()).as("the same events as the UTF-8 form").isEqualTo(events);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void aFileOfBytesThatAreNoTextIsRefusedWithoutThemInTheMessage() throws Exception {
    byte[] bytes = new byte[300];
    new Random(20261123).nextBytes(bytes);
    Path binary = dir.resolve("来电来访登记表.csv");
    Files.write(binary, bytes);
    // bytes without a control character among them, which decode to no text in GB18030
    byte[] high = bytes.clone();
    for (int i = 0; i < high.length; i++) {
      high[i] |= (byte) 0x80;
    }
    Path noControls = dir.resolve("客户投诉单.csv");
    Files.write(noControls, high);
    // text decoded as the wrong encoding: UTF-16 given as GBK
    Path wrongEncoding = dir.resolve("登记表-utf16.csv");
    Files.writeString(wrongEncoding, "登记编号,来电时间\nR1,2026-09-01\n", StandardCharsets.UTF_16LE);

    for (ThrowingCallable refused :
        List.<ThrowingCallable>of(
            () -> importFile(EventStream.SERVICE_INTERACTIONS, binary),
            () -> importFile(EventStream.COMPLAINT_EVENTS, noControls),
            () ->
                importer(EventStream.SERVICE_INTERACTIONS)
                    .run(wrongEncoding, "GBK", published::add, n -> {}))) {
      assertThatThrownBy(refused)
          .isInstanceOf(FileImporter.ImportException.class)
          .hasMessageContaining("is not a text file (CSV)")
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .doesNotContainPattern("[\\p{Cc}\\p{Co}\\p{Cn}\\uFFFD]")
                      .hasSizeLessThan(300));
    }
  }

  @Test
  void aRowAfterACellSpanningLinesIsReportedAtTheLineItStartsOn() throws Exception {
    Path file = dir.resolve("multiline.csv");
    Files.writeString(
        file,
        "登记编号,来电时间,渠道,类型,项目编号,内容摘要\n"
            + "R1,2026-09-01 09:00,电话,咨询,P01,\"第一行\n第二行\n第三行\"\n"
            + "R2,2026-13-01 09:00,电话,咨询,P01,日期错误\n",
        StandardCharsets.UTF_8);

    ImportSummary s = importFile(EventStream.SERVICE_INTERACTIONS, file);

    assertThat(s.published()).isEqualTo(1);
    assertThat(((ServiceInteraction) published.get(0)).summary()).isEqualTo("第一行\n第二行\n第三行");
    // Heading line 1, R1 lines 2-4, R2 line 5.
    assertThat(Files.readAllLines(FileImporter.rejectsFileOf(file), StandardCharsets.UTF_8).get(1))
        .startsWith("5,UNMAPPABLE,multiline.csv:5: ");
  }

  @Test
  void aRowAfterBlankLinesIsReportedAtItsLineAndRowsOfEmptyCellsAreNoRows() throws Exception {
    Path file = dir.resolve("blank-lines.csv");
    Files.writeString(
        file,
        "登记编号,来电时间,渠道,类型,项目编号,内容摘要\r\n"
            + "R1,2026-09-01 09:00,电话,咨询,P01,正常\r\n"
            + "\r\n"
            + "\r\n"
            + ",,,,,\r\n"
            + "R2,2026-13-01 09:00,电话,咨询,P01,日期错误\r\n"
            + ",,,,,\r\n",
        StandardCharsets.UTF_8);

    ImportSummary s = importFile(EventStream.SERVICE_INTERACTIONS, file);

    // Heading line 1, R1 line 2, blank lines 3-4, empty cells line 5, R2 line 6, empty cells line
    // 7.
    assertThat(s.read()).isEqualTo(2);
    assertThat(s.published()).isEqualTo(1);
    List<String> rejects =
        Files.readAllLines(FileImporter.rejectsFileOf(file), StandardCharsets.UTF_8);
    assertThat(rejects).hasSize(2);
    assertThat(rejects.get(1)).startsWith("6,UNMAPPABLE,blank-lines.csv:6: ");
  }

  @Test
  void aCsvRowWithMoreCellsThanTheHeadingRowIsRejectedNotReadInTheWrongColumns() throws Exception {
    Path file = dir.resolve("unquoted-comma.csv");
    Files.writeString(
        file,
        "登记编号,来电时间,渠道,类型,项目编号,内容摘要\n"
            + "R1,2026-09-01 09:00,电话,咨询,P01,停车,收费\n" // 停车,收费 without quotes
            + "R2,2026-09-01 10:00,电话,咨询,P01,\"停车,收费\"\n"
            // 内容摘要 "门禁," without quotes: the extra cell is empty
            + "R3,2026-09-01 11:00,电话,咨询,P01,门禁,\n",
        StandardCharsets.UTF_8);

    ImportSummary s = importFile(EventStream.SERVICE_INTERACTIONS, file);

    assertThat(s.published()).isEqualTo(1);
    assertThat(published.stream().map(e -> ((ServiceInteraction) e).summary()))
        .containsExactly("停车,收费");
    List<String> rejects =
        Files.readAllLines(FileImporter.rejectsFileOf(file), StandardCharsets.UTF_8);
    assertThat(rejects.get(1))
        .startsWith(
            "2,UNMAPPABLE,\"unquoted-comma.csv:2: 7 cells, but the heading row has 6: a cell"
                + " holding a comma without quotes around it?");
    assertThat(rejects.get(2)).startsWith("4,UNMAPPABLE,\"unquoted-comma.csv:4: 7 cells, but ");
  }

  @Test
  void aComplaintRowWithAnUnquotedCommaBeforeItsEmptyLastColumnsIsRejectedNotShifted()
      throws Exception {
    // the shipped form's first step with 投诉内容 门窗漏风,还有噪音 without quotes: 原因说明 and 延期至
    // are empty, so the row's extra cell is empty too, and its description would be split into
    // 门窗漏风 and a 原因说明 还有噪音
    List<String> headings;
    List<String> cells;
    try (CSVParser csv =
        CSVParser.parse(
            EXAMPLES.resolve("客户投诉单.csv"),
            Charset.forName("GB18030"),
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      cells = new ArrayList<>(csv.getRecords().get(0).toList());
      headings = csv.getHeaderNames();
    }
    assertThat(headings.subList(headings.size() - 3, headings.size()))
        .containsExactly("投诉内容", "原因说明", "延期至");
    cells.set(headings.indexOf("投诉内容"), "门窗漏风,还有噪音");
    Path file = dir.resolve("comma.csv");
    Files.writeString(
        file,
        String.join(",", headings) + "\n" + String.join(",", cells) + "\n",
        StandardCharsets.UTF_8);

    ImportSummary s = importFile(EventStream.COMPLAINT_EVENTS, file);

    assertThat(s.published()).isZero();
    assertThat(s.rejected()).isEqualTo(1);
    assertThat(Files.readAllLines(FileImporter.rejectsFileOf(file), StandardCharsets.UTF_8).get(1))
        .startsWith(
            "2,UNMAPPABLE,\"comma.csv:2: 32 cells, but the heading row has 31: a cell holding a"
                + " comma without quotes around it?");
  }

  @Test
  void rowsPaddedWithEmptyCellsToTheWidthOfTheHeadingRowImport() throws Exception {
    // as Excel saves a sheet with a note once typed right of the table: every row as wide
    Path file = dir.resolve("padded.csv");
    Files.writeString(
        file,
        "登记编号,来电时间,渠道,类型,项目编号,内容摘要,,\n"
            + "R1,2026-09-01 09:00,电话,咨询,P01,停车,,\n"
            + "R2,2026-09-01 10:00,电话,咨询,P01,门禁\n"
            + "R3,2026-09-01 11:00,电话,咨询,P01,门禁,,,\n", // wider than the heading row
        StandardCharsets.UTF_8);

    ImportSummary s = importFile(EventStream.SERVICE_INTERACTIONS, file);

    assertThat(s.published()).isEqualTo(2);
    assertThat(published.stream().map(e -> ((ServiceInteraction) e).summary()))
        .containsExactly("停车", "门禁");
    assertThat(Files.readAllLines(FileImporter.rejectsFileOf(file), StandardCharsets.UTF_8).get(1))
        .startsWith("4,UNMAPPABLE,\"padded.csv:4: 9 cells, but the heading row has 8: ");
  }

  @Test
  void aTitleAndAFormDateAboveTheHeadingsAreNoRowsAndLinesStayTheFilesLines() throws Exception {
    Path file = dir.resolve("titled.csv");
    Files.writeString(
        file,
        "来电来访登记表（2026年9月）,,,,,\n"
            + "填表单位：滨江花园客服中心,,,填表日期：2026-10-01,,\n"
            + "\n"
            + "登记编号,来电时间,渠道,类型,项目编号,内容摘要\n"
            + "R1,2026-09-01 09:00,电话,咨询,P01,正常\n"
            + "R2,2026-13-01 09:00,电话,咨询,P01,日期错误\n",
        StandardCharsets.UTF_8);

    ImportSummary s = importFile(EventStream.SERVICE_INTERACTIONS, file);

    assertThat(s.read()).isEqualTo(2);
    assertThat(importer(EventStream.SERVICE_INTERACTIONS).rowsIn(file, "auto"))
        .as("the progress bar's total: the title, the form date and the blank line are no rows")
        .isEqualTo(2);
    assertThat(s.published()).isEqualTo(1);
    assertThat(((ServiceInteraction) published.get(0)).summary()).isEqualTo("正常");
    assertThat(Files.readAllLines(FileImporter.rejectsFileOf(file), StandardCharsets.UTF_8).get(1))
        .startsWith("6,UNMAPPABLE,titled.csv:6: ");
  }

  @Test
  void aWorkbookWithATitleRowAboveTheHeadingsIsReadFromTheRowAfterThem() throws Exception {
    Path file = dir.resolve("titled.xlsx");
    try (OutputStream out = Files.newOutputStream(file);
        Workbook wb = new Workbook(out, "QualityLoop test", "1.0")) {
      Worksheet sheet = wb.newWorksheet("登记表");
      sheet.value(0, 0, "来电来访登记表（2026年9月）");
      sheet.range(0, 0, 0, 5).merge();
      List<List<String>> rows =
          List.of(
              List.of("登记编号", "来电时间", "渠道", "类型", "项目编号", "内容摘要"),
              List.of("R1", "2026-09-01 09:00", "电话", "咨询", "P01", "正常"),
              List.of("R2", "2026-09-02 10:00", "微信", "报修", "P02", "漏水"));
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < rows.get(r).size(); c++) {
          sheet.value(r + 2, c, rows.get(r).get(c)); // row 2 (the third) is the headings
        }
      }
    }

    ImportSummary s = importFile(EventStream.SERVICE_INTERACTIONS, file);

    assertThat(s.describe()).contains("(xlsx): 2 rows read, 2 published, 0 rejected");
    assertThat(importer(EventStream.SERVICE_INTERACTIONS).rowsIn(file, "auto")).isEqualTo(2);
    assertThat(published.stream().map(e -> ((ServiceInteraction) e).summary()))
        .containsExactly("正常", "漏水");
  }

  @Test
  void cellsMergedOverAComplaintsStepRowsGiveTheirValueToEveryRowTheySpan() throws Exception {
    Path file = mergedComplaintForm("客户投诉单.xlsx", 0);

    ImportSummary fromCsv = importFile(EventStream.COMPLAINT_EVENTS, copy("客户投诉单.csv"));
    String csvEvents = allPublishedJson();
    published.clear();
    ImportSummary fromWorkbook = importFile(EventStream.COMPLAINT_EVENTS, file);

    assertThat(fromWorkbook.describe()).contains("(xlsx): 12 rows read, 10 published, 2 rejected");
    assertThat(fromCsv.published()).isEqualTo(10);
    assertThat(allPublishedJson())
        .as("the same events as the form's CSV, whose every row has its number and room")
        .isEqualTo(csvEvents);
    assertThat(((ComplaintEvent) published.get(0)).description()).isEqualTo("外墙渗水影响卧室，联系[手机号]");
    assertThat(published)
        .extracting(e -> ((ComplaintEvent) e).complaintId())
        .containsOnly("C2026090200001", "C2026090500002");
  }

  @Test
  void aWorkbookWithATitleMergedAboveItsHeadingsAndItsSheetInAPartOfAnyNameReadsAsTheForm()
      throws Exception {
    // Two title lines merged across the first columns and down over both lines, above the
    // headings: the headings are found below them and the title fills no row. The sheet's part is
    // not xl/worksheets/sheet1.xml: the workbook's relationships name it (with the part looked up
    // under that name, this test fails).
    Path file = mergedComplaintForm("客户投诉单-titled.xlsx", 2);
    renameZipEntry(file, "xl/worksheets/sheet1.xml", "xl/worksheets/投诉.xml");
    assertThat(zipEntryNames(file)).contains("xl/worksheets/投诉.xml");

    importFile(EventStream.COMPLAINT_EVENTS, copy("客户投诉单.csv"));
    String csvEvents = allPublishedJson();
    published.clear();
    ImportSummary fromWorkbook = importFile(EventStream.COMPLAINT_EVENTS, file);

    assertThat(fromWorkbook.describe()).contains("(xlsx): 12 rows read, 10 published, 2 rejected");
    assertThat(allPublishedJson()).isEqualTo(csvEvents);
  }

  /**
   * The shipped 客户投诉单 as a workbook kept by hand, below {@code titleRows} title lines merged over
   * the first three columns: each complaint's number, project, building, unit and room typed once
   * and merged down over the rows of its steps (Excel keeps the value in the top-left cell only), a
   * blank row inside one merged region, and the first step's description merged across the next
   * column.
   */
  private Path mergedComplaintForm(String name, int titleRows) throws Exception {
    List<CSVRecord> records;
    List<String> headings;
    try (CSVParser csv =
        CSVParser.parse(
            EXAMPLES.resolve("客户投诉单.csv"),
            Charset.forName("GB18030"),
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      records = csv.getRecords();
      headings = csv.getHeaderNames();
    }
    Path file = dir.resolve(name);
    List<Integer> merged =
        List.of(
            headings.indexOf("投诉单号"),
            headings.indexOf("项目编号"),
            headings.indexOf("楼栋"),
            headings.indexOf("单元"),
            headings.indexOf("房号"));
    int description = headings.indexOf("投诉内容");
    try (OutputStream out = Files.newOutputStream(file);
        Workbook wb = new Workbook(out, "QualityLoop test", "1.0")) {
      Worksheet sheet = wb.newWorksheet("投诉单");
      if (titleRows > 0) {
        sheet.value(0, 0, "客户投诉单（2026年9月，客服中心导出）");
        sheet.range(0, 0, titleRows - 1, 2).merge();
      }
      for (int c = 0; c < headings.size(); c++) {
        sheet.value(titleRows, c, headings.get(c));
      }
      int row = titleRows + 1;
      int first = row;
      for (int i = 0; i < records.size(); i++) {
        CSVRecord r = records.get(i);
        boolean firstStep = i == 0 || !records.get(i - 1).get(1).equals(r.get(1));
        if (firstStep) {
          first = row;
        }
        for (int c = 0; c < headings.size(); c++) {
          if (!r.get(c).isEmpty() && (firstStep || !merged.contains(c))) {
            sheet.value(row, c, r.get(c));
          }
        }
        if (i == 0) {
          sheet.range(row, description, row, description + 1).merge();
        }
        row++;
        if (i == 3) {
          row++; // a blank row inside the first complaint's regions
        }
        boolean lastStep = i == records.size() - 1 || !records.get(i + 1).get(1).equals(r.get(1));
        if (lastStep) {
          for (int c : merged) {
            sheet.range(first, c, row - 1, c).merge();
          }
        }
      }
    }
    return file;
  }

  /**
   * Renames a part of a workbook within its folder, and its name where the other parts give it
   * ({@code worksheets/sheet1.xml"} in the relationships, {@code /xl/worksheets/sheet1.xml"} in the
   * content types).
   */
  private static void renameZipEntry(Path file, String from, String to) throws Exception {
    String fromName = from.substring(from.lastIndexOf('/') + 1);
    String toName = to.substring(to.lastIndexOf('/') + 1);
    Path renamed = file.resolveSibling(file.getFileName() + ".renamed");
    try (ZipFile zip = new ZipFile(file.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(renamed))) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        String name = entry.getName();
        if (name.endsWith(".xml") || name.endsWith(".rels")) {
          bytes =
              new String(bytes, StandardCharsets.UTF_8)
                  .replace("/" + fromName + "\"", "/" + toName + "\"")
                  .getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(name.equals(from) ? to : name));
        out.write(bytes);
        out.closeEntry();
      }
    }
    Files.move(renamed, file, StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<String> zipEntryNames(Path file) throws Exception {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void withoutItsHeadingsInTheFirstRowsAFileStillSaysWhatItsFirstRowHolds() throws Exception {
    Path file = dir.resolve("no-headings.csv");
    Files.writeString(file, "来电来访登记表,,\n登记编号,时间,备注\nR1,2026-09-01,无\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> importFile(EventStream.SERVICE_INTERACTIONS, file))
        .isInstanceOf(FileImporter.ImportException.class)
        .hasMessageContaining("it has no column for")
        .hasMessageEndingWith("Its headings are: 来电来访登记表, , ");
  }

  @Test
  void aFileWithoutItsHeadingRowNamesNoValueOfItsFirstRowButSaysItHoldsValues() throws Exception {
    // the shipped register without its heading line: its first row is a call, with a customer's
    // name and phone number, which must not reach the message (it goes to the log and error.txt)
    List<String> lines =
        Files.readAllLines(EXAMPLES.resolve("来电来访登记表.csv"), StandardCharsets.UTF_8);
    Path file = dir.resolve("来电来访登记表-noheader.csv");
    Files.write(file, lines.subList(1, lines.size()), StandardCharsets.UTF_8);

    assertThatThrownBy(() -> importFile(EventStream.SERVICE_INTERACTIONS, file))
        .isInstanceOf(FileImporter.ImportException.class)
        .hasMessageContaining("is not a 来电来访登记表: it has no column for")
        .hasMessageContaining(
            "Its first row holds values, not headings (numbers, dates or codes in columns A, B, E,"
                + " F, …): the form's heading row is missing")
        .hasMessageNotContaining("张先生")
        .hasMessageNotContaining("13800001111")
        .hasMessageNotContaining("R20260901001")
        .hasMessageNotContaining("1502");
  }

  @Test
  void dateCellsOfAWorkbookAreReadAsTheTimesExcelShowsNotAsItsDayNumbers() throws Exception {
    Path file = dir.resolve("dates.xlsx");
    try (OutputStream out = Files.newOutputStream(file);
        Workbook wb = new Workbook(out, "QualityLoop test", "1.0")) {
      Worksheet sheet = wb.newWorksheet("登记表");
      List<String> headings = List.of("登记编号", "来电时间", "渠道", "类型", "项目编号", "内容摘要");
      for (int c = 0; c < headings.size(); c++) {
        sheet.value(0, c, headings.get(c));
      }
      // as Excel keeps a date typed into a cell: a day number (46266.3854...) shown as a date
      sheet.value(1, 0, "R1");
      sheet.value(1, 1, LocalDateTime.parse("2026-09-01T09:15:00"));
      sheet.style(1, 1).format("yyyy/m/d h:mm").set();
      sheet.value(2, 0, "R2");
      sheet.value(2, 1, LocalDate.parse("2026-09-02"));
      sheet.style(2, 1).format("yyyy-mm-dd").set();
      for (int r = 1; r <= 2; r++) {
        sheet.value(r, 2, "电话");
        sheet.value(r, 3, "咨询");
        sheet.value(r, 4, "P01");
        sheet.value(r, 5, "咨询车位");
      }
    }

    ImportSummary s = importFile(EventStream.SERVICE_INTERACTIONS, file);

    assertThat(s.describe()).contains("(xlsx): 2 rows read, 2 published, 0 rejected");
    assertThat(importer(EventStream.SERVICE_INTERACTIONS).rowsIn(file, "auto")).isEqualTo(2);
    assertThat(published.stream().map(e -> ((ServiceInteraction) e).occurredAt().toString()))
        .containsExactly("2026-09-01T09:15+08:00", "2026-09-02T00:00+08:00");
  }
}
