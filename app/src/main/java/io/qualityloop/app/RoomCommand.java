package io.qualityloop.app;

import io.qualityloop.events.privacy.RoomPseudonyms;
import io.qualityloop.jobs.PseudonymKeys;
import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.reports.web.AccessLog;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop room check --project P01 --building 3 --unit 2 --room 1201 [--pseudonym
 * rm_...]}: the only way back from a room pseudonym to a flat. The lake keeps the room as a keyed
 * pseudonym; a quality manager who has to visit a household (the revisit due list shows building,
 * unit and the pseudonym) asks the operator, who holds the key, whether a candidate room is that
 * one, or which of several candidates (the rooms of the unit) it is. Every check is an access-log
 * line (operating-system user, role operator, project/building/unit, pseudonym, how many
 * candidates, the outcome), never the room itself.
 */
@Command(
    name = "room",
    mixinStandardHelpOptions = true,
    description =
        "Check candidate rooms against a room pseudonym of the lake, with the pseudonym key"
            + " (logged).")
final class RoomCommand implements Callable<Integer> {
  @ParentCommand private QualityLoopCommand parent;

  @Parameters(index = "0", description = "What to do: check.")
  private String what;

  @Option(names = "--project", required = true, description = "Project id.")
  private String project;

  @Option(names = "--building", description = "Building (楼栋) as recorded.")
  private String building;

  @Option(names = "--unit", description = "Unit (单元) as recorded.")
  private String unit;

  @Option(
      names = "--room",
      required = true,
      split = ",",
      description = "Candidate room(s) (房号), comma-separated.")
  private List<String> rooms;

  @Option(
      names = "--pseudonym",
      description =
          "The room pseudonym (rm_...) to check the candidates against; without it, "
              + "the pseudonym of each candidate is printed.")
  private String pseudonym;

  @Override
  public Integer call() {
    if (!"check".equals(what)) {
      return parent.usageError(
          "unknown room action '" + what + "': the room command checks (room check).");
    }
    if (pseudonym != null && !pseudonym.matches("rm_[0-9a-f]{16,64}")) {
      return parent.usageError(
          "--pseudonym must be a room pseudonym such as rm_0123456789abcdef0123456789abcdef, not '"
              + pseudonym
              + "'");
    }
    QualityLoopConfig config = parent.config();
    RoomPseudonyms key = new RoomPseudonyms(PseudonymKeys.pseudonymizer(config));
    String where =
        project + "/" + (building == null ? "" : building) + "/" + (unit == null ? "" : unit);
    String outcome;
    if (pseudonym == null) {
      for (String room : rooms) {
        parent.out().println(room + "\t" + key.of(project, building, unit, room));
      }
      outcome = "derived";
    } else {
      String match =
          rooms.stream()
              .filter(r -> key.matches(pseudonym, project, building, unit, r))
              .findFirst()
              .orElse(null);
      parent
          .out()
          .println(
              match != null
                  ? pseudonym + " is room " + match + " of " + where
                  : pseudonym + " is none of the " + rooms.size() + " candidate rooms of " + where);
      outcome = match != null ? "matched" : "no_match";
    }
    new AccessLog(config.accessLog(), Clock.system(config.zone()))
        .record(
            System.getProperty("user.name"),
            "operator",
            "room_check",
            where
                + (pseudonym != null ? " pseudonym=" + pseudonym : "")
                + " candidates="
                + rooms.size()
                + " outcome="
                + outcome);
    return 0;
  }
}
