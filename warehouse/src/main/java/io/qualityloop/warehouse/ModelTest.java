package io.qualityloop.warehouse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test declared in a model's header, beside its SQL: {@code -- Test: unique(event_id)}. Each kind
 * compiles to a query returning the offending rows; an empty result passes.
 *
 * <ul>
 *   <li>{@code not_null(a, b)}: no row has a null in any of the columns;
 *   <li>{@code unique(a, b)}: no two rows share the combination (rows with a null in it are not
 *       compared);
 *   <li>{@code accepted_values(col: v1, v2)}: the column holds only these values (or null);
 *   <li>{@code relationship(col -> other.col)}: every non-null value exists in the other model;
 *   <li>{@code same_rows(other)}: as many rows as another model or a query (a fact against the
 *       staging rows it is built from);
 *   <li>{@code check(condition)}: every row satisfies the SQL condition.
 * </ul>
 *
 * <p>{@code -- Test:} guards our own SQL: a failure stops the build. {@code -- Exclude:} guards an
 * invariant that the data (a re-sent step, a code or rule the company removed) can break: right
 * after the model is computed, and before any model reads it, the offending rows are taken out of
 * it and recorded in the table {@code excluded_rows} (model, test, the row's key, the offending
 * value, its project, the reason), so every other figure is still produced and the reports say what
 * was left out and why. Exclusions are row-level kinds only (not {@code same_rows}); an excluding
 * {@code unique} names the copy it keeps: {@code -- Exclude: unique(alert_id) keep landed_at desc,
 * alert_at desc} keeps the first row in that order (latest landed wins) and excludes the others.
 */
public record ModelTest(Model model, String kind, String argument, boolean excludes, String keep) {
  private static final Pattern DECLARATION =
      Pattern.compile("^(Test|Exclude):\\s*([a-z_]+)\\((.*)\\)\\s*$");
  private static final Pattern KEEP = Pattern.compile("^(.*\\))\\s+keep\\s+(.+)$");

  public ModelTest(Model model, String kind, String argument) {
    this(model, kind, argument, false, null);
  }

  /**
   * The tests and exclusions declared in {@code model}'s header; a malformed declaration fails the
   * build naming the file.
   */
  static List<ModelTest> declaredIn(Model model) {
    List<ModelTest> tests = new ArrayList<>();
    for (String line : model.header().split("\n")) {
      if (!line.startsWith("Test:") && !line.startsWith("Exclude:")) {
        continue;
      }
      String keep = null;
      String declaration = line;
      Matcher k = KEEP.matcher(line);
      if (line.startsWith("Exclude:") && k.matches()) {
        declaration = k.group(1);
        keep = k.group(2).strip();
      }
      Matcher m = DECLARATION.matcher(declaration);
      if (!m.matches()) {
        throw new WarehouseBuildException(
            model.path() + ": cannot read the test declaration '" + line + "'", null);
      }
      ModelTest test =
          new ModelTest(model, m.group(2), m.group(3).strip(), m.group(1).equals("Exclude"), keep);
      test.failingRowsSql(); // validates the kind and its argument now
      if (test.excludes()) {
        test.excludedRowsPredicate();
      }
      tests.add(test);
    }
    return tests;
  }

  /**
   * For an exclusion: a condition on a row of the model (alias {@code t}, with its {@code rowid})
   * that holds for the rows to take out.
   */
  String excludedRowsPredicate() {
    String m = model.name();
    return switch (kind) {
      case "not_null" ->
          "("
              + String.join(" or ", columns().stream().map(c -> "t." + c + " is null").toList())
              + ")";
      case "unique" -> {
        require(
            keep != null,
            "unique(columns) keep <order>, e.g. keep landed_at desc (the first row in that order is"
                + " kept)");
        yield "t.rowid in (select rid from (select rowid as rid, row_number() over (partition by "
            + argument
            + " order by "
            + keep
            + ") as copy from "
            + m
            + " where "
            + String.join(" and ", columns().stream().map(c -> c + " is not null").toList())
            + ") where copy > 1)";
      }
      case "accepted_values", "relationship", "check" ->
          "t.rowid in (select t.rowid "
              + failingRowsSql()
                  .replaceFirst("^select \\* ", "")
                  .replaceFirst("^from " + m + " where ", "from " + m + " t where ")
              + ")";
      default ->
          throw new WarehouseBuildException(
              model.path()
                  + ": Exclude: "
                  + describe()
                  + " is not row-level (not_null, unique, accepted_values, relationship, check)",
              null);
    };
  }

