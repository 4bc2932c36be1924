package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReportsWhenQuietTest {
  private static final long MINUTE = Duration.ofMinutes(1).toNanos();

  @Test
  void theReportsWaitUntilTheJobsAreQuietAtTwoTicksInARowThenRunEveryInterval() {
    ReportsWhenQuiet reports = new ReportsWhenQuiet(Duration.ofHours(1));
    long t = 0;
    assertThat(reports.due(false, t)).as("an import is being read").isFalse();
    assertThat(reports.due(true, t += MINUTE))
        .as("quiet once: perhaps between two files")
        .isFalse();
    assertThat(reports.due(false, t += MINUTE)).isFalse();
    assertThat(reports.due(true, t += MINUTE)).isFalse();
    assertThat(reports.due(true, t += MINUTE)).as("quiet at two ticks in a row").isTrue();
    assertThat(reports.due(true, t += MINUTE)).as("not again within the interval").isFalse();
    t += Duration.ofMinutes(58).toNanos();
    assertThat(reports.due(false, t += MINUTE)).as("an interval on, but an import").isFalse();
    assertThat(reports.due(true, t += MINUTE)).isFalse();
    assertThat(reports.due(true, t += MINUTE)).as("the next tick that is quiet").isTrue();
  }
}
