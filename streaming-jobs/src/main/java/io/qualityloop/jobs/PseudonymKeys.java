package io.qualityloop.jobs;

import io.qualityloop.events.Pseudonymizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The pseudonymisation key: from the configuration or the environment
 * ({@code QUALITYLOOP_PRIVACY_PSEUDONYM_KEY}), else from the key file, which is created with 32
 * random bytes (owner-readable only) when missing. Never from the repository.
 */
public final class PseudonymKeys {
  private PseudonymKeys() {}

  public static Pseudonymizer pseudonymizer(QualityLoopConfig config) {
    return new Pseudonymizer(key(config));
  }

  public static byte[] key(QualityLoopConfig config) {
    String configured = config.pseudonymKey();
    if (configured != null) {
      byte[] key = configured.getBytes(StandardCharsets.UTF_8);
      if (key.length < 16) {
        throw new IllegalArgumentException("privacy.pseudonym-key (QUALITYLOOP_PRIVACY_PSEUDONYM_KEY) must have at least 16 characters");
      }
      return key;
    }
    Path file = config.pseudonymKeyFile();
    try {
      if (!Files.exists(file)) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(random) + "\n", StandardCharsets.US_ASCII);
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // e.g. Windows: the directory's permissions apply
        }
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
      if (key.length < 16) {
        throw new IllegalArgumentException("the pseudonymisation key in " + file + " has fewer than 16 bytes");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the pseudonymisation key file " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the pseudonymisation key file " + file + " is not a Base64 key of at least 16 bytes", e);
    }
  }
}
