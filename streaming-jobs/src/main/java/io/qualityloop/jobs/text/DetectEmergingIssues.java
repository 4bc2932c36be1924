package io.qualityloop.jobs.text;

import io.qualityloop.text.SurgeTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by project: counts each term once per complaint per week (Monday to Sunday, local time)
 * and, when the event-time watermark passes the end of a week, tests every term of that week
 * against its trailing weeks ({@link SurgeTest}, weeks without a mention count as zero; only weeks
 * since the project's first complaint text count). A surge becomes an {@link EmergingIssueAlert}
 * naming the week's complaints that mention the term. Every term is counted; only the watched ones
 * (by default the company's dictionary) are tested.
 *
 * <p>A complaint that arrives after its week was tested adds to the counts (it is part of the
 * baseline of later weeks) but does not test that week again: an alert is raised once or never.
 */
public final class DetectEmergingIssues
    extends KeyedProcessFunction<String, ComplaintText, EmergingIssueAlert> {
  private static final long serialVersionUID = 1L;

  private final SurgeTest test;
  private final int baselineWeeks;
  private final ZoneId zone;
  private final HashSet<String> watched;

  /** mentions by "epochDayOfMonday|term" */
  private transient MapState<String, Integer> counts;

  /** the complaints of weeks not yet tested: epochDayOfMonday -> "complaintId\tterm\tterm..." */
  private transient MapState<Long, List<String>> untested;

  private transient ValueState<Long> firstWeek;
  private transient ValueState<Long> lastTestedWeek;
  private transient ValueState<Long> latestLanded;

  /**
   * @param watched the terms that may raise an alert (null: every term)
   */
  public DetectEmergingIssues(SurgeTest test, int baselineWeeks, ZoneId zone, Set<String> watched) {
    this.watched = watched == null ? null : new HashSet<>(watched);
    this.test = test;
    this.baselineWeeks = baselineWeeks;
    this.zone = zone;
  }

  @Override
  public void open(OpenContext openContext) {
    counts =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("term-week-counts", Types.STRING, Types.INT));
    untested =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "untested-week-texts", Types.LONG, Types.LIST(Types.STRING)));
    firstWeek = getRuntimeContext().getState(new ValueStateDescriptor<>("first-week", Types.LONG));
    lastTestedWeek =
        getRuntimeContext().getState(new ValueStateDescriptor<>("last-tested-week", Types.LONG));
    latestLanded =
        getRuntimeContext().getState(new ValueStateDescriptor<>("latest-landed", Types.LONG));
  }

  @Override
  public void processElement(ComplaintText text, Context ctx, Collector<EmergingIssueAlert> out)
      throws Exception {
    long week = text.weekStart().toEpochDay();
    long landed = text.landedAt().atZone(zone).toInstant().toEpochMilli();
    if (latestLanded.value() == null || landed > latestLanded.value()) {
      latestLanded.update(landed);
    }
    if (firstWeek.value() == null || week < firstWeek.value()) {
      firstWeek.update(week);
    }
    for (String term : text.terms()) {
      String key = week + "|" + term;
      Integer n = counts.get(key);
      counts.put(key, n == null ? 1 : n + 1);
    }
    Long tested = lastTestedWeek.value();
    if (tested != null && week <= tested) {
      return; // late: counted for the baselines, its week is not tested again
    }
    List<String> texts = untested.get(week);
    List<String> updated = texts == null ? new ArrayList<>() : new ArrayList<>(texts);
    updated.add(text.complaintId() + "\t" + String.join("\t", text.terms()));
    untested.put(week, updated);
    ctx.timerService().registerEventTimeTimer(weekEnd(week));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<EmergingIssueAlert> out)
      throws Exception {
    long week =
        LocalDateTime.ofInstant(Instant.ofEpochMilli(timestamp), zone)
            .toLocalDate()
            .minusDays(7)
            .toEpochDay();
    List<String> texts = untested.get(week);
    untested.remove(week);
    lastTestedWeek.update(week);
    if (texts == null) {
      return;
    }
    Map<String, List<String>> complaintsByTerm = new TreeMap<>();
    for (String line : texts) {
      String[] parts = line.split("\t");
      for (int i = 1; i < parts.length; i++) {
        complaintsByTerm.computeIfAbsent(parts[i], t -> new ArrayList<>()).add(parts[0]);
      }
    }
    int history = (int) Math.min(baselineWeeks, (week - firstWeek.value()) / 7);
    String project = ctx.getCurrentKey();
    for (Map.Entry<String, List<String>> e : complaintsByTerm.entrySet()) {
      String term = e.getKey();
      if (watched != null && !watched.contains(term)) {
        continue;
      }
      Integer observed = counts.get(week + "|" + term);
      long baseline = 0;
      for (int w = 1; w <= history; w++) {
        Integer n = counts.get((week - 7L * w) + "|" + term);
        baseline += n == null ? 0 : n;
      }
      SurgeTest.Result r = test.test(observed == null ? 0 : observed, baseline, history);
      if (r.surge()) {
        LocalDate monday = LocalDate.ofEpochDay(week);
        out.collect(
            new EmergingIssueAlert(
                "surge|" + project + "|" + monday + "|" + term,
                EmergingIssueAlert.TYPE,
                monday.plusDays(7).atStartOfDay(),
                project,
                monday,
                term,
                r.observed(),
                Math.round(r.expected() * 1000) / 1000.0,
                r.pValue(),
                r.liftPercent(),
                history,
                e.getValue().stream().sorted().toList(), // in id order, whatever the arrival order
                LocalDateTime.ofInstant(Instant.ofEpochMilli(latestLanded.value()), zone)));
      }
    }
    // the counts of weeks no later week can use any more
    long oldest = week + 7 - 7L * baselineWeeks;
    for (Iterator<String> keys = counts.keys().iterator(); keys.hasNext(); ) {
      String key = keys.next();
      if (Long.parseLong(key.substring(0, key.indexOf('|'))) < oldest) {
        keys.remove();
      }
    }
  }

  private long weekEnd(long mondayEpochDay) {
    return LocalDate.ofEpochDay(mondayEpochDay)
        .plusDays(7)
        .atStartOfDay(zone)
        .toInstant()
        .toEpochMilli();
  }
}
