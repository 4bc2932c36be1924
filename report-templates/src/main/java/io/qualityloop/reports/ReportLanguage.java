package io.qualityloop.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The language a report is written in (zh-CN by default, English available) and its labels. */
public enum ReportLanguage {
  ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE),
  EN("en", Locale.ENGLISH);

  private final String tag;
  private final Locale locale;

  ReportLanguage(String tag, Locale locale) {
    this.tag = tag;
    this.locale = locale;
  }

  public static ReportLanguage parse(String tag) {
    for (ReportLanguage l : values()) {
      if (l.tag.equalsIgnoreCase(tag) || l.name().equalsIgnoreCase(tag)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown report language '" + tag + "' (use zh-CN or en)");
  }

  public String tag() {
    return tag;
  }

  public Locale locale() {
    return locale;
  }

  /** Labels of {@code templates/<report>/labels.<tag>.properties} (UTF-8). */
  Map<String, String> labels(ReportTemplates templates, String report) {
    Properties props = new Properties();
    try (InputStream in = templates.open(report + "/labels." + tag + ".properties")) {
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + tag + " labels of report " + report, e);
    }
    Map<String, String> labels = new TreeMap<>();
    props.forEach((k, v) -> labels.put(k.toString(), v.toString()));
    return labels;
  }
}
