package io.qualityloop.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The DuckDB warehouse over the Parquet lake. Building it computes every model once into a table,
 * in dependency order: staging models read the lake through {@code {{ source('table') }}} and the
 * reference CSV files through {@code {{ reference('file.csv') }}}; marts and metrics read the
 * tables before them by name. The warehouse is a snapshot of the lake as the build read it, so
 * model tests and report queries read small tables instead of re-running the models above them over
 * the Parquet files (the quarterly report on the demo lake: 111 s as views, 9 s as tables). Built
 * {@linkplain AsOf as of} a moment, every lake table is read as it stood then: only rows whose
 * {@code landed_at} is not later, so a report can be regenerated to the figures it first had.
 *
 * <p>Which Parquet files a lake table has is {@link LakeFiles}' answer: finished files only (not
 * the dot-files the lake job is still writing), and of a compacted partition the compacted file.
 */
public final class Warehouse implements AutoCloseable {
  private static final Pattern SOURCE = Pattern.compile("\\{\\{\\s*source\\('([a-z_]+)'\\)\\s*}}");
  private static final Pattern REFERENCE =
      Pattern.compile("\\{\\{\\s*reference\\('([A-Za-z0-9_.-]+)'\\)\\s*}}");
  private static final Pattern CREATE_TABLE = Pattern.compile("(?i)create\\s+table\\s+([a-z_]+)");
  static final String EMPTY_SCHEMA = "lake_empty";

  /** Rows that an {@code -- Exclude:} declaration took out of a model: what, which, why. */
  public static final String EXCLUDED_ROWS = "excluded_rows";

  /**
   * One row in a built warehouse file: the fingerprint of its inputs and what the build made (see
   * {@link WarehouseFile}).
   */
  public static final String BUILD_TABLE = "warehouse_build";

  /**
   * The DuckDB storage format a warehouse file is written in: that of DuckDB 1.4 (LTS), which
   * DuckDB 1.4 and later clients read (the duckdb CLI, the Node and Python packages, DBeaver's and
   * the BI tools' drivers), 2.x among them; the default of the DuckDB this build uses (2.0) is
   * unreadable before 2.0. The format of DuckDB 1.0 (v1.0.0), readable by every 1.x client, made a
   * refresh's checkpoint about 1.4 s slower at 10 million rows: a checkpoint after deleting and
   * inserting rows of a table rewrote far more of it (bench/results/warehouse-file.md).
   */
  public static final String FILE_STORAGE_VERSION = "v1.4.0";

  /** The catalog name a warehouse file is attached as when {@linkplain #open opened}. */
  static final String FILE_CATALOG = "warehouse";

  private volatile Connection connection;

  /** Queries hold the read lock; {@link #reload} swaps the connection under the write lock. */
  private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();

  private final Path lakeRoot;
  private final AsOf asOf;
  private final ProjectScope scope;
  private final ReferenceHistory references;
  private List<String> scopeProjects;
  private final List<Model> built = new ArrayList<>();
  private final Map<String, Double> buildSeconds = new LinkedHashMap<>();
  private int testsRun;

  /** The built file this warehouse reads, or {@code null} when it was built in this process. */
  private Path file;

  private ModelCatalog catalog;
  private String fingerprint;

  private Warehouse(Connection connection, Path lakeRoot, AsOf asOf, ProjectScope scope) {
    this.connection = connection;
    this.lakeRoot = lakeRoot.toAbsolutePath();
    this.asOf = asOf;
    this.scope = scope;
    this.references = new ReferenceHistory(this.lakeRoot.resolve("reference"), Clock.systemUTC());
  }

  /**
   * Builds every model over {@code lakeRoot}. With a database file the views persist there (any
   * DuckDB client can open it afterwards); with {@code null} the warehouse lives in memory.
   */
  public static Warehouse build(Path lakeRoot, Path databaseFile, ModelCatalog catalog) {
    return build(lakeRoot, databaseFile, catalog, AsOf.NOW);
  }

  /**
   * As {@link #build(Path, Path, ModelCatalog)}, reading only the lake rows landed by {@code asOf}.
   */
  public static Warehouse build(Path lakeRoot, Path databaseFile, ModelCatalog catalog, AsOf asOf) {
    return build(lakeRoot, databaseFile, catalog, asOf, ProjectScope.ALL);
  }

  /**
   * As {@link #build(Path, Path, ModelCatalog, AsOf)}, holding only the rows of the projects in
   * {@code scope} (see {@link ProjectScope}).
   *
   * @throws IllegalArgumentException when the scope names a project or region that {@code
   *     reference/projects.csv} does not have
   */
  public static Warehouse build(
      Path lakeRoot, Path databaseFile, ModelCatalog catalog, AsOf asOf, ProjectScope scope) {
    return build(lakeRoot, databaseFile, catalog, asOf, scope, BuildProgress.NONE);
  }

  /** How far a build is: called after each model (a command shows it on stderr). */
  @FunctionalInterface
  public interface BuildProgress {
    BuildProgress NONE = (model, done, total) -> {};

    void modelBuilt(String model, int done, int total);
  }

