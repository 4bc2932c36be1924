package io.qualityloop.warehouse;

/**
 * How the warehouse keeps its models.
 *
 * <ul>
 *   <li>{@link #TABLES}: each model is computed once, in dependency order, into a table (from the
 *       tables before it): a snapshot of the lake as the build read it. Model tests and report
 *       queries then read small tables instead of re-running every model above them over the
 *       Parquet files. What batch commands (reports, metrics, exports, the demo) use.
 *   <li>{@link #VIEWS}: each model is a view, so every query re-reads the lake as it is now. What a
 *       long-running reader that must see new data without a rebuild (the drill-down server) uses;
 *       each query pays for the whole chain of models above it.
 * </ul>
 */
public enum Materialization {
  TABLES,
  VIEWS
}
