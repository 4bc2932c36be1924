package io.qualityloop.reports;

import java.util.List;
import java.util.Map;
import org.icepear.echarts.Bar;
import org.icepear.echarts.Line;
import org.icepear.echarts.Option;
import org.icepear.echarts.Scatter;
import org.icepear.echarts.charts.bar.BarSeries;
import org.icepear.echarts.charts.line.LineSeries;
import org.icepear.echarts.charts.scatter.ScatterSeries;
import org.icepear.echarts.components.coord.CategoryAxisLabel;
import org.icepear.echarts.components.coord.cartesian.CategoryAxis;
import org.icepear.echarts.components.coord.cartesian.ValueAxis;
import org.icepear.echarts.components.grid.Grid;
import org.icepear.echarts.components.marker.MarkLine;
import org.icepear.echarts.components.series.SeriesLabel;
import org.icepear.echarts.components.tooltip.Tooltip;
import org.icepear.echarts.origin.util.SeriesOption;
import org.icepear.echarts.render.Engine;

/**
 * Chart options of the quarterly report, built with the ECharts Java wrapper and rendered to the
 * option JSON that the page hands to {@code echarts.setOption}. Animation is off so that printing
 * and PDF export capture finished charts.
 */
final class QuarterlyCharts {
  private static final Engine ENGINE = new Engine();

  private QuarterlyCharts() {}

  /**
   * Monthly satisfaction index with the target as a dashed line. Months without surveys stay empty.
   */
  static String satisfactionTrend(
      List<String> months, List<Double> index, double target, Map<String, String> t) {
    LineSeries series =
        new LineSeries()
            .setName(t.get("chart.index"))
            .setData(index.toArray())
            .setSmooth(false)
            .setMarkLine(
                new MarkLine()
                    .setSymbol("none")
                    .setData(
                        new Object[] {Map.of("yAxis", target, "name", t.get("chart.target"))}));
    Line chart =
        new Line()
            .setTooltip(new Tooltip().setTrigger("axis"))
            .setLegend()
            .addXAxis(months.toArray(String[]::new))
            .addYAxis(
                new ValueAxis()
                    .setMin(axisMin(index, target))
                    .setMax(100)
                    .setName(t.get("chart.index")))
            .addSeries(series);
    chart
        .getOption()
        .setAnimation(false)
        .setGrid(
            new Grid().setLeft(48).setRight(24).setTop(40).setBottom(32).setContainLabel(true));
    return ENGINE.renderJsonOption(chart);
  }

  /**
   * The importance-performance matrix: each dimension a point at (performance, importance), named,
   * with the means of the five as dashed lines dividing the four quadrants (fix first: top left).
   */
  static String importancePerformance(
      List<String> names,
      List<Double> performance,
      List<Double> importance,
      Map<String, String> t) {
    Object[][] points = new Object[names.size()][];
    double meanP = 0;
    double meanI = 0;
    for (int i = 0; i < names.size(); i++) {
      points[i] = new Object[] {performance.get(i), importance.get(i), names.get(i)};
      meanP += performance.get(i) / names.size();
      meanI += importance.get(i) / names.size();
    }
    ScatterSeries series =
        new ScatterSeries()
            .setName(t.get("drivers.dimension"))
            .setData(points)
            .setSymbolSize(14)
            .setColor("#1f5f99")
            .setLabel(new SeriesLabel().setShow(true).setPosition("right").setFormatter("{@[2]}"))
            .setMarkLine(
                new MarkLine()
                    .setSymbol("none")
                    .setData(
                        new Object[] {
                          Map.of(
                              "xAxis",
                              Math.round(meanP * 10) / 10.0,
                              "name",
                              t.get("drivers.meanPerformance")),
                          Map.of(
                              "yAxis",
                              Math.round(meanI * 1000) / 1000.0,
                              "name",
                              t.get("drivers.meanImportance"))
                        }));
    Scatter chart =
        new Scatter()
            .setTooltip(new Tooltip().setTrigger("item"))
            .addXAxis(
                new ValueAxis()
                    .setName(t.get("drivers.performance"))
                    .setNameLocation("middle")
                    .setNameGap(28)
                    .setScale(true))
            .addYAxis(new ValueAxis().setName(t.get("drivers.importance")).setScale(true))
            .addSeries(series);
    chart
        .getOption()
        .setAnimation(false)
        .setGrid(
            new Grid().setLeft(48).setRight(96).setTop(40).setBottom(32).setContainLabel(true));
    return ENGINE.renderJsonOption(chart);
  }

