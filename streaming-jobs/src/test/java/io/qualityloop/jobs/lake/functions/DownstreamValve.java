package io.qualityloop.jobs.lake.functions;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.io.PushingAsyncDataInput.DataOutput;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.StatusWatermarkValve;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Flink's own combination of the watermarks of several input channels ({@link
 * StatusWatermarkValve}), as the operator after the door's subtasks (the complaint lifecycle) runs
 * it: the event time it passes on is what judges the clocks.
 */
final class DownstreamValve {
  private final StatusWatermarkValve valve;
  private final List<Long> passed = new ArrayList<>();
  private final DataOutput<Object> out =
      new DataOutput<>() {
        @Override
        public void emitRecord(StreamRecord<Object> streamRecord) {}

        @Override
        public void emitWatermark(Watermark watermark) {
          passed.add(watermark.getTimestamp());
        }

        @Override
        public void emitWatermarkStatus(WatermarkStatus watermarkStatus) {}

        @Override
        public void emitLatencyMarker(LatencyMarker latencyMarker) {}

        @Override
        public void emitRecordAttributes(RecordAttributes recordAttributes) {}

        @Override
        public void emitWatermark(WatermarkEvent watermark) {}
      };

  DownstreamValve(int channels) {
    this.valve = new StatusWatermarkValve(channels);
  }

  void watermark(int channel, long timestamp) throws Exception {
    valve.inputWatermark(new Watermark(timestamp), channel, out);
  }

  void idle(int channel) throws Exception {
    valve.inputWatermarkStatus(WatermarkStatus.IDLE, channel, out);
  }

  void active(int channel) throws Exception {
    valve.inputWatermarkStatus(WatermarkStatus.ACTIVE, channel, out);
  }

  /** The event time passed on so far (Long.MIN_VALUE before any). */
  long eventTime() {
    return passed.isEmpty() ? Long.MIN_VALUE : passed.get(passed.size() - 1);
  }
}
