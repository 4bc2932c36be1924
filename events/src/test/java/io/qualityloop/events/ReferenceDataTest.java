package io.qualityloop.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceDataTest {

  @Test
  void projectsAndStaffRoundTripThroughCsvWithTheDocumentedHeader(@TempDir Path dir)
      throws Exception {
    List<ProjectRef> projects =
        List.of(
            new ProjectRef(
                "P01",
                "滨江花园",
                "杭州",
                "high_rise",
                1200,
                1100,
                LocalDate.of(2025, 12, 20),
                "杭州服务中心"));
    List<StaffRef> staff = List.of(new StaffRef("S001", "王芳", "agent", "客服一组", "杭州服务中心"));

    ReferenceData.writeProjects(dir.resolve("projects.csv"), projects);
    ReferenceData.writeStaff(dir.resolve("staff.csv"), staff);

    assertThat(Files.readAllLines(dir.resolve("projects.csv")).get(0))
        .isEqualTo(
            "project_id,name_zh,city,product_type,households,occupied_households,delivery_date,service_office");
    assertThat(ReferenceData.readProjects(dir.resolve("projects.csv"))).isEqualTo(projects);
    assertThat(ReferenceData.readStaff(dir.resolve("staff.csv"))).isEqualTo(staff);
  }

  @Test
  void staticFilesAreCopiedWithTheirHeaders(@TempDir Path dir) throws Exception {
    ReferenceData.copyStaticFiles(dir);

    for (String name : ReferenceData.STATIC_FILES) {
      assertThat(dir.resolve(name)).exists();
    }
    assertThat(Files.readAllLines(dir.resolve("working_calendar.csv")))
        .first()
        .isEqualTo("date,day_type,name_zh");
    assertThat(Files.readAllLines(dir.resolve("working_calendar.csv")))
        .contains("2026-02-14,MAKEUP_WORKDAY,春节调休", "2025-10-01,HOLIDAY,国庆节、中秋节");
  }

  @Test
  void aReferenceFileTheCompanyEditedIsNotReplacedByTheShippedOneAndAMissingOneIsCopied(
      @TempDir Path dir) throws Exception {
    ReferenceData.copyStaticFiles(dir);
    Path components = dir.resolve("building_components.csv");
    String edited = Files.readString(components) + "solar_panel,光伏板,Solar panels,materials\n";
    Files.writeString(components, edited);
    Files.delete(dir.resolve("departments.csv"));

    ReferenceData.copyStaticFiles(dir);

    assertThat(Files.readString(components)).isEqualTo(edited);
    assertThat(dir.resolve("departments.csv")).exists();
    assertThat(ReferenceData.readCodes(dir).components()).contains("solar_panel", "waterproofing");
  }
}
