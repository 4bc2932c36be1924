package io.qualityloop.app;

import io.qualityloop.jobs.KafkaRanges;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.warehouse.LakeFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The rows an import sent under the event id of a record already in the lake, with other content
 * (flag {@code CONFLICTING_RESEND} of the lake job's de-duplication): corrections that were not
 * applied. Read from the lake's {@code record_flags} once the import's rows are in the lake, by the
 * Kafka positions the import published to, so that {@code ingest} can name them.
 */
final class ConflictingResends {
  private static final Logger LOG = LogManager.getLogger(ConflictingResends.class);

  private ConflictingResends() {}

  /**
   * Where the next record of {@code topic} will be: its end offsets now, read before an import
   * publishes; null (logged) when Kafka cannot say, which only leaves out the line about
   * corrections.
   */
  static Map<TopicPartition, Long> endOffsets(
      QualityLoopConfig config, String bootstrapServers, String topic) {
    try {
      return KafkaRanges.read(config.kafkaClients(bootstrapServers), List.of(topic))
          .endOffsets(topic);
    } catch (RuntimeException e) {
      LOG.warn("cannot read the end offsets of {}", topic, e);
      return null;
    }
  }

  /**
   * The event ids flagged among the records of {@code topic} at offsets {@code from} (inclusive) to
   * {@code to} (exclusive), per partition, sorted.
   */
  static List<String> eventIds(
      Path lakeRoot, String topic, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
    List<Path> files = LakeFiles.of(lakeRoot.resolve("record_flags"));
    List<String> ids = new ArrayList<>();
    if (files.isEmpty()) {
      return ids;
    }
    StringBuilder positions = new StringBuilder("false");
    for (var end : to.entrySet()) {
      long start = from.getOrDefault(end.getKey(), 0L);
      if (end.getValue() > start) {
        positions
            .append(" or (src_partition = ")
            .append(end.getKey().partition())
            .append(" and src_offset >= ")
            .append(start)
            .append(" and src_offset < ")
            .append(end.getValue())
            .append(')');
      }
    }
    String sql =
        "select distinct event_id from "
            + LakeFiles.readParquet(files)
            + " where flag_code = 'CONFLICTING_RESEND' and src_topic = ? and ("
            + positions
            + ") order by event_id";
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement query = duckdb.prepareStatement(sql)) {
      query.setString(1, topic);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the lake's record_flags under " + lakeRoot + ": " + e.getMessage(), e);
    }
    return ids;
  }

  /**
   * What {@code ingest} says about them: nothing when there are none, else one line naming up to
   * ten event ids.
   */
  static String describe(List<String> eventIds) {
    if (eventIds.isEmpty()) {
      return "";
    }
    List<String> shown = eventIds.subList(0, Math.min(10, eventIds.size()));
    return String.format(
        "%d %s sent again under the event id of a row imported before, with other content, and"
            + " %s not applied (the row imported first is kept; import a correction under an"
            + " event id of its own, for the complaint ledger through the complaint form): %s%s",
        eventIds.size(),
        eventIds.size() == 1 ? "row was" : "rows were",
        eventIds.size() == 1 ? "was" : "were",
        String.join(", ", shown),
        eventIds.size() > shown.size() ? ", …" : "");
  }
}