  /** Ten below the lowest value or target, rounded down to ten, so no point falls off the chart. */
  static int axisMin(List<Double> values, double target) {
    double lowest = target;
    for (Double v : values) {
      if (v != null && v < lowest) {
        lowest = v;
      }
    }
    return (int) Math.max(0, Math.floor(lowest / 10) * 10 - 10);
  }

  /**
   * SLA compliance (%) per rule, this quarter beside the previous one, as horizontal bars (rule
   * names are long) with the compliance target as a line. Rules in the order given, first on top.
   */
  static String slaByRule(
      List<String> rules,
      List<Double> current,
      List<Double> previous,
      double target,
      Map<String, String> t) {
    Bar chart =
        new Bar()
            .setTooltip(new Tooltip().setTrigger("axis"))
            .setLegend()
            .addYAxis(new CategoryAxis().setData(rules.toArray()).setInverse(true))
            .addXAxis(new ValueAxis().setMin(0).setMax(100).setName("%"))
            .addSeries(
                new BarSeries()
                    .setName(t.get("chart.previousQuarter"))
                    .setData(percent(previous))
                    .setColor("#9fb3c8"))
            .addSeries(
                new BarSeries()
                    .setName(t.get("chart.currentQuarter"))
                    .setData(percent(current))
                    .setColor("#1f5f99")
                    .setMarkLine(
                        new MarkLine()
                            .setSymbol("none")
                            .setData(
                                new Object[] {
                                  Map.of(
                                      "xAxis",
                                      Math.round(target * 1000) / 10.0,
                                      "name",
                                      t.get("chart.target"))
                                })));
    chart
        .getOption()
        .setAnimation(false)
        .setGrid(
            new Grid().setLeft(16).setRight(32).setTop(40).setBottom(24).setContainLabel(true));
    return ENGINE.renderJsonOption(chart);
  }

  private static Object[] percent(List<Double> shares) {
    return shares.stream().map(s -> s == null ? null : Math.round(s * 1000) / 10.0).toArray();
  }

  /** Complaints per category, this quarter beside the previous one. */
  static String complaintsByCategory(
      List<String> categories, List<Long> current, List<Long> previous, Map<String, String> t) {
    Bar chart =
        new Bar()
            .setTooltip(new Tooltip().setTrigger("axis"))
            .setLegend()
            .addXAxis(categories.toArray(String[]::new))
            .addYAxis(new ValueAxis().setName(t.get("chart.complaints")))
            .addSeries(
                new BarSeries()
                    .setName(t.get("chart.previousQuarter"))
                    .setData(previous.toArray())
                    .setColor("#9fb3c8"))
            .addSeries(
                new BarSeries()
                    .setName(t.get("chart.currentQuarter"))
                    .setData(current.toArray())
                    .setColor("#1f5f99"));
    chart
        .getOption()
        .setAnimation(false)
        .setGrid(
            new Grid().setLeft(48).setRight(24).setTop(40).setBottom(32).setContainLabel(true));
    return ENGINE.renderJsonOption(chart);
  }

  /**
   * The Pareto of top problems: complaints per problem, largest first, as bars, and the running
   * share (%) as a line on a second axis, with the 80% line.
   */
  static String pareto(
      List<String> problems,
      List<Long> complaints,
      List<Double> cumulativeShare,
      Map<String, String> t) {
    Bar chart =
        new Bar()
            .setTooltip(new Tooltip().setTrigger("axis"))
            .setLegend()
            .addXAxis(
                new CategoryAxis()
                    .setData(problems.toArray())
                    .setAxisLabel(new CategoryAxisLabel().setRotate(30)))
            .addYAxis(new ValueAxis().setName(t.get("chart.complaints")))
            .addYAxis(new ValueAxis().setMin(0).setMax(100).setName("%"));
    // A bar chart with a line on the second axis: the wrapper types a chart's series (and writes
    // them into each option it hands out), so both go into one option, rendered as it is.
    Option option = chart.getOption();
    option.setSeries(
        new SeriesOption[] {
          new BarSeries()
              .setName(t.get("chart.complaints"))
              .setData(complaints.toArray())
              .setColor("#1f5f99"),
          new LineSeries()
              .setName(t.get("chart.cumulativeShare"))
              .setData(percent(cumulativeShare))
              .setYAxisIndex(1)
              .setColor("#c0392b")
              .setMarkLine(
                  new MarkLine()
                      .setSymbol("none")
                      .setData(new Object[] {Map.of("yAxis", 80, "name", "80%")}))
        });
    option
        .setAnimation(false)
        .setGrid(
            new Grid().setLeft(48).setRight(48).setTop(40).setBottom(32).setContainLabel(true));
    return ENGINE.renderJsonOption(option);
  }
}
