package io.qualityloop.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the terms of a vocabulary in a text, left to right, always the longest term that starts at
 * a position, never two that overlap: in 电梯困人 it finds 电梯困人, not 电梯 and 困人.
 */
final class LongestMatch<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A term found at {@code start} (a char index of the text). */
  record Hit<T>(String term, int start, T value) {
    int end() {
      return start + term.length();
    }
  }

  private final Map<String, T> terms = new HashMap<>();
  private int longest;

  LongestMatch(Collection<Map.Entry<String, T>> vocabulary) {
    for (Map.Entry<String, T> e : vocabulary) {
      terms.putIfAbsent(e.getKey(), e.getValue());
      longest = Math.max(longest, e.getKey().length());
    }
  }

  List<Hit<T>> find(String text) {
    List<Hit<T>> hits = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      Hit<T> hit = null;
      for (int len = Math.min(longest, text.length() - i); len > 0 && hit == null; len--) {
        String candidate = text.substring(i, i + len);
        T value = terms.get(candidate);
        if (value != null) {
          hit = new Hit<>(candidate, i, value);
        }
      }
      if (hit != null) {
        hits.add(hit);
        i = hit.end();
      } else {
        i++;
      }
    }
    return hits;
  }
}
