package io.qualityloop.ingestion.generator;

import io.qualityloop.events.CallbackSurvey;
import io.qualityloop.events.Channel;
import io.qualityloop.events.ComplainantIntent;
import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.LifecycleEventType;
import io.qualityloop.events.ProjectRef;
import io.qualityloop.events.Severity;
import io.qualityloop.events.StaffRef;
import io.qualityloop.events.SurveyType;
import io.qualityloop.events.WorkOrderType;
import io.qualityloop.events.WorkingCalendar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Writes the life of one complaint as lifecycle events, with realistic delays: mostly on time, some
 * late steps, pauses while the customer is away, extensions agreed for multi-trade repairs,
 * escalations of major complaints, reopens after a poor callback, and the callback survey.
 */
final class ComplaintLifecycleSimulator {
  private static final List<String> CATEGORIES =
      List.of("service", "product", "environment", "other", "finance");
  private static final List<String> TRADES =
      List.of("plumbing", "masonry", "electrical", "carpentry", "painting", "glazing");

  private final Dice dice;
  private final SyntheticCompany company;
  private final WorkingCalendar calendar;
  private final SurveyScorer scorer;
  private final OffsetDateTime endExclusive;

  ComplaintLifecycleSimulator(
      Dice dice,
      SyntheticCompany company,
      WorkingCalendar calendar,
      SurveyScorer scorer,
      OffsetDateTime endExclusive) {
    this.dice = dice;
    this.company = company;
    this.calendar = calendar;
    this.scorer = scorer;
    this.endExclusive = endExclusive;
  }

  /** What the complaint is about, decided when it is received. */
  record Classification(
      String category,
      String subCategory,
      String component,
      String rootCause,
      String department,
      Severity severity,
      ComplainantIntent intent,
      DefectCatalogue.Defect defect) {}

  Classification classifyRepair(String forcedComponent) {
    String component =
        forcedComponent != null
            ? forcedComponent
            : dice.weighted(DefectCatalogue.PRODUCT_COMPONENTS, DefectCatalogue.PRODUCT_WEIGHTS);
    String sub = component.equals("elevators") ? "equipment" : "house_quality";
    String root =
        forcedComponent != null
            ? "workmanship"
            : dice.weighted(List.of("workmanship", "materials", "design"), 55, 30, 15);
    return productClassification(sub, component, root, forcedComponent != null ? 0.01 : 0.001);
  }

  /** An elevator entrapment (planted pattern 4). */
  Classification entrapment() {
    return new Classification(
        "product",
        "equipment",
        "elevators",
        "materials",
        "materials",
        severity(0.05),
        intent(),
        DefectCatalogue.ENTRAPMENT);
  }

  /** A water leak the agent filed as other/process with no component (planted pattern 5). */
  Classification leakFiledAsOther() {
    return new Classification(
        "other",
        "process",
        "none",
        "communication",
        "administration",
        severity(0.01),
        intent(),
        DefectCatalogue.leakFiledAsOther());
  }

  Classification classifyComplaint() {
    String category = dice.weighted(CATEGORIES, 30, 35, 20, 8, 7);
    return switch (category) {
      case "product" -> {
        String component =
            dice.weighted(DefectCatalogue.PRODUCT_COMPONENTS, DefectCatalogue.PRODUCT_WEIGHTS);
        String root = dice.weighted(List.of("workmanship", "materials", "design"), 50, 25, 25);
        String sub =
            root.equals("design")
                ? "design_defect"
                : dice.weighted(List.of("house_quality", "late_delivery", "equipment"), 80, 8, 12);
        yield productClassification(sub, component, root, 0.002);
      }
      case "service" ->
          simple(
              category,
              dice.pick(List.of("reception", "after_sales", "response_delay")),
              "none",
              "communication",
              "customer_service");
      case "environment" -> {
        String sub = dice.pick(List.of("noise", "hygiene", "landscaping", "parking"));
        String component =
            switch (sub) {
              case "landscaping" -> "landscaping";
              case "parking" -> "parking";
              case "hygiene" -> "public_areas";
              default -> "none";
            };
        yield simple(category, sub, component, "property_management", "property_management");
      }
      case "other" -> {
        String sub = dice.pick(List.of("policy", "process", "contract", "sales_promise"));
        String dept =
            switch (sub) {
              case "process" -> "administration";
              case "sales_promise" -> "sales";
              default -> "legal";
            };
        yield simple(
            category,
            sub,
            "none",
            sub.equals("policy") ? "policy_external" : "sales_promise",
            dept);
      }
      default ->
          simple(
              "finance",
              dice.pick(List.of("collection", "fees")),
              "none",
              "communication",
              "finance");
    };
  }

