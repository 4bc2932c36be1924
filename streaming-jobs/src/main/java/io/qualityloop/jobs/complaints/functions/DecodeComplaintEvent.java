package io.qualityloop.jobs.complaints.functions;

import io.qualityloop.events.ComplaintEvent;
import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventDecodingException;
import io.qualityloop.jobs.complaints.records.ComplaintEventEnvelope;
import io.qualityloop.jobs.lake.KafkaPayload;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes complaint events for the lifecycle job. Records that do not decode are skipped and
 * counted here: the lake job, reading the same topic, puts them in quarantine with their reason.
 */
public final class DecodeComplaintEvent extends RichFlatMapFunction<KafkaPayload, ComplaintEventEnvelope> {
  private static final long serialVersionUID = 1L;
  public static final String ACC_UNDECODABLE = "complaint-undecodable";

  private transient EventCodec<ComplaintEvent> codec;
  private transient LongCounter undecodable;

  @Override
  public void open(OpenContext openContext) {
    codec = EventCodec.of(ComplaintEvent.class);
    undecodable = new LongCounter();
    getRuntimeContext().addAccumulator(ACC_UNDECODABLE, undecodable);
  }

  @Override
  public void flatMap(KafkaPayload in, Collector<ComplaintEventEnvelope> out) {
    if (in.value == null) {
      undecodable.add(1);
      return;
    }
    try {
      ComplaintEvent e = codec.decode(in.value);
      if (e.complaintId() == null || e.complaintId().isBlank() || e.eventType() == null) {
        undecodable.add(1);
        return;
      }
      out.collect(new ComplaintEventEnvelope(e.complaintId(), e.eventId(), e.occurredAt().toInstant().toEpochMilli(),
          new String(in.value, StandardCharsets.UTF_8), in.timestamp));
    } catch (EventDecodingException e) {
      undecodable.add(1);
    }
  }
}