  /**
   * As {@link #build(Path, Path, ModelCatalog, AsOf, ProjectScope)}, telling {@code progress} after
   * each model.
   */
  public static Warehouse build(
      Path lakeRoot,
      Path databaseFile,
      ModelCatalog catalog,
      AsOf asOf,
      ProjectScope scope,
      BuildProgress progress) {
    try {
      String url = "jdbc:duckdb:";
      Properties settings = new Properties();
      if (databaseFile != null) {
        Files.createDirectories(databaseFile.toAbsolutePath().getParent());
        Files.deleteIfExists(databaseFile);
        Files.deleteIfExists(Path.of(databaseFile + ".wal"));
        url += databaseFile.toAbsolutePath();
        settings.setProperty("storage_compatibility_version", FILE_STORAGE_VERSION);
      }
      Warehouse warehouse =
          new Warehouse(DriverManager.getConnection(url, settings), lakeRoot, asOf, scope);
      try {
        warehouse.recordReferenceVersions();
        warehouse.resolveScope();
        warehouse.buildModels(catalog, progress);
      } catch (RuntimeException e) {
        warehouse.close();
        throw e;
      }
      return warehouse;
    } catch (SQLException e) {
      throw new WarehouseBuildException("cannot open DuckDB: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens a warehouse file built by {@link WarehouseFile}, read-only. The file is attached to an
   * in-memory DuckDB rather than opened as the database: DuckDB keeps one instance per database
   * path in a process, so opening the path again while an older connection is open would hand back
   * the old file; an attachment always reads the file now at the path. A replaced file stays
   * readable through connections opened before (Linux keeps the old inode until they close).
   */
  static Warehouse open(Path file, ModelCatalog catalog) {
    Connection connection = attach(file);
    try {
      Warehouse described = readBuild(connection, file, catalog);
      Warehouse warehouse =
          new Warehouse(connection, described.lakeRoot, AsOf.NOW, described.scope);
      warehouse.adopt(described, file, catalog);
      return warehouse;
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private static Connection attach(Path file) {
    try {
      Connection connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = connection.createStatement()) {
        s.execute(
            "attach '"
                + quote(file.toAbsolutePath().toString())
                + "' as "
                + FILE_CATALOG
                + " (read_only)");
        s.execute("use " + FILE_CATALOG);
      } catch (SQLException e) {
        closeQuietly(connection);
        throw e;
      }
      return connection;
    } catch (SQLException e) {
      throw new WarehouseBuildException(
          "cannot open the warehouse file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The build row of an attached file as a description-only warehouse (no connection of its own).
   */
  private static Warehouse readBuild(Connection connection, Path file, ModelCatalog catalog) {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select fingerprint, lake_root, scope_region, scope_projects, resolved_projects,"
                    + " models, model_tests from "
                    + FILE_CATALOG
                    + "."
                    + BUILD_TABLE)) {
      if (!rs.next()) {
        throw new WarehouseBuildException(
            "the warehouse file " + file + " has no build record", null);
      }
      String region = rs.getString("scope_region");
      String projects = rs.getString("scope_projects");
      ProjectScope scope =
          region != null
              ? ProjectScope.region(region)
              : ProjectScope.projects(projects == null ? null : List.of(projects.split(",")));
      Warehouse d = new Warehouse(null, Path.of(rs.getString("lake_root")), AsOf.NOW, scope);
      String resolved = rs.getString("resolved_projects");
      d.scopeProjects = resolved == null ? null : List.of(resolved.split(","));
      Map<String, Model> byName = new LinkedHashMap<>();
      catalog.models().forEach(m -> byName.put(m.name(), m));
      for (String name : rs.getString("models").split(",")) {
        if (byName.containsKey(name)) {
          d.built.add(byName.get(name));
        }
      }
      d.testsRun = rs.getInt("model_tests");
      d.fingerprint = rs.getString("fingerprint");
      return d;
    } catch (SQLException e) {
      throw new WarehouseBuildException(
          "the warehouse file " + file + " has no readable build record: " + e.getMessage(), e);
    }
  }

  private void adopt(Warehouse described, Path file, ModelCatalog catalog) {
    this.scopeProjects = described.scopeProjects;
    this.built.clear();
    this.built.addAll(described.built);
    this.testsRun = described.testsRun;
    this.fingerprint = described.fingerprint;
    this.file = file;
    this.catalog = catalog;
  }

  /**
   * Switches a warehouse opened from a file to the file now at its path (after a rebuild replaced
   * it): queries running on the old file finish first, later ones read the new file.
   *
   * @return whether the file had changed (a different fingerprint)
   */
  public boolean reload() {
    if (file == null) {
      throw new IllegalStateException("only a warehouse opened from a file can be reloaded");
    }
    Connection fresh = attach(file);
    Warehouse d;
    try {
      d = readBuild(fresh, file, catalog);
    } catch (RuntimeException e) {
      closeQuietly(fresh);
      throw e;
    }
    if (d.fingerprint.equals(fingerprint)) {
      closeQuietly(fresh);
      return false;
    }
    if (!d.scope.equals(scope)) {
      closeQuietly(fresh);
      throw new IllegalStateException(
          "the warehouse file " + file + " now holds " + d.scope + ", not " + scope);
    }
    Connection old;
    swap.writeLock().lock();
    try {
      old = connection;
      connection = fresh;
      columns.clear();
      database = null;
      adopt(d, file, catalog);
    } finally {
      swap.writeLock().unlock();
    }
    closeQuietly(old);
    return true;
  }

  /**
   * The fingerprint of the inputs of the file this warehouse reads, or {@code null} when built in
   * memory.
   */
  public String fingerprint() {
    return fingerprint;
  }

  /** The built file this warehouse reads, or {@code null} when it was built in this process. */
  public Path file() {
    return file;
  }

  /**
   * Writes the build record into a warehouse being built into a file, before it is closed and moved
   * into place.
   */
  void recordBuild(
      String inputsFingerprint, String baseFingerprint, String inputsSummary, double seconds) {
    execute(
        "create table "
            + BUILD_TABLE
            + " (fingerprint varchar, base_fingerprint varchar, inputs varchar, built_at"
            + " timestamptz, build_seconds double, lake_root varchar, scope_region varchar,"
            + " scope_projects varchar, resolved_projects varchar, models varchar, model_tests"
            + " integer)",
        "(build record)");
    Object[] values = {
      inputsFingerprint,
      baseFingerprint,
      inputsSummary,
      seconds,
      lakeRoot.toString(),
      scope.region(),
      scope.projectIds() == null ? null : String.join(",", scope.projectIds()),
      scopeProjects == null ? null : String.join(",", scopeProjects),
      String.join(",", built.stream().map(Model::name).toList()),
      testsRun
    };
    try (PreparedStatement ps =
        connection.prepareStatement(
            "insert into "
                + BUILD_TABLE
                + " values (?, ?, ?, current_timestamp, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      ps.execute();
    } catch (SQLException e) {
      throw new WarehouseBuildException("(build record): " + e.getMessage(), e);
    }
    this.fingerprint = inputsFingerprint;
  }

  /**
   * Commits a {@link #refresh}, its build record written, straight into the file: with a checkpoint
   * threshold of 0 DuckDB checkpoints at the commit instead of first writing the transaction to its
   * log (about 30 MB at 10 million rows, 0.3 s), which the checkpoint would then have written
   * again. Nothing reads the file before it is closed, so row ids no longer need to stay as they
   * were.
   */
  void commitRefresh() {
    execute("set checkpoint_threshold = '0b'", "(refresh)");
    execute("commit", "(refresh)");
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      // nothing a caller could do
    }
  }

  /**
   * {@code confidence_z} of {@code reference/metric_settings.csv}, read as the model
   * ref_metric_settings reads it.
   */
  private double confidenceZ() {
    String sql =
        resolveReferences(
            "select value from read_csv('{{ reference('metric_settings.csv') }}', header = true,"
                + " columns = {'setting': 'varchar', 'value': 'double', 'description': 'varchar'})"
                + " where setting = 'confidence_z'");
    List<Map<String, Object>> rows;
    try {
      rows = query(sql);
    } catch (IllegalStateException e) {
      throw new WarehouseBuildException("reference/metric_settings.csv: " + e.getMessage(), e);
    }
    if (rows.isEmpty() || rows.get(0).get("value") == null) {
      throw new WarehouseBuildException("reference/metric_settings.csv has no confidence_z", null);
    }
    return ((Number) rows.get(0).get("value")).doubleValue();
  }

  /**
   * Keeps a version of each changed reference file behind grades and targets (see {@link
   * ReferenceHistory}), so that this build's grades can be rebuilt as of now later.
   */
  private void recordReferenceVersions() {
    if (Files.isDirectory(references.referenceDir())) {
      references.record(System.getProperty("user.name"));
    }
  }

  private void buildModels(ModelCatalog catalog, BuildProgress progress) {
    checkReferenceFiles(catalog);
    execute("create schema " + EMPTY_SCHEMA, "(setup)");
    for (Model macros : catalog.macros()) {
      execute(macros.sql(), "models/" + ModelCatalog.MACROS + "/" + macros.name() + ".sql");
    }
    // The t quantiles follow confidence_z of the metric settings; a catalog built over a lake
    // without
    // them (a test's own models) has no metric that needs them.
    if (Files.isRegularFile(lakeRoot.resolve("reference").resolve("metric_settings.csv"))) {
      execute(StudentT.createTable(confidenceZ()), "(t quantiles)");
    }
    execute(
        "create table "
            + EXCLUDED_ROWS
            + " (model varchar, test varchar, kind varchar, row_key varchar, value varchar,"
            + " project_id varchar, reason varchar)",
        "(setup)");
    for (Model source : catalog.layer(Model.SOURCES)) {
      Matcher m = CREATE_TABLE.matcher(source.sql());
      if (!m.find()) {
        throw new WarehouseBuildException(
            "models/sources/" + source.name() + ".sql must hold one CREATE TABLE", null);
      }
      execute(
          m.replaceFirst("create table " + EMPTY_SCHEMA + "." + m.group(1)),
          "models/sources/" + source.name() + ".sql");
    }
    List<Model> views =
        catalog.models().stream().filter(m -> !m.layer().equals(Model.SOURCES)).toList();
    List<Model> ordered = dependencyOrder(views);
    checkDeclaredReads(ordered);
    for (Model model : ordered) {
      long start = System.nanoTime();
      compute(model);
      buildSeconds.put(model.name(), (System.nanoTime() - start) / 1e9);
      built.add(model);
      progress.modelBuilt(model.name(), built.size(), ordered.size());
    }
    runModelTests(built);
  }

  /** Computes {@code model} over the whole lake into its table, scoped, its exclusions applied. */
  private void compute(Model model) {
    String sql = resolveReferences(resolveSources(model.sql()));
    try {
      execute("create or replace table " + model.name() + " as\n" + sql, model.path());
    } catch (WarehouseBuildException e) {
      throw brokenReferenceFile(model, e).orElse(e);
    }
    columns.remove(model.name());
    deleteOutOfScope(model);
    excludeRows(model, -1);
  }

  private void deleteOutOfScope(Model model) {
    if (scopeProjects != null
        && model.layer().equals(Model.STAGING)
        && hasProjectColumn(model.name())) {
      execute(
          "delete from "
              + model.name()
              + " where project_id is null or project_id not in ("
              + scopeProjects.stream()
                  .map(p -> "'" + quote(p) + "'")
                  .reduce((a, b) -> a + ", " + b)
                  .orElseThrow()
              + ")",
          model.path() + " (scope " + scope + ")");
    }
  }

  /**
   * Brings a warehouse file built by {@link #build} from an earlier state of the lake up to date,
   * in place, when the lake has since only gained the files {@code added} lists (by lake table) and
   * nothing else changed (models, reference files, scope: {@link WarehouseFile} checks): a model
   * declaring {@value Model#APPEND} whose models are unchanged gets its rows over the new files
   * appended, its exclusions applied to them; a model reading a changed model is computed again; a
   * model reading nothing that changed is left as it is. The tests of every model that changed run
   * again. The result equals a full build of the lake as it is now (a test compares every table).
   */
  static Warehouse refresh(
      Path lakeRoot,
      Path databaseFile,
      ModelCatalog catalog,
      ProjectScope scope,
      Map<String, List<Path>> added,
      BuildProgress progress) {
    try {
      Warehouse warehouse =
          new Warehouse(
              DriverManager.getConnection("jdbc:duckdb:" + databaseFile.toAbsolutePath()),
              lakeRoot,
              AsOf.NOW,
              scope);
      try {
        warehouse.startRefresh(catalog, added, progress);
      } catch (RuntimeException e) {
        warehouse.close();
        throw e;
      }
      return warehouse;
    } catch (SQLException e) {
      throw new WarehouseBuildException("cannot open DuckDB: " + e.getMessage(), e);
    }
  }

  /**
   * Refreshes again a warehouse that {@link #refresh} opened and {@link #commitRefresh} committed,
   * with the lake files added since: the instance a long-running process keeps open between
   * refreshes ({@link WarehouseFile#holdingItsWriter}). Its DuckDB buffers still hold what the last
   * refresh read, where a file opened anew reads every table it touches from the file again. What
   * the last refresh left (its deltas, its temporary tables) is forgotten first. Nothing is
   * committed before {@link #commitRefresh}; a refresh that fails leaves the warehouse to be
   * closed.
   */
  void refreshAgain(ModelCatalog catalog, Map<String, List<Path>> added, BuildProgress progress) {
    built.clear();
    buildSeconds.clear();
    testsRun = 0;
    testSeconds = 0;
    appended.clear();
    deltas.clear();
    newRowsAfter.clear();
    computedForKey.clear();
    refreshChanged.clear();
    refreshKeys.clear();
    for (Map<String, Object> temp :
        query("select table_name from duckdb_tables() where temporary order by 1")) {
      execute("drop table temp.main.\"" + temp.get("table_name") + "\"", "(refresh)");
    }
    for (Map<String, Object> temp :
        query("select view_name from duckdb_views() where temporary and not internal order by 1")) {
      execute("drop view temp.main.\"" + temp.get("view_name") + "\"", "(refresh)");
    }
    startRefresh(catalog, added, progress);
  }

  private void startRefresh(
      ModelCatalog catalog, Map<String, List<Path>> added, BuildProgress progress) {
    // Row ids tell the new rows from the old, and a checkpoint may renumber rows of a table with
    // deletions: none before the commit (commitRefresh).
    execute("set checkpoint_threshold = '1TB'", "(refresh)");
    // One transaction: one write of the log instead of one per statement.
    execute("begin transaction", "(refresh)");
    resolveScope();
    refreshModels(catalog, added, progress);
  }

  private void refreshModels(
      ModelCatalog catalog, Map<String, List<Path>> added, BuildProgress progress) {
    execute("drop table if exists " + BUILD_TABLE, "(build record)");
    List<Model> ordered =
        dependencyOrder(
            catalog.models().stream().filter(m -> !m.layer().equals(Model.SOURCES)).toList());
    Map<String, Model> byName = new LinkedHashMap<>();
    ordered.forEach(m -> byName.put(m.name(), m));
    Set<String> changed = new LinkedHashSet<>();
    List<Model> recomputed = new ArrayList<>();
    // A model computed whole is compared before and after only where a model computed for changed
    // keys reads it: comparing costs more than it saves elsewhere.
    Set<String> readByKeyedModels = new LinkedHashSet<>();
    ordered.forEach(m -> m.refreshKey().ifPresent(refreshKeys::add));
    ordered.stream()
        .filter(m -> m.refreshKey().isPresent())
        .forEach(m -> readByKeyedModels.addAll(m.dependsOn().orElseThrow()));
    for (Model model : ordered) {
      boolean readsNewFiles =
          sourcesRead(model).stream().anyMatch(t -> !added.getOrDefault(t, List.of()).isEmpty());
      boolean readsChanged = model.dependsOn().orElseThrow().stream().anyMatch(changed::contains);
      if (readsNewFiles || readsChanged) {
        long start = System.nanoTime();
        boolean rowsChanged = true;
        Optional<String> key = model.refreshKey();
        if (model.appends()
            && model.dependsOn().orElseThrow().stream()
                .filter(changed::contains)
                .allMatch(d -> appended.contains(d) && !hasExclusions(byName.get(d)))) {
          if (append(
              model,
              added,
              model.dependsOn().orElseThrow().stream()
                  .filter(d -> byName.get(d).appends())
                  .toList())) {
            appended.add(model.name());
          }
        } else if (key.isPresent()
            && sourcesRead(model).isEmpty()
            && !hasExclusions(model)
            && model.dependsOn().orElseThrow().stream()
                .filter(changed::contains)
                .allMatch(d -> deltas.contains(d) && hasColumn(d, key.get()))) {
          computeForChangedKeys(model, key.get(), changed);
        } else {
          rowsChanged = recomputeWhole(model, readByKeyedModels.contains(model.name()));
        }
        buildSeconds.put(model.name(), (System.nanoTime() - start) / 1e9);
        // Computed whole to the same rows, a model changes nothing after it.
        if (rowsChanged) {
          changed.add(model.name());
          refreshChanged.add(model.name());
        }
        recomputed.add(model);
      }
      built.add(model);
      progress.modelBuilt(model.name(), built.size(), ordered.size());
    }
    runModelTests(recomputed);
    // The tests of the models left as they were still hold: their inputs did not change.
    testsRun = ordered.stream().mapToInt(m -> ModelTest.declaredIn(m).size()).sum();
  }

  /**
   * Computes a model again whole in a refresh. With {@code compare}, a small table (at most {@value
   * #DIFF_ROWS} rows) gets its delta by comparing its rows before and after, so the models after it
   * may be computed for its changed keys, or not at all when nothing changed.
   *
   * @return whether its rows changed (true when not compared)
   */
  private boolean recomputeWhole(Model model, boolean compare) {
    String name = model.name();
    boolean compared = compare && count(name) <= DIFF_ROWS;
    if (compared) {
      execute(
          "create or replace temp table refresh_old_" + name + " as select * from " + name,
          model.path());
    }
    execute(
        "delete from " + EXCLUDED_ROWS + " where model = '" + quote(model.path()) + "'",
        model.path());
    compute(model);
    if (!compared) {
      return true;
    }
    execute(
        "create or replace temp table refresh_delta_"
            + name
            + " as select "
            + deltaColumns(name)
            + " from ((select * from "
            + name
            + " except all select * from refresh_old_"
            + name
            + ") union all (select * from refresh_old_"
            + name
            + " except all select * from "
            + name
            + "))",
        model.path());
    execute("drop table refresh_old_" + name, model.path());
    deltas.add(name);
    return count("refresh_delta_" + name) > 0;
  }

  /** The most rows a table computed whole in a refresh may have to be compared before and after. */
  private static final long DIFF_ROWS = 50_000;

  /** Models a refresh appended to. */
  private final Set<String> appended = new LinkedHashSet<>();

  /**
   * Models a refresh changed row by row (appended, or computed again for changed keys), whose
   * changed rows are in temp table {@code refresh_delta_<name>}: the rows they gained and the rows
   * they lost (for an appending model, its new rows before exclusions and its old rows an exclusion
   * took out). The keys of a model computed for changed keys are those of its inputs' deltas.
   */
  private final Set<String> deltas = new LinkedHashSet<>();

  /**
   * Models a refresh added rows to without computing them whole, and the last row id before (their
   * tests check the new rows).
   */
  private final Map<String, Long> newRowsAfter = new LinkedHashMap<>();

  private double testSeconds;

  /** Models a refresh computed again for changed keys, and the key. */
  private final Map<String, String> computedForKey = new HashMap<>();

  /** Models a refresh changed. */
  private final Set<String> refreshChanged = new LinkedHashSet<>();

  /**
   * Appends {@code model}'s rows over the lake files {@code added} lists and the new rows of the
   * appending models it reads ({@code appendingModels}), then its exclusions; keeps a copy of the
   * new rows (before exclusions) for the keys they change.
   *
   * @return false when the model was computed whole instead (see the comment inside)
   */
  private boolean append(Model model, Map<String, List<Path>> added, List<String> appendingModels) {
    // A model it reads that appends too gives its new rows only (none when it gained none).
    Map<String, String> narrowed = new LinkedHashMap<>();
    for (String d : appendingModels) {
      Long after = newRowsAfter.get(d);
      narrowed.put(d, after == null ? "false" : "rowid > " + after);
    }
    long lastOldRowid =
        insertNarrowed(model, resolveReferences(resolveSources(model.sql(), added)), narrowed);
    newRowsAfter.put(model.name(), lastOldRowid);
    deleteOutOfScope(model);
    execute(
        "create or replace temp table refresh_delta_"
            + model.name()
            + " as select "
            + deltaColumns(model.name())
            + " from "
            + model.name()
            + " where rowid > "
            + lastOldRowid,
        model.path());
    List<ModelTest> exclusions =
        ModelTest.declaredIn(model).stream().filter(ModelTest::excludes).toList();
    // With several exclusions, which one takes a row out depends on the rows present: a full build
    // sees the rows earlier refreshes excluded again. When the new rows meet such a row, or take
    // out a row kept so far, the model is computed whole, as a full build would.
    boolean meetsExcluded =
        exclusions.size() > 1
            && !query(
                    "select 1 from "
                        + EXCLUDED_ROWS
                        + " e where e.model = ? and e.row_key in (select cast(n.\""
                        + firstColumn(model.name())
                        + "\" as varchar) from refresh_delta_"
                        + model.name()
                        + " n) limit 1",
                    model.path())
                .isEmpty();
    boolean oldRowsExcluded = excludeRows(model, lastOldRowid);
    if (exclusions.size() > 1 && (meetsExcluded || oldRowsExcluded)) {
      execute(
          "delete from " + EXCLUDED_ROWS + " where model = '" + quote(model.path()) + "'",
          model.path());
      compute(model);
      newRowsAfter.remove(model.name());
      return false;
    }
    deltas.add(model.name());
    return true;
  }

  /** Rows of a table whose row id is above {@code rowid}. */
  private long rowsAfter(String table, long rowid) {
    return ((Number)
            query("select count(*) as n from " + table + " where rowid > " + rowid).get(0).get("n"))
        .longValue();
  }

  private String firstColumn(String table) {
    return columns(table).get(0);
  }

  /**
   * The columns of a table of the warehouse, in order. A table not known yet has the columns of
   * every table of the warehouse looked up with it, in one query: a lookup costs 10-30 ms, about as
   * much for all tables as for one, and a refresh asks for a few dozen tables. A model computed
   * again is forgotten (its columns may have changed) and looked up at the next ask.
   */
  private List<String> columns(String table) {
    if (!columns.containsKey(table)) {
      Map<String, List<String>> all = new HashMap<>();
      for (Map<String, Object> row :
          query(
              "select table_name, column_name from information_schema.columns where table_catalog"
                  + " = current_database() and table_schema = 'main' order by table_name,"
                  + " ordinal_position")) {
        all.computeIfAbsent((String) row.get("table_name"), t -> new ArrayList<>())
            .add((String) row.get("column_name"));
      }
      all.replaceAll((t, c) -> List.copyOf(c));
      columns.putAll(all);
    }
    return columns.getOrDefault(table, List.of());
  }

  private final Map<String, List<String>> columns = new HashMap<>();

  /** The name DuckDB gives the warehouse's database, looked up at first use. */
  private String database;

  private long executeUpdate(String sql, String origin) {
    try (Statement s = connection.createStatement()) {
      return s.executeLargeUpdate(sql);
    } catch (SQLException e) {
      throw new WarehouseBuildException(origin + ": " + e.getMessage(), e);
    }
  }

  /**
   * Computes a {@value Model#BY_KEY} model again for the keys whose rows changed: the key values of
   * the changed rows of the changed models it reads (their {@code refresh_delta_} tables: rows
   * gained and rows lost), its rows for them deleted and computed again with each model it reads
   * that has the key column narrowed to those keys (a temporary view of the same name, which DuckDB
   * resolves before the table). Its own rows deleted and inserted become its delta.
   */
  private void computeForChangedKeys(Model model, String key, Set<String> changed) {
    List<String> parts =
        model.dependsOn().orElseThrow().stream()
            .filter(changed::contains)
            .map(d -> "select " + key + " from refresh_delta_" + d)
            .toList();
    execute(
        "create or replace temp table refresh_keys as select distinct "
            + key
            + " from ("
            + String.join(" union all ", parts)
            + ") where "
            + key
            + " is not null",
        model.path());
    String ofChangedKeys = key + " in (select " + key + " from refresh_keys)";
    execute(
        "create or replace temp table refresh_delta_"
            + model.name()
            + " as select "
            + deltaColumns(model.name())
            + " from "
            + model.name()
            + " where "
            + ofChangedKeys,
        model.path());
    execute("delete from " + model.name() + " where " + ofChangedKeys, model.path());
    Map<String, String> narrowed = new LinkedHashMap<>();
    for (String d : model.dependsOn().orElseThrow()) {
      if (hasColumn(d, key)) {
        narrowed.put(d, ofChangedKeys);
      }
    }
    long lastOldRowid = insertNarrowed(model, resolveReferences(model.sql()), narrowed);
    newRowsAfter.put(model.name(), lastOldRowid);
    computedForKey.put(model.name(), key);
    // A row without the key would be left out of the next refresh's keys, and computed again
    // beside itself: the declaration is wrong, and the file is built whole.
    if (!query(
            "select 1 from "
                + model.name()
                + " where rowid > "
                + lastOldRowid
                + " and ("
                + key
                + " is null or not "
                + ofChangedKeys
                + ") limit 1")
        .isEmpty()) {
      throw new WarehouseBuildException(
          model.path() + ": Refresh: by " + key + " gave rows of other " + key + " values", null);
    }
    execute(
        "insert into refresh_delta_"
            + model.name()
            + " select "
            + deltaColumns(model.name())
            + " from "
            + model.name()
            + " where rowid > "
            + lastOldRowid,
        model.path());
    deltas.add(model.name());
  }

  /**
   * Inserts the rows of {@code sql} into {@code model}'s table, each model named in {@code
   * narrowed} read through a temporary view of the same name holding its rows that meet the
   * condition beside it (DuckDB resolves the view before the table), and checks that the rows after
   * the table's last row id before are exactly the rows inserted.
   *
   * @return that last row id
   */
  private long insertNarrowed(Model model, String sql, Map<String, String> narrowed) {
    long lastOldRowid = lastRowid(model.name());
    if (database == null) {
      database = (String) query("select current_database() as d").get(0).get("d");
    }
    try {
      for (Map.Entry<String, String> d : narrowed.entrySet()) {
        execute(
            "create or replace temp view "
                + d.getKey()
                + " as select * from \""
                + database
                + "\".main."
                + d.getKey()
                + " where "
                + d.getValue(),
            model.path());
      }
      long inserted =
          executeUpdate(
              "insert into " + model.name() + " select * from (\n" + sql + "\n)", model.path());
      if (rowsAfter(model.name(), lastOldRowid) != inserted) {
        throw new WarehouseBuildException(
            model.path() + ": the inserted rows are not the rows after row id " + lastOldRowid,
            null);
      }
      return lastOldRowid;
    } finally {
      for (String d : narrowed.keySet()) {
        execute("drop view if exists temp.main." + d, model.path());
      }
    }
  }

  private static boolean hasExclusions(Model model) {
    return ModelTest.declaredIn(model).stream().anyMatch(ModelTest::excludes);
  }

  /** The highest row id of a table (-1 when empty): rows inserted next have higher ones. */
  private long lastRowid(String table) {
    return ((Number) query("select coalesce(max(rowid), -1) as r from " + table).get(0).get("r"))
        .longValue();
  }

  private boolean hasColumn(String table, String column) {
    return columns(table).contains(column);
  }

  /**
   * The columns a model's {@code refresh_delta_} table keeps: those of its columns that are the
   * refresh key of some model (the keys the models after it are computed for), and its first column
   * (an excluded row's key). A delta is read for nothing else, and copying whole rows of wide
   * tables cost a refresh about 0.3 s.
   */
  private String deltaColumns(String table) {
    List<String> all = columns(table);
    return all.stream()
        .filter(c -> c.equals(all.get(0)) || refreshKeys.contains(c))
        .map(c -> "\"" + c + "\"")
        .collect(Collectors.joining(", "));
  }

  /** The refresh keys the catalog's models declare ({@code -- Refresh: by <key>}). */
  private final Set<String> refreshKeys = new LinkedHashSet<>();

  /** The lake tables a model reads through {@code {{ source('table') }}}. */
  private static Set<String> sourcesRead(Model model) {
    Set<String> tables = new LinkedHashSet<>();
    Matcher m = SOURCE.matcher(model.sql());
    while (m.find()) {
      tables.add(m.group(1));
    }
    return tables;
  }

  /**
   * Applies the model's {@code -- Exclude:} declarations (see {@link ModelTest}) before any other
   * model reads it: the offending rows are recorded in {@code excluded_rows} and deleted. With
   * {@code lastOldRowid} of 0 or more, rows were appended after that row id ({@link
   * ModelTest#excludedRowsPredicate(long)}); -1 for a model computed whole.
   *
   * @return whether rows up to {@code lastOldRowid} (rows the model had before) were excluded
   */
  private boolean excludeRows(Model model, long lastOldRowid) {
    boolean oldRowsExcluded = false;
    for (ModelTest test : ModelTest.declaredIn(model)) {
      if (!test.excludes()) {
        continue;
      }
      String predicate =
          lastOldRowid < 0
              ? test.excludedRowsPredicate()
              : test.excludedRowsPredicate(lastOldRowid);
      String project = hasProjectColumn(model.name()) ? "cast(t.project_id as varchar)" : "null";
      String firstColumn = firstColumn(model.name());
      String origin = model.path() + ": Exclude: " + test.describe();
      // The rows are chosen once, so the record and the deletion agree even where the kept copy
      // ties.
      execute(
          "create or replace temp table excluding as select t.rowid as rid from "
              + model.name()
              + " t where "
              + predicate,
          origin);
      execute(
          "insert into "
              + EXCLUDED_ROWS
              + " select '"
              + quote(model.path())
              + "', '"
              + quote(test.describe())
              + "', '"
              + test.kind()
              + "', cast(t.\""
              + firstColumn
              + "\" as varchar), "
              + test.offendingValueSql()
              + ", "
              + project
              + ", '"
              + quote(test.reason())
              + "' from "
              + model.name()
              + " t where t.rowid in (select rid from excluding)",
          origin);
      if (lastOldRowid >= 0) {
        oldRowsExcluded |=
            !query("select 1 from excluding where rid <= " + lastOldRowid + " limit 1").isEmpty();
        // An old row taken out is a change too: its keys are changed keys.
        execute(
            "insert into refresh_delta_"
                + model.name()
                + " select "
                + deltaColumns(model.name())
                + " from "
                + model.name()
                + " where rowid in (select rid from excluding where rid <= "
                + lastOldRowid
                + ")",
            origin);
      }
      execute(
          "delete from " + model.name() + " where rowid in (select rid from excluding)", origin);
      execute("drop table excluding", origin);
      testsRun++;
    }
    return oldRowsExcluded;
  }

  /**
   * Rows taken out of models by their {@code -- Exclude:} declarations (0 when the data broke no
   * invariant).
   */
  public long excludedRows() {
    return count(EXCLUDED_ROWS);
  }

  /**
   * Runs every test the models declare; any failure fails the build, naming each failing test's
   * model and some of its rows.
   */
  private void runModelTests(List<Model> models) {
    long start = System.nanoTime();
    try {
      runModelTestsTimed(models);
    } finally {
      testSeconds += (System.nanoTime() - start) / 1e9;
    }
  }

  private void runModelTestsTimed(List<Model> models) {
    List<TestRun> runs = new ArrayList<>();
    for (Model model : models) {
      Long lastOldRowid = newRowsAfter.get(model.name());
      for (ModelTest test : ModelTest.declaredIn(model)) {
        if (test.excludes()) {
          continue; // applied when the model was built
        }
        String key = computedForKey.get(model.name());
        String failing =
            lastOldRowid == null
                ? test.failingRowsSql()
                : key != null && test.uniqueOver(key)
                    ? test.duplicatesAmongRowsAfter(lastOldRowid)
                    : test.failingRowsSql(
                        lastOldRowid, refreshChanged.contains(test.relationshipTarget()));
        runs.add(new TestRun(model, test, failing));
      }
    }
    long[] counts = failingRowCounts(runs);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      testsRun++;
      if (counts[i] > 0) {
        TestRun run = runs.get(i);
        failures.add(
            run.model().path()
                + ": "
                + run.test().describe()
                + " fails for "
                + counts[i]
                + " row(s), e.g. "
                + testQuery(run, "select * from (" + run.failing() + ") limit 3"));
      }
    }
    if (!failures.isEmpty()) {
      throw new WarehouseBuildException(
          "model tests failed:\n  " + String.join("\n  ", failures), null);
    }
  }

  /** A model test to run: its query returning the failing rows. */
  private record TestRun(Model model, ModelTest test, String failing) {}

  /** A query of a test's rows; one that cannot run fails the build naming the test. */
  private List<Map<String, Object>> testQuery(TestRun run, String sql) {
    try {
      return query(sql);
    } catch (IllegalStateException e) {
      throw new WarehouseBuildException(
          run.model().path() + ": test " + run.test().describe() + " cannot run: " + e.getMessage(),
          e);
    }
  }

  /**
   * How many rows fail each test, counted in one {@code union all} query: a refresh's 185 tests
   * took 1.0 s as separate statements (at least 1.5-3 ms each however little they read); in a
   * stand-in, one query took 0.2-0.5 of the time of separate ones
   * (bench/results/warehouse-file.md). When that query cannot run, the tests run one by one, so
   * that the one that cannot is named.
   */
  private long[] failingRowCounts(List<TestRun> runs) {
    long[] counts = new long[runs.size()];
    if (runs.isEmpty()) {
      return counts;
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      parts.add("select " + i + " as test, count(*) as n from (" + runs.get(i).failing() + ")");
    }
    List<Map<String, Object>> rows;
    try {
      rows = query(String.join("\nunion all\n", parts));
    } catch (IllegalStateException e) {
      for (int i = 0; i < runs.size(); i++) {
        TestRun run = runs.get(i);
        counts[i] =
            ((Number)
                    testQuery(run, "select count(*) as n from (" + run.failing() + ")")
                        .get(0)
                        .get("n"))
                .longValue();
      }
      return counts;
    }
    for (Map<String, Object> row : rows) {
      counts[((Number) row.get("test")).intValue()] = ((Number) row.get("n")).longValue();
    }
    return counts;
  }

  /**
   * Turns the scope into its project ids, checked against {@code reference/projects.csv}: an
   * unknown project or a region with no project is the user's error, named with what exists.
   */
  private void resolveScope() {
    if (scope.isAll()) {
      return;
    }
    Path file = lakeRoot.resolve("reference").resolve("projects.csv");
    if (!Files.isRegularFile(file)) {
      throw new WarehouseBuildException("reference file missing: " + file, null);
    }
    List<Map<String, Object>> known =
        query(
            "select project_id, service_office from read_csv('"
                + quote(file.toString())
                + "', header = true, all_varchar = true) order by project_id");
    if (scope.region() != null) {
      scopeProjects =
          known.stream()
              .filter(r -> scope.region().equals(r.get("service_office")))
              .map(r -> (String) r.get("project_id"))
              .toList();
      if (scopeProjects.isEmpty()) {
        throw new IllegalArgumentException(
            "region '"
                + scope.region()
                + "' has no project in "
                + file
                + " (service offices: "
                + String.join(
                    ", ",
                    known.stream()
                        .map(r -> String.valueOf(r.get("service_office")))
                        .distinct()
                        .toList())
                + ")");
      }
    } else {
      List<String> ids = known.stream().map(r -> (String) r.get("project_id")).toList();
      List<String> unknown = scope.projectIds().stream().filter(p -> !ids.contains(p)).toList();
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "unknown project "
                + String.join(", ", unknown)
                + ": not in "
                + file
                + " (projects: "
                + String.join(", ", ids)
                + ")");
      }
      scopeProjects = scope.projectIds();
    }
  }

  private boolean hasProjectColumn(String table) {
    return hasColumn(table, "project_id");
  }

  /** The scope asked for ({@link ProjectScope#ALL} for the whole company). */
  public ProjectScope scope() {
    return scope;
  }

  /** The project ids the warehouse holds, or {@code null} when it holds all projects. */
  public List<String> scopeProjects() {
    return scopeProjects;
  }

  /** The moment the lake is read as of ({@link AsOf#NOW} for all of it). */
  public AsOf asOf() {
    return asOf;
  }

  /** Seconds each model took to compute, in build order (its model tests not included). */
  public Map<String, Double> buildSeconds() {
    return Collections.unmodifiableMap(buildSeconds);
  }

  /** Seconds the model tests took (those of {@code -- Test:}; exclusions count in their models). */
  public double testSeconds() {
    return testSeconds;
  }

  /** How many model tests the build ran (all passed, or the build would have failed). */
  public int modelTestsRun() {
    return testsRun;
  }

  /**
   * The lake tables' Parquet files (with every declared column), or the declared empty table when
   * the lake has none yet.
   */
  private String resolveSources(String sql) {
    return resolveSources(sql, null);
  }

  /**
   * As {@link #resolveSources(String)}, reading of each lake table only the files {@code only}
   * lists for it (none when it lists none), or every file when {@code only} is null.
   */
  private String resolveSources(String sql, Map<String, List<Path>> only) {
    Matcher m = SOURCE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String table = m.group(1);
      List<Path> files =
          only == null
              ? LakeFiles.of(lakeRoot.resolve(table))
              : only.getOrDefault(table, List.of());
      // Files written before an optional column was added lack it: by name over the declared table,
      // every declared column is there (null where a file has none).
      String relation =
          files.isEmpty()
              ? EMPTY_SCHEMA + "." + table
              : "(select * from "
                  + EMPTY_SCHEMA
                  + "."
                  + table
                  + " union all by name select * from "
                  + LakeFiles.readParquet(files)
                  + ")";
      if (!asOf.isNow()) {
        relation = "(select * from " + relation + " where landed_at <= " + asOf.sqlLiteral() + ")";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(relation));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String resolveReferences(String sql) {
    Matcher m = REFERENCE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Path file = lakeRoot.resolve("reference").resolve(m.group(1));
      if (!asOf.isNow() && Files.isRegularFile(file)) {
        file = references.inForce(m.group(1), asOf.instant());
      }
      if (!Files.isRegularFile(file)) {
        throw new WarehouseBuildException("reference file missing: " + file, null);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(quote(file.toString())));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Checks every reference CSV file the models read before any is built. A row whose quote is never
   * closed but that has the right number of cells is read by DuckDB's sniffer as if the file had no
   * quotes (a project named {@code "新项目}); the CSV parser of the door finds it.
   */
  private void checkReferenceFiles(ModelCatalog catalog) {
    if (!asOf.isNow()) {
      return; // the versions in force then were read when they were current
    }
    Set<String> files = new TreeSet<>();
    for (Model model : catalog.models()) {
      Matcher m = REFERENCE.matcher(model.sql());
      while (m.find()) {
        files.add(m.group(1));
      }
    }
    for (String name : files) {
      Optional<String> problem =
          ReferenceCsvCheck.problem(lakeRoot.resolve("reference").resolve(name));
      if (problem.isPresent()) {
        throw new WarehouseBuildException(
            problem.get() + " (a reference file): correct it, then run the command again", null);
      }
    }
  }

  /**
   * When {@code model} failed on a row of a reference CSV file it reads that DuckDB cannot convert
   * (a number written "1,420"): the error in one line naming the file and line instead of DuckDB's
   * thirty. Files that are not valid CSV were refused before the build ({@link
   * #checkReferenceFiles}).
   */
  private Optional<WarehouseBuildException> brokenReferenceFile(
      Model model, WarehouseBuildException failure) {
    if (!REFERENCE.matcher(model.sql()).find()) {
      return Optional.empty();
    }
    return ReferenceCsvCheck.rowDuckDbRejected(failure)
        .map(
            problem ->
                new WarehouseBuildException(
                    problem
                        + " (a reference file, read by "
                        + model.path()
                        + "): correct it, then run the command again",
                    failure));
  }

  /**
   * Orders models so that each comes after the models its {@code -- Depends:} line names (see
   * {@link Model#dependsOn}). Fails, naming every model concerned, when a model has no such line,
   * names a model that does not exist or itself, or when models depend on each other in a cycle.
   */
  static List<Model> dependencyOrder(List<Model> models) {
    Map<String, Model> byName = new LinkedHashMap<>();
    models.forEach(m -> byName.put(m.name(), m));
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> depends = new LinkedHashMap<>();
    for (Model m : models) {
      Optional<List<String>> declared = m.dependsOn();
      if (declared.isEmpty()) {
        List<String> named = namedModels(m, byName.keySet());
        problems.add(
            m.path()
                + " has no '-- "
                + Model.DEPENDS
                + "' line in its header naming the models it reads"
                + " (its SQL names "
                + (named.isEmpty()
                    ? "no model: add '-- " + Model.DEPENDS + " none'"
                    : String.join(", ", named)
                        + ": add '-- "
                        + Model.DEPENDS
                        + " "
                        + String.join(", ", named)
                        + "'")
                + ")");
        continue;
      }
      for (String other : declared.get()) {
        if (other.equals(m.name())) {
          problems.add(m.path() + " names itself on its " + Model.DEPENDS + " line");
        } else if (!byName.containsKey(other)) {
          problems.add(
              m.path()
                  + " depends on "
                  + other
                  + ", which is not a model (models/{staging,marts,metrics}/"
                  + other
                  + ".sql)");
        }
      }
      depends.put(m.name(), declared.get());
    }
    if (!problems.isEmpty()) {
      throw new WarehouseBuildException(String.join("\n", problems), null);
    }
    Set<String> done = new LinkedHashSet<>();
    for (Model m : models) {
      visit(m, byName, depends, done, new LinkedHashSet<>());
    }
    return done.stream().map(byName::get).toList();
  }

  private static void visit(
      Model model,
      Map<String, Model> byName,
      Map<String, List<String>> depends,
      Set<String> done,
      Set<String> path) {
    if (done.contains(model.name())) {
      return;
    }
    if (!path.add(model.name())) {
      List<String> cycle = new ArrayList<>(path);
      cycle = cycle.subList(cycle.indexOf(model.name()), cycle.size());
      throw new WarehouseBuildException(
          "models depend on each other in a cycle (their "
              + Model.DEPENDS
              + " lines): "
              + String.join(" -> ", cycle)
              + " -> "
              + model.name(),
          null);
    }
    for (String other : depends.get(model.name())) {
      visit(byName.get(other), byName, depends, done, path);
    }
    path.remove(model.name());
    done.add(model.name());
  }

  /**
   * The other models whose names a model's SQL (and its {@code Exclude:} lines) holds as words: a
   * suggestion for a model without a {@code -- Depends:} line, never the build order.
   */
  static List<String> namedModels(Model model, Set<String> modelNames) {
    String body =
        model.body()
            + model
                .header()
                .lines()
                .filter(l -> l.startsWith("Exclude:"))
                .reduce("", (x, y) -> x + "\n" + y);
    return modelNames.stream()
        .filter(
            other ->
                !other.equals(model.name())
                    && Pattern.compile("\\b" + other + "\\b").matcher(body).find())
        .toList();
  }

  /**
   * Checks each model's {@code -- Depends:} line against the tables its SQL reads, as DuckDB's
   * parser sees them ({@code json_serialize_sql}; the {@code Exclude:} conditions, which run right
   * after the model, included): a model that reads another model it does not name, or names one it
   * does not read, fails the build before any model is built, each such model named.
   */
  private void checkDeclaredReads(List<Model> models) {
    Set<String> modelNames = new LinkedHashSet<>();
    models.forEach(m -> modelNames.add(m.name()));
    List<String> problems = new ArrayList<>();
    for (Model model : models) {
      List<String> declared = model.dependsOn().orElseThrow();
      Set<String> reads = new LinkedHashSet<>();
      List<String> statements = new ArrayList<>();
      statements.add(placeholdersForParsing(model.sql()));
      for (ModelTest exclusion : ModelTest.declaredIn(model)) {
        if (exclusion.excludes()) {
          statements.add(
              "select * from " + model.name() + " t where " + exclusion.excludedRowsPredicate());
        }
      }
      boolean parsed = true;
      for (String statement : statements) {
        Set<String> tables = tablesRead(statement);
        if (tables == null) {
          parsed = false; // not a statement DuckDB serialises: the build itself says what is wrong
          break;
        }
        reads.addAll(tables);
      }
      if (!parsed) {
        continue;
      }
      reads.retainAll(modelNames);
      reads.remove(model.name());
      List<String> undeclared = reads.stream().filter(r -> !declared.contains(r)).toList();
      List<String> unread = declared.stream().filter(d -> !reads.contains(d)).toList();
      if (!undeclared.isEmpty()) {
        problems.add(
            model.path()
                + " reads "
                + String.join(", ", undeclared)
                + " but its "
                + Model.DEPENDS
                + " line does not name "
                + (undeclared.size() == 1 ? "it" : "them"));
      }
      if (!unread.isEmpty()) {
        problems.add(
            model.path()
                + " names "
                + String.join(", ", unread)
                + " on its "
                + Model.DEPENDS
                + " line but does not read "
                + (unread.size() == 1 ? "it" : "them"));
      }
    }
    if (!problems.isEmpty()) {
      throw new WarehouseBuildException(String.join("\n", problems), null);
    }
  }

  private static final Pattern TABLE_REF =
      Pattern.compile("\"schema_name\":\"([^\"]*)\",\"table_name\":\"([^\"]*)\"");
  private static final Pattern CTE_NAME =
      Pattern.compile("\"key\":\"([^\"]*)\",\"value\":\\{\"aliases\"");

  /**
   * The unqualified table names a SELECT statement reads (common table expressions left out), as
   * DuckDB parses it; {@code null} when DuckDB does not serialise the statement.
   */
  private Set<String> tablesRead(String select) {
    String json;
    try (PreparedStatement ps =
        connection.prepareStatement("select json_serialize_sql(?::varchar)")) {
      ps.setString(1, select);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        json = rs.getString(1);
      }
    } catch (SQLException e) {
      return null;
    }
    if (json == null || json.startsWith("{\"error\":true")) {
      return null;
    }
    Set<String> ctes = new LinkedHashSet<>();
    Matcher c = CTE_NAME.matcher(json);
    while (c.find()) {
      ctes.add(c.group(1));
    }
    Set<String> tables = new LinkedHashSet<>();
    Matcher t = TABLE_REF.matcher(json);
    while (t.find()) {
      if ((t.group(1).isEmpty() || t.group(1).equals("main")) && !ctes.contains(t.group(2))) {
        tables.add(t.group(2));
      }
    }
    return tables;
  }

  /** The model's SQL with its lake and reference placeholders made parseable without the lake. */
  private static String placeholdersForParsing(String sql) {
    String sources = SOURCE.matcher(sql).replaceAll(m -> EMPTY_SCHEMA + "." + m.group(1));
    return REFERENCE.matcher(sources).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
  }

  private void execute(String sql, String origin) {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new WarehouseBuildException(origin + ": " + e.getMessage(), e);
    }
  }

  private static String quote(String text) {
    return text.replace("'", "''");
  }

  /** Models built, in the order they were built. */
  public List<Model> models() {
    return List.copyOf(built);
  }

  public Connection connection() {
    return connection;
  }

  /** Runs a query with positional parameters; each row as column name to value, in column order. */
  public List<Map<String, Object>> query(String sql, Object... params) {
    swap.readLock().lock();
    try {
      return queryNow(sql, params);
    } finally {
      swap.readLock().unlock();
    }
  }

  private List<Map<String, Object>> queryNow(String sql, Object... params) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.put(meta.getColumnLabel(c), rs.getObject(c));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + e.getMessage() + "\n" + sql, e);
    }
  }

  /**
   * Confines this connection for SQL typed by a person ({@code qualityloop query}): files can be
   * read only inside the lake (its Parquet), nothing can be written or attached anywhere, no
   * extension installed, and the settings cannot be changed back (DuckDB's {@code
   * enable_external_access}, {@code allowed_directories}, {@code lock_configuration}).
   */
  public void confineToLake() {
    swap.writeLock().lock();
    try (Statement s = connection.createStatement()) {
      s.execute(
          "set allowed_directories = ['"
              + quote(lakeRoot.toAbsolutePath().normalize() + "/")
              + "']");
      s.execute("set enable_external_access = false");
      s.execute("set lock_configuration = true");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot confine the warehouse connection: " + e.getMessage(), e);
    } finally {
      swap.writeLock().unlock();
    }
  }

  /**
   * Whether {@code sql} only reads: every statement a SELECT (also FROM-first, VALUES, DESCRIBE,
   * SHOW, SUMMARIZE), as DuckDB's own parser sees it ({@code json_serialize_sql} serialises SELECT
   * statements only). COPY, EXPORT, ATTACH, SET, PRAGMA, CREATE and the like are not.
   */
  public boolean readsOnly(String sql) {
    Object error =
        query(
                "select coalesce(json_extract(json_serialize_sql(cast(? as varchar)),"
                    + " '$.error')::boolean, true) as e",
                sql)
            .get(0)
            .get("e");
    return Boolean.FALSE.equals(error);
  }

  /** Rows in a view or table. */
  public long count(String relation) {
    Object n = query("select count(*) as n from " + relation).get(0).get("n");
    return ((Number) n).longValue();
  }

  @Override
  public void close() {
    swap.writeLock().lock();
    try {
      closeQuietly(connection);
    } finally {
      swap.writeLock().unlock();
    }
  }
}
