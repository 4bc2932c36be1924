package io.qualityloop.jobs.lake.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class CatchUpWatermarksTest {
  /** What the generator told Flink: watermark values, and "idle". */
  private static final class Recorded implements WatermarkOutput {
    final List<String> said = new ArrayList<>();

    @Override
    public void emitWatermark(Watermark watermark) {
      said.add(String.valueOf(watermark.getTimestamp()));
    }

    @Override
    public void markIdle() {
      said.add("idle");
    }

    @Override
    public void markActive() {
      said.add("active");
    }
  }

  @Test
  void aSubtaskThatHasReadNothingIsIdle() {
    Recorded out = new Recorded();
    CatchUpWatermarks<String> g = new CatchUpWatermarks<>(Duration.ofHours(1), Duration.ZERO);
    g.onPeriodicEmit(out);
    g.onPeriodicEmit(out);
    assertThat(out.said).containsExactly("idle");
  }

  @Test
  void whileRecordsFlowTheWatermarkTrailsTheNewestEventByTheAllowedDisorder() {
    Recorded out = new Recorded();
    CatchUpWatermarks<String> g = new CatchUpWatermarks<>(Duration.ofMillis(1_000), Duration.ofHours(1));
    g.onEvent("a", 10_000, out);
    g.onEvent("b", 12_000, out);
    g.onEvent("c", 11_000, out); // older than the newest: does not move it back
    g.onPeriodicEmit(out);
    assertThat(out.said).containsExactly("10999");
  }

  @Test
  void onceNothingHasComeForTheIdleTimeItCatchesUpWithTheNewestEventAndStepsAsideUntilTheNextRecord() throws Exception {
    Recorded out = new Recorded();
    CatchUpWatermarks<String> g = new CatchUpWatermarks<>(Duration.ofMillis(1_000), Duration.ofMillis(50));
    g.onEvent("a", 10_000, out);
    g.onPeriodicEmit(out);
    Thread.sleep(80);
    g.onPeriodicEmit(out);
    g.onPeriodicEmit(out);
    assertThat(out.said).containsExactly("8999", "10000", "idle", "10000");
    g.onEvent("b", 20_000, out); // a new record: active, trailing again until the next idle stretch
    g.onPeriodicEmit(out);
    assertThat(out.said).endsWith("active", "18999");
  }
}
