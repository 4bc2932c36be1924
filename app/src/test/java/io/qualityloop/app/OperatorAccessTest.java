package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.qualityloop.warehouse.testutils.LakeFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as the operator's tool under the access rules (issue 20, items 1 and 5): {@code
 * query} reads nothing outside the lake and writes nothing, {@code export} leaves an access-log
 * line naming the operating-system user, {@code users add} refuses a scope that would widen by
 * mistake, and what they write is owner-only.
 */
class OperatorAccessTest {
  @TempDir static Path work;
  private static final byte[] KEY =
      "operator-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void lake() throws Exception {
    Files.createDirectories(work.resolve("secrets"));
    Files.writeString(
        work.resolve("secrets/pseudonym.key"), Base64.getEncoder().encodeToString(KEY) + "\n");
    new LakeFixture(work.resolve("lake"))
        .reference(List.of(LakeFixture.project("P01", 100), LakeFixture.project("P02", 100)))
        .table(
            "complaint_events",
            LakeFixture.row(
                "complaint_events",
                Map.of(
                    "event_id",
                    "'E1'",
                    "occurred_at",
                    "timestamp '2026-08-03 09:00:00'",
                    "complaint_id",
                    "'K1'",
                    "event_type",
                    "'RECEIVED'",
                    "project_id",
                    "'P01'",
                    "dt",
                    "date '2026-08-03'")));
  }

  @Test
  void queryReadsTheLakeButNoOtherFileAndRunsOnlySelects() throws Exception {
    assertThat(usersAdd("qm", "--role", "quality_manager")[0]).isEqualTo("0");
    String[] users =
        run("query", "select * from read_csv('" + work.resolve("config/users.properties") + "')");
    assertThat(users[0]).isEqualTo("1");
    assertThat(users[2])
        .contains("the query failed: ", "Permission Error")
        .doesNotContain("pbkdf2", "\tat ");
    assertThat(users[1]).doesNotContain("pbkdf2");
    String[] copy =
        run(
            "query",
            "copy (select * from stg_complaint_events) to '" + work.resolve("stolen.csv") + "'");
    assertThat(copy[0]).isEqualTo("2");
    assertThat(copy[2]).contains("SELECT statements only");
    String[] intoLake =
        run("query", "select 1; copy (select 1) to '" + work.resolve("lake/planted.csv") + "'");
    assertThat(intoLake[0]).isEqualTo("2");
    assertThat(work.resolve("stolen.csv")).doesNotExist();
    assertThat(work.resolve("lake/planted.csv")).doesNotExist();
    String[] lake =
        run(
            "query",
            "select count(*) as n from read_parquet('"
                + work.resolve("lake")
                + "/complaint_events/**/*.parquet')",
            "--format",
            "csv");
    assertThat(lake[0]).as(lake[1] + lake[2]).isEqualTo("0");
    assertThat(lake[1].replace("\r", "")).contains("n\n1\n");
    assertThat(mode(work.resolve("out/warehouse.duckdb"))).isEqualTo("rw-------");
    assertThat(mode(work.resolve("config/users.properties"))).isEqualTo("rw-------");
  }

  @Test
  void anExportIsWrittenToTheAccessLogWithTheOperatingSystemUser() throws Exception {
    String[] export = run("export", "complaints", "--quarter", "2026Q3", "--projects", "P01");
    assertThat(export[0]).as(export[1] + export[2]).isEqualTo("0");
    Path log = work.resolve("out/logs/access.log");
    assertThat(Files.readAllLines(log))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\t"
                            + System.getProperty("user.name")
                            + "\toperator\tcomplaint_export\t2026Q3 projects=P01 rows=1 file="));
    assertThat(mode(log)).isEqualTo("rw-------");
    assertThat(mode(work.resolve("out/exports/complaints-2026Q3.csv"))).isEqualTo("rw-------");
  }

  @Test
  void usersAddRefusesAnEmptyANewlineOrAnUnknownScopeInOneLine() throws Exception {
    for (String[] args :
        List.of(
            new String[] {"--projects", ""},
            new String[] {"--projects", "P01\nuser.x.projects="},
            new String[] {"--projects", "P01,P09"},
            new String[] {"--region", ""},
            new String[] {"--region", "华北服务中心"})) {
      String[] r = usersAdd("scoped", "--role", "quality_manager", args[0], args[1]);
      assertThat(r[0]).as(String.join(" ", args)).isEqualTo("2");
      assertThat(r[2]).startsWith("qualityloop: not added: ").doesNotContain("\tat ");
      assertThat(r[2].strip().lines()).hasSize(1);
    }
    assertThat(usersAdd("scoped", "--role", "quality_manager", "--projects", "P02")[0])
        .isEqualTo("0");
    assertThat(Files.readString(work.resolve("config/users.properties")))
        .contains("user.scoped.projects=P02\n");
  }

  @Test
  void aRoomPseudonymLeadsBackToAFlatOnlyThroughTheKeyAndEveryCheckIsLogged() throws Exception {
    // rm_ + HMAC(HMAC(key, "qualityloop derived key: room"), "P01|3|2|1201"), first 16 bytes,
    // worked out with the JDK alone
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    byte[] roomKey = mac.doFinal("qualityloop derived key: room".getBytes(StandardCharsets.UTF_8));
    mac.init(new SecretKeySpec(roomKey, "HmacSHA256"));
    String pseudonym =
        "rm_"
            + HexFormat.of()
                .formatHex(mac.doFinal("P01|3|2|1201".getBytes(StandardCharsets.UTF_8)), 0, 16);

    String[] derived =
        run(
            "room",
            "check",
            "--project",
            "P01",
            "--building",
            "3",
            "--unit",
            "2",
            "--room",
            "1201");
    assertThat(derived[0]).as(derived[2]).isEqualTo("0");
    assertThat(derived[1]).isEqualTo("1201\t" + pseudonym + "\n");
    String[] found =
        run(
            "room",
            "check",
            "--project",
            "P01",
            "--building",
            "3",
            "--unit",
            "2",
            "--room",
            "1101,1201,1301",
            "--pseudonym",
            pseudonym);
    assertThat(found[1].strip()).isEqualTo(pseudonym + " is room 1201 of P01/3/2");
    String[] none =
        run(
            "room",
            "check",
            "--project",
            "P01",
            "--building",
            "3",
            "--unit",
            "1",
            "--room",
            "1201",
            "--pseudonym",
            pseudonym);
    assertThat(none[1].strip())
        .isEqualTo(pseudonym + " is none of the 1 candidate rooms of P01/3/1");
    String[] bad =
        run("room", "check", "--project", "P01", "--room", "1201", "--pseudonym", "1201");
    assertThat(bad[0]).isEqualTo("2");
    assertThat(bad[2].strip().lines()).hasSize(1);

    List<String> checks =
        Files.readAllLines(work.resolve("out/logs/access.log")).stream()
            .filter(l -> l.contains("\troom_check\t"))
            .toList();
    assertThat(checks).hasSize(3);
    assertThat(checks.get(1))
        .contains(
            "\t"
                + System.getProperty("user.name")
                + "\toperator\troom_check\tP01/3/2 pseudonym="
                + pseudonym
                + " candidates=3 outcome=matched");
    assertThat(checks.get(2))
        .endsWith(
            "\troom_check\tP01/3/1 pseudonym=" + pseudonym + " candidates=1 outcome=no_match");
    assertThat(checks)
        .allSatisfy(
            l -> assertThat(l.substring(l.indexOf("\troom_check\t"))).doesNotContain("1201"));
  }

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private static synchronized String[] usersAdd(String... args) {
    InputStream stdin = System.in;
    System.setIn(new ByteArrayInputStream("a-long-password\n".getBytes(StandardCharsets.UTF_8)));
    try {
      String[] all = new String[args.length + 2];
      all[0] = "users";
      all[1] = "add";
      System.arraycopy(args, 0, all, 2, args.length);
      return run(all);
    } finally {
      System.setIn(stdin);
    }
  }

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] withWorkdir = new String[args.length + 2];
    withWorkdir[0] = "--workdir";
    withWorkdir[1] = work.toString();
    System.arraycopy(args, 0, withWorkdir, 2, args.length);
    int code =
        QualityLoopCommand.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            withWorkdir);
    return new String[] {
      String.valueOf(code),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }
}
