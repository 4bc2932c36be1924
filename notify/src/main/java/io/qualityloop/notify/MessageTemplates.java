package io.qualityloop.notify;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Renders messages from the Pebble templates in {@code notify/templates/} ({@code alert}, {@code
 * digest}, {@code report}, {@code test}, one file per language), each with a link into the
 * drill-down at {@code serve.public-url}.
 */
public final class MessageTemplates {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private final PebbleEngine pebble;
  private final Language language;
  private final String publicUrl;
  private final Properties labels = new Properties();
  private final ReferenceNames names;

  public MessageTemplates(Language language, String publicUrl) {
    this(language, publicUrl, ReferenceNames.none());
  }

  /** Templates that show the reference files' names for departments, categories and rules. */
  public MessageTemplates(Language language, String publicUrl, ReferenceNames names) {
    this.language = language;
    this.publicUrl = publicUrl;
    this.names = names;
    ClasspathLoader loader = new ClasspathLoader();
    loader.setPrefix("notify-templates");
    this.pebble =
        new PebbleEngine.Builder()
            .loader(loader)
            .autoEscaping(false)
            .newLineTrimming(false)
            .strictVariables(false)
            .build();
    try (InputStream in =
        MessageTemplates.class.getResourceAsStream(
            "/notify-templates/labels." + language.tag() + ".properties")) {
      labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The drill-down page of the alert: the complaint's timeline, or the voice-of-the-customer view
   * for an emerging issue.
   */
  public String link(Alert alert) {
    return alert.isEmergingIssue()
        ? publicUrl + "/#voice"
        : publicUrl
            + "/complaint?id="
            + URLEncoder.encode(alert.complaintId(), StandardCharsets.UTF_8);
  }

  public Message alert(Alert alert, List<String> recipients) {
    Map<String, Object> model = item(alert);
    model.put("to", recipients);
    return render("alert", model);
  }

  /**
   * One message listing {@code alerts}; {@code daily} for the daily digest, else folded by the rate
   * limit.
   */
  public Message digest(List<Alert> alerts, List<String> recipients, boolean daily) {
    List<Map<String, Object>> items = new ArrayList<>();
    alerts.forEach(a -> items.add(item(a)));
    Map<String, Object> model = new HashMap<>();
    model.put("items", items);
    model.put("to", recipients);
    model.put("daily", daily);
    return render("digest", model);
  }

  /**
   * A scheduled report by e-mail: {@code kind} (weekly, quarterly, annual) of {@code period}, the
   * file attached ({@code link} null) or to open at {@code link}.
   */
  public Message report(String kind, String period, String fileName, long bytes, String link) {
    Map<String, Object> model = new HashMap<>();
    model.put("report", labels.getProperty("report." + kind, kind));
    model.put("period", period);
    model.put("file", fileName);
    model.put("size", String.format(Locale.ROOT, "%.1f", bytes / 1_048_576.0));
    model.put("link", link);
    model.put("home", publicUrl + "/");
    return render("report", model);
  }

  public Message test(ChannelKind channel, LocalDateTime at) {
    Map<String, Object> model = new HashMap<>();
    model.put("channel", channel.id());
    model.put("at", TIME.format(at));
    model.put("link", publicUrl + "/");
    return render("test", model);
  }

  private Map<String, Object> item(Alert alert) {
    Map<String, Object> model = new HashMap<>();
    model.put("a", alert.fields());
    model.put("emerging", alert.isEmergingIssue());
    model.put("typeLabel", labels.getProperty("type." + alert.alertType(), alert.alertType()));
    model.put("at", TIME.format(alert.alertAt()));
    Object deadline = alert.fields().get("deadline");
    model.put(
        "deadline",
        deadline == null ? null : TIME.format(LocalDateTime.parse(deadline.toString())));
    model.put("link", link(alert));
    model.put("department", names.department(alert.department(), language));
    model.put("category", names.category((String) alert.fields().get("category"), language));
    model.put(
        "rule",
        names.rule(
            (String) alert.fields().get("rule_id"),
            language,
            (String) alert.fields().get("rule_name")));
    return model;
  }

  private Message render(String template, Map<String, Object> model) {
    StringWriter out = new StringWriter();
    try {
      pebble
          .getTemplate(template + "." + language.tag() + ".peb")
          .evaluate(out, model, language.locale());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = out.toString().strip();
    String firstLine = text.lines().findFirst().orElse("QualityLoop");
    return new Message(firstLine.replaceFirst("^#+\\s*", ""), text + "\n");
  }
}
