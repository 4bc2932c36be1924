package io.qualityloop.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportancePerformanceChartTest {
  @Test
  void eachDimensionIsANamedPointAndTheMeansDivideTheQuadrants() {
    Map<String, String> t =
        Map.of(
            "drivers.dimension",
            "分项",
            "drivers.meanPerformance",
            "表现均值",
            "drivers.meanImportance",
            "重要性均值",
            "drivers.performance",
            "表现",
            "drivers.importance",
            "重要性");
    // means: performance (74.6 + 78.3 + 81.0) / 3 = 77.97 -> 78.0; importance (0.39 + 0.39 + 0.07)
    // / 3 = 0.2833 -> 0.283
    String json =
        QuarterlyCharts.importancePerformance(
            List.of("处理结果", "响应速度", "态度与沟通"),
            List.of(74.6, 78.3, 81.0),
            List.of(0.39, 0.39, 0.07),
            t);
    assertThat(json.replaceAll("\\s", ""))
        .contains(
            "\"type\":\"scatter\"",
            "[74.6,0.39,\"处理结果\"]",
            "[81.0,0.07,\"态度与沟通\"]",
            "\"xAxis\":78.0",
            "\"yAxis\":0.283",
            "\"formatter\":\"{@[2]}\"",
            "\"animation\":false");
  }
}