  private Classification productClassification(
      String sub, String component, String root, double majorShare) {
    String dept =
        switch (root) {
          case "design" -> "design_rd";
          case "materials" -> "materials";
          default -> "engineering";
        };
    return new Classification(
        "product",
        sub,
        component,
        root,
        dept,
        severity(majorShare),
        intent(),
        DefectCatalogue.of(component));
  }

  private Classification simple(
      String category, String sub, String component, String root, String dept) {
    return new Classification(
        category,
        sub,
        component,
        root,
        dept,
        severity(0.0005),
        intent(),
        DefectCatalogue.of(component));
  }

  /**
   * Major at intake: a serious incident recognised when the complaint is accepted, a small share by
   * category; most major complaints become major later, as {@link EscalationStory} tells.
   */
  private Severity severity(double majorShare) {
    return dice.chance(majorShare) ? Severity.MAJOR : Severity.NORMAL;
  }

  private ComplainantIntent intent() {
    return dice.weighted(
        List.of(
            ComplainantIntent.PROBLEM_SOLVING,
            ComplainantIntent.VENTING,
            ComplainantIntent.EXPECTATION),
        60,
        25,
        15);
  }

  /**
   * Writes the complaint's events (only those before the end of the data window) to {@code events},
   * and its callback surveys to {@code surveys}.
   */
  void simulate(
      String complaintId,
      OffsetDateTime receivedAt,
      Channel channel,
      ProjectRef project,
      Household household,
      Classification c,
      EscalationStory.Telling telling,
      Consumer<ComplaintEvent> events,
      Consumer<CallbackSurvey> surveys) {
    List<ComplaintEvent> out = new ArrayList<>();
    StaffRef agent = dice.pick(company.staffFor("agent", project.serviceOffice()));
    StaffRef technician = dice.pick(company.staffFor("technician", project.serviceOffice()));
    StaffRef engineer = dice.pick(company.staffFor("engineer", project.serviceOffice()));
    DefectCatalogue.Defect defect = c.defect();
    String area = dice.pick(defect.areas());
    String part = dice.pick(defect.parts());
    String problem = dice.pick(defect.problems());
    String description =
        telling.textPrefix() + dice.pick(defect.descriptions()) + telling.textSuffix();
    boolean product = c.category().equals("product");
    EventWriter w =
        new EventWriter(
            complaintId, project, household, area, part, problem, defect.publicArea(), out);

    StaffRef supervisor = company.staffFor("supervisor", project.serviceOffice()).get(0);
    if (telling.escalateAt() != null) {
      w.escalateAt(telling.escalateAt(), supervisor);
    }
    w.add(
        receivedAt,
        LifecycleEventType.RECEIVED,
        agent,
        b -> b.channel(channel).intent(c.intent()).description(description));

    double acceptHours =
        dice.chance(0.85)
            ? dice.uniform(0.2, 6)
            : dice.chance(0.65) ? dice.uniform(6, 23.5) : dice.uniform(25, 60);
    OffsetDateTime t = plusHours(receivedAt, acceptHours);
    boolean lateAccept = acceptHours > 24;
    w.add(
        t, LifecycleEventType.ACCEPTED, agent, b -> b.classify(c, product ? null : c.rootCause()));
    if (c.severity() == Severity.MAJOR) {
      t = plusHours(t, dice.uniform(0.2, 2));
      w.add(t, LifecycleEventType.ESCALATED, supervisor, b -> b.reason("重大投诉，已报总经理室"));
    }

    boolean lateResolve;
    WorkOrderType workOrderType = null;
    List<String> trades = null;
    if (product) {
      t =
          atWorkingHour(
              calendar.plusWorkingDays(
                  t.toLocalDate(), dice.chance(0.85) ? dice.between(0, 1) : dice.between(2, 3)));
      if (t.isBefore(receivedAt)) {
        t = plusHours(receivedAt, acceptHours + 1);
      }
      w.add(t, LifecycleEventType.SITE_SURVEYED, engineer, b -> b.rootCause(c.rootCause()));
      boolean inWarranty = ChronoUnit.DAYS.between(project.deliveryDate(), t.toLocalDate()) < 730;
      workOrderType = inWarranty ^ dice.chance(0.05) ? WorkOrderType.A : WorkOrderType.B;
      int tradeCount = dice.chance(0.7) ? 1 : dice.between(2, 3);
      trades = pickTrades(tradeCount);
      t = plusHours(t, dice.uniform(0.5, 4));
      WorkOrderType wot = workOrderType;
      List<String> tr = trades;
      w.add(t, LifecycleEventType.WORK_ORDER_ISSUED, engineer, b -> b.workOrder(wot, tr));
      int pauseDays = 0;
      if (dice.chance(0.06)) {
        pauseDays = dice.between(1, 3);
        t = plusHours(t, dice.uniform(2, 20));
        w.add(
            t,
            LifecycleEventType.PAUSED,
            technician,
            b -> b.reason(dice.chance(0.6) ? "业主不在家，无法入户" : "等待材料到货"));
        t = atWorkingHour(calendar.plusWorkingDays(t.toLocalDate(), pauseDays));
        w.add(t, LifecycleEventType.RESUMED, technician, b -> b.reason("恢复维修"));
      }
      int limit = tradeCount == 1 ? 3 : 7;
      int days =
          dice.chance(0.85)
              ? dice.between(Math.max(1, limit - 3), limit)
              : dice.between(limit + 1, limit + 5);
      if (tradeCount > 1 && days > limit && dice.chance(0.4)) {
        OffsetDateTime agreed =
            atWorkingHour(calendar.plusWorkingDays(t.toLocalDate(), days + 1))
                .withHour(18)
                .withMinute(0);
        w.add(
            plusHours(t, 2),
            LifecycleEventType.EXTENDED,
            engineer,
            b -> b.reason("多工种维修，业主书面同意延期").extendedUntil(agreed));
      }
      lateResolve = days > limit;
      t = atWorkingHour(calendar.plusWorkingDays(t.toLocalDate(), days));
      BigDecimal cost = repairCost(tradeCount);
      w.add(t, LifecycleEventType.RESOLVED, technician, b -> b.cost(cost).workOrder(wot, tr));
    } else {
      int days = dice.chance(0.9) ? dice.between(1, 3) : dice.between(4, 7);
      t = atWorkingHour(calendar.plusWorkingDays(t.toLocalDate(), days));
      w.add(t, LifecycleEventType.DEPARTMENT_FEEDBACK, engineer, b -> b.department(c.department()));
      t = plusHours(t, dice.uniform(2, 40));
      lateResolve = days > 3;
      w.add(t, LifecycleEventType.RESOLVED, agent, b -> b);
    }

    boolean major =
        c.severity() == Severity.MAJOR
            || telling.escalateAt() != null && telling.escalateAt().isBefore(t);
    double penalty =
        (lateAccept ? 0.6 : 0)
            + (lateResolve ? 0.5 : 0)
            + (major ? 0.5 : 0)
            + (c.intent() == ComplainantIntent.VENTING ? 0.3 : 0)
            + (project.projectId().equals(SyntheticCompany.LEAKY_PROJECT)
                    && "waterproofing".equals(c.component())
                ? 0.3
                : 0);
    SurveyType surveyType = product ? SurveyType.REPAIR_CALLBACK : SurveyType.COMPLAINT_CALLBACK;

    for (int cycle = 1; cycle <= 2; cycle++) {
      t = plusHours(t, dice.uniform(1, 20));
      w.add(t, LifecycleEventType.CUSTOMER_NOTIFIED, agent, b -> b);
      if (!dice.chance(0.92)) {
        t = atWorkingHour(calendar.plusWorkingDays(t.toLocalDate(), dice.between(2, 4)));
        w.add(t, LifecycleEventType.CLOSED, agent, b -> b);
        break;
      }
      StaffRef caller = dice.pick(company.staffFor("agent", project.serviceOffice()));
      boolean slowTeam = caller.team().equals(SyntheticCompany.SLOW_CALLBACK_TEAM);
      // Most callbacks come within hours of the result being notified; late ones days later.
      boolean prompt = slowTeam ? dice.chance(0.3) : dice.chance(0.85);
      int callbackDays = prompt ? 0 : slowTeam ? dice.between(2, 5) : dice.between(2, 3);
      OffsetDateTime callbackAt =
          prompt
              ? plusHours(t, dice.uniform(0.5, 5))
              : atWorkingHour(calendar.plusWorkingDays(t.toLocalDate(), callbackDays));
      t = callbackAt.isAfter(t) ? callbackAt : plusHours(t, 2);
      w.add(t, LifecycleEventType.CALLBACK_DONE, caller, b -> b);
      double mean =
          SurveyScorer.baseline(
              t.toLocalDate(), penalty + (callbackDays > 1 ? 0.3 : 0) + (cycle == 2 ? 0.4 : 0));
      CallbackSurvey survey =
          scorer.survey(
              complaintId + "-CB" + cycle,
              t,
              surveyType,
              Channel.PHONE,
              household,
              caller.staffId(),
              complaintId,
              mean,
              lateAccept);
      if (t.isBefore(endExclusive)) {
        surveys.accept(survey);
      }
      boolean reopen =
          cycle == 1 && ((survey.scoreOverall() <= 2 && dice.chance(0.5)) || dice.chance(0.02));
      if (!reopen) {
        t = plusHours(t, dice.uniform(0.5, 24));
        w.add(t, LifecycleEventType.CLOSED, agent, b -> b);
        break;
      }
      // Most reopens are recorded explicitly; some systems simply resolve the complaint again.
      t = plusHours(t, dice.uniform(0.5, 4));
      if (dice.chance(0.75)) {
        w.add(t, LifecycleEventType.REOPENED, agent, b -> b.reason("回访不满意，问题未解决"));
      }
      t = atWorkingHour(calendar.plusWorkingDays(t.toLocalDate(), dice.between(1, 4)));
      BigDecimal cost = product ? repairCost(1) : null;
      StaffRef resolver = product ? technician : agent;
      w.add(t, LifecycleEventType.RESOLVED, resolver, b -> b.cost(cost));
    }

    for (ComplaintEvent e : out) {
      if (e.occurredAt().isBefore(endExclusive)) {
        events.accept(e);
      }
    }
  }

