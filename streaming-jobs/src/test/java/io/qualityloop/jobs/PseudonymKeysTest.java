package io.qualityloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qualityloop.events.Pseudonymizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pseudonymisation key is never silently replaced (issue 20, item 6), and rotating it is one
 * explicit step.
 */
class PseudonymKeysTest {
  @TempDir Path work;

  @Test
  void
      theKeyFileIsOwnerOnlyAndAMissingKeyWithPseudonymsInTheLakeStopsTheRunUnlessANewKeyIsAskedFor()
          throws Exception {
    byte[] first = PseudonymKeys.key(config(Map.of()));
    Path keyFile = work.resolve("secrets/pseudonym.key");
    assertThat(mode(keyFile)).isEqualTo("rw-------");
    assertThat(mode(keyFile.getParent())).isEqualTo("rwx------");
    assertThat(PseudonymKeys.key(config(Map.of()))).isEqualTo(first);

    Files.createDirectories(work.resolve("lake/complaint_events/dt=2026-08-03"));
    Files.write(work.resolve("lake/complaint_events/dt=2026-08-03/part-0.parquet"), new byte[] {1});
    Files.delete(keyFile);
    assertThatThrownBy(() -> PseudonymKeys.key(config(Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "the pseudonymisation key file " + keyFile + " is missing, but the lake")
        .hasMessageContaining("--new-pseudonym-key");
    assertThat(keyFile).doesNotExist();

    byte[] second =
        PseudonymKeys.key(config(Map.of("QUALITYLOOP_PRIVACY_NEW_PSEUDONYM_KEY", "true")));
    assertThat(second).isNotEqualTo(first);
    assertThat(PseudonymKeys.key(config(Map.of()))).isEqualTo(second);
    assertThat(registeredIds()).containsExactly(PseudonymKeys.id(first), PseudonymKeys.id(second));
  }

  @Test
  void aKeyFromTheEnvironmentOtherThanTheLakesIsRefusedUnlessANewKeyIsAskedFor() throws Exception {
    Map<String, String> a = Map.of("QUALITYLOOP_PRIVACY_PSEUDONYM_KEY", "first-key-0123456789");
    PseudonymKeys.key(config(a));
    assertThatThrownBy(
            () ->
                PseudonymKeys.key(
                    config(Map.of("QUALITYLOOP_PRIVACY_PSEUDONYM_KEY", "other-key-0123456789"))))
        .hasMessageContaining(
            "is not the one the pseudonyms in " + work.resolve("lake") + " were made with");
    PseudonymKeys.key(
        config(
            Map.of(
                "QUALITYLOOP_PRIVACY_PSEUDONYM_KEY",
                "other-key-0123456789",
                "QUALITYLOOP_PRIVACY_NEW_PSEUDONYM_KEY",
                "true")));
    assertThat(registeredIds()).hasSize(2);
    assertThatThrownBy(() -> PseudonymKeys.key(config(a))).hasMessageContaining("is not the one");
  }

  @Test
  void rotationKeepsTheOldKeyBesideTheNewOneAndGivesEveryHouseholdANewPseudonymOnce()
      throws Exception {
    byte[] old = PseudonymKeys.key(config(Map.of()));
    QualityLoopConfig rotate = config(Map.of("QUALITYLOOP_PRIVACY_NEW_PSEUDONYM_KEY", "true"));
    byte[] fresh = PseudonymKeys.key(rotate);
    assertThat(PseudonymKeys.key(rotate))
        .as("asked for again in the same run: no second rotation")
        .isEqualTo(fresh);
    assertThat(PseudonymKeys.key(config(Map.of()))).isEqualTo(fresh);

    List<Path> kept;
    try (Stream<Path> files = Files.list(work.resolve("secrets"))) {
      kept =
          files
              .filter(p -> p.getFileName().toString().matches("pseudonym\\.key\\.\\d{8}T\\d{6}Z"))
              .toList();
    }
    assertThat(kept).hasSize(1);
    assertThat(mode(kept.get(0))).isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(kept.get(0)).trim())).isEqualTo(old);
    assertThat(registeredIds()).containsExactly(PseudonymKeys.id(old), PseudonymKeys.id(fresh));
    String household = "P01|1|2|302";
    assertThat(new Pseudonymizer(fresh).pseudonym("H", household))
        .isNotEqualTo(new Pseudonymizer(old).pseudonym("H", household));
  }

  private QualityLoopConfig config(Map<String, String> environment) {
    return QualityLoopConfig.load(null, environment, work);
  }

  private List<String> registeredIds() throws Exception {
    List<String> lines =
        Files.readAllLines(
            work.resolve("lake").resolve(PseudonymKeys.REGISTRY), StandardCharsets.US_ASCII);
    assertThat(lines.get(0)).isEqualTo("key_id,first_used_at");
    return lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]).toList();
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
