package io.qualityloop.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationRoutesTest {
  private static final LocalDateTime AT = LocalDateTime.of(2026, 12, 2, 10, 0);

  private static NotificationRoutes parse(String rows) throws Exception {
    return NotificationRoutes.parse(
        new ByteArrayInputStream(
            (NotificationRoutes.HEADER + "\n" + rows).getBytes(StandardCharsets.UTF_8)),
        "routes.csv");
  }

  private static List<String> ids(NotificationRoutes routes, Object alert) {
    return routes.routesFor(TestAlerts.decoded(alert)).stream()
        .map(NotificationRoute::routeId)
        .toList();
  }

  @Test
  void everyMatchingRouteAppliesAndTheFallbackOnlyWhenNoneDid() throws Exception {
    NotificationRoutes routes =
        parse(
            """
            gm,BREACH|ESCALATION,MAJOR,,,email,gm@corp.example,immediate,false
            lead,WARNING,,P01|P02,engineering,wecom,组长,immediate,false
            other_project,WARNING,,P03,,wecom,组长,immediate,false
            rest,,,,,email,qm@corp.example,digest,true
            """);
    assertThat(ids(routes, TestAlerts.sla("1", "BREACH", "MAJOR", AT))).containsExactly("gm");
    assertThat(ids(routes, TestAlerts.sla("2", "WARNING", "NORMAL", AT))).containsExactly("lead");
    assertThat(ids(routes, TestAlerts.sla("3", "BREACH", "NORMAL", AT))).containsExactly("rest");
    assertThat(ids(routes, TestAlerts.emerging("4", AT))).containsExactly("rest");
    assertThat(routes.all().get(3).digest()).isTrue();
  }

  @Test
  void aBadRowIsAnErrorNamingFileAndLine() {
    assertThatThrownBy(() -> parse("a,WARNING,,,,pager,x,immediate,false\n"))
        .hasMessage("routes.csv line 2: unknown channel 'pager' (wecom, dingtalk or email)");
    assertThatThrownBy(() -> parse("a,WARNING,,,,email,,immediate,false\n"))
        .hasMessageContaining("line 2: an e-mail route needs recipients");
    assertThatThrownBy(() -> parse("a,WARNING,,,,wecom,,weekly,false\n"))
        .hasMessageContaining("delivery 'weekly'");
  }

  @Test
  void theShippedFileIsReadWhenTheCompanyHasNone() {
    NotificationRoutes shipped = NotificationRoutes.read(Path.of("does-not-exist.csv"));
    assertThat(ids(shipped, TestAlerts.sla("1", "ESCALATION", "MAJOR", AT)))
        .containsExactly("major_to_gm_email", "major_to_gm_wecom");
    assertThat(ids(shipped, TestAlerts.sla("2", "RECOVERED", "NORMAL", AT)))
        .containsExactly("everything_else_daily");
    assertThat(ids(shipped, TestAlerts.sla("3", "MET", "NORMAL", AT))).isEmpty();
  }
}
