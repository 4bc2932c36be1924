package io.qualityloop.text;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cuts scrubbed Chinese text into the terms that are counted (emerging issues) and shown
 * (drill-down): HanLP's segmenter (portable build) with every term of the company's dictionary and
 * tone lexicon added, so 电梯困人 or 墙皮脱落 stay one term. Kept: nouns, verbs, adjectives and the
 * dictionary's terms; dropped: punctuation, numbers, particles, pronouns, stop words, single
 * characters not in the dictionary, and the scrubber's placeholders ([手机号] ...).
 *
 * <p>HanLP's custom dictionary is one per JVM: terms added by one company's files stay for the life
 * of the process (a Flink TaskManager serving one deployment is one company).
 */
public final class TermExtractor implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[[^\\]]{1,8}\\]");

  /**
   * Parts of speech counted (HanLP's tag set, by first letter): nouns, verbs, adjectives, and
   * idioms.
   */
  private static final String KEPT = "nvagil";

  private final Set<String> dictionaryTerms;
  private final Set<String> stopWords;
  private transient Segment segment;

  public TermExtractor(TextResources resources) {
    Set<String> terms = new LinkedHashSet<>();
    resources.dictionary().forEach(t -> terms.add(t.term()));
    resources.toneLexicon().stream()
        .filter(
            t ->
                t.kind() == TextResources.ToneTerm.Kind.NEGATIVE
                    || t.kind() == TextResources.ToneTerm.Kind.POSITIVE)
        .forEach(t -> terms.add(t.term()));
    this.dictionaryTerms = Set.copyOf(terms);
    this.stopWords = resources.stopWords();
  }

  /** The distinct counted terms of {@code text}, in order of first appearance. */
  public List<String> terms(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Term t : segment().seg(PLACEHOLDER.matcher(text).replaceAll("，"))) {
      String word = t.word.trim();
      if (word.isEmpty() || stopWords.contains(word)) {
        continue;
      }
      boolean known = dictionaryTerms.contains(word);
      String nature = t.nature == null ? "" : t.nature.toString();
      boolean kept = !nature.isEmpty() && KEPT.indexOf(nature.charAt(0)) >= 0;
      if (known || (kept && word.codePointCount(0, word.length()) > 1)) {
        out.add(word);
      }
    }
    return new ArrayList<>(out);
  }

  private Segment segment() {
    if (segment == null) {
      synchronized (TermExtractor.class) {
        for (String term : dictionaryTerms) {
          if (!CustomDictionary.contains(term)) {
            CustomDictionary.add(term);
          }
        }
      }
      segment = HanLP.newSegment().enableCustomDictionary(true).enablePartOfSpeechTagging(true);
    }
    return segment;
  }
}
