package io.qualityloop.ingestion.generator;

import io.qualityloop.events.CallbackSurvey;
import io.qualityloop.events.Channel;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.InteractionKind;
import io.qualityloop.events.ProjectRef;
import io.qualityloop.events.Pseudonymizer;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.events.ServiceInteraction;
import io.qualityloop.events.Severity;
import io.qualityloop.events.StaffRef;
import io.qualityloop.events.SurveyType;
import io.qualityloop.events.WorkingCalendar;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates a company's service history: contacts on every channel, complaint lifecycles with their
 * callbacks, first and annual revisit surveys. Seeded: the same configuration gives the same
 * events. It plants five patterns for the reports to find (documented in ingestion/README.md):
 *
 * <ol>
 *   <li>project {@value SyntheticCompany#LEAKY_PROJECT} has a waterproofing wave in the five months
 *       after its delivery;
 *   <li>team {@value SyntheticCompany#SLOW_CALLBACK_TEAM} makes its complaint callbacks late;
 *   <li>satisfaction dips in 2026Q2;
 *   <li>project {@value SyntheticCompany#ENTRAPMENT_PROJECT} has a surge of elevator entrapments
 *       (电梯困人) in the four weeks from {@link #ENTRAPMENT_SURGE_START};
 *   <li>every project has some water-leak complaints filed as "other" with no component: only their
 *       text says what they are.
 * </ol>
 *
 * Patterns 4 and 5 draw from their own seeded dice: adding them changed no other draw (only the
 * numbering of the service interactions after each planted one). Patterns 7-9 (issue 21) tell how
 * complaints come back and become major, from dice of their own ({@link EscalationStory}):
 *
 * <ol start="7">
 *   <li>a complaint becomes major hours to days after its warning signs, more often when the
 *       customer vents, complained before, or shares the problem with neighbours, and usually after
 *       saying so;
 *   <li>some households complain again (follow-ups 5-80 days later, about the same component for a
 *       product complaint): 2.5% of complaints, 15% in project {@value
 *       SyntheticCompany#REPEAT_PROJECT};
 *   <li>now and then five to nine households of one building complain about one defect within four
 *       days (a group incident), and two in five such groups escalate.
 * </ol>
 *
 * Pattern 10 (dissatisfied items clustering in a project-month) is {@link SurveyScorer#CLUSTERS}.
 *
 * <p>Households arrive already pseudonymised with a demo key derived from the seed: the generator
 * stands for an upstream system, and no real personal data exists anywhere in the demo.
 */
public final class SyntheticDataGenerator {
  static final ZoneOffset OFFSET = ZoneOffset.ofHours(8);
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final GeneratorConfig config;
  private final SyntheticCompany company;
  private final WorkingCalendar calendar;
  private final Dice dice;
  private final Pseudonymizer pseudonymizer;
  private final SurveyScorer scorer;
  private final ComplaintLifecycleSimulator lifecycles;

  private final List<ServiceInteraction> interactions = new ArrayList<>();
  private final List<ComplaintEvent> complaintEvents = new ArrayList<>();
  private final List<CallbackSurvey> surveys = new ArrayList<>();
  private int complaintSeq;
  private final Dice plantedDice;
  private final ComplaintLifecycleSimulator plantedLifecycles;
  private int plantedSeq;
  private final Dice storyDice;
  private final EscalationStory story;
  private final ComplaintLifecycleSimulator storyLifecycles;
  private final HouseholdHistory history = new HouseholdHistory();
  private final Map<LocalDate, List<Planned>> planned = new HashMap<>();
  private int storySeq;

  /**
   * A complaint the story planned for a later day: a follow-up of a household, or a member of a
   * group incident.
   */
  private record Planned(
      ProjectRef project,
      Household household,
      String component,
      boolean product,
      EscalationStory.GroupIncident incident) {}

  /** Components that a group of neighbours complains about together. */
  private static final List<String> GROUP_COMPONENTS =
      List.of("waterproofing", "facade", "elevators", "plumbing", "electrical");

  /** The first day (a Monday) of the four weeks of planted pattern 4. */
  public static final LocalDate ENTRAPMENT_SURGE_START = LocalDate.of(2026, 8, 3);

  public SyntheticDataGenerator(GeneratorConfig config, WorkingCalendar calendar) {
    this.config = config;
    this.company = new SyntheticCompany(config.projects(), config.householdScale());
    this.calendar = calendar;
    this.dice = new Dice(config.seed());
    this.pseudonymizer =
        new Pseudonymizer(
            ("qualityloop-demo-key-" + config.seed()).getBytes(StandardCharsets.UTF_8));
    this.scorer = new SurveyScorer(dice);
    this.lifecycles =
        new ComplaintLifecycleSimulator(
            dice, company, calendar, scorer, config.endExclusive().atStartOfDay().atOffset(OFFSET));
    this.plantedDice = new Dice(config.seed() * 31 + 4);
    this.plantedLifecycles =
        new ComplaintLifecycleSimulator(
            plantedDice,
            company,
            calendar,
            new SurveyScorer(plantedDice),
            config.endExclusive().atStartOfDay().atOffset(OFFSET));
    this.storyDice = new Dice(config.seed() * 31 + 7);
    this.story = new EscalationStory(storyDice);
    this.storyLifecycles =
        new ComplaintLifecycleSimulator(
            storyDice,
            company,
            calendar,
            new SurveyScorer(storyDice),
            config.endExclusive().atStartOfDay().atOffset(OFFSET));
  }

  public GeneratedData generate() {
    for (LocalDate day = config.start();
        day.isBefore(config.endExclusive());
        day = day.plusDays(1)) {
      for (Planned p : planned.getOrDefault(day, List.of())) {
        plannedComplaint(day, p);
      }
      planned.remove(day);
      for (ProjectRef project : company.projects()) {
        contactsOn(day, project);
        groupIncident(day, project);
      }
    }
    for (ProjectRef project : company.projects()) {
      firstRevisit(project);
      annualRevisit(project);
    }
    surveys.addAll(UnansweredAttempts.before(surveys));
    Comparator<QualityEvent> byTime =
        Comparator.comparing(QualityEvent::occurredAt).thenComparing(QualityEvent::eventId);
    interactions.sort(byTime);
    complaintEvents.sort(byTime);
    surveys.sort(byTime);
    return new GeneratedData(
        company.projects(),
        company.staff(),
        List.copyOf(interactions),
        List.copyOf(complaintEvents),
        List.copyOf(surveys));
  }

  private void contactsOn(LocalDate day, ProjectRef project) {
    boolean delivered = !day.isBefore(project.deliveryDate());
    double households = delivered ? occupiedOn(project, day) : project.households() * 0.25;
    double lambda = households * config.contactsPerHouseholdYear() / 365.0;
    if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      lambda *= 0.7;
    }
    int contacts = dice.poisson(lambda);
    for (int i = 0; i < contacts; i++) {
      InteractionKind kind =
          delivered
              ? dice.weighted(List.of(InteractionKind.values()), 48, 8, 8, 12, 16)
              : dice.weighted(List.of(InteractionKind.values()), 60, 20, 10, 10, 0);
      contact(day, project, kind, null);
    }
    long monthsSinceDelivery = ChronoUnit.MONTHS.between(project.deliveryDate(), day);
    if (project.projectId().equals(SyntheticCompany.LEAKY_PROJECT)
        && delivered
        && monthsSinceDelivery < 5) {
      int wave =
          dice.poisson(project.households() / 2400.0 * 3.0 * (1.0 - monthsSinceDelivery / 5.0));
      for (int i = 0; i < wave; i++) {
        contact(day, project, InteractionKind.REPAIR_REQUEST, "waterproofing");
      }
    }
    plantTextPatterns(day, project, delivered);
  }

  /** Planted patterns 4 and 5, from their own dice. */
  private void plantTextPatterns(LocalDate day, ProjectRef project, boolean delivered) {
    if (project.projectId().equals(SyntheticCompany.ENTRAPMENT_PROJECT)
        && !day.isBefore(ENTRAPMENT_SURGE_START)
        && day.isBefore(ENTRAPMENT_SURGE_START.plusWeeks(4))) {
      for (int i = plantedDice.poisson(1.2); i > 0; i--) {
        plantedComplaint(day, project, plantedLifecycles.entrapment());
      }
    }
    if (delivered) {
      for (int i = plantedDice.poisson(0.025); i > 0; i--) {
        plantedComplaint(day, project, plantedLifecycles.leakFiledAsOther());
      }
    }
  }

  private void plantedComplaint(
      LocalDate day,
      ProjectRef project,
      ComplaintLifecycleSimulator.Classification classification) {
    Channel channel = plantedDice.weighted(List.of(Channel.values()), 45, 30, 10, 5, 10);
    OffsetDateTime at =
        day.atStartOfDay().plusMinutes((long) (plantedDice.uniform(8, 20.5) * 60)).atOffset(OFFSET);
    Household household = household(project, plantedDice.between(0, project.households() - 1));
    StaffRef agent = plantedDice.pick(company.staffFor("agent", project.serviceOffice()));
    Integer rings = channel == Channel.PHONE ? plantedDice.between(1, 3) : null;
    // a number range of its own: C<day>9nnnn, above the sequence of the other complaints
    String complaintId = "C" + day.format(DAY) + String.format("9%04d", ++plantedSeq);
    told(
        day,
        complaintId,
        at,
        channel,
        project,
        household,
        classification,
        plantedLifecycles,
        null,
        "");
    interactions.add(
        new ServiceInteraction(
            String.format("SI%09d", interactions.size() + 1),
            ServiceInteraction.SCHEMA_VERSION,
            at,
            channel,
            InteractionKind.COMPLAINT,
            project.projectId(),
            household.building(),
            household.unit(),
            household.room(),
            household.pseudonym(),
            agent.staffId(),
            rings,
            null,
            null,
            complaintId,
            null,
            respondedAt(at, channel, String.format("SI%09d", interactions.size() + 1)),
            null));
  }

  /**
   * Simulates a complaint with its story (planted pattern 7): whether the household complained
   * before, what the customer says, whether and when it becomes major; then perhaps plans its
   * follow-up (pattern 8).
   */
  private void told(
      LocalDate day,
      String complaintId,
      OffsetDateTime at,
      Channel channel,
      ProjectRef project,
      Household household,
      ComplaintLifecycleSimulator.Classification c,
      ComplaintLifecycleSimulator lifecycle,
      EscalationStory.GroupIncident incident,
      String prefix) {
    boolean product = c.category().equals("product");
    boolean repeat = history.repeatThenRecord(household.pseudonym(), at, c.component());
    EscalationStory.Telling telling =
        story.tell(
            at, product, c.intent(), repeat, incident, c.severity() == Severity.MAJOR, prefix);
    lifecycle.simulate(
        complaintId,
        at,
        channel,
        project,
        household,
        c,
        telling,
        complaintEvents::add,
        surveys::add);
    double followUp = project.projectId().equals(SyntheticCompany.REPEAT_PROJECT) ? 0.15 : 0.025;
    if (storyDice.chance(followUp)) {
      LocalDate when = day.plusDays(storyDice.between(5, 80));
      planned
          .computeIfAbsent(when, k -> new ArrayList<>())
          .add(new Planned(project, household, c.component(), product, null));
    }
  }

  /**
   * Planted pattern 9: now and then (one day in 150 per delivered project) neighbours complain
   * together.
   */
  private void groupIncident(LocalDate day, ProjectRef project) {
    if (day.isBefore(project.deliveryDate()) || !storyDice.chance(1 / 150.0)) {
      return;
    }
    String component = storyDice.pick(GROUP_COMPONENTS);
    var incident =
        new EscalationStory.GroupIncident(day.atTime(8, 0).atOffset(OFFSET), storyDice.chance(0.4));
    int buildingStart = storyDice.between(0, project.households() - 1) / 120 * 120;
    int members = storyDice.between(5, 9);
    Set<Integer> homes = new LinkedHashSet<>();
    for (int tries = 0; homes.size() < members && tries < 100; tries++) {
      homes.add((buildingStart + storyDice.between(0, 119)) % project.households());
    }
    for (int index : homes) {
      LocalDate when = day.plusDays(storyDice.between(0, 3));
      planned
          .computeIfAbsent(when, k -> new ArrayList<>())
          .add(new Planned(project, household(project, index), component, true, incident));
    }
  }

  /** A follow-up or a group member's complaint (patterns 8 and 9), from the story's dice. */
  private void plannedComplaint(LocalDate day, Planned p) {
    boolean sameDefect = p.product() && !"none".equals(p.component());
    var classification =
        sameDefect
            ? storyLifecycles.classifyRepair(p.component())
            : storyLifecycles.classifyComplaint();
    String prefix = p.incident() == null && sameDefect ? "上次维修后问题又出现了，" : "";
    Channel channel = storyDice.weighted(List.of(Channel.values()), 45, 30, 10, 5, 10);
    OffsetDateTime at =
        day.atStartOfDay().plusMinutes((long) (storyDice.uniform(8, 20.5) * 60)).atOffset(OFFSET);
    StaffRef agent = storyDice.pick(company.staffFor("agent", p.project().serviceOffice()));
    // a number range of its own: C<day>8nnnn
    String complaintId = "C" + day.format(DAY) + String.format("8%04d", ++storySeq);
    told(
        day,
        complaintId,
        at,
        channel,
        p.project(),
        p.household(),
        classification,
        storyLifecycles,
        p.incident(),
        prefix);
    String id = String.format("SI%09d", interactions.size() + 1);
    interactions.add(
        new ServiceInteraction(
            id,
            ServiceInteraction.SCHEMA_VERSION,
            at,
            channel,
            p.product() ? InteractionKind.REPAIR_REQUEST : InteractionKind.COMPLAINT,
            p.project().projectId(),
            p.household().building(),
            p.household().unit(),
            p.household().room(),
            p.household().pseudonym(),
            agent.staffId(),
            channel == Channel.PHONE ? storyDice.between(1, 3) : null,
            null,
            null,
            complaintId,
            null,
            respondedAt(at, channel, id),
            null));
  }

  /**
   * Move-ins ramp up over six months after delivery; older projects are at their occupied count.
   */
  private static double occupiedOn(ProjectRef project, LocalDate day) {
    long days = ChronoUnit.DAYS.between(project.deliveryDate(), day);
    double share = Math.min(1.0, 0.2 + 0.8 * days / 180.0);
    return project.occupiedHouseholds() * share;
  }

  private void contact(
      LocalDate day, ProjectRef project, InteractionKind kind, String forcedComponent) {
    Channel channel = dice.weighted(List.of(Channel.values()), 45, 30, 10, 5, 10);
    OffsetDateTime at =
        day.atStartOfDay().plusMinutes((long) (dice.uniform(8, 20.5) * 60)).atOffset(OFFSET);
    Household household = household(project, dice.between(0, project.households() - 1));
    StaffRef agent = dice.pick(company.staffFor("agent", project.serviceOffice()));
    Integer rings =
        channel == Channel.PHONE
            ? (dice.chance(0.9) ? dice.between(1, 3) : dice.between(4, 8))
            : null;
    OffsetDateTime promisedAt = null;
    Boolean kept = null;
    if (kind == InteractionKind.CONSULTATION && dice.chance(0.2)) {
      promisedAt = at.plusHours(dice.between(2, 24));
      kept = dice.chance(0.88);
    }
    String complaintId = null;
    String summary =
        switch (kind) {
          case CONSULTATION -> dice.pick(List.of("咨询物业费缴纳方式", "咨询交房流程", "咨询装修备案手续", "咨询车位租赁"));
          case SUGGESTION -> dice.pick(List.of("建议增加儿童游乐设施", "建议延长会所开放时间", "建议增加快递柜"));
          case PRAISE -> dice.pick(List.of("表扬维修师傅服务周到", "表扬管家及时处理问题"));
          default -> null;
        };
    if (kind == InteractionKind.COMPLAINT || kind == InteractionKind.REPAIR_REQUEST) {
      complaintId = "C" + day.format(DAY) + String.format("%05d", ++complaintSeq);
      var classification =
          kind == InteractionKind.REPAIR_REQUEST
              ? lifecycles.classifyRepair(forcedComponent)
              : lifecycles.classifyComplaint();
      told(day, complaintId, at, channel, project, household, classification, lifecycles, null, "");
    }
    interactions.add(
        new ServiceInteraction(
            String.format("SI%09d", interactions.size() + 1),
            ServiceInteraction.SCHEMA_VERSION,
            at,
            channel,
            kind,
            project.projectId(),
            household.building(),
            household.unit(),
            household.room(),
            household.pseudonym(),
            agent.staffId(),
            rings,
            promisedAt,
            kept,
            complaintId,
            summary,
            respondedAt(at, channel, String.format("SI%09d", interactions.size() + 1)),
            null));
  }

  /**
   * When a person first responded (000 §5.1.1: within 2 hours, goal 1 hour): a phone call or a
   * visit is answered at once; a message (WeChat, email, app) waits. The wait is derived from
   * {@code key} rather than drawn from the dice, so that the rest of the generated data stays as it
   * was: 80% within an hour, 12% within two, 8% later (up to six hours).
   */
  static OffsetDateTime respondedAt(OffsetDateTime at, Channel channel, String key) {
    if (channel == Channel.PHONE || channel == Channel.VISIT) {
      return at;
    }
    int bucket = Math.floorMod(key.hashCode(), 100);
    int spread = Math.floorMod(key.hashCode() / 100, 60);
    long minutes =
        bucket < 80 ? 5 + spread * 55 / 60 : bucket < 92 ? 60 + spread : 120 + spread * 4;
    return at.plusMinutes(minutes);
  }

  /**
   * First revisit of a newly delivered community: once half have moved in, at least 90% of occupied
   * homes.
   */
  private void firstRevisit(ProjectRef project) {
    LocalDate from = project.deliveryDate().plusDays(75);
    if (from.isBefore(config.start()) || !from.plusDays(30).isBefore(config.endExclusive())) {
      return;
    }
    int target = (int) Math.ceil(project.occupiedHouseholds() * 0.92);
    revisit(project, SurveyType.FIRST_REVISIT, from, 30, target, 0.0);
  }

  /**
   * Annual revisit: a 12% sample of occupied homes of every project delivered a year or more ago.
   */
  private void annualRevisit(ProjectRef project) {
    int index = Integer.parseInt(project.projectId().substring(1));
    LocalDate from = LocalDate.of(2025, 11, 1).plusMonths(index % 3);
    if (from.isBefore(config.start())
        || !from.plusDays(28).isBefore(config.endExclusive())
        || ChronoUnit.DAYS.between(project.deliveryDate(), from) < 365) {
      return;
    }
    int target = (int) Math.ceil(project.occupiedHouseholds() * 0.12);
    revisit(project, SurveyType.ANNUAL_REVISIT, from, 28, target, 0.1);
  }

  private void revisit(
      ProjectRef project, SurveyType type, LocalDate from, int days, int count, double penalty) {
    List<StaffRef> agents = company.staffFor("agent", project.serviceOffice());
    int stride = Math.max(1, project.households() / Math.max(1, count));
    for (int i = 0; i < count; i++) {
      int householdIndex = (i * stride + dice.between(0, stride - 1)) % project.households();
      LocalDate day = calendar.plusWorkingDays(from.plusDays(dice.between(0, days - 1)), 0);
      OffsetDateTime at =
          day.atStartOfDay().plusMinutes((long) (dice.uniform(9, 19) * 60)).atOffset(OFFSET);
      surveys.add(
          scorer.survey(
              String.format(
                  "RV-%s-%s-%05d",
                  project.projectId(), type == SurveyType.FIRST_REVISIT ? "F" : "A", i + 1),
              at,
              type,
              dice.chance(0.8) ? Channel.PHONE : Channel.VISIT,
              household(project, householdIndex),
              dice.pick(agents).staffId(),
              null,
              SurveyScorer.baseline(day, penalty),
              false));
    }
  }

  /** Household {@code index} of a project: 40 homes per unit, three units per building. */
  private Household household(ProjectRef project, int index) {
    String building = String.valueOf(index / 120 + 1);
    String unit = String.valueOf((index % 120) / 40 + 1);
    int floor = (index % 40) / 2 + 2;
    String room = floor + "0" + (index % 2 + 1);
    String pseudonym =
        pseudonymizer.pseudonym(
            "hh", project.projectId() + "|" + building + "|" + unit + "|" + room);
    return new Household(project.projectId(), building, unit, room, pseudonym);
  }
}
