package io.qualityloop.warehouse;

import io.qualityloop.events.privacy.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The persistent warehouse: every model built into one DuckDB file ({@code out/warehouse.duckdb} by
 * default), with the fingerprint of the inputs it was built from stored inside it (table {@value
 * Warehouse#BUILD_TABLE}). {@link #open()} reads the file when it is current and rebuilds it first
 * when it is not.
 *
 * <p><b>The fingerprint</b> is a SHA-256 over: the lake root; for every lake table the models read,
 * the files {@link LakeFiles} lists (path, size, modification time), so a committed file, a
 * compaction or a removed file changes it while the lake job's in-progress dot-files do not; every
 * file under {@code reference/} (name and content); every model's SQL; the scope; and the build
 * code ({@link #FORMAT} and the size and time of the jar holding this class).
 *
 * <p><b>A rebuild</b> is a full build (measured fast enough on the demo lake; see the README) into
 * {@code <file>.building} beside the file, which is closed (DuckDB checkpoints it, no WAL left) and
 * then moved over the file with {@code ATOMIC_MOVE}: a reader sees the old file or the new one,
 * never half a build. Readers attach the file read-only; one that has the old file open keeps
 * reading it (Linux keeps a replaced file's inode until its last reader closes it).
 *
 * <p><b>Concurrency</b>: a build holds {@code <file>.lock} (a {@link FileChannel#lock() file lock},
 * across processes, plus a lock per file within this process, since Java file locks are per
 * process). Whoever waits for it checks the fingerprint again once it holds the lock, and finds the
 * file the other built: two commands starting at once build once.
 *
 * <p>A file per scope: the company's at {@code warehouse.duckdb}, a scope's beside it as {@code
 * warehouse-<scope>.duckdb} ({@link #forScope}). {@code --as-of} warehouses are not files: they are
 * built in memory at each call, as before.
 */
public final class WarehouseFile {
  /** Bump when the build itself changes meaning (what it writes into the file). */
  static final String FORMAT = "warehouse-file/1";

  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lakeRoot;
  private final ModelCatalog catalog;
  private final ProjectScope scope;
  private final AtomicInteger builds = new AtomicInteger();
  private volatile double lastBuildSeconds;

  public WarehouseFile(Path file, Path lakeRoot, ModelCatalog catalog, ProjectScope scope) {
    this.file = file.toAbsolutePath().normalize();
    this.lakeRoot = lakeRoot.toAbsolutePath().normalize();
    this.catalog = catalog;
    this.scope = scope;
  }

  /** The company's file, or for a scope {@code <name>-<scope>.duckdb} beside it. */
  public static Path forScope(Path companyFile, ProjectScope scope) {
    if (scope.isAll()) {
      return companyFile;
    }
    String name = scope.region() != null ? scope.region() : String.join("_", scope.projectIds());
    String base = companyFile.getFileName().toString().replaceFirst("\\.duckdb$", "");
    return companyFile.resolveSibling(
        base + "-" + name.replaceAll("[^\\p{L}\\p{N}_-]", "_") + ".duckdb");
  }

  public Path file() {
    return file;
  }

  /** Builds this instance has made (a test's measure of "rebuilt or not"). */
  public int builds() {
    return builds.get();
  }

  /** Seconds the last build of this instance took, 0 if it made none. */
  public double lastBuildSeconds() {
    return lastBuildSeconds;
  }

  /** Whether the file exists and was built from the inputs as they are now. */
  public boolean isCurrent() {
    return inputsFingerprint().equals(builtFingerprint());
  }

  /** The warehouse read from the file, rebuilt first if it is missing or stale; read-only. */
  public Warehouse open() {
    return open(Warehouse.BuildProgress.NONE);
  }

  /** As {@link #open()}, telling {@code progress} after each model when it rebuilds. */
  public Warehouse open(Warehouse.BuildProgress progress) {
    refresh(progress);
    return Warehouse.open(file, catalog);
  }

  /**
   * Rebuilds the file if it is missing or stale.
   *
   * @return whether this call built it
   */
  public boolean refresh() {
    return refresh(Warehouse.BuildProgress.NONE);
  }

  /** As {@link #refresh()}, telling {@code progress} after each model when it builds. */
  public boolean refresh(Warehouse.BuildProgress progress) {
    if (inputsFingerprint().equals(builtFingerprint())) {
      return false;
    }
    ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
    inProcess.lock();
    try {
      OwnerOnly.createDirectories(file.getParent());
      try (FileChannel channel =
              FileChannel.open(
                  Path.of(file + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        // Whoever held the lock may have built it meanwhile; the lake may have moved on as well.
        String inputs = inputsFingerprint();
        if (inputs.equals(builtFingerprint())) {
          return false;
        }
        build(inputs, progress);
        return true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the warehouse file " + file, e);
    } finally {
      inProcess.unlock();
    }
  }

  /**
   * Refreshes the file and switches {@code open} (a warehouse {@linkplain #open() opened} from it)
   * to the new one when the file changed, also when another process rebuilt it. For a long-running
   * reader ({@code serve}, later the service) on a timer.
   *
   * @return whether {@code open} now reads a newer file
   */
  public boolean refresh(Warehouse open) {
    refresh();
    String built = builtFingerprint();
    return built != null && !built.equals(open.fingerprint()) && open.reload();
  }

  private void build(String inputs, Warehouse.BuildProgress progress) throws IOException {
    Path building = Path.of(file + ".building");
    Files.deleteIfExists(building);
    Files.deleteIfExists(Path.of(building + ".wal"));
    long start = System.nanoTime();
    try (Warehouse warehouse =
        Warehouse.build(lakeRoot, building, catalog, AsOf.NOW, scope, progress)) {
      warehouse.recordBuild(inputs, summary(), (System.nanoTime() - start) / 1e9);
    } catch (RuntimeException e) {
      Files.deleteIfExists(building);
      Files.deleteIfExists(Path.of(building + ".wal"));
      throw e;
    }
    // Closed: checkpointed into the file, no WAL left. A WAL beside the target would be replayed
    // into the new file.
    Files.deleteIfExists(Path.of(building + ".wal"));
    Files.deleteIfExists(Path.of(file + ".wal"));
    OwnerOnly.restrict(
        building); // complaint-level data: owner-only like everything the product writes
    Files.move(building, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    lastBuildSeconds = (System.nanoTime() - start) / 1e9;
    builds.incrementAndGet();
  }

  /**
   * The fingerprint stored in the file, or {@code null} when there is no file or it has no readable
   * record.
   */
  public String builtFingerprint() {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    // Attached to an in-memory DuckDB: opening the path as a database could return an instance this
    // process already has open on the file it replaced (see Warehouse#open).
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("attach '" + file.toString().replace("'", "''") + "' as built (read_only)");
      try (ResultSet rs =
          s.executeQuery("select fingerprint from built." + Warehouse.BUILD_TABLE)) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      return null; // not a warehouse file of this version, or damaged: rebuild it
    }
  }

  /** The fingerprint of the inputs as they are now (see the class comment). */
  public String inputsFingerprint() {
    MessageDigest digest = sha256();
    add(digest, FORMAT);
    add(digest, buildCode());
    add(digest, "lake " + lakeRoot);
    add(digest, "scope " + scope);
    for (Model model :
        Stream.concat(catalog.macros().stream(), catalog.models().stream()).toList()) {
      add(digest, "model " + model.layer() + "/" + model.name());
      add(digest, model.sql());
    }
    for (Model source : catalog.layer(Model.SOURCES)) {
      add(digest, "table " + source.name());
      for (Path f : LakeFiles.of(lakeRoot.resolve(source.name()))) {
        add(digest, lakeRoot.relativize(f) + " " + sizeAndTime(f));
      }
    }
    Path reference = lakeRoot.resolve("reference");
    if (Files.isDirectory(reference)) {
      try (Stream<Path> files = Files.walk(reference)) {
        // The kept versions (ReferenceHistory) change only with the current files, which count
        // already.
        Path history = reference.resolve(ReferenceHistory.HISTORY_DIR);
        for (Path f :
            files
                .filter(Files::isRegularFile)
                .filter(f -> !f.startsWith(history))
                .sorted()
                .toList()) {
          add(digest, "reference " + reference.relativize(f));
          digest.update(Files.readAllBytes(f));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the reference files in " + reference, e);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private String summary() {
    int lakeFiles =
        catalog.layer(Model.SOURCES).stream()
            .mapToInt(s -> LakeFiles.of(lakeRoot.resolve(s.name())).size())
            .sum();
    return lakeFiles + " lake files, " + catalog.models().size() + " models, scope " + scope;
  }

  private static String sizeAndTime(Path f) {
    try {
      BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
      return a.size() + " " + a.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return "gone"; // compacted away while listed: the fingerprint differs, so the next check
      // rebuilds
    }
  }

  /**
   * The jar (size, time) this class was loaded from: a new build of QualityLoop rebuilds the file.
   */
  private static String buildCode() {
    try {
      Path code =
          Path.of(WarehouseFile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(code)
          ? "code " + code.getFileName() + " " + sizeAndTime(code)
          : "code (classes)";
    } catch (URISyntaxException | RuntimeException e) {
      return "code (unknown)";
    }
  }

  private static void add(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return file + " (" + scope + ")";
  }
}
