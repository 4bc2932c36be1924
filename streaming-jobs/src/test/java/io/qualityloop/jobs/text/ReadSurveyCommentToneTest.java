package io.qualityloop.jobs.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.events.EventStream;
import io.qualityloop.jobs.lake.LakeTable;
import io.qualityloop.text.TextResources;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class ReadSurveyCommentToneTest {
  private final ReadSurveyCommentTone function = new ReadSurveyCommentTone(TextResources.shipped());

  @Test
  void aCommentedSurveyRowGetsItsToneAndAnUncommentedOneNothing() throws Exception {
    function.open(null);
    List<SurveyCommentTone> out = new ArrayList<>();
    Collector<SurveyCommentTone> collector =
        new Collector<>() {
          @Override
          public void collect(SurveyCommentTone record) {
            out.add(record);
          }

          @Override
          public void close() {}
        };
    // 2026-08-01 10:00 as local-timestamp micros
    long micros = LocalDateTime.of(2026, 8, 1, 10, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    function.flatMap(survey("V1", "处理太慢，非常不满意", micros), collector);
    function.flatMap(survey("V2", null, micros), collector);
    function.flatMap(survey("V3", "  ", micros), collector);
    // 太慢 (2) + 非常 (x1.5) 不满意 (3) = 6.5 >= 3
    assertThat(out)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.surveyId()).isEqualTo("V1");
              assertThat(t.negativeTone()).isTrue();
              assertThat(t.toneScore()).isEqualTo(6.5);
              assertThat(t.toneWords()).containsExactly("太慢", "不满意");
              assertThat(t.occurredAt()).isEqualTo(LocalDateTime.of(2026, 8, 1, 10, 0));
              assertThat(t.projectId()).isEqualTo("P01");
            });
  }

  private static GenericRecord survey(String id, String comment, long micros) {
    GenericRecord r = new GenericData.Record(LakeTable.of(EventStream.CALLBACK_SURVEYS).schema());
    r.put("event_id", id);
    r.put("project_id", "P01");
    r.put("occurred_at", micros);
    r.put("landed_at", micros);
    r.put("comment", comment);
    return r;
  }
}