  /**
   * As {@link #excludedRowsPredicate()}, for a refresh that appended rows to the model: only rows
   * with a {@code rowid} above {@code lastOldRowid} are new. A row-level condition is checked on
   * the new rows only (the others passed it against the same reference data); a {@code unique} is
   * checked within the keys the new rows have, old rows among them (a newer copy of a kept row
   * excludes it).
   */
  String excludedRowsPredicate(long lastOldRowid) {
    if (kind.equals("not_null")) {
      return "(t.rowid > " + lastOldRowid + " and " + excludedRowsPredicate() + ")";
    }
    if (!kind.equals("unique")) {
      // The new rows are chosen inside the look-up, which then reads them only.
      return "t.rowid in (select t.rowid "
          + failingRowsSql(lastOldRowid, false)
              .replaceFirst("^select \\* ", "")
              .replaceFirst(
                  "^from " + model.name() + " where ", "from " + model.name() + " t where ")
          + ")";
    }
    return "t.rowid in (select rid from (select rowid as rid, row_number() over (partition by "
        + argument
        + " order by "
        + keep
        + ") as copy from "
        + rowsWithKeysOfRowsAfter(lastOldRowid)
        + ") where copy > 1)";
  }

  /**
   * The model's rows (alias {@code k}) whose key, the test's columns, a row after {@code
   * lastOldRowid} has: a FROM clause.
   */
  private String rowsWithKeysOfRowsAfter(long lastOldRowid) {
    return model.name()
        + " k where exists (select 1 from "
        + model.name()
        + " n where n.rowid > "
        + lastOldRowid
        + " and "
        + String.join(" and ", columns().stream().map(c -> "n." + c + " = k." + c).toList())
        + ")";
  }

  /** For an exclusion: SQL giving each excluded row's offending value (alias {@code t}). */
  String offendingValueSql() {
    return switch (kind) {
      case "unique" ->
          "concat_ws('/', "
              + String.join(
                  ", ", columns().stream().map(c -> "cast(t." + c + " as varchar)").toList())
              + ")";
      case "relationship" -> "cast(t." + argument.split("->", 2)[0].strip() + " as varchar)";
      case "accepted_values" -> "cast(t." + argument.split(":", 2)[0].strip() + " as varchar)";
      default -> "null";
    };
  }

  /**
   * For an exclusion: why a row was taken out, for a person (English; reports label by {@link
   * #kind}).
   */
  String reason() {
    return switch (kind) {
      case "unique" ->
          "another row with the same " + argument + " is kept (the first by " + keep + ")";
      case "relationship" -> {
        String[] parts = argument.split("->", 2);
        yield parts[0].strip() + " is not in " + parts[1].strip();
      }
      case "not_null" -> "null in " + argument;
      case "accepted_values" -> "not one of " + argument;
      default -> "fails " + argument;
    };
  }

  /**
   * As {@link #failingRowsSql()}, for a model a refresh added rows to after row id {@code
   * lastOldRowid} (the others passed before): a row-level test checks the new rows, a {@code
   * unique} the keys they have, old rows among them; {@code same_rows} counts the whole model. A
   * {@code relationship} to a model that changed checks every row: {@code targetChanged}.
   */
  String failingRowsSql(long lastOldRowid, boolean targetChanged) {
    String m = model.name();
    String all = failingRowsSql();
    return switch (kind) {
      case "not_null", "accepted_values", "check" ->
          all.replaceFirst(
                  "^select \\* from " + m + " where ",
                  "select * from " + m + " where rowid > " + lastOldRowid + " and (")
              + ")";
      case "relationship" ->
          targetChanged
              ? all
              : all.replaceFirst(
                      "^select \\* from " + m + " t where ",
                      "select * from " + m + " t where t.rowid > " + lastOldRowid + " and (")
                  + ")";
      case "unique" ->
          "select "
              + argument
              + ", count(*) as copies from "
              + rowsWithKeysOfRowsAfter(lastOldRowid)
              + " group by "
              + argument
              + " having count(*) > 1";
      default -> all;
    };
  }

