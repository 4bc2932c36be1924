package io.qualityloop.ingestion.importer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Tells a line of a text file saved in another encoding than the file: a GB18030 (GBK) export with
 * a row pasted in from a UTF-8 file reads as characters such as "鍚�", and the row's rejection
 * should say why rather than only quote them.
 */
final class MixedEncoding {
  private MixedEncoding() {}

  /** A hint for the rejection of a line whose {@code cells} were read as {@code charset}. */
  static Optional<String> hint(List<String> cells, Charset charset) {
    String text = String.join("", cells);
    if (text.chars().allMatch(c -> c < 0x80)) {
      return Optional.empty();
    }
    boolean utf8 = isGb18030(charset) && readsAsUtf8(text, charset);
    if (!utf8 && text.indexOf('\uFFFD') < 0) {
      return Optional.empty();
    }
    return Optional.of(
        " (this line's bytes do not read as "
            + charset.name()
            + ", the encoding of the rest of the file"
            + (utf8 ? "; it looks saved as UTF-8" : "")
            + ": save the whole file in one encoding, e.g. Excel's \"CSV UTF-8\", and import it"
            + " again)");
  }

  private static boolean isGb18030(Charset charset) {
    return charset.name().equalsIgnoreCase("GB18030") || charset.name().equalsIgnoreCase("GBK");
  }

  /** Whether the bytes {@code text} was read from are strict UTF-8 with characters past ASCII. */
  private static boolean readsAsUtf8(String text, Charset charset) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(text.getBytes(charset)));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
