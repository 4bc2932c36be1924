package io.qualityloop.reports.web;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes as stored in the users file: {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * (PBKDF2 with HMAC-SHA256 from the JDK, a random 16-byte salt, 600,000 iterations as OWASP
 * recommends for it). Checking compares in constant time.
 */
public final class PasswordHash {
  static final int ITERATIONS = 600_000;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  public static String hash(char[] password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return PREFIX
        + "$"
        + ITERATIONS
        + "$"
        + b64(salt)
        + "$"
        + b64(derive(password, salt, ITERATIONS));
  }

  public static boolean matches(char[] password, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(password, salt, iterations, 256))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }
}
