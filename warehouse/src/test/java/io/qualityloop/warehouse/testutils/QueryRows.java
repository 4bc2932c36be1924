package io.qualityloop.warehouse.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.Warehouse;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query results in the form the metric tests state their expectations. */
public final class QueryRows {
  private QueryRows() {}

  /**
   * The single row of {@code sql}; counts compare as long, every other number as double (the tests
   * state values, not SQL types).
   */
  public static Map<String, Object> single(Warehouse warehouse, String sql) {
    List<Map<String, Object>> rows = warehouse.query(sql);
    assertThat(rows).as(sql).hasSize(1);
    Map<String, Object> row = new LinkedHashMap<>();
    rows.get(0)
        .forEach(
            (k, v) ->
                row.put(
                    k,
                    v instanceof Long || v instanceof Integer || v instanceof BigInteger
                        ? Long.valueOf(((Number) v).longValue())
                        : v instanceof Number n ? Double.valueOf(n.doubleValue()) : v));
    return row;
  }
}
