package io.qualityloop.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code qualityloop --version}: the version Maven filtered into {@code
 * qualityloop-version.properties}.
 */
final class BuildVersion implements IVersionProvider {
  /** The project version of this build, e.g. {@code 0.1.0-SNAPSHOT}. */
  static String version() {
    Properties p = new Properties();
    try (InputStream in =
        BuildVersion.class.getResourceAsStream("/qualityloop-version.properties")) {
      if (in == null) {
        throw new IllegalStateException("qualityloop-version.properties is missing from the build");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "QualityLoop " + version(), "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}"
    };
  }
}
