package io.qualityloop.notify;

import java.util.Locale;

/** The language of a message: zh-CN by default, English available. */
public enum Language {
  ZH_CN("zh-CN"),
  EN("en");

  private final String tag;

  Language(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  public static Language parse(String tag) {
    for (Language l : values()) {
      if (l.tag.equalsIgnoreCase(tag.trim()) || l.name().equalsIgnoreCase(tag.trim())) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown language '" + tag + "' (zh-CN or en)");
  }

  public Locale locale() {
    return Locale.forLanguageTag(tag);
  }
}
