package io.qualityloop.events;

import java.io.Serializable;
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
public final class Pseudonymizer implements Serializable {
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
    return prefix + "_" + HexFormat.of().formatHex(mac(value), 0, 16);
  }

  /**
   * A pseudonymiser for one purpose only, keyed with HMAC-SHA-256(key, "qualityloop derived key: "
   * + purpose): its pseudonyms cannot be compared with this one's or another purpose's, even for
   * the same value (domain separation), and the derived key tells nothing about this key.
   */
  public Pseudonymizer derived(String purpose) {
    return new Pseudonymizer(mac("qualityloop derived key: " + purpose));
  }

  private byte[] mac(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
