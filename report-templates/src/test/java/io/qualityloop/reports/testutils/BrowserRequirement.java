package io.qualityloop.reports.testutils;

import io.qualityloop.reports.HeadlessChromium;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Assertions;

/**
 * Browser tests need Debian's Chromium. On CI (CI=true) its absence is a failure, since .ci/run
 * installs it; on a developer machine without it the test is skipped with the install command.
 */
public final class BrowserRequirement {
  private BrowserRequirement() {}

  public static HeadlessChromium chromium() {
    var chromium = HeadlessChromium.find();
    if (chromium.isEmpty()) {
      String message = "Chromium is not installed: run 'sudo apt-get install chromium' (or scripts/install-test-browser.sh)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      assumeTrue(false, message);
    }
    return chromium.get();
  }
}
