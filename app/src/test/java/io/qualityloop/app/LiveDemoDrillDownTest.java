package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.jobs.QualityLoopConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --live} is a trial with synthetic data: its drill-down speaks plain HTTP on the
 * loopback address when no keystore is configured, and keeps to HTTPS otherwise.
 */
class LiveDemoDrillDownTest {
  @TempDir Path work;

  private QualityLoopConfig config(Map<String, String> environment) {
    return QualityLoopConfig.load(work.resolve("none.properties"), environment, work);
  }

  private String plainHttp(QualityLoopConfig config, ByteArrayOutputStream out) {
    return DemoCommand.trialDrillDown(config, new PrintStream(out, true, StandardCharsets.UTF_8))
        .get("serve.plain-http");
  }

  @Test
  void onTheLoopbackAddressWithoutAKeystoreTheTrialSpeaksPlainHttpAndSaysSo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThat(plainHttp(config(Map.of()), out)).isEqualTo("true");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("the drill-down speaks plain HTTP on 127.0.0.1 for this trial");
  }

  @Test
  void reachableFromTheNetworkOrWithAKeystoreTheConfigurationStands() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThat(plainHttp(config(Map.of("QUALITYLOOP_SERVE_HOST", "0.0.0.0")), out))
        .isEqualTo("false");
    assertThat(
            plainHttp(
                config(Map.of("QUALITYLOOP_SERVE_TLS_KEYSTORE", "config/drill-down.p12")), out))
        .isEqualTo("false");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
