package io.qualityloop.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The statistics of the metrics in one place (issue 22, item 5): the macros of {@code
 * models/macros/statistics.sql} against hand-worked and published values, and no model writing an
 * interval or a z of its own.
 */
class StatisticsMacrosTest {
  private static double[] eval(String expressions) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (Model macros : ModelCatalog.shipped().macros()) {
        s.execute(macros.sql());
      }
      try (ResultSet rs = s.executeQuery("select " + expressions)) {
        rs.next();
        double[] values = new double[rs.getMetaData().getColumnCount()];
        for (int i = 0; i < values.length; i++) {
          values[i] = rs.getDouble(i + 1);
        }
        return values;
      }
    }
  }

  @Test
  void wilsonOf8OutOf10() throws Exception {
    // p = 0.8, z = 1.96: (0.8 + 0.19208 -+ 1.96 * sqrt(0.016 + 0.009604)) / 1.38416
    assertThat(eval("wilson_low(8, 10, 1.96), wilson_high(8, 10, 1.96)"))
        .containsExactly(new double[] {0.4902, 0.9433}, within(1e-4));
  }

  @Test
  void newcombesOwnExampleOf56Of70Against48Of80() throws Exception {
    // Newcombe (1998), Statistics in Medicine 17:873-890, example (a), method 10: 0.0524 to 0.3339.
    double[] v =
        eval(
            "newcombe_low(56 / 70, wilson_low(56, 70, 1.96), wilson_high(56, 70, 1.96), 48 / 80,"
                + " wilson_low(48, 80, 1.96), wilson_high(48, 80, 1.96)), newcombe_high(56 / 70,"
                + " wilson_low(56, 70, 1.96), wilson_high(56, 70, 1.96), 48 / 80, wilson_low(48,"
                + " 80, 1.96), wilson_high(48, 80, 1.96))");
    assertThat(v).containsExactly(new double[] {0.0524, 0.3339}, within(1e-4));
  }

  @Test
  void poissonMarginOfTwoRates() throws Exception {
    // 30 and 20 complaints over 1,000 households each: 1.96 * sqrt(30/1e6 + 20/1e6) = 0.013859
    assertThat(eval("poisson_difference_margin(30, 1000, 20, 1000, 1.96)"))
        .containsExactly(new double[] {0.013859}, within(1e-6));
  }

  @Test
  void welchStandardErrorAndDegreesOfFreedom() throws Exception {
    // v1 = 4, n1 = 10, v2 = 9, n2 = 12: se = sqrt(0.4 + 0.75); df = 1.15^2 / (0.4^2/9 + 0.75^2/11)
    // = 19.19
    assertThat(eval("welch_se(4, 10, 9, 12), welch_df(4, 10, 9, 12), welch_df(null, 1, null, 1)"))
        .containsExactly(new double[] {1.07238, 19.1906, 0}, within(1e-4));
  }

  @Test
  void noModelWritesAnIntervalOrAZOfItsOwn() {
    Pattern ownWilson = Pattern.compile("z \\* z / \\(|\\^ 2 / \\(2 \\*|1\\.96");
    for (Model model : ModelCatalog.shipped().models()) {
      String code =
          model
              .sql()
              .lines()
              .filter(l -> !l.strip().startsWith("--"))
              .reduce("", (a, b) -> a + "\n" + b);
      assertThat(ownWilson.matcher(code).find()).as(model.path()).isFalse();
    }
  }
}
