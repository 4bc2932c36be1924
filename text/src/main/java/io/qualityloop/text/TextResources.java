package io.qualityloop.text;

import io.qualityloop.events.CsvRows;
import io.qualityloop.events.CsvRows.Row;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The three files a company edits to teach QualityLoop its vocabulary, read from a reference
 * directory ({@code <lake>/reference/}) or, when none is given, the files shipped with it:
 *
 * <ul>
 *   <li>{@code text_dictionary.csv}: domain terms with the building component, problem type and
 *       complaint category each one points to, and a weight;
 *   <li>{@code text_stopwords.csv}: words never counted as a term;
 *   <li>{@code text_tone_lexicon.csv}: negative and positive words, negators and intensifiers.
 * </ul>
 *
 * A malformed row is an error naming its file and line.
 */
public record TextResources(
    List<DictionaryTerm> dictionary, Set<String> stopWords, List<ToneTerm> toneLexicon)
    implements Serializable {
  public static final String DICTIONARY_FILE = "text_dictionary.csv";
  public static final String STOP_WORDS_FILE = "text_stopwords.csv";
  public static final String TONE_LEXICON_FILE = "text_tone_lexicon.csv";

  /**
   * A term of the domain dictionary. Component or category may be empty (a term about fees points
   * to no component).
   */
  public record DictionaryTerm(
      String term,
      String component,
      String problemType,
      String category,
      String subCategory,
      double weight)
      implements Serializable {}

  /**
   * A word of the tone lexicon: {@code negative}, {@code positive}, {@code negator} or {@code
   * intensifier}.
   */
  public record ToneTerm(String term, Kind kind, double weight) implements Serializable {
    public enum Kind {
      NEGATIVE,
      POSITIVE,
      NEGATOR,
      INTENSIFIER
    }
  }

  public TextResources {
    dictionary = List.copyOf(dictionary);
    stopWords = Set.copyOf(stopWords);
    toneLexicon = List.copyOf(toneLexicon);
  }

  /** The files shipped with QualityLoop. */
  public static TextResources shipped() {
    return new TextResources(
        dictionary(classpath(DICTIONARY_FILE), DICTIONARY_FILE),
        stopWords(classpath(STOP_WORDS_FILE), STOP_WORDS_FILE),
        toneLexicon(classpath(TONE_LEXICON_FILE), TONE_LEXICON_FILE));
  }

  /** The company's files in {@code referenceDir}; a file that is not there is taken as shipped. */
  public static TextResources from(Path referenceDir) {
    return new TextResources(
        dictionary(
            open(referenceDir, DICTIONARY_FILE), referenceDir.resolve(DICTIONARY_FILE).toString()),
        stopWords(
            open(referenceDir, STOP_WORDS_FILE), referenceDir.resolve(STOP_WORDS_FILE).toString()),
        toneLexicon(
            open(referenceDir, TONE_LEXICON_FILE),
            referenceDir.resolve(TONE_LEXICON_FILE).toString()));
  }

  private static InputStream open(Path dir, String name) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      return classpath(name);
    }
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static InputStream classpath(String name) {
    InputStream in = TextResources.class.getResourceAsStream("/reference/" + name);
    if (in == null) {
      throw new IllegalStateException("reference file missing from the build: " + name);
    }
    return in;
  }

  static List<DictionaryTerm> dictionary(InputStream in, String source) {
    List<DictionaryTerm> terms = new ArrayList<>();
    for (Row r : rows(in, source)) {
      String term = required(r, "term", source);
      String component = r.get("component").trim();
      String category = r.get("category").trim();
      if (component.isEmpty() && category.isEmpty()) {
        throw new IllegalArgumentException(
            line(source, r) + ": term " + term + " points to neither a component nor a category");
      }
      terms.add(
          new DictionaryTerm(
              term,
              component,
              r.get("problem_type").trim(),
              category,
              r.get("sub_category").trim(),
              positive(r, "weight", source)));
    }
    return terms;
  }

  static Set<String> stopWords(InputStream in, String source) {
    Set<String> words = new LinkedHashSet<>();
    for (Row r : rows(in, source)) {
      words.add(required(r, "term", source));
    }
    return words;
  }

  static List<ToneTerm> toneLexicon(InputStream in, String source) {
    List<ToneTerm> terms = new ArrayList<>();
    for (Row r : rows(in, source)) {
      String term = required(r, "term", source);
      ToneTerm.Kind kind;
      try {
        kind = ToneTerm.Kind.valueOf(r.get("kind").trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            line(source, r)
                + ": kind must be negative, positive, negator or intensifier, not '"
                + r.get("kind")
                + "'");
      }
      double weight = kind == ToneTerm.Kind.NEGATOR ? 0 : positive(r, "weight", source);
      terms.add(new ToneTerm(term, kind, weight));
    }
    return terms;
  }

  /** A data row of a reference CSV file and the line it starts on (the header is line 1). */
  private static List<Row> rows(InputStream in, String source) {
    try {
      return CsvRows.rows(in, source);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          source + ": not a readable CSV file (" + e.getMessage() + ")", e);
    }
  }

  private static String required(Row r, String column, String source) {
    String v = r.get(column).trim();
    if (v.isEmpty()) {
      throw new IllegalArgumentException(line(source, r) + ": " + column + " is empty");
    }
    return v;
  }

  private static double positive(Row r, String column, String source) {
    String v = required(r, column, source);
    try {
      double d = Double.parseDouble(v);
      if (d > 0) {
        return d;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(
        line(source, r) + ": " + column + " must be a positive number, not '" + v + "'");
  }

  private static String line(String source, Row r) {
    return source + " line " + r.line();
  }
}
