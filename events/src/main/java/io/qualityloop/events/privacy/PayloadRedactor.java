package io.qualityloop.events.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.Pseudonymizer;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a rejected record may keep: its payload with personal fields (a customer's phone, name,
 * ID-card number, address, e-mail) replaced by keyed pseudonyms and every other text scrubbed, cut
 * to a maximum length. A payload that is not JSON is kept as scrubbed text. This is what goes to
 * the quarantine table and the dead-letter topic, never the raw bytes.
 */
public final class PayloadRedactor implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Field names that hold personal data, in English or Chinese, however a producer spells them. */
  private static final Pattern PERSONAL_FIELD =
      Pattern.compile(
          "(phone|mobile|tel|telephone|name|id_?card|id_?no|id_?number|identity|address|addr|email|e_mail|room|"
              + "姓名|名字|电话|手机|联系方式|身份证|证件|地址|住址|邮箱|房号|房间)",
          Pattern.CASE_INSENSITIVE);

  /** Contract fields whose names look personal but are not. */
  private static final List<String> NOT_PERSONAL =
      List.of("rule_name", "household_id", "staff_id", "room_pseudonym");

  private final Pseudonymizer pseudonymizer;
  private final TextScrubber scrubber = new TextScrubber();
  private final int maxChars;

  public PayloadRedactor(Pseudonymizer pseudonymizer, int maxChars) {
    this.pseudonymizer = pseudonymizer;
    this.maxChars = maxChars;
  }

  public String redact(byte[] payload) {
    if (payload == null) {
      return null;
    }
    String text;
    if (payload.length > 4L * maxChars) {
      // Too big to keep whole: only its start, as text, cut where no number or address runs on.
      String start = new String(payload, 0, 4 * maxChars, StandardCharsets.UTF_8);
      text =
          scrubber.scrub(cutAtWordBoundary(start.substring(0, Math.min(start.length(), maxChars))));
    } else {
      try {
        JsonNode tree = EventCodec.mapper().readTree(payload);
        text = tree == null ? "" : EventCodec.mapper().writeValueAsString(redactNode(null, tree));
      } catch (Exception notJson) {
        text = scrubber.scrub(new String(payload, StandardCharsets.UTF_8));
      }
    }
    if (text.length() > maxChars) {
      text = text.substring(0, maxChars); // already scrubbed whole: a plain cut is safe
    } else if (payload.length <= 4L * maxChars) {
      return text;
    }
    return text + " …[truncated: " + payload.length + " bytes]";
  }

  /**
   * Drops a trailing run of letters, digits and e-mail characters: half a phone number is still
   * personal.
   */
  private static String cutAtWordBoundary(String s) {
    int end = s.length();
    while (end > 0
        && (Character.isLetterOrDigit(s.charAt(end - 1)) || "@._+-".indexOf(s.charAt(end - 1)) >= 0)
        && s.charAt(end - 1) < 0x3000) {
      end--;
    }
    return s.substring(0, end);
  }

  /** True for a field name that holds personal data. */
  public static boolean isPersonalField(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return !NOT_PERSONAL.contains(lower) && PERSONAL_FIELD.matcher(lower).find();
  }

  private JsonNode redactNode(String field, JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = ((ObjectNode) node).objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        // Keys are data too: a producer can put anything in them.
        copy.set(scrubber.scrub(e.getKey()), redactNode(e.getKey(), e.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      node.forEach(item -> items.add(redactNode(field, item)));
      ArrayNode copy = ((ArrayNode) node).arrayNode();
      copy.addAll(items);
      return copy;
    }
    if (field != null && isPersonalField(field) && !node.isNull()) {
      return TextNode.valueOf(pseudonymizer.pseudonym("pii", node.asText()));
    }
    if (node.isTextual()) {
      return TextNode.valueOf(scrubber.scrub(node.textValue()));
    }
    return node;
  }
}
