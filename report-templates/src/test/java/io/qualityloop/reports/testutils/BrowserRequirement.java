package io.qualityloop.reports.testutils;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qualityloop.reports.HeadlessChromium;
import java.io.File;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Browser tests need Debian's Chromium. On CI (CI=true) its absence is a failure, since .ci/run
 * installs it; on a developer machine without it the test is skipped with the install command.
 */
public final class BrowserRequirement {
  private BrowserRequirement() {}

  public static HeadlessChromium chromium() {
    var chromium = HeadlessChromium.find();
    if (chromium.isEmpty()) {
      String message =
          "Chromium is not installed: run 'sudo apt-get install chromium' (or"
              + " scripts/install-test-browser.sh)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      assumeTrue(false, message);
    }
    return chromium.get();
  }

  /**
   * A Selenium driver of Debian's chromedriver on that Chromium, headless, with the browser console
   * log kept (LogType.BROWSER).
   */
  public static ChromeDriver webDriver(HeadlessChromium chromium, int width, int height) {
    File chromedriver = new File("/usr/bin/chromedriver");
    if (!chromedriver.canExecute()) {
      Assertions.fail("chromedriver is not installed: run scripts/install-test-browser.sh");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.executable().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new ChromeDriver(
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).build(), options);
  }
}
