package io.qualityloop.jobs.lake.functions;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * What a lake row says, as 64 bits: the first eight bytes of a SHA-256 over the name and value of
 * every column that has a value (a decimal by its bytes), in the schema's order, but the Kafka
 * position ({@code src_partition}, {@code src_offset}) and the landing time ({@code landed_at}),
 * which differ between two copies of the same record, and the contract's {@code schema_version},
 * which a file imported again after an upgrade may change without saying anything else. Two copies
 * of an event with equal digests say the same thing; pseudonyms are part of it, so a copy sent
 * after the pseudonym key was rotated differs.
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
      Object value = row.get(field.pos());
      // An empty column says nothing: a column added to the table since the first copy landed
      // leaves the digest of a copy that does not fill it as it was.
      if (value == null || NOT_CONTENT.contains(field.name())) {
        continue;
      }
      sha.update(field.name().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0x1e);
      if (value instanceof ByteBuffer bytes) {
        sha.update(bytes.duplicate()); // a decimal (the repair cost): its bytes, not the buffer
      } else {
        sha.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
      }
      sha.update((byte) 0x1f);
    }
    return ByteBuffer.wrap(sha.digest()).getLong();
  }
}
