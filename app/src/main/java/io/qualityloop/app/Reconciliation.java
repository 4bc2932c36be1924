package io.qualityloop.app;

import io.qualityloop.events.EventStream;
import io.qualityloop.jobs.KafkaRanges;
import io.qualityloop.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every input record ends in exactly one of: its lake table, quarantine, duplicates. For each topic
 * and partition, the offsets Kafka holds are compared with the positions the lake records ({@code
 * marts/lake_positions.sql}), counted by DuckDB independently of the job that wrote them.
 */
final class Reconciliation {
  record Line(
      String topic,
      int partition,
      long first,
      long end,
      long rows,
      long quarantined,
      long duplicates,
      long missing,
      long twice) {
    long records() {
      return end - first;
    }

    long difference() {
      return missing + twice;
    }

    String describe() {
      return String.format(
          "reconcile %s/%d offsets [%,d, %,d): %,d records = table %,d + quarantine %,d +"
              + " duplicates %,d; missing %,d, twice %,d",
          topic, partition, first, end, records(), rows, quarantined, duplicates, missing, twice);
    }
  }

  private Reconciliation() {}

  static List<Line> check(
      Map<EventStream, String> topics, KafkaRanges ranges, Warehouse warehouse) {
    List<Line> lines = new ArrayList<>();
    for (var entry : topics.entrySet()) {
      Map<Integer, long[]> partitions = ranges.ranges().getOrDefault(entry.getValue(), Map.of());
      for (var p : partitions.entrySet()) {
        long first = p.getValue()[0];
        long end = p.getValue()[1];
        if (end == first) {
          continue; // nothing was ever read from it (the follow-up topic of a demo, say): nothing
          // to account for
        }
        Map<String, Object> r =
            warehouse
                .query(
                    """
                    select
                      count(*) filter (where destination = 'table') as rows_in_table,
                      count(*) filter (where destination = 'quarantine') as quarantined,
                      count(*) filter (where destination = 'duplicates') as duplicates,
                      count(distinct src_offset) as distinct_offsets,
                      count(*) as positions
                    from lake_positions
                    where stream = ? and src_partition = ? and src_offset >= ? and src_offset < ?\
                    """,
                    entry.getKey().name(),
                    p.getKey(),
                    first,
                    end)
                .get(0);
        long distinct = n(r.get("distinct_offsets"));
        long positions = n(r.get("positions"));
        lines.add(
            new Line(
                entry.getValue(),
                p.getKey(),
                first,
                end,
                n(r.get("rows_in_table")),
                n(r.get("quarantined")),
                n(r.get("duplicates")),
                (end - first) - distinct,
                positions - distinct));
      }
    }
    return lines;
  }

  private static long n(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
