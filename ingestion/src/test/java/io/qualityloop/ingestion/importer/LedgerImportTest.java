package io.qualityloop.ingestion.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.events.CallbackSurvey;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.Pseudonymizer;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.events.privacy.RoomPseudonyms;
import io.qualityloop.events.validation.EventValidator;
import io.qualityloop.events.validation.ValidationRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The complaint ledger (投诉台账, one row per complaint, a time column per milestone) expanded into
 * lifecycle steps with ids derived from the complaint and the milestone, and mapping constants.
 */
class LedgerImportTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
  private static final Pseudonymizer KEY =
      new Pseudonymizer("test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private static final Path SAMPLE = Path.of("..", "examples", "imports", "投诉台账.csv");

  @TempDir Path dir;

  private List<QualityEvent> importFile(
      EventStream stream, FormMapping mapping, Path file, List<ImportSummary> summary)
      throws Exception {
    ValidationRules rules =
        ValidationRules.defaults().withReference(Set.of("P01", "P02"), Set.of());
    List<QualityEvent> published = new ArrayList<>();
    summary.add(
        new FileImporter(stream, mapping, new EventValidator(stream, rules), KEY, SHANGHAI, NOW)
            .run(file, "auto", published::add, n -> {}));
    return published;
  }

  private List<QualityEvent> importLedger(Path file, List<ImportSummary> summary) throws Exception {
    return importFile(
        EventStream.COMPLAINT_EVENTS,
        FormMapping.shippedFor(EventStream.COMPLAINT_EVENTS, file),
        file,
        summary);
  }

  @Test
  void eachFilledMilestoneOfTheSampleLedgerIsOneStepWithItsOwnFields() throws Exception {
    Path ledger = Files.copy(SAMPLE, dir.resolve("投诉台账.csv"));
    List<ImportSummary> summary = new ArrayList<>();
    List<QualityEvent> events = importLedger(ledger, summary);

    // C...0001: all 8 milestones filled; C...0002: received, accepted, department feedback,
    // resolved (4);
    // C...0003: received and accepted (2): 14 steps, in time order within each row.
    assertThat(summary.get(0).describe())
        .endsWith("(UTF-8): 3 rows read, 14 published, 0 rejected");
    assertThat(events)
        .extracting(QualityEvent::eventId)
        .containsExactly(
            "C2026100800001-RECEIVED",
            "C2026100800001-ACCEPTED",
            "C2026100800001-SITE_SURVEYED",
            "C2026100800001-WORK_ORDER_ISSUED",
            "C2026100800001-RESOLVED",
            "C2026100800001-CUSTOMER_NOTIFIED",
            "C2026100800001-CALLBACK_DONE",
            "C2026100800001-CLOSED",
            "C2026101200002-RECEIVED",
            "C2026101200002-ACCEPTED",
            "C2026101200002-DEPARTMENT_FEEDBACK",
            "C2026101200002-RESOLVED",
            "C2026101500003-RECEIVED",
            "C2026101500003-ACCEPTED");
    Map<String, ComplaintEvent> byId =
        events.stream()
            .map(e -> (ComplaintEvent) e)
            .collect(Collectors.toMap(ComplaintEvent::eventId, Function.identity()));

    ComplaintEvent received = byId.get("C2026100800001-RECEIVED");
    assertThat(received.eventType().name()).isEqualTo("RECEIVED");
    assertThat(received.occurredAt()).hasToString("2026-10-08T09:10+08:00");
    assertThat(received.channel().name()).isEqualTo("PHONE");
    assertThat(received.description()).isEqualTo("卫生间地面渗水到楼下");
    assertThat(received.category()).as("the category belongs to the acceptance").isNull();
    assertThat(received.staffId()).isEqualTo("S002");
    ComplaintEvent accepted = byId.get("C2026100800001-ACCEPTED");
    assertThat(accepted.occurredAt()).hasToString("2026-10-08T09:40+08:00");
    assertThat(accepted.category()).isEqualTo("product");
    assertThat(accepted.rootCause()).isEqualTo("workmanship");
    assertThat(accepted.buildingComponent()).isEqualTo("waterproofing");
    assertThat(accepted.responsibleDepartment()).isEqualTo("engineering");
    assertThat(accepted.channel()).as("the channel belongs to the receipt").isNull();
    assertThat(accepted.description()).isNull();
    ComplaintEvent workOrder = byId.get("C2026100800001-WORK_ORDER_ISSUED");
    assertThat(workOrder.workOrderType().name()).isEqualTo("A");
    assertThat(workOrder.trades()).containsExactly("防水");
    ComplaintEvent resolved = byId.get("C2026100800001-RESOLVED");
    assertThat(resolved.staffId()).as("the repairer, not the row's handler").isEqualTo("S021");
    assertThat(resolved.repairCostYuan()).isEqualByComparingTo("800.00");
    assertThat(resolved.customerSignedOff()).isTrue();
    assertThat(byId.get("C2026100800001-SITE_SURVEYED").staffId()).isEqualTo("S021");
    assertThat(byId.get("C2026100800001-CALLBACK_DONE").staffId()).isEqualTo("S004");
    assertThat(byId.get("C2026100800001-CLOSED").staffId()).isEqualTo("S002");
    assertThat(byId.get("C2026100800001-CLOSED").customerSignedOff()).isNull();
    assertThat(byId.get("C2026101200002-DEPARTMENT_FEEDBACK").occurredAt())
        .hasToString("2026-10-14T11:00+08:00");
    assertThat(byId.get("C2026101200002-ACCEPTED").intent().name()).isEqualTo("VENTING");

    // Every step of a row carries the row's complaint, project, household (HMAC of the address
    // keys) and room pseudonym.
    assertThat(events.subList(0, 8))
        .allSatisfy(
            e -> {
              ComplaintEvent c = (ComplaintEvent) e;
              assertThat(c.complaintId()).isEqualTo("C2026100800001");
              assertThat(c.projectId()).isEqualTo("P01");
              assertThat(c.room()).as("the room leaves only as its keyed pseudonym").isNull();
              assertThat(c.roomPseudonym())
                  .isEqualTo(new RoomPseudonyms(KEY).of("P01", "2", "1", "0602"));
              assertThat(c.householdId()).isEqualTo(KEY.pseudonym("hh", "P01|2|1|0602"));
            });
    String json =
        events.stream()
            .map(
                e ->
                    new String(
                        EventCodec.forStream(EventStream.COMPLAINT_EVENTS).encode(e),
                        StandardCharsets.UTF_8))
            .collect(Collectors.joining("\n"));
    assertThat(json).doesNotContain("赵女士", "13912345678", "钱先生", "13698765432");
  }

  @Test
  void reimportingAnUpdatedLedgerRepeatsTheIdsOfTheStepsItHadAndAddsOnlyTheNewMilestones()
      throws Exception {
    Path first = Files.copy(SAMPLE, dir.resolve("投诉台账-10月15日.csv"));
    List<ImportSummary> summaries = new ArrayList<>();
    Set<String> before =
        importLedger(first, summaries).stream()
            .map(QualityEvent::eventId)
            .collect(Collectors.toSet());

    // Two days later: C...0002 has been told in writing, called back by S004 and closed (+3
    // milestones);
    // C...0003 has had its site survey (+1). Nothing else changed.
    String text = Files.readString(SAMPLE, StandardCharsets.UTF_8);
    String updated =
        text.replace(
                "2026-10-14 11:00,2026-10-15 17:00,,,,,,,",
                "2026-10-14 11:00,2026-10-15 17:00,,,,2026-10-16 10:00,2026-10-16"
                    + " 16:00,S004,2026-10-17 09:00")
            .replace(
                "材料设备部,一般,解决问题,,,,,,,,,,,,,,", "材料设备部,一般,解决问题,2026-10-16 09:00,S021,,,,,,,,,,,,");
    assertThat(updated).isNotEqualTo(text);
    Path second =
        Files.writeString(dir.resolve("投诉台账-10月17日.csv"), updated, StandardCharsets.UTF_8);
    List<QualityEvent> again = importLedger(second, summaries);

    assertThat(summaries.get(1).describe()).endsWith("3 rows read, 18 published, 0 rejected");
    Set<String> ids = again.stream().map(QualityEvent::eventId).collect(Collectors.toSet());
    assertThat(ids).hasSize(18).containsAll(before);
    ids.removeAll(before);
    // Only these 4 are new to the lake; the door counts the other 14 as duplicates of the same ids.
    assertThat(ids)
        .containsExactlyInAnyOrder(
            "C2026101200002-CUSTOMER_NOTIFIED",
            "C2026101200002-CALLBACK_DONE",
            "C2026101200002-CLOSED",
            "C2026101500003-SITE_SURVEYED");
  }

  @Test
  void aBadMilestoneIsRejectedAloneAndARowWithoutAnyMilestoneTimeIsRejectedWithItsLine()
      throws Exception {
    String heading =
        Files.readString(SAMPLE, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    // Line 2: accepted without a category: the acceptance is rejected, the receipt lands.
    // Line 3: no milestone time at all.
    Path ledger =
        Files.writeString(
            dir.resolve("投诉台账.csv"),
            heading
                + "\n"
                + "C1,2026-10-08 09:10,电话,P01,2,1,0602,,,,,,漏水,S002,2026-10-08"
                + " 09:40,,,,,,,,,,,,,,,,,,,,,\n"
                + "C2,,电话,P01,2,1,0602,,,,,,漏水,S002,,,,,,,,,,,,,,,,,,,,,,\n",
            StandardCharsets.UTF_8);
    List<ImportSummary> summary = new ArrayList<>();
    List<QualityEvent> events = importLedger(ledger, summary);

    assertThat(events).extracting(QualityEvent::eventId).containsExactly("C1-RECEIVED");
    assertThat(summary.get(0).describe()).contains("2 rows read, 1 published, 2 rejected");
    List<String> rejects =
        Files.readAllLines(FileImporter.rejectsFileOf(ledger), StandardCharsets.UTF_8);
    assertThat(rejects.get(1))
        .startsWith("2,")
        .contains("C1-ACCEPTED", "an accepted complaint needs its category");
    assertThat(rejects.get(2))
        .startsWith("3,UNMAPPABLE,")
        .contains("投诉台账.csv:3", "no milestone time is filled (登记时间, 受理时间");
  }

  @Test
  void aConstantOfTheMappingFillsAFieldTheFormHasNoColumnFor() throws Exception {
    // A file of first revisits without a survey-type column: the shipped mapping cannot import it.
    Path surveys =
        Files.writeString(
            dir.resolve("首次回访.csv"),
            "问卷编号,回访时间,渠道,项目编号,楼栋,单元,房号,总体满意度\n"
                + "R1,2026-10-20 10:00,电话,P01,2,1,0602,5\n"
                + "R2,2026-10-20 11:00,电话,P02,1,1,2101,4\n",
            StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                importFile(
                    EventStream.CALLBACK_SURVEYS,
                    FormMapping.shipped(EventStream.CALLBACK_SURVEYS),
                    surveys,
                    new ArrayList<>()))
        .isInstanceOf(FileImporter.ImportException.class)
        .hasMessageContaining("survey_type (heading 调查类型)");

    // A copy of the mapping with one line more: constant.survey_type, translated like a cell (首次回访
    // -> FIRST_REVISIT).
    Path mapping = dir.resolve("first-revisits.properties");
    try (var in = FormMapping.class.getResourceAsStream("/import/callback-surveys.properties")) {
      Files.writeString(
          mapping,
          new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\nconstant.survey_type=首次回访\n",
          StandardCharsets.UTF_8);
    }
    List<ImportSummary> summary = new ArrayList<>();
    List<QualityEvent> events =
        importFile(EventStream.CALLBACK_SURVEYS, FormMapping.read(mapping), surveys, summary);

    assertThat(summary.get(0).describe()).endsWith("2 rows read, 2 published, 0 rejected");
    assertThat(events)
        .extracting(e -> ((CallbackSurvey) e).surveyType().name())
        .containsExactly("FIRST_REVISIT", "FIRST_REVISIT");
    assertThat(((CallbackSurvey) events.get(1)).scoreOverall()).isEqualTo(4);
  }

  @Test
  void aMappingWithMilestonesIsForComplaintsOnly() throws Exception {
    Path file = Files.copy(SAMPLE, dir.resolve("台账.csv"));
    assertThatThrownBy(
            () ->
                importFile(
                    EventStream.CALLBACK_SURVEYS,
                    FormMapping.shippedFor(EventStream.COMPLAINT_EVENTS, file),
                    file,
                    new ArrayList<>()))
        .isInstanceOf(FileImporter.ImportException.class)
        .hasMessageContaining("only complaint-events have");
    assertThat(FormMapping.shippedFor(EventStream.COMPLAINT_EVENTS, Path.of("客户投诉单.csv")).ledger())
        .isFalse();
    // A step name mistyped in a company's copy is named before any row is read.
    Path typo =
        Files.writeString(
            dir.resolve("typo.properties"),
            "form=投诉台账\ncolumn.投诉单号=complaint_id\ncolumn.项目编号=project_id\n"
                + "column.受理时间=ACCEPTD.occurred_at\n",
            StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                importFile(
                    EventStream.COMPLAINT_EVENTS, FormMapping.read(typo), file, new ArrayList<>()))
        .isInstanceOf(FileImporter.ImportException.class)
        .hasMessageStartingWith(
            "the mapping 投诉台账 maps a column to ACCEPTD.occurred_at,"
                + " but ACCEPTD is not a step: use one of [RECEIVED, ACCEPTED,");
  }

  @Test
  void theCustomersNameInTheLedgersDescriptionIsScrubbed() throws Exception {
    List<String> lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
    Path ledger = dir.resolve("投诉台账.csv");
    Files.write(
        ledger,
        List.of(lines.get(0), lines.get(1).replace("卫生间地面渗水到楼下", "赵女士说卫生间地面渗水到楼下")),
        StandardCharsets.UTF_8);

    List<QualityEvent> events = importLedger(ledger, new ArrayList<>());

    assertThat(events)
        .filteredOn(e -> e.eventId().endsWith("-RECEIVED"))
        .singleElement()
        .satisfies(
            e -> assertThat(((ComplaintEvent) e).description()).isEqualTo("[姓名]说卫生间地面渗水到楼下"));
  }
}