  /** Whether this is a {@code unique} test whose columns include {@code column}. */
  boolean uniqueOver(String column) {
    return kind.equals("unique") && columns().contains(column);
  }

  /**
   * For a {@code unique} test over the key a refresh computed the model again for: the duplicates
   * among the rows after {@code lastOldRowid}. Every old row with a key of the new rows was deleted
   * before they were inserted, so an old row cannot be a copy of a new one, and the old rows were
   * unique among themselves.
   */
  String duplicatesAmongRowsAfter(long lastOldRowid) {
    return duplicates("rowid > " + lastOldRowid + " and ");
  }

  /**
   * The keys of a {@code unique} test that more than one row of the model has, among the rows
   * meeting {@code condition} (empty, or ending in {@code and}); rows with a null key are not
   * compared (as in SQL's UNIQUE), not_null is its own test.
   */
  private String duplicates(String condition) {
    return "select "
        + argument
        + ", count(*) as copies from "
        + model.name()
        + " where "
        + condition
        + String.join(" and ", columns().stream().map(c -> c + " is not null").toList())
        + " group by "
        + argument
        + " having count(*) > 1";
  }

  /** For a {@code relationship}: the model it points to; null for other kinds. */
  String relationshipTarget() {
    return kind.equals("relationship")
        ? argument.split("->", 2)[1].strip().split("\\.", 2)[0]
        : null;
  }

  /** A query returning the rows that fail the test. */
  String failingRowsSql() {
    String m = model.name();
    return switch (kind) {
      case "not_null" ->
          "select * from "
              + m
              + " where "
              + String.join(" or ", columns().stream().map(c -> c + " is null").toList());
      case "unique" -> duplicates("");
      case "accepted_values" -> {
        String[] parts = argument.split(":", 2);
        require(parts.length == 2, "accepted_values(column: value, value)");
        String values =
            String.join(
                ", ",
                Arrays.stream(parts[1].split(","))
                    .map(v -> "'" + v.strip().replace("'", "''") + "'")
                    .toList());
        yield "select * from "
            + m
            + " where "
            + parts[0].strip()
            + " is not null and cast("
            + parts[0].strip()
            + " as varchar) not in ("
            + values
            + ")";
      }
      case "relationship" -> {
        String[] parts = argument.split("->", 2);
        require(
            parts.length == 2 && parts[1].contains("."), "relationship(column -> model.column)");
        String column = parts[0].strip();
        String[] target = parts[1].strip().split("\\.", 2);
        yield "select * from "
            + m
            + " t where t."
            + column
            + " is not null and not exists (select 1 from "
            + target[0]
            + " r where r."
            + target[1]
            + " = t."
            + column
            + ")";
      }
      case "same_rows" ->
          "select * from (select (select count(*) from "
              + m
              + ") as model_rows, (select count(*) from "
              + (argument.matches("[A-Za-z_][A-Za-z0-9_]*") ? argument : "(" + argument + ")")
              + ") as other_rows) where model_rows <> other_rows";
      case "check" -> "select * from " + m + " where not coalesce((" + argument + "), false)";
      default ->
          throw new WarehouseBuildException(
              model.path()
                  + ": unknown test '"
                  + kind
                  + "' (not_null, unique, accepted_values, relationship, same_rows, check)",
              null);
    };
  }

  private List<String> columns() {
    return Arrays.stream(argument.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private void require(boolean ok, String form) {
    if (!ok) {
      throw new WarehouseBuildException(
          model.path() + ": test " + describe() + " must read " + form, null);
    }
  }

  public String describe() {
    return kind + "(" + argument + ")" + (keep == null ? "" : " keep " + keep);
  }
}
