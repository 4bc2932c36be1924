package io.qualityloop.ingestion.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.events.EventStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A form told by its headings when its file's name names no form (an export named by its date): the
 * shipped samples under names of no form, a form with title lines above its headings, and files
 * that are no form.
 */
class FormRecognitionTest {
  private static final Charset GB18030 = Charset.forName("GB18030");
  private static final Path EXAMPLES = Path.of("..", "examples", "imports");

  @TempDir Path dir;

  private Optional<FormMapping.Form> recognise(String example, String as) throws IOException {
    return FormMapping.recognise(Files.copy(EXAMPLES.resolve(example), dir.resolve(as)), "auto");
  }

  @Test
  void eachShippedSampleIsToldByItsHeadingsUnderANameOfNoForm() throws Exception {
    assertThat(recognise("客户投诉单.csv", "export-1.csv"))
        .hasValueSatisfying(
            f -> {
              assertThat(f.stream()).isEqualTo(EventStream.COMPLAINT_EVENTS);
              assertThat(f.mapping().ledger()).isFalse();
            });
    assertThat(recognise("投诉台账.csv", "export-2.csv"))
        .hasValueSatisfying(
            f -> {
              assertThat(f.stream()).isEqualTo(EventStream.COMPLAINT_EVENTS);
              assertThat(f.mapping().ledger()).as("the ledger's mapping").isTrue();
            });
    assertThat(recognise("来电来访登记表.csv", "export-3.csv"))
        .map(FormMapping.Form::stream)
        .contains(EventStream.SERVICE_INTERACTIONS);
    assertThat(recognise("客户满意度调查表.xlsx", "export-4.xlsx"))
        .map(FormMapping.Form::stream)
        .contains(EventStream.CALLBACK_SURVEYS);
  }

  @Test
  void aSurveyLackingAColumnIsNoFormNotALedger() throws Exception {
    // its 回访时间 is a ledger milestone and it has 投诉单号 and 项目编号; without 调查类型 it is no
    // complete survey, and one milestone does not make a ledger
    Path file = dir.resolve("回访-2026-11.csv");
    Files.writeString(
        file,
        "问卷编号,回访时间,渠道,项目编号,回访人工号,投诉单号,总体满意度\n"
            + "Q1,2026-11-02 10:00,电话,P01,S001,C2026090200001,4\n",
        StandardCharsets.UTF_8);

    assertThat(FormMapping.recognise(file, "auto")).isEmpty();
    assertThat(FormMapping.shippedFor(EventStream.COMPLAINT_EVENTS, file).ledger()).isFalse();
  }

  @Test
  void aLedgerUnderANameOfNoFormIsImportedWithTheLedgersMapping() throws Exception {
    Path renamed = Files.copy(EXAMPLES.resolve("投诉台账.csv"), dir.resolve("2026-10.csv"));

    assertThat(FormMapping.shippedFor(EventStream.COMPLAINT_EVENTS, renamed).ledger()).isTrue();
    Path form = Files.copy(EXAMPLES.resolve("客户投诉单.csv"), dir.resolve("2026-09.csv"));
    assertThat(FormMapping.shippedFor(EventStream.COMPLAINT_EVENTS, form).ledger()).isFalse();
  }

  @Test
  void headingsBelowTitleLinesAreFoundAsAnImportFindsThem() throws Exception {
    Path file = dir.resolve("2026-W49.csv");
    List<String> sample = Files.readAllLines(EXAMPLES.resolve("客户投诉单.csv"), GB18030);
    List<String> titled =
        new ArrayList<>(List.of("客户投诉单导出（第49周）", "导出人：客服中心,,导出时间：2026-12-04", ""));
    titled.addAll(sample);
    Files.write(file, titled, GB18030);

    assertThat(FormMapping.recognise(file, "auto"))
        .map(FormMapping.Form::stream)
        .contains(EventStream.COMPLAINT_EVENTS);
  }

  @Test
  void aFileOfNoFormIsNoneAndAnEmptyFileOrAnOldXlsSaysWhyItCannotBeRead() throws Exception {
    Path other = dir.resolve("notes.csv");
    Files.writeString(other, "编号,日期,备注\nR1,2026-12-01,无\n", StandardCharsets.UTF_8);
    Path empty = Files.createFile(dir.resolve("empty.csv"));
    Path xls = Files.write(dir.resolve("old.xls"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11});

    assertThat(FormMapping.recognise(other, "auto")).isEmpty();
    assertThatThrownBy(() -> FormMapping.recognise(empty, "auto"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is empty");
    assertThatThrownBy(() -> FormMapping.recognise(xls, "auto"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the old .xls format is not read");
  }
}
