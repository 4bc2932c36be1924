package io.qualityloop.warehouse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test declared in a model's header, beside its SQL: {@code -- Test: unique(event_id)}. Each
 * kind compiles to a query returning the offending rows; an empty result passes.
 *
 * <ul>
 *   <li>{@code not_null(a, b)}: no row has a null in any of the columns;
 *   <li>{@code unique(a, b)}: no two rows share the combination (rows with a null in it are not compared);
 *   <li>{@code accepted_values(col: v1, v2)}: the column holds only these values (or null);
 *   <li>{@code relationship(col -> other.col)}: every non-null value exists in the other model;
 *   <li>{@code same_rows(other)}: as many rows as another model or a query (a fact against the staging rows it is built from);
 *   <li>{@code check(condition)}: every row satisfies the SQL condition.
 * </ul>
 */
public record ModelTest(Model model, String kind, String argument) {
  private static final Pattern DECLARATION = Pattern.compile("^Test:\\s*([a-z_]+)\\((.*)\\)\\s*$");

  /** The tests declared in {@code model}'s header; a malformed declaration fails the build naming the file. */
  static List<ModelTest> declaredIn(Model model) {
    List<ModelTest> tests = new ArrayList<>();
    for (String line : model.header().split("\n")) {
      if (!line.startsWith("Test:")) {
        continue;
      }
      Matcher m = DECLARATION.matcher(line);
      if (!m.matches()) {
        throw new WarehouseBuildException(model.path() + ": cannot read the test declaration '" + line + "'", null);
      }
      ModelTest test = new ModelTest(model, m.group(1), m.group(2).strip());
      test.failingRowsSql(); // validates the kind and its argument now
      tests.add(test);
    }
    return tests;
  }

  /** A query returning the rows that fail the test. */
  String failingRowsSql() {
    String m = model.name();
    return switch (kind) {
      case "not_null" -> "select * from " + m + " where " + String.join(" or ", columns().stream().map(c -> c + " is null").toList());
      // Rows with a null key are not compared (as in SQL's UNIQUE); not_null is its own test.
      case "unique" -> "select " + argument + ", count(*) as copies from " + m + " where "
          + String.join(" and ", columns().stream().map(c -> c + " is not null").toList()) + " group by " + argument + " having count(*) > 1";
      case "accepted_values" -> {
        String[] parts = argument.split(":", 2);
        require(parts.length == 2, "accepted_values(column: value, value)");
        String values = String.join(", ", Arrays.stream(parts[1].split(",")).map(v -> "'" + v.strip().replace("'", "''") + "'").toList());
        yield "select * from " + m + " where " + parts[0].strip() + " is not null and cast(" + parts[0].strip() + " as varchar) not in (" + values + ")";
      }
      case "relationship" -> {
        String[] parts = argument.split("->", 2);
        require(parts.length == 2 && parts[1].contains("."), "relationship(column -> model.column)");
        String column = parts[0].strip();
        String[] target = parts[1].strip().split("\\.", 2);
        yield "select * from " + m + " t where t." + column + " is not null and not exists (select 1 from " + target[0]
            + " r where r." + target[1] + " = t." + column + ")";
      }
      case "same_rows" -> "select * from (select (select count(*) from " + m + ") as model_rows, (select count(*) from "
          + (argument.matches("[A-Za-z_][A-Za-z0-9_]*") ? argument : "(" + argument + ")") + ") as other_rows) where model_rows <> other_rows";
      case "check" -> "select * from " + m + " where not coalesce((" + argument + "), false)";
      default -> throw new WarehouseBuildException(model.path() + ": unknown test '" + kind
          + "' (not_null, unique, accepted_values, relationship, same_rows, check)", null);
    };
  }

  private List<String> columns() {
    return Arrays.stream(argument.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private void require(boolean ok, String form) {
    if (!ok) {
      throw new WarehouseBuildException(model.path() + ": test " + describe() + " must read " + form, null);
    }
  }

  public String describe() {
    return kind + "(" + argument + ")";
  }
}
