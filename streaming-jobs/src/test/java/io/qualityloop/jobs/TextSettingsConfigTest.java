package io.qualityloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.jobs.text.TextJobSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text analysis's configuration: defaults, the company's dictionary, and clear errors. */
class TextSettingsConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsWatchTheDictionaryWithTheDocumentedTest() throws Exception {
    Path file = dir.resolve("qualityloop.properties");
    Files.writeString(file, "", StandardCharsets.UTF_8);
    TextJobSettings s =
        QualityLoopConfig.load(file, Map.of(), dir).textJobSettings(dir.resolve("reference"));
    assertThat(s.surgeTest().minCount()).isEqualTo(5);
    assertThat(s.surgeTest().alpha()).isEqualTo(0.0001);
    assertThat(s.baselineWeeks()).isEqualTo(8);
    assertThat(s.watchedTerms()).contains("电梯困人", "渗水").doesNotContain("卧室");
  }

  @Test
  void aWrongValueOrABrokenDictionaryIsAOneLineErrorNamingItsKeyOrFileAndLine() throws Exception {
    Path file = dir.resolve("qualityloop.properties");
    Files.writeString(file, "text.surge.watch=everything\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> QualityLoopConfig.load(file, Map.of(), dir).textJobSettings(dir))
        .hasMessage(
            "configuration key 'text.surge.watch' = 'everything' is not 'dictionary' or 'all'");
    Files.writeString(file, "text.surge.watch=all\n", StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("text_dictionary.csv"),
        "term,component,problem_type,category,sub_category,weight\n"
            + "渗水,waterproofing,seepage,product,house_quality,-1\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> QualityLoopConfig.load(file, Map.of(), dir).textJobSettings(dir))
        .hasMessage(
            dir.resolve("text_dictionary.csv")
                + " line 2: weight must be a positive number, not '-1'");
    Files.delete(dir.resolve("text_dictionary.csv"));
    assertThat(QualityLoopConfig.load(file, Map.of(), dir).textJobSettings(dir).watchedTerms())
        .isNull();
  }
}
