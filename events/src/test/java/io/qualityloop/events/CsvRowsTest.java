package io.qualityloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A reference CSV file as a company edits it: rows with their lines, and errors naming them. */
class CsvRowsTest {
  private static InputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aQuoteLeftOpenIsReportedAtTheLineOfTheRowThatOpenedItNotAtTheEndOfTheFile() {
    String text = "project_id,name_zh\n" + "P01,滨江花园\n" + "P02,云栖苑\n" + "P03,\"新项目\n" + "\n" + "\n";

    assertThatThrownBy(() -> CsvRows.rows(csv(text), "projects.csv"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("projects.csv line 4: not valid CSV: ")
        .hasMessageContaining("closing quote");
  }

  @Test
  void rowsKeepTheLineTheyStartOnAcrossBlankLinesAndQuotedLineBreaks() throws Exception {
    String text = "\ufeffproject_id,name_zh\n" + "P01,\"滨江\n花园\"\n" + "\n" + "P02,\"云栖苑, 二期\"\n";

    assertThat(CsvRows.rows(csv(text), "projects.csv"))
        .extracting(r -> r.get("project_id") + " " + r.line() + " " + r.get("name_zh"))
        .containsExactly("P01 2 滨江\n花园", "P02 5 云栖苑, 二期");
  }
}
