package io.qualityloop.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a personal value (phone, name, ID-card number, address, household key) into a stable keyed
 * pseudonym: HMAC-SHA-256 with a secret key kept outside the data, so the same household always
 * gets the same pseudonym and nobody without the key can reverse it by brute force.
 */
public final class Pseudonymizer implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final SecretKeySpec key;

  public Pseudonymizer(byte[] secretKey) {
    if (secretKey == null || secretKey.length < 16) {
      throw new IllegalArgumentException("the pseudonymisation key must have at least 16 bytes");
    }
    this.key = new SecretKeySpec(secretKey.clone(), "HmacSHA256");
  }

  /** {@code prefix + "_" + first 16 bytes of HMAC-SHA-256(value)} in lowercase hex. */
  public String pseudonym(String prefix, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return prefix + "_" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
