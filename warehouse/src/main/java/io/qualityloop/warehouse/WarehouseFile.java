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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

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
 * <p><b>A refresh in place</b>: when the lake has only gained files since the build (every file the
 * file was built from, listed in its table {@value #LAKE_FILES_TABLE}, is still there with the same
 * size and time) and nothing else changed, a copy of the file is brought up to date ({@link
 * Warehouse#refresh}: the new files' rows appended to the staging models, what reads them computed
 * again) instead of building it whole. A refresh that fails a model test falls back to a full
 * build, which reports the failure if the data causes it.
 *
 * <p><b>A rebuild</b> is a full build into {@code <file>.building} beside the file (a refresh
 * writes its copy there too), which is closed (DuckDB checkpoints it, no WAL left) and then moved
 * over the file with {@code ATOMIC_MOVE}: a reader sees the old file or the new one, never half a
 * build. Readers attach the file read-only; one that has the old file open keeps reading it (Linux
 * keeps a replaced file's inode until its last reader closes it).
 *
 * <p><b>Concurrency</b>: a build holds {@code <file>.lock} (a {@link FileChannel#lock() file lock},
 * across processes, plus a lock per file within this process, since Java file locks are per
 * process). Whoever waits for it checks the fingerprint again once it holds the lock, and finds the
 * file the other built: two commands starting at once build once.
 *
 * <p><b>A held writer</b> ({@link #holdingItsWriter()}, for a long-running process: the service's
 * drill-down): the copy a refresh brings up to date stays open in this process between refreshes,
 * as {@code <file>.writer-<pid>}, and each refresh after the first is made in it and then copied
 * over the file (copied, then moved with {@code ATOMIC_MOVE}). DuckDB's buffers then still hold the
 * tables the last refresh read: a copy opened anew reads every table a refresh touches from the
 * file again (a refresh at 10 million rows spent 30-40 % of its models' time on that,
 * bench/results/warehouse-file.md). The writer is dropped, and the next refresh copies the file
 * again, when the file is no longer what it published (another process built it), when a refresh
 * fails, and when the file is built whole. {@link #close()} closes it and deletes its file; a
 * writer file of a process that ended without closing it is deleted by the next writer.
 *
 * <p>A file per scope: the company's at {@code warehouse.duckdb}, a scope's beside it as {@code
 * warehouse-<scope>.duckdb} ({@link #forScope}). {@code --as-of} warehouses are not files: they are
 * built in memory at each call, as before.
 */
public final class WarehouseFile implements AutoCloseable {
  /** Bump when the build itself changes meaning (what it writes into the file). */
  static final String FORMAT = "warehouse-file/2";

  /** The lake files a built file was built from: what a later refresh compares. */
  static final String LAKE_FILES_TABLE = "warehouse_lake_files";

  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lakeRoot;
  private final ModelCatalog catalog;
  private final ProjectScope scope;
  private final boolean holdsWriter;

  /**
   * The held writer ({@link #holdingItsWriter()}), its file, and the inputs it was refreshed to.
   */
  private Warehouse writer;

  private Path writerFile;
  private String writerFingerprint;
  private final AtomicInteger builds = new AtomicInteger();
  private final AtomicInteger refreshes = new AtomicInteger();
  private volatile double lastBuildSeconds;
  private volatile Map<String, Double> lastRefreshPhases = Map.of();

  public WarehouseFile(Path file, Path lakeRoot, ModelCatalog catalog, ProjectScope scope) {
    this(file, lakeRoot, catalog, scope, false);
  }

  private WarehouseFile(
      Path file, Path lakeRoot, ModelCatalog catalog, ProjectScope scope, boolean holdsWriter) {
    this.file = file.toAbsolutePath().normalize();
    this.lakeRoot = lakeRoot.toAbsolutePath().normalize();
    this.catalog = catalog;
    this.scope = scope;
    this.holdsWriter = holdsWriter;
  }

  /**
   * The same file, refreshed by a writer this instance keeps open between refreshes (see the class
   * comment): for a process that refreshes the file again and again. Close it when done.
   */
  public WarehouseFile holdingItsWriter() {
    return new WarehouseFile(file, lakeRoot, catalog, scope, true);
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

  /**
   * Of {@link #builds()}, those that refreshed the file in place (the lake had only gained files)
   * rather than building it whole.
   */
  public int refreshes() {
    return refreshes.get();
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
    // The lake is listed for the inputs' fingerprint while DuckDB loads and attaches the file: a
    // short command on a current file pays for the longer of the two only.
    CompletableFuture<String> inputs = CompletableFuture.supplyAsync(this::inputsFingerprint);
    Warehouse current = openIfCurrent(inputs);
    if (current != null) {
      return current;
    }
    refresh(progress);
    return Warehouse.open(file, catalog);
  }

  /** The warehouse read from the file when it was built from {@code inputs}, else null. */
  private Warehouse openIfCurrent(CompletableFuture<String> inputs) {
    Warehouse opened = null;
    try {
      if (Files.isRegularFile(file)) {
        opened = Warehouse.open(file, catalog);
      }
    } catch (WarehouseBuildException e) {
      // not a warehouse file of this version, or damaged: rebuilt below
    }
    String now;
    try {
      now = inputs.join();
    } catch (CompletionException e) {
      if (opened != null) {
        opened.close();
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    if (opened != null && !now.equals(opened.fingerprint())) {
      opened.close();
      return null;
    }
    return opened;
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
        deleteLeftovers();
        // Whoever held the lock may have built it meanwhile; the lake may have moved on as well.
        Map<String, List<LakeFile>> files = lakeFiles();
        String inputs = inputsFingerprint(files);
        if (inputs.equals(builtFingerprint())) {
          return false;
        }
        Optional<Map<String, List<Path>>> added = addedSinceBuilt(files);
        String how = "built whole";
        if (added.isPresent()) {
          try {
            if (holdsWriter) {
              refreshWithHeldWriter(inputs, files, added.get(), progress);
            } else {
              refreshInPlace(inputs, files, added.get(), progress);
            }
            return true;
          } catch (RuntimeException e) {
            // The data may break a model test: a full build says so for all of it, or, if the
            // refresh itself went wrong, gets it right. The build record keeps why.
            how = "built whole: the refresh in place failed: " + e.getMessage();
          }
        }
        releaseWriter(); // built whole: what it holds is out of date
        build(inputs, files, progress, how);
        return true;
      }
    } catch (IOException e) {
      releaseWriter();
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

  private void build(
      String inputs,
      Map<String, List<LakeFile>> files,
      Warehouse.BuildProgress progress,
      String how)
      throws IOException {
    Path building = Path.of(file + ".building");
    Files.deleteIfExists(building);
    Files.deleteIfExists(Path.of(building + ".wal"));
    long start = System.nanoTime();
    try (Warehouse warehouse =
        Warehouse.build(lakeRoot, building, catalog, AsOf.NOW, scope, progress)) {
      record(warehouse, inputs, files, start, how);
    } catch (RuntimeException e) {
      Files.deleteIfExists(building);
      Files.deleteIfExists(Path.of(building + ".wal"));
      throw e;
    }
    replaceWith(building, start);
  }

  /**
   * A refresh: a copy of the file brought up to date with the lake files {@code added} ({@link
   * Warehouse#refresh}), then moved over the file as a build is.
   */
  private void refreshInPlace(
      String inputs,
      Map<String, List<LakeFile>> files,
      Map<String, List<Path>> added,
      Warehouse.BuildProgress progress)
      throws IOException {
    Path building = Path.of(file + ".building");
    Files.deleteIfExists(building);
    Files.deleteIfExists(Path.of(building + ".wal"));
    long start = System.nanoTime();
    Map<String, Double> phases = new LinkedHashMap<>();
    long[] lap = {start};
    Files.copy(file, building);
    // The copy sits in the page cache (600 MB at 10 million rows): written to disk while the models
    // are computed, it no longer holds up the fsync of the checkpoint (0.2-0.7 s measured).
    CompletableFuture<Void> copyOnDisk =
        CompletableFuture.runAsync(() -> force(building), WarehouseFile::onItsOwnThread);
    lap(phases, "copy of the file", lap);
    try (Warehouse warehouse =
        Warehouse.refresh(lakeRoot, building, catalog, scope, added, progress)) {
      lap(phases, "models", lap);
      // Warehouse.refresh ran the model tests too: apart, so that the phases add up.
      phases.put("models", phases.get("models") - warehouse.testSeconds());
      warehouse.buildSeconds().forEach((model, seconds) -> phases.put("  " + model, seconds));
      phases.put("model tests", warehouse.testSeconds());
      record(
          warehouse,
          inputs,
          files,
          start,
          "refreshed in place: "
              + added.values().stream().mapToInt(List::size).sum()
              + " new lake files");
      lap(phases, "build record", lap);
      copyOnDisk.join();
      warehouse.commitRefresh();
      lap(phases, "commit and checkpoint", lap);
    } catch (RuntimeException e) {
      Files.deleteIfExists(building);
      Files.deleteIfExists(Path.of(building + ".wal"));
      throw e;
    }
    lap(phases, "closing the file", lap);
    replaceWith(building, start);
    lap(phases, "move into place", lap);
    lastRefreshPhases = Collections.unmodifiableMap(phases);
    refreshes.incrementAndGet();
  }

  /**
   * A refresh made in the held writer ({@link #holdingItsWriter()}), opened first on a copy of the
   * file when there is none or the file is no longer what it published, then copied over the file.
   */
  private void refreshWithHeldWriter(
      String inputs,
      Map<String, List<LakeFile>> files,
      Map<String, List<Path>> added,
      Warehouse.BuildProgress progress)
      throws IOException {
    long start = System.nanoTime();
    Map<String, Double> phases = new LinkedHashMap<>();
    long[] lap = {start};
    boolean opening = writer == null || !writerFingerprint.equals(builtFingerprint());
    CompletableFuture<Void> copyOnDisk = CompletableFuture.completedFuture(null);
    if (opening) {
      releaseWriter();
      writerFile = Path.of(file + ".writer-" + ProcessHandle.current().pid());
      Files.deleteIfExists(Path.of(writerFile + ".wal"));
      Files.copy(file, writerFile, StandardCopyOption.REPLACE_EXISTING);
      OwnerOnly.restrict(writerFile);
      Path copied = writerFile;
      copyOnDisk = CompletableFuture.runAsync(() -> force(copied), WarehouseFile::onItsOwnThread);
      lap(phases, "copy of the file (the writer opened)", lap);
    }
    try {
      if (opening) {
        writer = Warehouse.refresh(lakeRoot, writerFile, catalog, scope, added, progress);
      } else {
        writer.refreshAgain(catalog, added, progress);
      }
      lap(phases, "models", lap);
      phases.put("models", phases.get("models") - writer.testSeconds());
      writer.buildSeconds().forEach((model, seconds) -> phases.put("  " + model, seconds));
      phases.put("model tests", writer.testSeconds());
      record(
          writer,
          inputs,
          files,
          start,
          "refreshed by the held writer: "
              + added.values().stream().mapToInt(List::size).sum()
              + " new lake files");
      lap(phases, "build record", lap);
      copyOnDisk.join();
      writer.commitRefresh();
      lap(phases, "commit and checkpoint", lap);
    } catch (RuntimeException e) {
      releaseWriter();
      throw e;
    }
    writerFingerprint = inputs;
    Path publishing = Path.of(file + ".publishing");
    Files.copy(writerFile, publishing, StandardCopyOption.REPLACE_EXISTING);
    lap(phases, "copy for the readers", lap);
    OwnerOnly.restrict(publishing);
    Files.deleteIfExists(Path.of(file + ".wal"));
    moveIntoPlace(publishing);
    // Written to disk while the service waits for the next batch, not on this refresh's path; a
    // file the system loses in a crash fails its fingerprint check and is built again.
    CompletableFuture.runAsync(() -> forceQuietly(file), WarehouseFile::onItsOwnThread);
    lap(phases, "move into place", lap);
    lastBuildSeconds = (System.nanoTime() - start) / 1e9;
    builds.incrementAndGet();
    lastRefreshPhases = Collections.unmodifiableMap(phases);
    refreshes.incrementAndGet();
  }

  /**
   * Moves {@code built} over the file atomically. The file it replaces keeps a second name until a
   * thread of its own deletes it: freeing a file of 600 MB whose pages are still in memory took
   * 0.1-0.6 s inside the move (bench/results/warehouse-file.md). A reader that has it open keeps
   * reading it either way.
   */
  private void moveIntoPlace(Path built) throws IOException {
    Path retired = null;
    if (Files.isRegularFile(file)) {
      retired = Path.of(file + RETIRED + System.nanoTime());
      try {
        Files.createLink(retired, file);
      } catch (IOException | UnsupportedOperationException e) {
        retired = null; // a file system without hard links: freed inside the move
      }
    }
    Files.move(built, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (retired != null) {
      Path freed = retired;
      onItsOwnThread(
          () -> {
            try {
              Files.deleteIfExists(freed);
            } catch (IOException e) {
              // deleted by the next build or refresh (deleteLeftovers)
            }
          });
    }
  }

  /** The name a replaced file keeps until it is deleted: {@code <file>.retired-<nanos>}. */
  private static final String RETIRED = ".retired-";

  /** Closes the held writer, if any, and deletes its file. */
  private void releaseWriter() {
    if (writer == null) {
      return;
    }
    writer.close();
    writer = null;
    writerFingerprint = null;
    try {
      Files.deleteIfExists(writerFile);
      Files.deleteIfExists(Path.of(writerFile + ".wal"));
    } catch (IOException e) {
      // a writer file left is deleted by the next writer once this process has ended
    }
  }

  /**
   * Deletes what a process that ended left beside the file: its writer files ({@code
   * <file>.writer-<pid>}) and the second names of replaced files it had not deleted yet.
   */
  private void deleteLeftovers() throws IOException {
    String writers = file.getFileName() + ".writer-";
    String retired = file.getFileName() + RETIRED;
    try (Stream<Path> siblings = Files.list(file.getParent())) {
      for (Path f : siblings.toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(writers)) {
          String pid = name.substring(writers.length()).replace(".wal", "");
          boolean alive =
              pid.matches("\\d{1,18}")
                  && ProcessHandle.of(Long.parseLong(pid))
                      .map(ProcessHandle::isAlive)
                      .orElse(false);
          if (!alive) {
            Files.deleteIfExists(f);
          }
        } else if (name.startsWith(retired)) {
          Files.deleteIfExists(f); // a second name only: a reader keeps the file open either way
        }
      }
    }
  }

  /**
   * Closes the held writer ({@link #holdingItsWriter()}) and deletes its file, after a refresh
   * running in this process ends (waiting a minute at most); nothing otherwise.
   */
  @Override
  public void close() {
    if (!holdsWriter) {
      return;
    }
    ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
    try {
      if (inProcess.tryLock(60, TimeUnit.SECONDS)) {
        try {
          releaseWriter();
        } finally {
          inProcess.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs a task that waits for the disk on a thread of its own, not on the common pool (one thread
   * on 2 cores), where it would hold up the lake listing of {@link #open}.
   */
  private static void onItsOwnThread(Runnable task) {
    Thread thread = new Thread(task, "warehouse file to disk");
    thread.setDaemon(true);
    thread.start();
  }

  /** Writes a file's data to disk (fsync). */
  private static void force(Path path) {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
      channel.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + " to disk: " + e.getMessage(), e);
    }
  }

  /** As {@link #force}, for a file that may be replaced meanwhile: a failure is left unsaid. */
  private static void forceQuietly(Path path) {
    try {
      force(path);
    } catch (UncheckedIOException e) {
      // replaced or deleted meanwhile: its successor is written to disk in turn
    }
  }

  /** Records the seconds since {@code lap[0]} as {@code phase}, and starts the next lap. */
  private static void lap(Map<String, Double> phases, String phase, long[] lap) {
    long now = System.nanoTime();
    phases.put(phase, (now - lap[0]) / 1e9);
    lap[0] = now;
  }

  /**
   * Where the last refresh in place of this instance spent its time, in order: the copy, the models
   * (then each model it computed, indented, model tests apart), the build record, the commit (which
   * checkpoints into the file), closing the file and moving it; empty before the first.
   */
  public Map<String, Double> lastRefreshPhases() {
    return lastRefreshPhases;
  }

  private void record(
      Warehouse warehouse,
      String inputs,
      Map<String, List<LakeFile>> files,
      long start,
      String how) {
    String summary = summary() + "; " + how;
    warehouse.recordBuild(
        inputs,
        baseFingerprint(),
        summary.length() > 2000 ? summary.substring(0, 2000) : summary,
        (System.nanoTime() - start) / 1e9);
    try (Statement s = warehouse.connection().createStatement()) {
      s.execute("drop table if exists " + LAKE_FILES_TABLE);
      s.execute(
          "create table "
              + LAKE_FILES_TABLE
              + " (lake_table varchar, path varchar, size bigint, modified bigint)");
    } catch (SQLException e) {
      throw new WarehouseBuildException("(build record): " + e.getMessage(), e);
    }
    // DuckDB's appender: a prepared insert per file took about a second for 5,000 files.
    try (DuckDBAppender appender =
        warehouse.connection().unwrap(DuckDBConnection.class).createAppender(LAKE_FILES_TABLE)) {
      for (Map.Entry<String, List<LakeFile>> table : files.entrySet()) {
        for (LakeFile f : table.getValue()) {
          appender.beginRow().append(table.getKey()).append(f.path());
          appender.append(f.size()).append(f.modified()).endRow();
        }
      }
    } catch (SQLException e) {
      throw new WarehouseBuildException("(build record): " + e.getMessage(), e);
    }
  }

  private void replaceWith(Path building, long start) throws IOException {
    // Closed: checkpointed into the file, no WAL left. A WAL beside the target would be replayed
    // into the new file.
    Files.deleteIfExists(Path.of(building + ".wal"));
    Files.deleteIfExists(Path.of(file + ".wal"));
    OwnerOnly.restrict(
        building); // complaint-level data: owner-only like everything the product writes
    moveIntoPlace(building);
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
    return inputsFingerprint(lakeFiles());
  }

  private String inputsFingerprint(Map<String, List<LakeFile>> files) {
    MessageDigest digest = sha256();
    add(digest, baseFingerprint());
    for (Map.Entry<String, List<LakeFile>> table : files.entrySet()) {
      add(digest, "table " + table.getKey());
      for (LakeFile f : table.getValue()) {
        add(digest, f.path() + " " + f.size() + " " + f.modified());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** A lake file as a build read it: its path within the lake, size and modification time. */
  record LakeFile(String path, long size, long modified) {}

  /** The files of every lake table the models read, as {@link LakeFiles} lists them now. */
  private Map<String, List<LakeFile>> lakeFiles() {
    Map<String, List<LakeFile>> files = new LinkedHashMap<>();
    for (Model source : catalog.layer(Model.SOURCES)) {
      List<LakeFile> of = new ArrayList<>();
      for (Path f : LakeFiles.of(lakeRoot.resolve(source.name()))) {
        long size = -1;
        long modified = -1;
        try {
          BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
          size = a.size();
          modified = a.lastModifiedTime().toMillis();
        } catch (IOException e) {
          // compacted away while listed: the fingerprint differs, so the next check builds again
        }
        of.add(new LakeFile(lakeRoot.relativize(f).toString(), size, modified));
      }
      files.put(source.name(), of);
    }
    return files;
  }

  /**
   * The lake files added since the file was built, by lake table, when that is the only change:
   * every file it was built from is still there unchanged (no compaction, purge or rewrite), and
   * nothing else it was built from changed ({@link #baseFingerprint()}). Empty otherwise: the file
   * is then built whole.
   */
  private Optional<Map<String, List<Path>>> addedSinceBuilt(Map<String, List<LakeFile>> now) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Map<String, Set<LakeFile>> built = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("attach '" + file.toString().replace("'", "''") + "' as built (read_only)");
      try (ResultSet rs =
          s.executeQuery("select base_fingerprint from built." + Warehouse.BUILD_TABLE)) {
        if (!rs.next() || !baseFingerprint().equals(rs.getString(1))) {
          return Optional.empty();
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "select lake_table, path, size, modified from built." + LAKE_FILES_TABLE)) {
        while (rs.next()) {
          built
              .computeIfAbsent(rs.getString(1), k -> new HashSet<>())
              .add(new LakeFile(rs.getString(2), rs.getLong(3), rs.getLong(4)));
        }
      }
    } catch (SQLException e) {
      return Optional.empty(); // an older file, or damaged: build it whole
    }
    Map<String, List<Path>> added = new LinkedHashMap<>();
    for (Map.Entry<String, Set<LakeFile>> table : built.entrySet()) {
      if (!now.containsKey(table.getKey())
          || !Set.copyOf(now.get(table.getKey())).containsAll(table.getValue())) {
        return Optional.empty();
      }
    }
    for (Map.Entry<String, List<LakeFile>> table : now.entrySet()) {
      Set<LakeFile> before = built.getOrDefault(table.getKey(), Set.of());
      List<Path> newer =
          table.getValue().stream()
              .filter(f -> !before.contains(f))
              .map(f -> lakeRoot.resolve(f.path()))
              .toList();
      if (!newer.isEmpty()) {
        added.put(table.getKey(), newer);
      }
    }
    return Optional.of(added);
  }

  /**
   * The fingerprint of every input but the lake files: the format and build code, the lake root,
   * the scope, the models' SQL and the reference files. A refresh in place needs it unchanged.
   */
  String baseFingerprint() {
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
