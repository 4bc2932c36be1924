package io.qualityloop.jobs.complaints;

import io.qualityloop.jobs.complaints.functions.ComplaintLifecycleFunction;
import io.qualityloop.jobs.complaints.records.ComplaintEventEnvelope;
import io.qualityloop.jobs.complaints.records.ComplaintFact;
import io.qualityloop.jobs.complaints.records.SlaAlert;
import io.qualityloop.jobs.complaints.sla.SlaRuleSet;
import io.qualityloop.jobs.complaints.sla.WorkingTime;
import io.qualityloop.jobs.complaints.timeline.ComplaintOutputs;
import io.qualityloop.jobs.complaints.timeline.ComplaintTimeline;
import io.qualityloop.jobs.lake.LakeJobSettings;
import io.qualityloop.jobs.lake.LakeTable;
import io.qualityloop.jobs.lake.functions.ToLakeRow;
import io.qualityloop.jobs.text.ComplaintTextPipeline;
import io.qualityloop.jobs.text.EmergingIssueAlert;
import io.qualityloop.jobs.text.TextJobSettings;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Complaint lifecycle and SLA engine: the complaint events that passed the lake job's door ({@link
 * io.qualityloop.jobs.lake.LakeIngestJob#build}), keyed by complaint, folded in event time into
 * cycles and SLA clocks. Writes {@code complaint_facts}, {@code complaint_sla}, {@code
 * complaint_snapshots} and {@code sla_events} to the lake, and alerts to Kafka. Sources and sinks
 * are injected; the rules and the working calendar are data.
 */
public final class ComplaintLifecycleJob {
  public static final String SLA_EVENTS = "sla_events";
  public static final String FACTS = "complaint_facts";
  public static final String OUTCOMES = "complaint_sla";
  public static final String SNAPSHOTS = "complaint_snapshots";

  private final Function<LakeTable, Sink<GenericRecord>> lakeSinks;
  private final Sink<SlaAlert> alertSink;
  private final LakeJobSettings lake;
  private final ComplaintJobSettings settings;
  private final SlaRuleSet rules;
  private final WorkingTime workingTime;
  private TextJobSettings text;
  private Sink<EmergingIssueAlert> textAlertSink;

  public ComplaintLifecycleJob(
      Function<LakeTable, Sink<GenericRecord>> lakeSinks,
      Sink<SlaAlert> alertSink,
      LakeJobSettings lake,
      ComplaintJobSettings settings,
      SlaRuleSet rules,
      WorkingTime workingTime) {
    this.lakeSinks = lakeSinks;
    this.alertSink = alertSink;
    this.lake = lake;
    this.settings = settings;
    this.rules = rules;
    this.workingTime = workingTime;
  }

  /**
   * Also reads each complaint's text ({@link ComplaintTextPipeline}): {@code complaint_text} and
   * {@code text_alerts} in the lake, emerging-issue alerts to {@code alertSink} (may be null).
   */
  public ComplaintLifecycleJob withTextAnalysis(
      TextJobSettings settings, Sink<EmergingIssueAlert> alertSink) {
    this.text = settings;
    this.textAlertSink = alertSink;
    return this;
  }

  /**
   * Adds the job's operators after {@code events}, the complaint events that passed the door
   * (typed, de-duplicated, with their event time and watermarks). Checkpointing is configured by
   * the caller.
   */
  public void attach(DataStream<ComplaintEventEnvelope> events) {
    if (text != null) {
      new ComplaintTextPipeline(text, lake.zone(), lakeSinks, textAlertSink).attach(events);
    }
    SingleOutputStreamOperator<ComplaintFact> facts =
        events
            .keyBy(ComplaintEventEnvelope::complaintId)
            .process(
                new ComplaintLifecycleFunction(
                        new ComplaintTimeline(
                            rules, workingTime, settings.warningShare(), lake.zone()),
                        new ComplaintOutputs(workingTime),
                        lake.zone(),
                        settings.retentionAfterClose(),
                        settings.retentionWhileOpen(),
                        settings.alertHorizon(),
                        settings.liveAlerts())
                    .judgingLateStepsOnceRead(lake.catchUp())
                    .raisingInEventTimeUpToTheWallClock(settings.horizonFollowsWallClock()))
            .returns(TypeInformation.of(ComplaintFact.class))
            .name("complaint lifecycle and SLA clocks")
            .uid("complaint-lifecycle");

    toLake(facts, FACTS);
    toLake(facts.getSideOutput(ComplaintLifecycleFunction.OUTCOMES), OUTCOMES);
    toLake(facts.getSideOutput(ComplaintLifecycleFunction.SNAPSHOTS), SNAPSHOTS);
    DataStream<SlaAlert> alerts = facts.getSideOutput(ComplaintLifecycleFunction.ALERTS);
    toLake(alerts, SLA_EVENTS);
    if (alertSink != null) {
      alerts.sinkTo(alertSink).name("kafka: sla alerts").uid("sink-alerts-kafka");
    }
  }

  private <T extends Record> void toLake(DataStream<T> stream, String tableName) {
    LakeTable table = LakeTable.named(tableName);
    ToLakeRow.write(stream, table, lake.zone(), lakeSinks.apply(table));
  }
}
