package io.qualityloop.jobs.text;

import io.qualityloop.jobs.complaints.records.ComplaintEventEnvelope;
import io.qualityloop.jobs.lake.LakeTable;
import io.qualityloop.jobs.lake.functions.ToLakeRow;
import java.time.ZoneId;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The voice of the customer on the complaint stream (typed at the door and in event time): each
 * complaint's text analysed once ({@link AnalyseComplaintText}) into {@code complaint_text}, and
 * per project and week the terms that surged ({@link DetectEmergingIssues}) into {@code
 * text_alerts} and the text-alerts topic.
 */
public final class ComplaintTextPipeline {
  public static final String TEXT_TABLE = "complaint_text";
  public static final String ALERTS_TABLE = "text_alerts";

  private final TextJobSettings settings;
  private final ZoneId zone;
  private final Function<LakeTable, Sink<GenericRecord>> lakeSinks;
  private final Sink<EmergingIssueAlert> alertSink;

  public ComplaintTextPipeline(
      TextJobSettings settings,
      ZoneId zone,
      Function<LakeTable, Sink<GenericRecord>> lakeSinks,
      Sink<EmergingIssueAlert> alertSink) {
    this.settings = settings;
    this.zone = zone;
    this.lakeSinks = lakeSinks;
    this.alertSink = alertSink;
  }

  public void attach(DataStream<ComplaintEventEnvelope> events) {
    SingleOutputStreamOperator<ComplaintText> texts =
        events
            .keyBy(ComplaintEventEnvelope::complaintId)
            .process(new AnalyseComplaintText(settings.resources(), zone))
            .returns(TypeInformation.of(ComplaintText.class))
            .name("complaint text: terms, tone, suggestion")
            .uid("text-analyse");
    LakeTable textTable = LakeTable.named(TEXT_TABLE);
    ToLakeRow.write(texts, textTable, zone, lakeSinks.apply(textTable));

    SingleOutputStreamOperator<EmergingIssueAlert> alerts =
        texts
            .filter(t -> t.projectId() != null)
            .name("texts with a project")
            .uid("text-with-project")
            .keyBy(ComplaintText::projectId)
            .process(
                new DetectEmergingIssues(
                    settings.surgeTest(), settings.baselineWeeks(), zone, settings.watchedTerms()))
            .returns(TypeInformation.of(EmergingIssueAlert.class))
            .name("emerging issues: weekly term surges")
            .uid("text-surges");
    LakeTable alertTable = LakeTable.named(ALERTS_TABLE);
    ToLakeRow.write(alerts, alertTable, zone, lakeSinks.apply(alertTable));
    if (alertSink != null) {
      alerts.sinkTo(alertSink).name("kafka: text alerts").uid("sink-text-alerts-kafka");
    }
  }
}
