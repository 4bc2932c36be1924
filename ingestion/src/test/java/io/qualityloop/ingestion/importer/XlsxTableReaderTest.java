package io.qualityloop.ingestion.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which number formats of a workbook's cells show dates (then read as dates, not day numbers). */
class XlsxTableReaderTest {
  @Test
  void dateFormatsAreToldFromNumberFormatsByIdOrByTheirTokensOutsideQuotesAndBrackets() {
    assertThat(XlsxTableReader.isDateFormat(14, "m/d/yy")).isTrue();
    assertThat(XlsxTableReader.isDateFormat(31, null))
        .as("a built-in of the Chinese edition")
        .isTrue();
    assertThat(XlsxTableReader.isDateFormat(176, "yyyy\"年\"m\"月\"d\"日\"")).isTrue();
    assertThat(XlsxTableReader.isDateFormat(177, "[$-804]yyyy/m/d h:mm")).isTrue();
    assertThat(XlsxTableReader.isDateFormat(178, "h:mm:ss")).isTrue();

    assertThat(XlsxTableReader.isDateFormat(0, "General")).isFalse();
    assertThat(XlsxTableReader.isDateFormat(3, "#,##0")).isFalse();
    assertThat(XlsxTableReader.isDateFormat(179, "0.0\"天 days\"")).as("quoted text").isFalse();
    assertThat(XlsxTableReader.isDateFormat(180, "[Red]0.00;[Blue]-0.00")).isFalse();
    assertThat(XlsxTableReader.isDateFormat(181, "0\\d")).as("an escaped d").isFalse();
    assertThat(XlsxTableReader.isDateFormat(null, null)).isFalse();
  }
}
