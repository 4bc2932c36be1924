package io.qualityloop.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextResourcesTest {
  @TempDir Path dir;

  @Test
  void theCompanysFilesReplaceTheShippedOnesAndMissingOnesAreShipped() throws Exception {
    Files.writeString(
        dir.resolve(TextResources.DICTIONARY_FILE),
        "term,component,problem_type,category,sub_category,weight\n"
            + "梯控失灵,elevators,breakdown,product,equipment,3\n",
        StandardCharsets.UTF_8);
    TextResources r = TextResources.from(dir);
    assertThat(r.dictionary())
        .singleElement()
        .extracting(TextResources.DictionaryTerm::term)
        .isEqualTo("梯控失灵");
    assertThat(r.stopWords()).contains("的");
    assertThat(r.toneLexicon()).isEqualTo(TextResources.shipped().toneLexicon());
  }

  @Test
  void aBadRowIsAnErrorNamingFileAndLine() throws Exception {
    Files.writeString(
        dir.resolve(TextResources.DICTIONARY_FILE),
        "term,component,problem_type,category,sub_category,weight\n"
            + "渗水,waterproofing,seepage,product,house_quality,3\n"
            + "开裂,walls_cracks,crack,product,house_quality,heavy\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TextResources.from(dir))
        .hasMessage(
            dir.resolve(TextResources.DICTIONARY_FILE)
                + " line 3: weight must be a positive number, not 'heavy'");
    Files.writeString(
        dir.resolve(TextResources.DICTIONARY_FILE),
        "term,component,problem_type,category,sub_category,weight\n孤词,,,,,1\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TextResources.from(dir))
        .hasMessageContaining("line 2: term 孤词 points to neither a component nor a category");
    Files.writeString(
        dir.resolve(TextResources.TONE_LEXICON_FILE),
        "term,kind,weight\n气死,angry,3\n",
        StandardCharsets.UTF_8);
    Files.delete(dir.resolve(TextResources.DICTIONARY_FILE));
    assertThatThrownBy(() -> TextResources.from(dir))
        .hasMessageContaining(
            "line 2: kind must be negative, positive, negator or intensifier, not 'angry'");
  }
}
