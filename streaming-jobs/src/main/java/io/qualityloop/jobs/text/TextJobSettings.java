package io.qualityloop.jobs.text;

import io.qualityloop.text.SurgeTest;
import io.qualityloop.text.TextResources;
import java.io.Serializable;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The text analysis of complaints: the company's vocabulary, the surge test, how many trailing
 * weeks make a term's baseline, and which terms may raise an alert: only the company's dictionary
 * terms ({@code watchAllTerms} false, the default: the problems it watches; a leak wave then alerts
 * on 渗水 and 水渍, not also on 卧室 and 下雨 that come with it) or every counted term.
 */
public record TextJobSettings(
    TextResources resources, SurgeTest surgeTest, int baselineWeeks, boolean watchAllTerms)
    implements Serializable {
  /** The terms that may raise an alert; null: all. */
  public Set<String> watchedTerms() {
    return watchAllTerms
        ? null
        : resources.dictionary().stream()
            .map(TextResources.DictionaryTerm::term)
            .collect(Collectors.toUnmodifiableSet());
  }

  public TextJobSettings {
    if (baselineWeeks < surgeTest.minBaselineWeeks()) {
      throw new IllegalArgumentException(
          "text.surge.baseline-weeks ("
              + baselineWeeks
              + ") must be at least text.surge.min-baseline-weeks ("
              + surgeTest.minBaselineWeeks()
              + ")");
    }
  }
}
