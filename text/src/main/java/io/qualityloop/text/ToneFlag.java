package io.qualityloop.text;

import io.qualityloop.text.TextResources.ToneTerm;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A negative-tone flag for complaint texts and survey comments, from the company's tone lexicon.
 * Words are found longest first (不满意 before 满意); a negator just before a positive word turns it
 * negative (不及时, 没有解决了); an intensifier just before a word multiplies its weight (非常不满意). The text
 * is flagged negative when its negative weight exceeds its positive weight by at least {@link
 * #threshold} (default 3: one strong word such as 不满 or 推诿, or two milder ones).
 *
 * <p>It is a filter for reading ("show me the angry ones"), not a score of anyone: it misses irony
 * and sarcasm (好一个物业), reads negation only when the negator touches the word, and counts words
 * about the problem's history (多次, 至今) as tone, which they usually are in complaints. Never use it
 * to assess staff.
 */
public final class ToneFlag implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final double DEFAULT_THRESHOLD = 3.0;

  /**
   * A negator or intensifier applies when at most this many characters separate it from the word.
   */
  private static final int REACH = 1;

  private final LongestMatch<ToneTerm> matcher;
  private final double threshold;

  public ToneFlag(TextResources resources) {
    this(resources, DEFAULT_THRESHOLD);
  }

  public ToneFlag(TextResources resources, double threshold) {
    this.matcher =
        new LongestMatch<>(
            resources.toneLexicon().stream().map(t -> Map.entry(t.term(), t)).toList());
    this.threshold = threshold;
  }

  /**
   * The tone of a text: its net negative weight, whether that makes it negative, and the words
   * behind it.
   */
  public record Tone(double netNegative, boolean negative, List<String> words)
      implements Serializable {}

  public Tone of(String text) {
    if (text == null || text.isBlank()) {
      return new Tone(0, false, List.of());
    }
    double negative = 0;
    double positive = 0;
    List<String> words = new ArrayList<>();
    LongestMatch.Hit<ToneTerm> previous = null;
    for (LongestMatch.Hit<ToneTerm> hit : matcher.find(text)) {
      ToneTerm t = hit.value();
      boolean touches = previous != null && hit.start() - previous.end() <= REACH;
      switch (t.kind()) {
        case NEGATIVE, POSITIVE -> {
          double weight = t.weight();
          boolean negated = false;
          if (touches && previous.value().kind() == ToneTerm.Kind.INTENSIFIER) {
            weight *= previous.value().weight();
          } else if (touches && previous.value().kind() == ToneTerm.Kind.NEGATOR) {
            negated = true;
          }
          if (t.kind() == ToneTerm.Kind.NEGATIVE) {
            negative += negated ? 0 : weight;
          } else if (negated) {
            negative += weight;
          } else {
            positive += weight;
          }
          words.add(negated ? previous.term() + t.term() : t.term());
        }
        default -> {}
      }
      previous = hit;
    }
    double net = negative - positive;
    return new Tone(Math.round(net * 100) / 100.0, net >= threshold, words);
  }
}
