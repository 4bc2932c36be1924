package io.qualityloop.jobs.lake.io;

import io.qualityloop.jobs.lake.functions.LakeRowConverter;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * The newest event time committed in each of a local lake's tables, as epoch milliseconds in the
 * company's time zone (as {@link io.qualityloop.jobs.lake.functions.EventTimeOfRow} reads a row).
 * It is read from the Parquet footers' statistics of the newest date partition ({@code dt=...})
 * that holds a committed file; hidden files (in progress, not yet committed) are not read. A table
 * with no committed file, or a lake that is not a local folder, has no entry.
 *
 * <p>A job that resumes its state starts with no watermark: the lake tells how far its event time
 * had got ({@link io.qualityloop.jobs.lake.functions.CatchUpSignal#resuming}).
 */
public final class CommittedEventTimes {
  private CommittedEventTimes() {}

  /**
   * The newest {@code timeColumn} value committed in each of {@code tables} under {@code
   * lakeLocation} (a folder, or a {@code file:} URI).
   */
  public static Map<String, Long> read(
      String lakeLocation, Collection<String> tables, String timeColumn, ZoneId zone) {
    Path root = localFolder(lakeLocation);
    Map<String, Long> newest = new HashMap<>();
    if (root == null) {
      return newest;
    }
    for (String table : tables) {
      newestMicros(root.resolve(table), timeColumn)
          .ifPresent(
              micros ->
                  newest.put(
                      table,
                      LakeRowConverter.localDateTime(micros)
                          .atZone(zone)
                          .toInstant()
                          .toEpochMilli()));
    }
    return newest;
  }

  private static Path localFolder(String lakeLocation) {
    if (lakeLocation.startsWith("file:")) {
      return Path.of(URI.create(lakeLocation));
    }
    return lakeLocation.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? null : Path.of(lakeLocation);
  }

  /** The greatest value of the column in the newest partition with a committed file. */
  private static OptionalLong newestMicros(Path table, String timeColumn) {
    if (!Files.isDirectory(table)) {
      return OptionalLong.empty();
    }
    try (Stream<Path> partitions = Files.list(table)) {
      List<Path> newestFirst =
          partitions
              .filter(p -> p.getFileName().toString().startsWith("dt="))
              .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
              .toList();
      for (Path partition : newestFirst) {
        OptionalLong max = maxIn(partition, timeColumn);
        if (max.isPresent()) {
          return max;
        }
      }
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the lake table " + table, e);
    }
  }

  private static OptionalLong maxIn(Path partition, String timeColumn) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(partition)) {
      files =
          list.filter(
                  p -> {
                    String name = p.getFileName().toString();
                    return name.endsWith(".parquet")
                        && !name.startsWith(".")
                        && !name.startsWith("_");
                  })
              .toList();
    }
    OptionalLong max = OptionalLong.empty();
    for (Path file : files) {
      if (!Files.exists(file)) {
        continue; // compacted away since the listing
      }
      for (BlockMetaData block : footer(file).getBlocks()) {
        for (ColumnChunkMetaData column : block.getColumns()) {
          Statistics<?> stats = column.getStatistics();
          if (column.getPath().toDotString().equals(timeColumn)
              && stats != null
              && stats.hasNonNullValue()
              && stats.genericGetMax() instanceof Long value
              && (max.isEmpty() || value > max.getAsLong())) {
            max = OptionalLong.of(value);
          }
        }
      }
    }
    return max;
  }

  /**
   * The footer of a Parquet file: its length and magic are the last 8 bytes. Read without {@code
   * ParquetFileReader}, which needs Hadoop's MapReduce classes that the lake does not ship.
   */
  private static ParquetMetadata footer(Path file) throws IOException {
    try (SeekableByteChannel in = Files.newByteChannel(file)) {
      long size = in.size();
      ByteBuffer tail = readAt(in, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
      int length = tail.getInt(0);
      if (size < 12
          || tail.get(4) != 'P'
          || tail.get(5) != 'A'
          || tail.get(6) != 'R'
          || tail.get(7) != '1'
          || length <= 0
          || length > size - 12) {
        throw new IOException(file + " is not a Parquet file");
      }
      ByteBuffer footer = readAt(in, size - 8 - length, length);
      return new ParquetMetadataConverter()
          .readParquetMetadata(
              new ByteArrayInputStream(footer.array()), ParquetMetadataConverter.NO_FILTER);
    }
  }

  private static ByteBuffer readAt(SeekableByteChannel in, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    in.position(position);
    while (buffer.hasRemaining()) {
      if (in.read(buffer) < 0) {
        throw new EOFException();
      }
    }
    return buffer;
  }
}
