package io.qualityloop.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KpiFormatTest {
  @Test
  void moneyReadsIn10000sInChineseAndWithSeparatorsInEnglish() {
    assertThat(KpiFormat.amount(524_434, ReportLanguage.ZH_CN)).isEqualTo("52.44万");
    assertThat(KpiFormat.amount(10_000, ReportLanguage.ZH_CN)).isEqualTo("1.00万");
    assertThat(KpiFormat.amount(8_500, ReportLanguage.ZH_CN)).isEqualTo("8,500");
    assertThat(KpiFormat.amount(524_434, ReportLanguage.EN)).isEqualTo("524,434");
  }

  @Test
  void aChangeThatRoundsToZeroHasNoSign() {
    assertThat(KpiFormat.delta("points", 78.94, 78.96, "pp", "–")).isEqualTo("0.0");
    assertThat(KpiFormat.delta("share", 0.80, 0.75, "个百分点", "–")).isEqualTo("+5.0 个百分点");
  }
}
