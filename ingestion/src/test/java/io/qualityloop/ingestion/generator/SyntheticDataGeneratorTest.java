package io.qualityloop.ingestion.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.CallbackSurvey;
import io.qualityloop.events.Channel;
import io.qualityloop.events.ComplainantIntent;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.events.Severity;
import io.qualityloop.events.StaffRef;
import io.qualityloop.events.SurveyType;
import io.qualityloop.events.WorkingCalendar;
import io.qualityloop.events.validation.EventValidator;
import io.qualityloop.events.validation.Validation;
import io.qualityloop.events.validation.ValidationRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
    assertThat(demo.interactions()).extracting(i -> i.channel()).containsOnly(Channel.values());
    assertThat(demo.interactions().get(0).occurredAt().toLocalDate())
        .isBefore(LocalDate.of(2025, 7, 3));
    assertThat(demo.interactions().get(demo.interactions().size() - 1).occurredAt().toLocalDate())
        .isAfter(LocalDate.of(2026, 9, 27));
    assertThat(demo.interactions().stream().map(i -> i.projectId()).distinct()).hasSize(10);
  }

  @Test
  void everyContactRecordsWhenAPersonRespondedPhoneAndVisitsAtOnceMessagesLater() {
    var byChannel =
        demo.interactions().stream()
            .collect(
                Collectors.partitioningBy(
                    i -> i.channel() == Channel.PHONE || i.channel() == Channel.VISIT));
    assertThat(byChannel.get(true))
        .allSatisfy(i -> assertThat(i.respondedAt()).isEqualTo(i.occurredAt()));
    List<Long> waits =
        byChannel.get(false).stream()
            .map(i -> Duration.between(i.occurredAt(), i.respondedAt()).toMinutes())
            .toList();
    // about 80% within an hour, about 8% over the 2-hour limit (000 §5.1.1): the metric has
    // something to find
    assertThat(waits.stream().filter(m -> m <= 60).count() / (double) waits.size())
        .isBetween(0.7, 0.9);
    assertThat(waits.stream().filter(m -> m > 120).count() / (double) waits.size())
        .isBetween(0.03, 0.15);
  }

  @Test
  void everyGeneratedEventPassesValidationWithoutFlags() {
    var rules =
        ValidationRules.defaults()
            .withReference(
                demo.projects().stream().map(p -> p.projectId()).collect(Collectors.toSet()),
                demo.staff().stream().map(s -> s.staffId()).collect(Collectors.toSet()));
    Instant now = Instant.parse("2026-11-23T00:00:00Z");
    for (EventStream stream : EventStream.values()) {
      var validator = new EventValidator(stream, rules);
      var codec = EventCodec.forStream(stream);
      List<? extends QualityEvent> events =
          switch (stream) {
            case SERVICE_INTERACTIONS -> demo.interactions();
            case COMPLAINT_EVENTS -> demo.complaintEvents();
            case CALLBACK_SURVEYS -> demo.surveys();
            case FOLLOWUP_EVENTS -> List.of(); // none generated: the drill-down publishes them
          };
      for (QualityEvent e : events) {
        var v = validator.validate(codec.encode(e), now, "generated");
        // compared first: an AssertJ assertion per event took most of the test's 30 s
        if (!v.equals(new Validation.Valid(e, List.of()))) {
          assertThat(v)
              .as(stream + " " + e.eventId())
              .isEqualTo(new Validation.Valid(e, List.of()));
        }
      }
    }
  }

  @Test
  void eventIdsAreUniqueWithinEachStream() {
    for (List<? extends QualityEvent> stream :
        List.of(demo.interactions(), demo.complaintEvents(), demo.surveys())) {
      Set<String> ids = new HashSet<>();
      stream.forEach(e -> ids.add(e.eventId()));
      assertThat(ids).hasSize(stream.size());
    }
  }

  @Test
  void lifecyclesIncludeLateAcceptanceReopensAndMajorComplaints() {
    Map<String, List<ComplaintEvent>> byComplaint =
        demo.complaintEvents().stream().collect(Collectors.groupingBy(ComplaintEvent::complaintId));
    long lateAccepted =
        byComplaint.values().stream().filter(SyntheticDataGeneratorTest::acceptedAfter24h).count();
    long reopened = byComplaint.values().stream().filter(has(LifecycleEventType.REOPENED)).count();
    long resolvedTwiceWithoutReopen =
        byComplaint.values().stream()
            .filter(has(LifecycleEventType.REOPENED).negate())
            .filter(
                events ->
                    events.stream()
                            .filter(e -> e.eventType() == LifecycleEventType.RESOLVED)
                            .count()
                        > 1)
            .count();
    long major =
        byComplaint.values().stream()
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
    List<CallbackSurvey> answered =
        demo.surveys().stream()
            .filter(s -> s.scoreOverall() != null && s.scoreResult() != null)
            .toList();
    double result = correlation(answered, CallbackSurvey::scoreResult);
    double speed = correlation(answered, CallbackSurvey::scoreResponseSpeed);
    double attitude = correlation(answered, CallbackSurvey::scoreAttitude);
    assertThat(result).isGreaterThan(attitude + 0.05);
    assertThat(speed).isGreaterThan(attitude + 0.05);
  }

  private static double correlation(
      List<CallbackSurvey> surveys, Function<CallbackSurvey, Integer> dimension) {
    double n = surveys.size();
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (CallbackSurvey s : surveys) {
      double x = dimension.apply(s);
      double y = s.scoreOverall();
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
    }
    return (sxy - sx * sy / n) / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
  }

  @Test
  void plantedEntrapmentSurgeInOneProjectForFourWeeks() {
    LocalDate start = SyntheticDataGenerator.ENTRAPMENT_SURGE_START;
    Predicate<ComplaintEvent> entrapment =
        e ->
            e.eventType() == LifecycleEventType.RECEIVED
                && e.description().contains("电梯困人")
                && e.projectId().equals(SyntheticCompany.ENTRAPMENT_PROJECT);
    long inSurge =
        demo.complaintEvents().stream()
            .filter(entrapment)
            .filter(
                e ->
                    !e.occurredAt().toLocalDate().isBefore(start)
                        && e.occurredAt().toLocalDate().isBefore(start.plusWeeks(4)))
            .count();
    long before =
        demo.complaintEvents().stream()
            .filter(entrapment)
            .filter(e -> e.occurredAt().toLocalDate().isBefore(start))
            .count();
    // 1.2 a day for 28 days: about 34; before it, the ordinary share of elevator complaints (a few
    // in 13 months)
    assertThat(inSurge).isBetween(20L, 50L);
    assertThat(before).isLessThan(inSurge / 3);
  }

  @Test
  void plantedLeaksFiledAsOtherCarryOnlyTheirTextAsEvidence() {
    var waterproofingTexts = Set.copyOf(DefectCatalogue.of("waterproofing").descriptions());
    Map<String, String> receivedText = new HashMap<>();
    demo.complaintEvents().stream()
        .filter(e -> e.eventType() == LifecycleEventType.RECEIVED)
        .forEach(e -> receivedText.put(e.complaintId(), e.description()));
    long leaksAsOther =
        demo.complaintEvents().stream()
            .filter(
                e ->
                    e.eventType() == LifecycleEventType.ACCEPTED
                        && "other".equals(e.category())
                        && "none".equals(e.buildingComponent()))
            .filter(e -> waterproofingTexts.contains(receivedText.get(e.complaintId())))
            .count();
    // 0.025 a day per delivered project over 15 months: about 100
    assertThat(leaksAsOther).isBetween(60L, 160L);
  }

  @Test
  void plantedWaterproofingWaveAfterDeliveryOfTheLeakyProject() {
    LocalDate delivery =
        demo.projects().stream()
            .filter(p -> p.projectId().equals("P03"))
            .findFirst()
            .orElseThrow()
            .deliveryDate();
    Predicate<ComplaintEvent> waterproofingAccepted =
        e ->
            e.eventType() == LifecycleEventType.ACCEPTED
                && "waterproofing".equals(e.buildingComponent());
    long inWave =
        demo.complaintEvents().stream()
            .filter(waterproofingAccepted)
            .filter(e -> e.projectId().equals("P03"))
            .filter(e -> ChronoUnit.DAYS.between(delivery, e.occurredAt().toLocalDate()) < 150)
            .count();
    long laterSamePeriodLength =
        demo.complaintEvents().stream()
            .filter(waterproofingAccepted)
            .filter(e -> e.projectId().equals("P03"))
            .filter(e -> ChronoUnit.DAYS.between(delivery, e.occurredAt().toLocalDate()) >= 150)
            .filter(e -> ChronoUnit.DAYS.between(delivery, e.occurredAt().toLocalDate()) < 300)
            .count();

    assertThat(inWave).isGreaterThan(3 * laterSamePeriodLength);
  }

  @Test
  void plantedSlowCallbacksOfOneTeam() {
    Set<String> slowTeam =
        demo.staff().stream()
            .filter(s -> s.team().equals(SyntheticCompany.SLOW_CALLBACK_TEAM))
            .map(StaffRef::staffId)
            .collect(Collectors.toSet());
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
    var p03 =
        demo.projects().stream().filter(p -> p.projectId().equals("P03")).findFirst().orElseThrow();
    long households =
        demo.surveys().stream()
            .filter(
                s ->
                    s.surveyType() == SurveyType.FIRST_REVISIT
                        && s.projectId().equals("P03")
                        && s.answered())
            .map(CallbackSurvey::householdId)
            .distinct()
            .count();

    assertThat(households).isGreaterThanOrEqualTo((long) Math.ceil(p03.occupiedHouseholds() * 0.9));
  }

  @Test
  void someSurveyAttemptsGoUnansweredAndCarryNoScores() {
    List<CallbackSurvey> unanswered = demo.surveys().stream().filter(s -> !s.answered()).toList();
    double responseRate = 1.0 - (double) unanswered.size() / demo.surveys().size();

    assertThat(responseRate).isBetween(0.84, 0.90);
    assertThat(unanswered)
        .allSatisfy(
            s -> {
              assertThat(s.scoreOverall()).isNull();
              assertThat(s.nps()).isNull();
            });
  }

  @Test
  void plantedCarelessTechnicianHasFewerRepairsSignedOff() {
    Map<Boolean, List<ComplaintEvent>> byCareless =
        demo.complaintEvents().stream()
            .filter(
                e -> e.eventType() == LifecycleEventType.RESOLVED && e.customerSignedOff() != null)
            .collect(
                Collectors.partitioningBy(
                    e -> e.staffId().equals(SyntheticCompany.CARELESS_TECHNICIAN)));
    double careless = signedShare(byCareless.get(true));
    double others = signedShare(byCareless.get(false));

    assertThat(byCareless.get(true)).hasSizeGreaterThan(50);
    assertThat(careless).isBetween(0.6, 0.8);
    assertThat(others).isBetween(0.9, 0.96);
  }

  /**
   * One complaint as the warehouse sees it: receipt, household, text, intent, component, when it
   * became major.
   */
  private record Complaint(
      String id,
      String project,
      String household,
      OffsetDateTime received,
      String description,
      boolean venting,
      String component,
      OffsetDateTime majorAt,
      OffsetDateTime acceptedAt) {}

  private static List<Complaint> complaints() {
    Map<String, List<ComplaintEvent>> byComplaint =
        demo.complaintEvents().stream().collect(Collectors.groupingBy(ComplaintEvent::complaintId));
    return byComplaint.values().stream()
        .map(
            events -> {
              ComplaintEvent r =
                  events.stream()
                      .filter(e -> e.eventType() == LifecycleEventType.RECEIVED)
                      .findFirst()
                      .orElseThrow();
              ComplaintEvent a =
                  events.stream()
                      .filter(e -> e.eventType() == LifecycleEventType.ACCEPTED)
                      .findFirst()
                      .orElse(null);
              OffsetDateTime major =
                  events.stream()
                      .filter(
                          e ->
                              e.eventType() == LifecycleEventType.ESCALATED
                                  || e.severity() == Severity.MAJOR)
                      .map(ComplaintEvent::occurredAt)
                      .min(OffsetDateTime::compareTo)
                      .orElse(null);
              return new Complaint(
                  r.complaintId(),
                  r.projectId(),
                  r.householdId(),
                  r.occurredAt(),
                  r.description(),
                  r.intent() == ComplainantIntent.VENTING,
                  a == null ? null : a.buildingComponent(),
                  major,
                  a == null ? null : a.occurredAt());
            })
        .sorted(Comparator.comparing(Complaint::received).thenComparing(Complaint::id))
        .toList();
  }

  /**
   * The complaints that are a repeat of their household by the warehouse's rule
   * (fct_repeat_complaints).
   */
  private static Set<String> repeats(List<Complaint> complaints) {
    Set<String> repeats = new HashSet<>();
    Map<String, List<Complaint>> seen = new HashMap<>();
    for (Complaint c : complaints) {
      List<Complaint> earlier = seen.computeIfAbsent(c.household(), k -> new ArrayList<>());
      boolean knownComponent = c.component() != null && !c.component().equals("none");
      if (earlier.stream()
          .anyMatch(
              e ->
                  !e.received().plusDays(90).isBefore(c.received())
                      || knownComponent && c.component().equals(e.component()))) {
        repeats.add(c.id());
      }
      earlier.add(c);
    }
    return repeats;
  }

  private static Set<String> warningWords() throws IOException {
    try (var in =
        SyntheticDataGeneratorTest.class.getResourceAsStream(
            "/reference/early_warning_words.csv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .skip(1)
          .map(l -> l.split(",")[0])
          .collect(Collectors.toSet());
    }
  }

  @Test
  void plantedRepeatComplaintsSomeHouseholdsComplainAgainMostInOneProject() {
    List<Complaint> complaints = complaints();
    Set<String> repeats = repeats(complaints);
    Map<Boolean, List<Complaint>> byProject =
        complaints.stream()
            .collect(
                Collectors.partitioningBy(
                    c -> c.project().equals(SyntheticCompany.REPEAT_PROJECT)));
    double there =
        byProject.get(true).stream().filter(c -> repeats.contains(c.id())).count()
            / (double) byProject.get(true).size();
    double elsewhere =
        byProject.get(false).stream().filter(c -> repeats.contains(c.id())).count()
            / (double) byProject.get(false).size();
    // follow-ups: 2.5% of complaints, 15% in the repeat project, on top of households that complain
    // again by chance
    assertThat(elsewhere).isBetween(0.03, 0.15);
    assertThat(there).isGreaterThan(elsewhere + 0.05);
    assertThat(complaints)
        .anyMatch(c -> c.description().startsWith("上次维修后问题又出现了") && repeats.contains(c.id()));
  }

  @Test
  void plantedDissatisfiedItemsClusterInAFewProjectMonthsOnly() {
    // the warehouse's cluster rule (dissatisfied_items_monthly): at least 5 answered surveys of the
    // project-month name
    // the item, and at least 10% of them
    Map<String, List<CallbackSurvey>> byProjectMonth =
        demo.surveys().stream()
            .filter(CallbackSurvey::answered)
            .collect(
                Collectors.groupingBy(s -> s.projectId() + " " + YearMonth.from(s.occurredAt())));
    Set<String> clusters = new HashSet<>();
    byProjectMonth.forEach(
        (key, surveys) -> {
          Map<String, Long> mentions =
              surveys.stream()
                  .filter(s -> s.dissatisfiedItems() != null)
                  .flatMap(s -> s.dissatisfiedItems().stream().distinct())
                  .collect(Collectors.groupingBy(i -> i, Collectors.counting()));
          mentions.forEach(
              (item, n) -> {
                if (n >= 5 && n >= 0.1 * surveys.size()) {
                  clusters.add(key + " " + item);
                }
              });
        });
    for (SurveyScorer.Cluster planted : SurveyScorer.CLUSTERS) {
      assertThat(clusters)
          .contains(planted.projectId() + " " + planted.month() + " " + planted.item());
    }
    long clusterMonths =
        clusters.stream().map(c -> c.substring(0, c.lastIndexOf(' '))).distinct().count();
    assertThat(clusterMonths)
        .as("project-months with a cluster, of " + byProjectMonth.size() + ": " + clusters)
        .isLessThan(byProjectMonth.size() / 10);
  }

  @Test
  void plantedEscalationMajorComplaintsAreWarnedOfAndBecomeMajorLater() throws Exception {
    Set<String> words = warningWords();
    List<Complaint> complaints = complaints();
    Set<String> repeats = repeats(complaints);
    Predicate<Complaint> worded = c -> words.stream().anyMatch(c.description()::contains);
    List<Complaint> major = complaints.stream().filter(c -> c.majorAt() != null).toList();
    List<Complaint> never = complaints.stream().filter(c -> c.majorAt() == null).toList();
    // about 2% become major; most of them hours to days after receipt (median over 12 h), a few at
    // intake
    assertThat(major.size()).isBetween(complaints.size() / 100, complaints.size() / 25);
    List<Long> hours =
        major.stream()
            .map(c -> ChronoUnit.HOURS.between(c.received(), c.majorAt()))
            .sorted()
            .toList();
    assertThat(hours.get(hours.size() / 2)).isGreaterThan(12);
    assertThat(hours).anyMatch(h -> h >= 72);
    // the signs come first and more often for the complaints that become major, with noise both
    // ways
    assertThat(share(major, worded)).isGreaterThan(0.35);
    assertThat(share(never, worded)).isBetween(0.005, 0.05);
    assertThat(major).anyMatch(worded.negate());
    assertThat(share(major, Complaint::venting))
        .isGreaterThan(share(never, Complaint::venting) + 0.15);
    assertThat(share(major, c -> repeats.contains(c.id())))
        .isGreaterThan(share(never, c -> repeats.contains(c.id())) + 0.05);
    assertThat(
            share(major, c -> EscalationStory.ANGRY.stream().anyMatch(c.description()::contains)))
        .isGreaterThan(
            share(never, c -> EscalationStory.ANGRY.stream().anyMatch(c.description()::contains))
                + 0.3);
    // several households: a group incident, five or more households of one project on one component
    // within a week,
    // naming group action, and major later
    assertThat(major)
        .anyMatch(
            m ->
                EscalationStory.GROUP.stream().anyMatch(m.description()::contains)
                    && complaints.stream()
                            .filter(
                                c ->
                                    c.project().equals(m.project())
                                        && m.component() != null
                                        && m.component().equals(c.component()))
                            .filter(
                                c ->
                                    Math.abs(ChronoUnit.HOURS.between(c.received(), m.received()))
                                        <= 7 * 24)
                            .map(Complaint::household)
                            .distinct()
                            .count()
                        >= 5);
  }

  private static double share(List<Complaint> complaints, Predicate<Complaint> p) {
    return complaints.stream().filter(p).count() / (double) complaints.size();
  }

  private static double signedShare(List<ComplaintEvent> repairs) {
    return repairs.stream().filter(ComplaintEvent::customerSignedOff).count()
        / (double) repairs.size();
  }

  private static double meanOverall(LocalDate from, LocalDate to) {
    return demo.surveys().stream()
        .filter(
            s ->
                s.answered()
                    && !s.occurredAt().toLocalDate().isBefore(from)
                    && s.occurredAt().toLocalDate().isBefore(to))
        .mapToInt(CallbackSurvey::scoreOverall)
        .average()
        .orElseThrow();
  }

  private static double lateCallbackShare(
      Map<String, List<ComplaintEvent>> byComplaint, Predicate<String> caller) {
    long total = 0;
    long late = 0;
    for (List<ComplaintEvent> events : byComplaint.values()) {
      OffsetDateTime resolved = first(events, LifecycleEventType.RESOLVED);
      ComplaintEvent callback =
          events.stream()
              .filter(e -> e.eventType() == LifecycleEventType.CALLBACK_DONE)
              .findFirst()
              .orElse(null);
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
    return received != null
        && accepted != null
        && ChronoUnit.HOURS.between(received, accepted) >= 24;
  }

  private static OffsetDateTime first(List<ComplaintEvent> events, LifecycleEventType type) {
    return events.stream()
        .filter(e -> e.eventType() == type)
        .map(ComplaintEvent::occurredAt)
        .min(OffsetDateTime::compareTo)
        .orElse(null);
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
