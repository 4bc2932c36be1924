package io.qualityloop.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * The classes a job jar has in common with a cluster's {@code lib/}. Which of two copies a job
 * loads depends on Flink's class loading (parent-first for {@code org.apache.flink.}, child-first
 * for the rest), so a copy in the job jar is at best dead weight and at worst another version of a
 * class the cluster's own code uses: a job jar must have none.
 */
final class ClassClashes {
  private ClassClashes() {}

  /** Per jar of {@code lib}, the classes of {@code jobJar} it holds too (empty: no clash). */
  static Map<String, List<String>> between(Path jobJar, Path lib) {
    Set<String> ours = classes(jobJar);
    Map<String, List<String>> clashes = new TreeMap<>();
    try (Stream<Path> jars = Files.list(lib)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        List<String> both = new ArrayList<>(classes(jar));
        both.retainAll(ours);
        if (!both.isEmpty()) {
          both.sort(null);
          clashes.put(
              jar.getFileName() + " (" + both.size() + " classes)",
              both.subList(0, Math.min(5, both.size())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return clashes;
  }

  /**
   * The classes a class loader finds in {@code jar}: a class under {@code META-INF/versions/<n>/}
   * counts as that class when the jar is a multi-release jar; otherwise the JVM never reads it.
   */
  private static Set<String> classes(Path jar) {
    try (JarFile zip = new JarFile(jar.toFile())) {
      Manifest manifest = zip.getManifest();
      boolean multiRelease =
          manifest != null
              && "true".equalsIgnoreCase(manifest.getMainAttributes().getValue("Multi-Release"));
      return zip.stream()
          .map(ZipEntry::getName)
          .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
          .filter(n -> multiRelease || !n.startsWith(VERSIONS))
          .map(n -> n.startsWith(VERSIONS) ? n.substring(n.indexOf('/', VERSIONS.length()) + 1) : n)
          .collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
  }

  private static final String VERSIONS = "META-INF/versions/";
}
