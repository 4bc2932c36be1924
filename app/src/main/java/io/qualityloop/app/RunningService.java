package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The service of a working directory ({@code qualityloop up}) as the other commands find it: a lock
 * on {@code <out.dir>/service.lock} held while it runs (the operating system releases it when the
 * process ends, also after {@code kill -9}), and {@code <out.dir>/service.properties} saying where
 * its broker and drill-down are. A file without the lock held is left from a killed service and
 * means nothing.
 */
final class RunningService implements AutoCloseable {
  static final String BOOTSTRAP = "kafka.bootstrap.servers";
  static final String DRILL_DOWN = "drill-down";
  static final String PID = "pid";

  private final FileChannel channel;
  private final FileLock lock;
  private final Path properties;

  private RunningService(FileChannel channel, FileLock lock, Path properties) {
    this.channel = channel;
    this.lock = lock;
    this.properties = properties;
  }

  /** Takes the service lock of this working directory; empty when a service already holds it. */
  static Optional<RunningService> acquire(QualityLoopConfig config) throws IOException {
    Files.createDirectories(config.outDir());
    FileChannel channel =
        FileChannel.open(lockFile(config), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    Path properties = propertiesFile(config);
    Files.deleteIfExists(properties);
    return Optional.of(new RunningService(channel, lock, properties));
  }

  /** Tells the other commands where the broker and the drill-down are (written atomically). */
  void publish(String bootstrapServers, String drillDownUrl) {
    Properties p = new Properties();
    p.setProperty(BOOTSTRAP, bootstrapServers);
    p.setProperty(PID, Long.toString(ProcessHandle.current().pid()));
    if (drillDownUrl != null) {
      p.setProperty(DRILL_DOWN, drillDownUrl);
    }
    Path tmp = properties.resolveSibling(properties.getFileName() + ".tmp");
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(out, "the running qualityloop service (qualityloop up)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
    try {
      Files.move(
          tmp, properties, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + properties, e);
    }
  }

  /**
   * What the service of this working directory published, when one is running: its lock is held by
   * another process and it has said where its broker is.
   */
  static Optional<Properties> find(QualityLoopConfig config) {
    Path lockFile = lockFile(config);
    Path properties = propertiesFile(config);
    if (!Files.exists(lockFile) || !Files.exists(properties)) {
      return Optional.empty();
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe != null) {
        probe.release();
        return Optional.empty(); // nobody holds it: left from a service that was killed
      }
    } catch (OverlappingFileLockException e) {
      // this JVM holds it: the service itself
    } catch (IOException e) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    return p.getProperty(BOOTSTRAP) == null ? Optional.empty() : Optional.of(p);
  }

  /** The running service's broker, if one runs in this working directory. */
  static Optional<String> bootstrapServers(QualityLoopConfig config) {
    return find(config).map(p -> p.getProperty(BOOTSTRAP));
  }

  private static Path lockFile(QualityLoopConfig config) {
    return config.outDir().resolve("service.lock");
  }

  private static Path propertiesFile(QualityLoopConfig config) {
    return config.outDir().resolve("service.properties");
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(properties);
    lock.release();
    channel.close();
  }
}
