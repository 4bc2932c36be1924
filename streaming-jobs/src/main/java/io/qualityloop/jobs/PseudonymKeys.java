package io.qualityloop.jobs;

import io.qualityloop.events.Pseudonymizer;
import io.qualityloop.events.privacy.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudonymisation key: from the configuration or the environment ({@code
 * QUALITYLOOP_PRIVACY_PSEUDONYM_KEY}), else from the key file, created with 32 random bytes and
 * owner-only permissions (0600 in a 0700 folder) from the start. Never from the repository.
 *
 * <p>A lost key must not pass unnoticed: every household would silently get a new pseudonym and
 * history would no longer link. So a local lake records the id of each key its pseudonyms were made
 * with ({@value #REGISTRY}: key id, first use; the id is an HMAC of a fixed text, which tells
 * nothing about the key). When the key file is missing while the lake already holds data, or the
 * key's id is not the lake's current one, the command stops with a one-line error, unless a new key
 * is asked for explicitly ({@code --new-pseudonym-key}, {@code privacy.new-pseudonym-key=true}).
 * Asked for with an existing key file, that is the rotation: the old file is kept beside it as
 * {@code <file>.<UTC time>} (0600) and a new key is made.
 */
public final class PseudonymKeys {
  /** The lake's record of its keys, in the lake's root folder. */
  public static final String REGISTRY = "_pseudonym_keys.csv";

  /**
   * Key files already rotated by this process: one rotation per run, however often the key is asked
   * for.
   */
  private static final Set<Path> ROTATED = ConcurrentHashMap.newKeySet();

  private PseudonymKeys() {}

  public static Pseudonymizer pseudonymizer(QualityLoopConfig config) {
    return new Pseudonymizer(key(config));
  }

  public static byte[] key(QualityLoopConfig config) {
    boolean newKey = Boolean.parseBoolean(config.get("privacy.new-pseudonym-key"));
    Path lake =
        config.lakeLocation().equals(config.lakeRoot().toString())
            ? config.lakeRoot()
            : null; // a remote lake: no record
    byte[] key;
    String configured = config.pseudonymKey();
    if (configured != null) {
      key = configured.getBytes(StandardCharsets.UTF_8);
      if (key.length < 16) {
        throw new IllegalArgumentException(
            "privacy.pseudonym-key (QUALITYLOOP_PRIVACY_PSEUDONYM_KEY) must have at least 16"
                + " characters");
      }
    } else {
      key = fromFile(config.pseudonymKeyFile(), lake, newKey);
    }
    if (lake != null) {
      checkAgainstLake(key, lake, newKey);
    }
    return key;
  }

  private static byte[] fromFile(Path file, Path lake, boolean newKey) {
    try {
      if (Files.exists(file) && newKey && ROTATED.add(file)) {
        Path kept =
            file.resolveSibling(
                file.getFileName()
                    + "."
                    + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now()));
        Files.move(file, kept, StandardCopyOption.ATOMIC_MOVE);
        OwnerOnly.restrict(kept);
      }
      if (!Files.exists(file)) {
        if (!newKey && lake != null && holdsData(lake)) {
          throw new IllegalStateException(
              "the pseudonymisation key file "
                  + file
                  + " is missing, but the lake "
                  + lake
                  + " already holds pseudonyms made with a key: restore the key file from your"
                  + " backup, or start new pseudonyms that will not link to the old ones with"
                  + " --new-pseudonym-key (README: rotating the key)");
        }
        if (newKey) {
          ROTATED.add(file); // the new key of this run: later calls in the run use it
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        OwnerOnly.ensureFile(file); // 0600 before the key is in it
        Files.writeString(
            file,
            Base64.getEncoder().encodeToString(random) + "\n",
            StandardCharsets.US_ASCII,
            StandardOpenOption.TRUNCATE_EXISTING);
      }
      byte[] key =
          Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
      if (key.length < 16) {
        throw new IllegalArgumentException(
            "the pseudonymisation key in " + file + " has fewer than 16 bytes");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read or create the pseudonymisation key file " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the pseudonymisation key file " + file + " is not a Base64 key of at least 16 bytes", e);
    }
  }

  /**
   * The key must be the lake's current one; a new one is recorded when asked for (or when the lake
   * has no record yet).
   */
  private static synchronized void checkAgainstLake(byte[] key, Path lake, boolean newKey) {
    String id = id(key);
    Path registry = lake.resolve(REGISTRY);
    try {
      List<String> lines =
          Files.exists(registry)
              ? Files.readAllLines(registry, StandardCharsets.US_ASCII)
              : List.of();
      String current = lines.size() > 1 ? lines.get(lines.size() - 1).split(",")[0] : null;
      if (id.equals(current)) {
        return;
      }
      if (current != null && !newKey) {
        throw new IllegalStateException(
            "the pseudonymisation key (id "
                + id
                + ") is not the one the pseudonyms in "
                + lake
                + " were made with (id "
                + current
                + "): use that key, or start new pseudonyms that will not link to the old ones with"
                + " --new-pseudonym-key (README: rotating the key)");
      }
      OwnerOnly.createDirectories(lake);
      if (lines.isEmpty()) {
        OwnerOnly.ensureFile(registry);
        Files.writeString(
            registry,
            "key_id,first_used_at\n",
            StandardCharsets.US_ASCII,
            StandardOpenOption.APPEND);
      }
      Files.writeString(
          registry,
          id + "," + Instant.now() + "\n",
          StandardCharsets.US_ASCII,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + registry, e);
    }
  }

  /** A short public id of a key: HMAC-SHA-256(key, fixed text), first 8 bytes in hex. */
  static String id(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(
              mac.doFinal("qualityloop pseudonym key id".getBytes(StandardCharsets.US_ASCII)),
              0,
              8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether the lake holds any Parquet file (every table with households is Parquet). */
  private static boolean holdsData(Path lake) throws IOException {
    if (!Files.isDirectory(lake)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(lake)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
    }
  }
}
