package io.qualityloop.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, for what a person would do with a report: open it (the DOM after its
 * scripts ran, and everything it wrote to the console), look at it (a screenshot) and print it
 * (PDF). Started with the flags this closed network needs: no background networking, no sync, no
 * component updates.
 */
public final class HeadlessChromium {
  private static final List<String> CANDIDATES =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
  private static final Pattern CONSOLE = Pattern.compile(":CONSOLE(?:\\(\\d+\\)|:\\d+)\\]\\s*(.*)");

  private final Path executable;

  private HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /** The installed Chromium, if any ({@code apt-get install chromium}). */
  public static Optional<HeadlessChromium> find() {
    String override = System.getenv("QUALITYLOOP_CHROMIUM");
    if (override != null && Files.isExecutable(Path.of(override))) {
      return Optional.of(new HeadlessChromium(Path.of(override)));
    }
    return CANDIDATES.stream()
        .map(Path::of)
        .filter(Files::isExecutable)
        .findFirst()
        .map(HeadlessChromium::new);
  }

  /** The browser's executable (for a WebDriver session on the same Chromium). */
  public Path executable() {
    return executable;
  }

  /** What a page became after loading: its DOM and every console message it produced. */
  public record LoadedPage(String dom, List<String> consoleMessages) {}

  public LoadedPage load(Path html) throws IOException, InterruptedException {
    Result r =
        run(
            List.of(
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=10000",
                "--dump-dom",
                html.toUri().toString()));
    List<String> console = new ArrayList<>();
    for (String line : r.stderr.split("\n")) {
      Matcher m = CONSOLE.matcher(line);
      if (m.find()) {
        console.add(m.group(1));
      }
    }
    return new LoadedPage(r.stdout, console);
  }

  public void screenshot(Path html, Path png, int width, int height)
      throws IOException, InterruptedException {
    run(
        List.of(
            "--hide-scrollbars",
            "--window-size=" + width + "," + height,
            "--virtual-time-budget=10000",
            "--screenshot=" + png.toAbsolutePath(),
            html.toUri().toString()));
  }

  /** Prints the page to PDF with the page's own print CSS (A4), no browser headers or footers. */
  public void printToPdf(Path html, Path pdf) throws IOException, InterruptedException {
    run(
        List.of(
            "--no-pdf-header-footer",
            "--virtual-time-budget=10000",
            "--print-to-pdf=" + pdf.toAbsolutePath(),
            html.toUri().toString()));
  }

  private record Result(String stdout, String stderr) {}

  private Result run(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("qualityloop-chromium-");
    Path out = Files.createTempFile("chromium-out", ".txt");
    Path err = Files.createTempFile("chromium-err", ".txt");
    try {
      List<String> command =
          new ArrayList<>(
              List.of(
                  executable.toString(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--disable-extensions",
                  "--user-data-dir=" + profile));
      command.addAll(args);
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("Chromium did not finish within 120 s: " + String.join(" ", command));
      }
      return new Result(
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      try (var files = Files.walk(profile)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
      }
    }
  }
}
