package io.qualityloop.jobs.complaints.sla;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * When a rule applies: always (empty), or one comparison on what the complaint says: {@code
 * field=value}, {@code field!=value}, or for {@code trades} a count ({@code trades=1}, {@code
 * trades>1}). Fields: category, sub_category, severity, work_order_type, trades.
 */
public record RuleCondition(String field, String operator, String value) implements Serializable {
  public static final RuleCondition ALWAYS = new RuleCondition(null, null, null);

  public static RuleCondition parse(String text) {
    if (text == null || text.isBlank()) {
      return ALWAYS;
    }
    String t = text.trim();
    for (String op : new String[] {"!=", ">", "="}) {
      int i = t.indexOf(op);
      if (i > 0) {
        String field = t.substring(0, i).trim();
        if (!List.of("category", "sub_category", "severity", "work_order_type", "trades")
            .contains(field)) {
          throw new IllegalArgumentException(
              "unknown field '" + field + "' in condition '" + text + "'");
        }
        if (op.equals(">") && !field.equals("trades")) {
          throw new IllegalArgumentException(
              "'>' compares the trades count only, not '" + field + "'");
        }
        return new RuleCondition(field, op, t.substring(i + op.length()).trim());
      }
    }
    throw new IllegalArgumentException(
        "cannot read condition '" + text + "' (expected field=value, field!=value or trades>N)");
  }

  /** Whether the complaint, as known now, matches. An unknown value matches only {@code !=}. */
  public boolean test(ComplaintAttributes a) {
    if (field == null) {
      return true;
    }
    if (field.equals("trades")) {
      int n = a.tradeCount();
      int v = Integer.parseInt(value);
      return switch (operator) {
        case ">" -> n > v;
        case "!=" -> n != v;
        default -> n == v;
      };
    }
    String actual =
        switch (field) {
          case "category" -> a.category();
          case "sub_category" -> a.subCategory();
          case "severity" -> a.severity();
          default -> a.workOrderType();
        };
    boolean equal = Objects.equals(actual, value);
    return operator.equals("!=") ? !equal : equal;
  }

  @Override
  public String toString() {
    return field == null ? "" : field + operator + value;
  }
}