  private List<String> pickTrades(int count) {
    List<String> pool = new ArrayList<>(TRADES);
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      picked.add(pool.remove(dice.between(0, pool.size() - 1)));
    }
    return picked;
  }

  private BigDecimal repairCost(int trades) {
    double cost = Math.exp(dice.normal(Math.log(450.0 * trades), 0.9));
    return BigDecimal.valueOf(Math.min(cost, 60_000)).setScale(2, RoundingMode.HALF_UP);
  }

  private OffsetDateTime atWorkingHour(LocalDate day) {
    double hour = dice.uniform(9, 17.5);
    return day.atStartOfDay()
        .plusMinutes((long) (hour * 60))
        .atOffset(SyntheticDataGenerator.OFFSET);
  }

  private static OffsetDateTime plusHours(OffsetDateTime t, double hours) {
    return t.plusMinutes(Math.max(1, Math.round(hours * 60)));
  }

  /** Builds the events of one complaint with the fields every event repeats. */
  private static final class EventWriter {
    private final String complaintId;
    private final ProjectRef project;
    private final Household household;
    private final String area;
    private final String part;
    private final String problem;
    private final boolean publicArea;
    private final List<ComplaintEvent> out;
    private OffsetDateTime escalateAt;
    private StaffRef escalatedBy;

    EventWriter(
        String complaintId,
        ProjectRef project,
        Household household,
        String area,
        String part,
        String problem,
        boolean publicArea,
        List<ComplaintEvent> out) {
      this.complaintId = complaintId;
      this.project = project;
      this.household = household;
      this.area = area;
      this.part = part;
      this.problem = problem;
      this.publicArea = publicArea;
      this.out = out;
    }

    /**
     * The complaint becomes major at {@code at}: an ESCALATED step (severity MAJOR) written before
     * the first later step; none if the complaint's story ends before it.
     */
    void escalateAt(OffsetDateTime at, StaffRef supervisor) {
      escalateAt = at;
      escalatedBy = supervisor;
    }

    void add(
        OffsetDateTime at, LifecycleEventType type, StaffRef staff, UnaryOperator<Fields> fill) {
      if (escalateAt != null && at.isAfter(escalateAt)) {
        OffsetDateTime when = escalateAt;
        escalateAt = null;
        write(
            when,
            LifecycleEventType.ESCALATED,
            escalatedBy,
            new Fields().severity(Severity.MAJOR).reason("重大投诉，已报总经理室"));
      }
      write(at, type, staff, fill.apply(new Fields()));
    }

    private void write(OffsetDateTime at, LifecycleEventType type, StaffRef staff, Fields f) {
      out.add(
          new ComplaintEvent(
              complaintId + "-" + String.format("%02d", out.size() + 1),
              ComplaintEvent.SCHEMA_VERSION,
              at,
              complaintId,
              type,
              f.channel,
              project.projectId(),
              household.building(),
              household.unit(),
              household.room(),
              area,
              part,
              problem,
              publicArea,
              household.pseudonym(),
              staff.staffId(),
              f.category,
              f.subCategory,
              f.rootCause,
              f.component,
              f.department,
              f.severity,
              f.intent,
              f.workOrderType,
              f.trades,
              f.cost,
              f.description,
              f.reason,
              f.extendedUntil,
              type == LifecycleEventType.RESOLVED && "technician".equals(staff.role())
                  ? signedOff(complaintId + "-" + out.size(), staff)
                  : null,
              null));
    }
  }

  /**
   * Whether the customer signed a technician's repair off: 93% do, 70% for the planted careless
   * technician. Drawn from a hash of the event, not from the dice, so adding it left every other
   * generated value as it was.
   */
  static boolean signedOff(String eventKey, StaffRef technician) {
    double rate = technician.staffId().equals(SyntheticCompany.CARELESS_TECHNICIAN) ? 0.70 : 0.93;
    int bucket =
        Math.floorMod((eventKey + "/" + technician.staffId()).hashCode() * 0x9E3779B1, 1000);
    return bucket < rate * 1000;
  }

  /** The optional fields of one lifecycle event. */
  private static final class Fields {
    Channel channel;
    String category;
    String subCategory;
    String rootCause;
    String component;
    String department;
    Severity severity;
    ComplainantIntent intent;
    WorkOrderType workOrderType;
    List<String> trades;
    BigDecimal cost;
    String description;
    String reason;
    OffsetDateTime extendedUntil;

    Fields extendedUntil(OffsetDateTime v) {
      extendedUntil = v;
      return this;
    }

    Fields severity(Severity v) {
      severity = v;
      return this;
    }

    Fields channel(Channel v) {
      channel = v;
      return this;
    }

    Fields intent(ComplainantIntent v) {
      intent = v;
      return this;
    }

    Fields description(String v) {
      description = v;
      return this;
    }

    Fields reason(String v) {
      reason = v;
      return this;
    }

    Fields rootCause(String v) {
      rootCause = v;
      return this;
    }

    Fields department(String v) {
      department = v;
      return this;
    }

    Fields cost(BigDecimal v) {
      cost = v;
      return this;
    }

    Fields workOrder(WorkOrderType type, List<String> t) {
      workOrderType = type;
      trades = t;
      return this;
    }

    Fields classify(Classification c, String root) {
      category = c.category();
      subCategory = c.subCategory();
      component = c.component();
      department = c.department();
      severity = c.severity();
      intent = c.intent();
      rootCause = root;
      return this;
    }
  }
}
