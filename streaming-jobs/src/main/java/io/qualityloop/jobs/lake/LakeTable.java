package io.qualityloop.jobs.lake;

import io.qualityloop.events.EventStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;

/**
 * A table of the lake: its name (the folder under the lake root) and its Avro schema, which defines
 * the Parquet columns. Schemas live in {@code src/main/resources/lake/<table>.avsc}.
 */
public record LakeTable(String name, String schemaJson) implements Serializable {
  public static final String QUARANTINE = "quarantine";

  public static LakeTable of(EventStream stream) {
    return load(stream.tableName());
  }

  public static LakeTable quarantine() {
    return load(QUARANTINE);
  }

  /** A table by name, e.g. {@code sla_events}. */
  public static LakeTable named(String name) {
    return load(name);
  }

  private static LakeTable load(String name) {
    try (InputStream in = LakeTable.class.getResourceAsStream("/lake/" + name + ".avsc")) {
      if (in == null) {
        throw new IllegalStateException("no Avro schema for lake table " + name);
      }
      return new LakeTable(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Schema schema() {
    return new Schema.Parser().parse(schemaJson);
  }
}
