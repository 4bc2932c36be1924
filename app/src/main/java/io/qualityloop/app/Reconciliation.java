package io.qualityloop.app;

import io.qualityloop.events.EventStream;
import io.qualityloop.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every event produced must be in its lake table or in quarantine: produced = rows + quarantined.
 * Counted by DuckDB over the Parquet files, independently of the job that wrote them.
 */
final class Reconciliation {
  record Line(EventStream stream, long produced, long rows, long quarantined) {
    long difference() {
      return produced - rows - quarantined;
    }

    String describe() {
      return String.format("reconcile %-21s produced %,9d = lake %,9d + quarantine %,d   difference %d",
          stream.tableName(), produced, rows, quarantined, difference());
    }
  }

  private Reconciliation() {}

  static List<Line> check(Map<EventStream, Long> produced, Warehouse warehouse) {
    List<Line> lines = new ArrayList<>();
    for (EventStream stream : EventStream.values()) {
      long rows = ((Number) warehouse.query("select count(*) as n from stg_" + stream.tableName()).get(0).get("n")).longValue();
      long quarantined = ((Number) warehouse.query("select count(*) as n from stg_quarantine where stream = ?", stream.name()).get(0).get("n")).longValue();
      lines.add(new Line(stream, produced.getOrDefault(stream, 0L), rows, quarantined));
    }
    return lines;
  }
}
