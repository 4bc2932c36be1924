package io.qualityloop.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The SQL models of the warehouse, read from {@code models/{sources,staging,marts,metrics}/*.sql}:
 * from a directory (editable without recompiling) or from the classpath (as shipped).
 */
public final class ModelCatalog {
  public static final List<String> LAYERS = List.of(Model.SOURCES, "staging", "marts", "metrics");

  /**
   * The folder of the DuckDB macros every model may use (statistics): created before the models.
   */
  public static final String MACROS = "macros";

  private final List<Model> models;
  private final List<Model> macros;

  private ModelCatalog(List<Model> models, List<Model> macros) {
    this.models = List.copyOf(models);
    this.macros = List.copyOf(macros);
  }

  /** Models from a {@code models} directory. */
  public static ModelCatalog fromDirectory(Path modelsDir) {
    if (!Files.isDirectory(modelsDir)) {
      throw new IllegalArgumentException("no models directory at " + modelsDir.toAbsolutePath());
    }
    List<Model> models = new ArrayList<>();
    for (String layer : LAYERS) {
      models.addAll(read(modelsDir, layer));
    }
    return new ModelCatalog(models, read(modelsDir, MACROS));
  }

  private static List<Model> read(Path modelsDir, String layer) {
    Path dir = modelsDir.resolve(layer);
    List<Model> models = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return models;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          files
              .filter(f -> f.getFileName().toString().endsWith(".sql"))
              .sorted(Comparator.comparing(Path::toString))
              .toList()) {
        String name = file.getFileName().toString().replaceFirst("\\.sql$", "");
        models.add(new Model(layer, name, Files.readString(file, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read models in " + dir, e);
    }
    return models;
  }

  /**
   * The macro files ({@code models/macros/*.sql}): SQL run before the models, not models
   * themselves.
   */
  public List<Model> macros() {
    return macros;
  }

  /** The models shipped inside the warehouse jar (or its build output). */
  public static ModelCatalog shipped() {
    URL anchor = ModelCatalog.class.getResource("/models/staging");
    if (anchor == null) {
      throw new IllegalStateException("the warehouse models are missing from the classpath");
    }
    try {
      URI uri = anchor.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
          return fromDirectory(fs.getPath("/models"));
        }
      }
      return fromDirectory(Path.of(uri).getParent());
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list the shipped warehouse models", e);
    }
  }

  public List<Model> models() {
    return models;
  }

  public List<Model> layer(String layer) {
    return models.stream().filter(m -> m.layer().equals(layer)).toList();
  }
}
