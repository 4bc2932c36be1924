package io.qualityloop.jobs.text;

import io.qualityloop.jobs.lake.functions.LakeRowConverter;
import io.qualityloop.text.TextResources;
import io.qualityloop.text.ToneFlag;
import java.time.LocalDateTime;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Reads the tone of a survey's comment from its lake row (already validated, scrubbed and
 * de-duplicated by the lake job): one {@link SurveyCommentTone} per survey with a comment.
 */
public final class ReadSurveyCommentTone
    extends RichFlatMapFunction<GenericRecord, SurveyCommentTone> {
  private static final long serialVersionUID = 1L;
  private final TextResources resources;
  private transient ToneFlag tone;

  public ReadSurveyCommentTone(TextResources resources) {
    this.resources = resources;
  }

  @Override
  public void open(OpenContext openContext) {
    tone = new ToneFlag(resources);
  }

  @Override
  public void flatMap(GenericRecord row, Collector<SurveyCommentTone> out) {
    Object comment = row.get("comment");
    if (comment == null || comment.toString().isBlank()) {
      return;
    }
    ToneFlag.Tone t = tone.of(comment.toString());
    out.collect(
        new SurveyCommentTone(
            row.get("event_id").toString(),
            text(row.get("project_id")),
            text(row.get("complaint_id")),
            local((Long) row.get("occurred_at")),
            comment.toString(),
            t.negative(),
            t.netNegative(),
            t.words(),
            local((Long) row.get("landed_at"))));
  }

  private static String text(Object v) {
    return v == null ? null : v.toString();
  }

  private static LocalDateTime local(Long micros) {
    return micros == null ? null : LakeRowConverter.localDateTime(micros);
  }
}
