package io.qualityloop.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TermExtractorTest {
  private final TermExtractor terms = new TermExtractor(TextResources.shipped());

  @Test
  void dictionaryTermsStayWholeAndStopWordsPunctuationAndPlaceholdersGo() {
    assertThat(terms.terms("昨天晚上电梯困人了，孩子被关了二十分钟，请回电[手机号]"))
        .contains("电梯困人", "孩子")
        .doesNotContain("电梯", "困人", "昨天", "晚上", "了", "，", "手机号", "二十");
    assertThat(terms.terms("墙皮大面积脱落，卫生间渗水")).contains("墙皮", "脱落", "卫生间", "渗水");
  }

  @Test
  void eachTermOncePerText() {
    assertThat(terms.terms("渗水渗水，还是渗水")).containsExactly("渗水");
    assertThat(terms.terms("  ")).isEmpty();
  }
}
