package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MetricsCatalogueTest {
  private static final Path COMMITTED = Path.of("..", "docs", "metrics.md");

  @Test
  void theCommittedCatalogueIsWhatTheMetricHeadersSay() throws Exception {
    String rendered = MetricsCatalogue.render(ModelCatalog.shipped());
    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
        .as(
            "docs/metrics.md is out of date: run ./qualityloop metrics --catalogue >"
                + " docs/metrics.md")
        .isEqualTo(rendered);
  }

  @Test
  void everyMetricAppearsWithItsDefinitions() {
    String rendered = MetricsCatalogue.render(ModelCatalog.shipped());
    for (Model metric : ModelCatalog.shipped().layer("metrics")) {
      assertThat(rendered)
          .contains(
              "## " + metric.name() + "\n", "warehouse/models/metrics/" + metric.name() + ".sql");
    }
    assertThat(rendered)
        .contains(
            "nps_standard_error = sqrt((p+ + p-) - (p+ - p-)^2) / sqrt(n) * 100",
            "NOT good/(good+bad)");
  }
}
