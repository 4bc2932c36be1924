package io.qualityloop.jobs.complaints.sla;

import io.qualityloop.events.CsvRows;
import io.qualityloop.events.LifecycleEventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The SLA rules in force ({@code reference/sla_rules.csv}); every limit of docs/domain.md is
 * shipped.
 */
public record SlaRuleSet(List<SlaRule> rules) implements Serializable {

  public static SlaRuleSet shipped() {
    try (InputStream in = SlaRuleSet.class.getResourceAsStream("/reference/sla_rules.csv")) {
      return parse(in, "sla_rules.csv");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped SLA rules", e);
    }
  }

  /** Parses the CSV; a bad row is an error naming the file, line and what is wrong. */
  public static SlaRuleSet parse(InputStream csv, String fileName) throws IOException {
    List<SlaRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    CsvRows.read(
        csv,
        fileName,
        "rule_id,name_zh,start_events,stop_events,limit,clock,applies_when",
        c -> {
          if (c.length < 7) {
            throw new IllegalArgumentException("expected at least 7 columns, found " + c.length);
          }
          SlaRule rule =
              new SlaRule(
                  c[0].trim(),
                  c[1].trim(),
                  events(c[2]),
                  events(c[3]),
                  Double.parseDouble(c[4].trim()),
                  ClockType.valueOf(c[5].trim()),
                  RuleCondition.parse(c[6]));
          if (!(rule.limit() > 0)) {
            throw new IllegalArgumentException("limit must be positive");
          }
          if (!ids.add(rule.ruleId())) {
            throw new IllegalArgumentException("rule_id " + rule.ruleId() + " appears twice");
          }
          rules.add(rule);
        });
    return new SlaRuleSet(List.copyOf(rules));
  }

  private static Set<LifecycleEventType> events(String text) {
    Set<LifecycleEventType> set = EnumSet.noneOf(LifecycleEventType.class);
    Arrays.stream(text.split("\\|"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(LifecycleEventType::valueOf)
        .forEach(set::add);
    if (set.isEmpty()) {
      throw new IllegalArgumentException("a rule needs at least one start and one stop event");
    }
    return set;
  }

  public SlaRule rule(String ruleId) {
    return rules.stream()
        .filter(r -> r.ruleId().equals(ruleId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no SLA rule " + ruleId));
  }
}
