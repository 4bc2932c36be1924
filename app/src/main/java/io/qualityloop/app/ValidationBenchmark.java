package io.qualityloop.app;

import io.qualityloop.events.EventCodec;
import io.qualityloop.events.EventStream;
import io.qualityloop.events.QualityEvent;
import io.qualityloop.events.WorkingCalendar;
import io.qualityloop.events.privacy.PayloadRedactor;
import io.qualityloop.events.validation.EventValidator;
import io.qualityloop.events.validation.Validation;
import io.qualityloop.ingestion.generator.GeneratedData;
import io.qualityloop.ingestion.generator.SyntheticDataGenerator;
import io.qualityloop.jobs.PseudonymKeys;
import io.qualityloop.jobs.QualityLoopConfig;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qualityloop bench validation}: the door's per-record cost on one core. Baseline: decoding
 * the same JSON into the event records (what any consumer must do). Then the full validation (JSON
 * Schema, business rules, text scrubbing) and the redaction a quarantined record gets.
 */
@Command(
    name = "validation",
    mixinStandardHelpOptions = true,
    description = "Throughput of validation at the lake's door, against plain JSON decoding.")
final class ValidationBenchmark implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--rounds",
      defaultValue = "5",
      description =
          "Timed passes over the generated events; the best counts. Default: ${DEFAULT-VALUE}.")
  private int rounds;

  @Override
  public Integer call() throws Exception {
    QualityLoopCommand root = (QualityLoopCommand) spec.root().userObject();
    QualityLoopConfig config = root.config();
    var out = root.out();
    GeneratedData data =
        new SyntheticDataGenerator(GeneratorSettings.of(config), WorkingCalendar.shipped())
            .generate();
    Map<EventStream, List<byte[]>> payloads = new EnumMap<>(EventStream.class);
    payloads.put(
        EventStream.SERVICE_INTERACTIONS,
        encode(EventStream.SERVICE_INTERACTIONS, data.interactions()));
    payloads.put(
        EventStream.COMPLAINT_EVENTS, encode(EventStream.COMPLAINT_EVENTS, data.complaintEvents()));
    payloads.put(
        EventStream.CALLBACK_SURVEYS, encode(EventStream.CALLBACK_SURVEYS, data.surveys()));
    long records = payloads.values().stream().mapToLong(List::size).sum();
    long bytes = payloads.values().stream().flatMap(List::stream).mapToLong(b -> b.length).sum();
    Instant now = Instant.now();
    Map<EventStream, EventValidator> validators = new EnumMap<>(EventStream.class);
    var rules =
        config
            .validationRules()
            .withReference(
                data.projects().stream().map(p -> p.projectId()).collect(Collectors.toSet()),
                data.staff().stream().map(p -> p.staffId()).collect(Collectors.toSet()));
    payloads.keySet().forEach(s -> validators.put(s, new EventValidator(s, rules)));
    PayloadRedactor redactor =
        new PayloadRedactor(
            PseudonymKeys.pseudonymizer(config), config.quarantinePayloadMaxChars());

    out.printf(
        "%,d generated records (%,.1f MiB of JSON), %d rounds, best round counts, one thread%n",
        records, bytes / 1048576.0, rounds);
    long[] sink = {0};
    BenchCommand.ThrowingRunnable decodeAll =
        () ->
            payloads.forEach(
                (stream, list) -> {
                  EventCodec<QualityEvent> codec = EventCodec.forStream(stream);
                  for (byte[] p : list) {
                    try {
                      sink[0] += codec.decode(p).eventId().length();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }
                });
    BenchCommand.ThrowingRunnable validateAll =
        () ->
            payloads.forEach(
                (stream, list) -> {
                  EventValidator validator = validators.get(stream);
                  for (byte[] p : list) {
                    if (validator.validate(p, now, "bench") instanceof Validation.Valid v) {
                      sink[0] += v.flags().size();
                    } else {
                      throw new IllegalStateException("a generated record failed validation");
                    }
                  }
                });
    BenchCommand.ThrowingRunnable redactAll =
        () ->
            payloads
                .values()
                .forEach(
                    list -> {
                      for (byte[] p : list) {
                        sink[0] += redactor.redact(p).length();
                      }
                    });
    // Rounds interleave the three steps, so that each is timed in the same state of JIT and heap.
    double decode = Double.MAX_VALUE;
    double validate = Double.MAX_VALUE;
    double redact = Double.MAX_VALUE;
    for (int i = 0; i < rounds; i++) {
      decode = Math.min(decode, BenchCommand.bestSeconds(1, decodeAll));
      validate = Math.min(validate, BenchCommand.bestSeconds(1, validateAll));
      redact = Math.min(redact, BenchCommand.bestSeconds(1, redactAll));
    }
    out.printf("%-44s %14s %10s%n", "step", "records/s", "ratio");
    row(out, "baseline: JSON decode into records", records / decode, 1.0);
    row(out, "validation (schema, rules, scrubbing)", records / validate, decode / validate);
    row(out, "redaction of a quarantined record", records / redact, decode / redact);
    out.println("(checksum " + sink[0] + ")");
    return 0;
  }

  private static void row(PrintStream out, String step, double perSecond, double ratio) {
    out.printf("%-44s %,14.0f %10.2f%n", step, perSecond, ratio);
  }

  private static <T extends QualityEvent> List<byte[]> encode(EventStream stream, List<T> events) {
    EventCodec<QualityEvent> codec = EventCodec.forStream(stream);
    List<byte[]> out = new ArrayList<>(events.size());
    events.forEach(e -> out.add(codec.encode(e)));
    return out;
  }
}
