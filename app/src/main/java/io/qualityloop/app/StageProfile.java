package io.qualityloop.app;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a stage's CPU time goes: a Java Flight Recorder recording (the JDK's "profile" settings,
 * execution samples every 10-20 ms) around the stage, summarised as the methods most often on top
 * of a sampled stack ("self") and the packages most often anywhere on it ("total").
 */
final class StageProfile implements AutoCloseable {
  private final Recording recording;
  private final Path file;

  private StageProfile(Path file) throws IOException, ParseException {
    this.file = file;
    this.recording = new Recording(Configuration.getConfiguration("profile"));
    recording.start();
  }

  static StageProfile start(Path file) throws IOException, ParseException {
    return new StageProfile(file);
  }

  /**
   * Stops the recording, keeps it in the file, and returns the top {@code n} lines of each kind.
   */
  List<String> stop(int n) throws IOException {
    recording.stop();
    recording.dump(file);
    recording.close();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> packages = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      RecordedFrame top = stack.getFrames().get(0);
      self.merge(
          top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : stack.getFrames()) {
        String pkg = area(frame.getMethod().getType().getName());
        if (seen.add(pkg)) {
          packages.merge(pkg, 1, Integer::sum);
        }
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%,d execution samples; recording %s", samples, file));
    lines.add("on top of the stack (self):");
    top(self, n, samples).forEach(l -> lines.add("  " + l));
    lines.add("anywhere on the stack (total), by area:");
    top(packages, n, samples).forEach(l -> lines.add("  " + l));
    return lines;
  }

  @Override
  public void close() {
    recording.close();
  }

  /** The first three parts of a class's package (org.apache.parquet, io.qualityloop.jobs, ...). */
  private static String area(String className) {
    String[] parts = className.split("\\.");
    return String.join(".", Arrays.copyOf(parts, Math.min(3, Math.max(1, parts.length - 1))));
  }

  private static List<String> top(Map<String, Integer> counts, int n, int samples) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .map(
            e ->
                String.format(
                    Locale.ROOT,
                    "%5.1f%%  %s",
                    100.0 * e.getValue() / Math.max(1, samples),
                    e.getKey()))
        .toList();
  }
}
