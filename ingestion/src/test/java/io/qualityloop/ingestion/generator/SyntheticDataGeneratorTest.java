package io.qualityloop.ingestion.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.CallbackSurvey;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.events.Severity;
import io.qualityloop.events.StaffRef;
import io.qualityloop.events.SurveyType;
import io.qualityloop.events.WorkingCalendar;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticDataGeneratorTest {
  private static GeneratedData demo;

  @BeforeAll
  static void generateTheDemoOnce() {
    demo = new SyntheticDataGenerator(GeneratorConfig.demo(), WorkingCalendar.shipped()).generate();
  }

  @Test
  void sameSeedGivesTheSameEventsByteForByte() {
    GeneratorConfig small = GeneratorConfig.demo().withSize(2, 3, 0.3);
    GeneratedData a = new SyntheticDataGenerator(small, WorkingCalendar.shipped()).generate();
    GeneratedData b = new SyntheticDataGenerator(small, WorkingCalendar.shipped()).generate();

    assertThat(a.totalEvents()).isPositive();
    assertThat(encoded(a)).isEqualTo(encoded(b));
  }

  @Test
  void coversFifteenMonthsTenProjectsFiftyStaffAndEveryChannel() {
    assertThat(demo.projects()).hasSize(10);
    assertThat(demo.staff()).hasSize(50);
    assertThat(demo.interactions()).extracting(i -> i.channel()).containsOnly(io.qualityloop.events.Channel.values());
    assertThat(demo.interactions().get(0).occurredAt().toLocalDate()).isBefore(LocalDate.of(2025, 7, 3));
    assertThat(demo.interactions().get(demo.interactions().size() - 1).occurredAt().toLocalDate())
        .isAfter(LocalDate.of(2026, 9, 27));
    assertThat(demo.interactions().stream().map(i -> i.projectId()).distinct()).hasSize(10);
  }

  @Test
  void everyContactRecordsWhenAPersonRespondedPhoneAndVisitsAtOnceMessagesLater() {
    var byChannel = demo.interactions().stream().collect(java.util.stream.Collectors.partitioningBy(
        i -> i.channel() == io.qualityloop.events.Channel.PHONE || i.channel() == io.qualityloop.events.Channel.VISIT));
    assertThat(byChannel.get(true)).allSatisfy(i -> assertThat(i.respondedAt()).isEqualTo(i.occurredAt()));
    List<Long> waits = byChannel.get(false).stream()
        .map(i -> java.time.Duration.between(i.occurredAt(), i.respondedAt()).toMinutes()).toList();
    // about 80% within an hour, about 8% over the 2-hour limit (000 §5.1.1): the metric has something to find
    assertThat(waits.stream().filter(m -> m <= 60).count() / (double) waits.size()).isBetween(0.7, 0.9);
    assertThat(waits.stream().filter(m -> m > 120).count() / (double) waits.size()).isBetween(0.03, 0.15);
  }

  @Test
  void everyGeneratedEventPassesValidationWithoutFlags() {
    var rules = io.qualityloop.events.validation.ValidationRules.defaults().withReference(
        demo.projects().stream().map(p -> p.projectId()).collect(java.util.stream.Collectors.toSet()),
        demo.staff().stream().map(s -> s.staffId()).collect(java.util.stream.Collectors.toSet()));
    java.time.Instant now = java.time.Instant.parse("2026-11-23T00:00:00Z");
    for (io.qualityloop.events.EventStream stream : io.qualityloop.events.EventStream.values()) {
      var validator = new io.qualityloop.events.validation.EventValidator(stream, rules);
      var codec = io.qualityloop.events.EventCodec.forStream(stream);
      List<? extends QualityEvent> events = switch (stream) {
        case SERVICE_INTERACTIONS -> demo.interactions();
        case COMPLAINT_EVENTS -> demo.complaintEvents();
        case CALLBACK_SURVEYS -> demo.surveys();
        case FOLLOWUP_EVENTS -> List.of(); // none generated: the drill-down publishes them
      };
      for (QualityEvent e : events) {
        var v = validator.validate(codec.encode(e), now, "generated");
        assertThat(v).as(stream + " " + e.eventId())
            .isEqualTo(new io.qualityloop.events.validation.Validation.Valid(e, List.of()));
      }
    }
  }

  @Test
  void eventIdsAreUniqueWithinEachStream() {
    for (List<? extends QualityEvent> stream : List.of(demo.interactions(), demo.complaintEvents(), demo.surveys())) {
      Set<String> ids = new HashSet<>();
      stream.forEach(e -> ids.add(e.eventId()));
      assertThat(ids).hasSize(stream.size());
    }
  }

  @Test
  void lifecyclesIncludeLateAcceptanceReopensAndMajorComplaints() {
    Map<String, List<ComplaintEvent>> byComplaint =
        demo.complaintEvents().stream().collect(Collectors.groupingBy(ComplaintEvent::complaintId));
    long lateAccepted = byComplaint.values().stream().filter(SyntheticDataGeneratorTest::acceptedAfter24h).count();
    long reopened = byComplaint.values().stream().filter(has(LifecycleEventType.REOPENED)).count();
    long resolvedTwiceWithoutReopen = byComplaint.values().stream()
        .filter(has(LifecycleEventType.REOPENED).negate())
        .filter(events -> events.stream().filter(e -> e.eventType() == LifecycleEventType.RESOLVED).count() > 1)
        .count();
    long major = byComplaint.values().stream()
        .filter(events -> events.stream().anyMatch(e -> e.severity() == Severity.MAJOR))
        .count();

    assertThat(byComplaint).hasSizeGreaterThan(3000);
    assertThat(lateAccepted).isBetween(byComplaint.size() / 100L, byComplaint.size() / 10L);
    assertThat(reopened).isPositive();
    assertThat(resolvedTwiceWithoutReopen).as("implicit reopens").isPositive();
    assertThat(major).isPositive();
    assertThat(demo.complaintEvents()).anyMatch(e -> e.eventType() == LifecycleEventType.PAUSED);
    assertThat(demo.complaintEvents()).anyMatch(e -> e.eventType() == LifecycleEventType.EXTENDED);
  }

  @Test
  void plantedKeyDriversTheOverallAnswerFollowsResultAndSpeedMoreThanAttitude() {
    List<CallbackSurvey> answered = demo.surveys().stream().filter(s -> s.scoreOverall() != null && s.scoreResult() != null).toList();
    double result = correlation(answered, CallbackSurvey::scoreResult);
    double speed = correlation(answered, CallbackSurvey::scoreResponseSpeed);
    double attitude = correlation(answered, CallbackSurvey::scoreAttitude);
    assertThat(result).isGreaterThan(attitude + 0.05);
    assertThat(speed).isGreaterThan(attitude + 0.05);
  }

  private static double correlation(List<CallbackSurvey> surveys, java.util.function.Function<CallbackSurvey, Integer> dimension) {
    double n = surveys.size();
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (CallbackSurvey s : surveys) {
      double x = dimension.apply(s);
      double y = s.scoreOverall();
      sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
    }
    return (sxy - sx * sy / n) / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
  }

  @Test
  void plantedEntrapmentSurgeInOneProjectForFourWeeks() {
    LocalDate start = SyntheticDataGenerator.ENTRAPMENT_SURGE_START;
    Predicate<ComplaintEvent> entrapment = e -> e.eventType() == LifecycleEventType.RECEIVED && e.description().contains("电梯困人")
        && e.projectId().equals(SyntheticCompany.ENTRAPMENT_PROJECT);
    long inSurge = demo.complaintEvents().stream().filter(entrapment)
        .filter(e -> !e.occurredAt().toLocalDate().isBefore(start) && e.occurredAt().toLocalDate().isBefore(start.plusWeeks(4))).count();
    long before = demo.complaintEvents().stream().filter(entrapment).filter(e -> e.occurredAt().toLocalDate().isBefore(start)).count();
    // 1.2 a day for 28 days: about 34; before it, the ordinary share of elevator complaints (a few in 13 months)
    assertThat(inSurge).isBetween(20L, 50L);
    assertThat(before).isLessThan(inSurge / 3);
  }

  @Test
  void plantedLeaksFiledAsOtherCarryOnlyTheirTextAsEvidence() {
    var waterproofingTexts = java.util.Set.copyOf(DefectCatalogue.of("waterproofing").descriptions());
    Map<String, String> receivedText = new java.util.HashMap<>();
    demo.complaintEvents().stream().filter(e -> e.eventType() == LifecycleEventType.RECEIVED)
        .forEach(e -> receivedText.put(e.complaintId(), e.description()));
    long leaksAsOther = demo.complaintEvents().stream()
        .filter(e -> e.eventType() == LifecycleEventType.ACCEPTED && "other".equals(e.category()) && "none".equals(e.buildingComponent()))
        .filter(e -> waterproofingTexts.contains(receivedText.get(e.complaintId()))).count();
    // 0.025 a day per delivered project over 15 months: about 100
    assertThat(leaksAsOther).isBetween(60L, 160L);
  }

  @Test
  void plantedWaterproofingWaveAfterDeliveryOfTheLeakyProject() {
    LocalDate delivery = demo.projects().stream().filter(p -> p.projectId().equals("P03")).findFirst().orElseThrow().deliveryDate();
    Predicate<ComplaintEvent> waterproofingAccepted =
        e -> e.eventType() == LifecycleEventType.ACCEPTED && "waterproofing".equals(e.buildingComponent());
    long inWave = demo.complaintEvents().stream().filter(waterproofingAccepted)
        .filter(e -> e.projectId().equals("P03"))
        .filter(e -> ChronoUnit.DAYS.between(delivery, e.occurredAt().toLocalDate()) < 150).count();
    long laterSamePeriodLength = demo.complaintEvents().stream().filter(waterproofingAccepted)
        .filter(e -> e.projectId().equals("P03"))
        .filter(e -> ChronoUnit.DAYS.between(delivery, e.occurredAt().toLocalDate()) >= 150)
        .filter(e -> ChronoUnit.DAYS.between(delivery, e.occurredAt().toLocalDate()) < 300).count();

    assertThat(inWave).isGreaterThan(3 * laterSamePeriodLength);
  }

  @Test
  void plantedSlowCallbacksOfOneTeam() {
    Set<String> slowTeam = demo.staff().stream().filter(s -> s.team().equals(SyntheticCompany.SLOW_CALLBACK_TEAM))
        .map(StaffRef::staffId).collect(Collectors.toSet());
    Map<String, List<ComplaintEvent>> byComplaint =
        demo.complaintEvents().stream().collect(Collectors.groupingBy(ComplaintEvent::complaintId));
    double slowShareLate = lateCallbackShare(byComplaint, slowTeam::contains);
    double othersShareLate = lateCallbackShare(byComplaint, id -> !slowTeam.contains(id));

    assertThat(slowShareLate).isGreaterThan(0.5);
    assertThat(othersShareLate).isLessThan(0.25);
  }

  @Test
  void plantedSatisfactionDipIn2026Q2() {
    double q1 = meanOverall(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 1));
    double q2 = meanOverall(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 7, 1));
    double q3 = meanOverall(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 10, 1));

    assertThat(q1 - q2).isGreaterThan(0.2);
    assertThat(q3 - q2).isGreaterThan(0.2);
  }

  @Test
  void firstRevisitCoversAtLeastNinetyPercentOfOccupiedHomes() {
    var p03 = demo.projects().stream().filter(p -> p.projectId().equals("P03")).findFirst().orElseThrow();
    long households = demo.surveys().stream()
        .filter(s -> s.surveyType() == SurveyType.FIRST_REVISIT && s.projectId().equals("P03") && s.answered())
        .map(CallbackSurvey::householdId).distinct().count();

    assertThat(households).isGreaterThanOrEqualTo((long) Math.ceil(p03.occupiedHouseholds() * 0.9));
  }

  @Test
  void someSurveyAttemptsGoUnansweredAndCarryNoScores() {
    List<CallbackSurvey> unanswered = demo.surveys().stream().filter(s -> !s.answered()).toList();
    double responseRate = 1.0 - (double) unanswered.size() / demo.surveys().size();

    assertThat(responseRate).isBetween(0.84, 0.90);
    assertThat(unanswered).allSatisfy(s -> {
      assertThat(s.scoreOverall()).isNull();
      assertThat(s.nps()).isNull();
    });
  }

  @Test
  void plantedCarelessTechnicianHasFewerRepairsSignedOff() {
    Map<Boolean, List<ComplaintEvent>> byCareless = demo.complaintEvents().stream()
        .filter(e -> e.eventType() == LifecycleEventType.RESOLVED && e.customerSignedOff() != null)
        .collect(java.util.stream.Collectors.partitioningBy(e -> e.staffId().equals(SyntheticCompany.CARELESS_TECHNICIAN)));
    double careless = signedShare(byCareless.get(true));
    double others = signedShare(byCareless.get(false));

    assertThat(byCareless.get(true)).hasSizeGreaterThan(50);
    assertThat(careless).isBetween(0.6, 0.8);
    assertThat(others).isBetween(0.9, 0.96);
  }

  private static double signedShare(List<ComplaintEvent> repairs) {
    return repairs.stream().filter(ComplaintEvent::customerSignedOff).count() / (double) repairs.size();
  }

  private static double meanOverall(LocalDate from, LocalDate to) {
    return demo.surveys().stream()
        .filter(s -> s.answered() && !s.occurredAt().toLocalDate().isBefore(from) && s.occurredAt().toLocalDate().isBefore(to))
        .mapToInt(CallbackSurvey::scoreOverall).average().orElseThrow();
  }

  private static double lateCallbackShare(Map<String, List<ComplaintEvent>> byComplaint, Predicate<String> caller) {
    long total = 0;
    long late = 0;
    for (List<ComplaintEvent> events : byComplaint.values()) {
      OffsetDateTime resolved = first(events, LifecycleEventType.RESOLVED);
      ComplaintEvent callback = events.stream().filter(e -> e.eventType() == LifecycleEventType.CALLBACK_DONE).findFirst().orElse(null);
      if (resolved == null || callback == null || !caller.test(callback.staffId())) {
        continue;
      }
      total++;
      if (ChronoUnit.HOURS.between(resolved, callback.occurredAt()) > 36) {
        late++;
      }
    }
    return (double) late / total;
  }

  private static boolean acceptedAfter24h(List<ComplaintEvent> events) {
    OffsetDateTime received = first(events, LifecycleEventType.RECEIVED);
    OffsetDateTime accepted = first(events, LifecycleEventType.ACCEPTED);
    return received != null && accepted != null && ChronoUnit.HOURS.between(received, accepted) >= 24;
  }

  private static OffsetDateTime first(List<ComplaintEvent> events, LifecycleEventType type) {
    return events.stream().filter(e -> e.eventType() == type).map(ComplaintEvent::occurredAt).min(OffsetDateTime::compareTo).orElse(null);
  }

  private static Predicate<List<ComplaintEvent>> has(LifecycleEventType type) {
    return events -> events.stream().anyMatch(e -> e.eventType() == type);
  }

  private static List<String> encoded(GeneratedData data) {
    return Stream.of(data.interactions(), data.complaintEvents(), data.surveys())
        .flatMap(List::stream)
        .map(e -> new String(EventCodec.mapper().valueToTree(e).toString()))
        .toList();
  }
}
