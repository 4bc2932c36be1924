package io.qualityloop.jobs.text;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.jobs.complaints.records.ComplaintEventEnvelope;
import io.qualityloop.text.ComplaintClassifier;
import io.qualityloop.text.TermExtractor;
import io.qualityloop.text.TextResources;
import io.qualityloop.text.ToneFlag;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by complaint: reads the text of the complaint's first event that has a description, as the
 * door scrubbed it (phone and ID numbers never reach a term), and emits its {@link ComplaintText}
 * once; later events of the complaint, and re-sent ones, add nothing.
 */
public final class AnalyseComplaintText
    extends KeyedProcessFunction<String, ComplaintEventEnvelope, ComplaintText> {
  private static final long serialVersionUID = 1L;

  private final TextResources resources;
  private final ZoneId zone;
  private transient ValueState<Boolean> analysed;
  private transient TermExtractor terms;
  private transient ToneFlag tone;
  private transient ComplaintClassifier classifier;

  public AnalyseComplaintText(TextResources resources, ZoneId zone) {
    this.resources = resources;
    this.zone = zone;
  }

  @Override
  public void open(OpenContext openContext) {
    analysed =
        getRuntimeContext().getState(new ValueStateDescriptor<>("text-analysed", Types.BOOLEAN));
    terms = new TermExtractor(resources);
    tone = new ToneFlag(resources);
    classifier = new ComplaintClassifier(resources);
  }

  @Override
  public void processElement(ComplaintEventEnvelope in, Context ctx, Collector<ComplaintText> out)
      throws Exception {
    if (Boolean.TRUE.equals(analysed.value())) {
      return;
    }
    ComplaintEvent e = in.event;
    if (e.description() == null || e.description().isBlank()) {
      return;
    }
    analysed.update(true);
    String text = e.description();
    LocalDateTime at = LocalDateTime.ofInstant(Instant.ofEpochMilli(in.eventTimeMillis), zone);
    ToneFlag.Tone t = tone.of(text);
    var suggestion = classifier.suggest(text);
    out.collect(
        new ComplaintText(
            e.complaintId(),
            e.eventId(),
            e.projectId(),
            at,
            at.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
            text,
            terms.terms(text),
            t.negative(),
            t.netNegative(),
            t.words(),
            suggestion.map(ComplaintClassifier.Suggestion::component).orElse(null),
            suggestion.map(ComplaintClassifier.Suggestion::problemType).orElse(null),
            suggestion.map(ComplaintClassifier.Suggestion::category).orElse(null),
            suggestion.map(ComplaintClassifier.Suggestion::subCategory).orElse(null),
            suggestion.map(ComplaintClassifier.Suggestion::confidence).orElse(null),
            suggestion.map(ComplaintClassifier.Suggestion::evidence).orElse(List.of()),
            LocalDateTime.ofInstant(Instant.ofEpochMilli(in.landedMillis), zone)));
  }
}
