package io.qualityloop.text;

import io.qualityloop.text.TextResources.DictionaryTerm;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Suggests a complaint's building component, problem type and category from its (scrubbed) text,
 * with the company's dictionary: every dictionary term found in the text (longest match first)
 * votes its weight for its component and for its category; the suggestion is the component with the
 * most votes, its problem type the one its strongest term names.
 *
 * <p>Confidence is {@code top / (all + 1)}: the share of the winner's votes among all votes plus
 * one vote for "none of these". So a single weak term (weight 1) gives 0.5, a clear case of three
 * terms of one component gives about 0.9, and two components tied give under 0.5. A suggestion is
 * made only at {@link #minConfidence} or above; it is stored beside what the record says and never
 * replaces it. The words that voted are returned as evidence, so a quality manager sees why.
 *
 * <p>Limits: no negation (没有渗水 still votes for waterproofing), no context beyond the terms, and a
 * term that is not in the dictionary counts for nothing: the company grows the dictionary.
 */
public final class ComplaintClassifier implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The component a text about no building part is given (fees, attitude, noise). */
  public static final String NO_COMPONENT = "none";

  public static final double DEFAULT_MIN_CONFIDENCE = 0.4;

  private final LongestMatch<DictionaryTerm> matcher;
  private final double minConfidence;

  public ComplaintClassifier(TextResources resources) {
    this(resources, DEFAULT_MIN_CONFIDENCE);
  }

  public ComplaintClassifier(TextResources resources, double minConfidence) {
    this.matcher =
        new LongestMatch<>(
            resources.dictionary().stream().map(t -> Map.entry(t.term(), t)).toList());
    this.minConfidence = minConfidence;
  }

  /** A suggestion with its confidence (0..1) and the terms that voted for it. */
  public record Suggestion(
      String component,
      String problemType,
      String category,
      String subCategory,
      double confidence,
      List<String> evidence)
      implements Serializable {}

  public Optional<Suggestion> suggest(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    List<LongestMatch.Hit<DictionaryTerm>> hits = matcher.find(text);
    Map<String, Double> components = new LinkedHashMap<>();
    Map<String, Double> categories = new LinkedHashMap<>();
    for (LongestMatch.Hit<DictionaryTerm> hit : hits) {
      DictionaryTerm t = hit.value();
      if (!t.component().isEmpty()) {
        components.merge(t.component(), t.weight(), Double::sum);
      }
      if (!t.category().isEmpty()) {
        categories.merge(t.category() + "/" + t.subCategory(), t.weight(), Double::sum);
      }
    }
    if (components.isEmpty() && categories.isEmpty()) {
      return Optional.empty();
    }
    String component;
    double confidence;
    if (components.isEmpty()) {
      component = NO_COMPONENT;
      confidence = share(categories);
    } else {
      component = top(components);
      confidence = share(components);
    }
    if (confidence < minConfidence) {
      return Optional.empty();
    }
    // problem type and category: from the strongest term of the winning component (or of any term
    // when none)
    DictionaryTerm strongest = null;
    Set<String> evidence = new LinkedHashSet<>();
    for (LongestMatch.Hit<DictionaryTerm> hit : hits) {
      DictionaryTerm t = hit.value();
      boolean counts =
          NO_COMPONENT.equals(component)
              ? t.component().isEmpty()
              : component.equals(t.component());
      if (counts) {
        evidence.add(t.term());
        if (strongest == null || t.weight() > strongest.weight()) {
          strongest = t;
        }
      }
    }
    String category = strongest.category();
    String subCategory = strongest.subCategory();
    if (NO_COMPONENT.equals(component)) {
      String[] best = top(categories).split("/", 2);
      category = best[0];
      subCategory = best[1];
    }
    return Optional.of(
        new Suggestion(
            component,
            strongest.problemType().isEmpty() ? null : strongest.problemType(),
            category.isEmpty() ? null : category,
            subCategory.isEmpty() ? null : subCategory,
            Math.round(confidence * 1000) / 1000.0,
            new ArrayList<>(evidence)));
  }

  private static String top(Map<String, Double> votes) {
    return votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private static double share(Map<String, Double> votes) {
    double all = votes.values().stream().mapToDouble(Double::doubleValue).sum();
    return votes.get(top(votes)) / (all + 1);
  }
}
