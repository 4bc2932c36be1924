import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * A DuckDB 1.x client outside QualityLoop (run by WarehouseFileForOtherToolsTest with only
 * duckdb_jdbc 1.x on its class path, in a JVM of its own): opens the warehouse file read-only and
 * prints what it reads, then runs lake.sql in memory and counts a lake table through its view.
 * Usage: java -cp duckdb_jdbc-1.x.jar ReadWarehouseFile.java WAREHOUSE_FILE LAKE_SQL
 */
public class ReadWarehouseFile {
  public static void main(String[] args) throws Exception {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], readOnly); Statement s = c.createStatement()) {
      print(s, "version", "select version()");
      print(s, "satisfaction_index", "select satisfaction_index from satisfaction_quarterly where scope = 'company' and quarter = '2026Q3'");
      print(s, "wilson_low", "select round(wilson_low(8, 10, 1.96), 4)");
      try {
        s.execute("create table written_by_a_reader as select 1");
        System.out.println("write=allowed");
      } catch (java.sql.SQLException e) {
        System.out.println("write=refused");
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute(Files.readString(Path.of(args[1])));
      print(s, "lake_surveys", "select count(*) from callback_surveys");
    }
  }

  private static void print(Statement s, String name, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      System.out.println(name + "=" + rs.getString(1));
    }
  }
}
