package io.qualityloop.jobs.lake.functions;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * What a lake row says, as 64 bits: the first eight bytes of a SHA-256 over every column's name and
 * value, in the schema's order, but the Kafka position ({@code src_partition}, {@code src_offset})
 * and the landing time ({@code landed_at}), which differ between two copies of the same record, and
 * the contract's {@code schema_version}, which a file imported again after an upgrade may change
 * without saying anything else. Two copies of an event with equal digests say the same thing;
 * pseudonyms are part of it, so a copy sent after the pseudonym key was rotated differs.
 */
final class ContentDigest {
  private static final Set<String> NOT_CONTENT =
      Set.of("src_partition", "src_offset", "landed_at", "schema_version");

  private ContentDigest() {}

  static long of(GenericRecord row) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
    for (Schema.Field field : row.getSchema().getFields()) {
      if (NOT_CONTENT.contains(field.name())) {
        continue;
      }
      Object value = row.get(field.pos());
      sha.update(field.name().getBytes(StandardCharsets.UTF_8));
      // A null and the text "null" must differ: a marker byte before each value says which.
      sha.update(value == null ? (byte) 0 : (byte) 1);
      if (value != null) {
        sha.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
      }
      sha.update((byte) 0x1f);
    }
    return ByteBuffer.wrap(sha.digest()).getLong();
  }
}
