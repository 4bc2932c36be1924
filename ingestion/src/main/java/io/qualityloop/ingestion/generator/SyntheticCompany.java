package io.qualityloop.ingestion.generator;

import io.qualityloop.events.ProjectRef;
import io.qualityloop.events.StaffRef;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The invented company of the demo: ten projects in six cities, two service offices, fifty staff in
 * six teams. Fixed, so reports read the same on every machine.
 */
public final class SyntheticCompany {
  public static final int MAX_PROJECTS = 10;
  static final String OFFICE_EAST = "华东服务中心";
  static final String OFFICE_WEST = "华中西南服务中心";

  /** The project with a waterproofing wave after delivery (planted pattern 1). */
  public static final String LEAKY_PROJECT = "P03";

  /** The project with a surge of elevator entrapments (planted pattern 4). */
  public static final String ENTRAPMENT_PROJECT = "P09";

  /**
   * The project whose repairs often do not hold: its households complain again (planted pattern 8).
   */
  public static final String REPEAT_PROJECT = "P05";

  /**
   * The technician whose repairs customers often refuse to sign off (planted: 70% signed against
   * 93%).
   */
  public static final String CARELESS_TECHNICIAN = "S027";

  /** The team whose complaint callbacks are slow (planted pattern 2). */
  public static final String SLOW_CALLBACK_TEAM = "客服二组";

  private static final List<ProjectRef> PROJECTS =
      List.of(
          new ProjectRef(
              "P01", "滨江花园", "杭州", "high_rise", 1800, 1690, LocalDate.of(2023, 6, 18), OFFICE_EAST),
          new ProjectRef(
              "P02", "云栖苑", "杭州", "townhouse", 420, 395, LocalDate.of(2022, 9, 25), OFFICE_EAST),
          new ProjectRef(
              "P03", "翠湖天地", "上海", "high_rise", 2400, 1750, LocalDate.of(2025, 9, 20), OFFICE_EAST),
          new ProjectRef(
              "P04", "金桂园", "上海", "mid_rise", 960, 930, LocalDate.of(2021, 5, 30), OFFICE_EAST),
          new ProjectRef(
              "P05", "锦绣华庭", "南京", "high_rise", 2100, 1950, LocalDate.of(2024, 3, 16), OFFICE_EAST),
          new ProjectRef(
              "P06", "紫金府", "南京", "villa", 180, 160, LocalDate.of(2023, 11, 11), OFFICE_WEST),
          new ProjectRef(
              "P07", "星河湾", "苏州", "mixed", 1500, 1020, LocalDate.of(2026, 3, 28), OFFICE_WEST),
          new ProjectRef(
              "P08", "桃源里", "苏州", "mid_rise", 880, 860, LocalDate.of(2020, 10, 24), OFFICE_WEST),
          new ProjectRef(
              "P09", "天府悦", "成都", "high_rise", 2600, 2310, LocalDate.of(2024, 12, 21), OFFICE_WEST),
          new ProjectRef(
              "P10", "东湖印", "武汉", "high_rise", 1900, 1800, LocalDate.of(2022, 4, 16), OFFICE_WEST));

  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
  private static final String[] GIVEN = {"芳", "伟", "娜", "敏", "静", "磊", "强", "洋", "艳", "杰"};

  private final List<ProjectRef> projects;
  private final List<StaffRef> staff;

  public SyntheticCompany(int projectCount, double householdScale) {
    List<ProjectRef> scaled = new ArrayList<>();
    for (ProjectRef p : PROJECTS.subList(0, projectCount)) {
      int households = Math.max(20, (int) Math.round(p.households() * householdScale));
      int occupied = Math.max(10, (int) Math.round(p.occupiedHouseholds() * householdScale));
      scaled.add(
          new ProjectRef(
              p.projectId(),
              p.nameZh(),
              p.city(),
              p.productType(),
              households,
              occupied,
              p.deliveryDate(),
              p.serviceOffice()));
    }
    this.projects = List.copyOf(scaled);
    this.staff = List.copyOf(buildStaff());
  }

  private static List<StaffRef> buildStaff() {
    List<StaffRef> staff = new ArrayList<>();
    addTeam(staff, "客服一组", "agent", OFFICE_EAST, 10);
    addTeam(staff, SLOW_CALLBACK_TEAM, "agent", OFFICE_WEST, 10);
    addTeam(staff, "维修一组", "technician", OFFICE_EAST, 10);
    addTeam(staff, "维修二组", "technician", OFFICE_WEST, 10);
    addTeam(staff, "工程组", "engineer", OFFICE_EAST, 6);
    addTeam(staff, "主管组", "supervisor", OFFICE_WEST, 4);
    return staff;
  }

  private static void addTeam(
      List<StaffRef> staff, String team, String role, String office, int size) {
    for (int i = 0; i < size; i++) {
      int n = staff.size() + 1;
      String name =
          SURNAMES[n % SURNAMES.length]
              + GIVEN[(n * 7 / 10 + n) % GIVEN.length]
              + (n > 20 ? String.valueOf(n % 3 + 1) : "");
      staff.add(new StaffRef(String.format("S%03d", n), name, role, team, office));
    }
  }

  public List<ProjectRef> projects() {
    return projects;
  }

  public List<StaffRef> staff() {
    return staff;
  }

  /** Staff of one role serving one office (engineers and supervisors serve both). */
  List<StaffRef> staffFor(String role, String office) {
    return staff.stream()
        .filter(s -> s.role().equals(role))
        .filter(
            s ->
                s.serviceOffice().equals(office)
                    || role.equals("engineer")
                    || role.equals("supervisor"))
        .toList();
  }
}
