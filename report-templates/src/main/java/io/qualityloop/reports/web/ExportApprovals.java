package io.qualityloop.reports.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualityloop.events.privacy.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approval before retrieval (先审批后调取, 000 §6.2, 001 §6.1): a complaint-level export from the
 * drill-down is a request; another user with the approver permission whose scope covers the
 * request's projects approves or rejects it; only an approval writes the file (owner-only, in
 * {@code dir}), which the requester may download until {@code downloadWithin} after the approval,
 * when it is deleted. Request, decision, refusal and download each write an access-log line.
 *
 * <p>The requests are kept in {@code dir/requests.json} (owner-only), rewritten after each change,
 * so a restart of the server keeps the pending requests and the approved files still to download. A
 * request rejected or expired more than {@link #KEPT_AFTER_DECISION} ago is dropped from it (the
 * access log keeps every step); a file in {@code dir} that no approved request holds is deleted
 * when the server starts.
 */
public final class ExportApprovals {
  /** What became of a request. */
  public enum Status {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED
  }

  /**
   * An export asked for: the view and its parameters, run with the requester's scope once approved.
   */
  public static final class Request {
    private final String id;
    private final User requester;
    private final String view;
    private final Map<String, String> parameters;
    private final List<String> projects;
    private final Instant requestedAt;
    private volatile Status status = Status.PENDING;
    private volatile String decidedBy;
    private volatile Instant decidedAt;
    private volatile Path file;

    Request(
        String id,
        User requester,
        String view,
        Map<String, String> parameters,
        List<String> projects,
        Instant requestedAt) {
      this.id = id;
      this.requester = requester;
      this.view = view;
      this.parameters = Map.copyOf(parameters);
      this.projects = projects == null ? null : List.copyOf(projects);
      this.requestedAt = requestedAt;
    }

    public String id() {
      return id;
    }

    public User requester() {
      return requester;
    }

    public String view() {
      return view;
    }

    /** The export's parameters (view, drill path, filters) as the requester gave them. */
    public Map<String, String> parameters() {
      return parameters;
    }

    /** The projects whose records the export holds (null: every project). */
    public List<String> projects() {
      return projects;
    }

    public Status status() {
      return status;
    }
  }

  /**
   * A request that may not be made, decided or downloaded: the HTTP status and the label of the
   * message.
   */
  public static final class Refused extends RuntimeException {
    private final int status;

    Refused(int status, String label) {
      super(label, null, false, false);
      this.status = status;
    }

    public int status() {
      return status;
    }

    /** The web label of the message ({@code export.refused.*}). */
    public String label() {
      return getMessage();
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(ExportApprovals.class);

  /** The file of the requests as they stand, in {@code dir}. */
  static final String LEDGER = "requests.json";

  /** How long a rejected or expired request stays listed. */
  static final Duration KEPT_AFTER_DECISION = Duration.ofDays(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Request> requests = new ConcurrentHashMap<>();
  private final Path dir;
  private final Duration downloadWithin;
  private final Clock clock;
  private final AccessLog accessLog;
  private final Predicate<User> current;
  private final SecureRandom random = new SecureRandom();

  /**
   * The requests kept in {@code dir}; {@code current} tells whether a requester, as they asked, is
   * still a user with the same role, scope and approval ({@link Users#stillHolds}): a request whose
   * requester changed or left is neither decided nor downloaded.
   */
  public ExportApprovals(
      Path dir,
      Duration downloadWithin,
      Clock clock,
      AccessLog accessLog,
      Predicate<User> current) {
    this.dir = dir;
    this.downloadWithin = downloadWithin;
    this.clock = clock;
    this.accessLog = accessLog;
    this.current = current;
    boolean changed = load();
    deleteLeftovers();
    for (Request r : requests.values()) {
      changed |= expire(r);
    }
    if (changed) {
      save();
    }
  }

  /**
   * A request for an export of {@code view} with {@code parameters}, holding {@code projects}
   * (null: all).
   */
  public Request request(
      User requester, String view, Map<String, String> parameters, List<String> projects) {
    if (!requester.role().seesComplaints()) {
      throw new Refused(403, "export.refused.role");
    }
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Request r = new Request(id, requester, view, parameters, projects, clock.instant());
    accessLog.record(
        requester,
        "export_requested",
        id + " " + view + " " + describe(parameters) + " projects=" + scope(projects));
    requests.put(id, r);
    save();
    return r;
  }

  /**
   * Approves ({@code approve}) or rejects a pending request; an approval writes the file with
   * {@code render} (the export run with the requester's scope). Refused: a user without the
   * approver permission (403), the requester themself (403), an approver whose scope does not cover
   * the request's projects (403), an unknown request (404), one decided already (409).
   */
  public Request decide(
      User approver, String id, boolean approve, Function<Request, byte[]> render) {
    Request r = known(id);
    String refusal = null;
    int status = 403;
    if (!approver.approver()) {
      refusal = "export.refused.not-approver";
    } else if (approver.name().equals(r.requester.name())) {
      refusal = "export.refused.own";
    } else if (!covers(approver.projects(), r.projects)) {
      refusal = "export.refused.scope";
    } else if (r.status != Status.PENDING) {
      refusal = "export.refused.decided";
      status = 409;
    } else if (!current.test(r.requester)) {
      refusal = "export.refused.requester-changed";
      status = 409;
    }
    if (refusal != null) {
      accessLog.record(
          approver,
          "export_decision_refused",
          id + " " + refusal.substring(refusal.lastIndexOf('.') + 1));
      throw new Refused(status, refusal);
    }
    synchronized (r) {
      if (r.status != Status.PENDING) {
        throw new Refused(409, "export.refused.decided");
      }
      if (approve) {
        r.file = write(id, render.apply(r));
      }
      r.decidedBy = approver.name();
      r.decidedAt = clock.instant();
      r.status = approve ? Status.APPROVED : Status.REJECTED;
    }
    accessLog.record(
        approver,
        approve ? "export_approved" : "export_rejected",
        id + " requested by " + r.requester.name());
    save();
    return r;
  }

  /**
   * The approved file, for its requester only, until {@code downloadWithin} after the approval.
   * Refused: another user (403), a request not approved yet or rejected (409), past the time limit
   * (410; the file is deleted).
   */
  public byte[] download(User user, String id) {
    Request r = known(id);
    if (!user.name().equals(r.requester.name())) {
      accessLog.record(user, "export_download_refused", id + " not the requester");
      throw new Refused(403, "export.refused.not-requester");
    }
    if (expire(r)) {
      save();
    }
    if (r.status == Status.EXPIRED) {
      throw new Refused(410, "export.refused.expired");
    }
    if (!current.test(r.requester)) {
      accessLog.record(user, "export_download_refused", id + " requester changed");
      throw new Refused(409, "export.refused.requester-changed");
    }
    if (r.status != Status.APPROVED) {
      accessLog.record(user, "export_download_refused", id + " " + r.status.name().toLowerCase());
      throw new Refused(409, "export.refused.not-approved");
    }
    try {
      byte[] csv = Files.readAllBytes(r.file);
      accessLog.record(
          user, "export_downloaded", id + " " + r.view + " approved by " + r.decidedBy);
      return csv;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the approved export " + r.file, e);
    }
  }

  /**
   * The user's own requests, and for an approver the others' requests in their scope, newest first.
   */
  public List<Map<String, Object>> visibleTo(User user) {
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean expired = false;
    for (Request r : requests.values()) {
      expired |= expire(r);
    }
    if (expired) {
      save();
    }
    requests.values().stream()
        .sorted(Comparator.comparing((Request r) -> r.requestedAt).reversed())
        .forEach(
            r -> {
              boolean mine = r.requester.name().equals(user.name());
              if (mine || (user.approver() && covers(user.projects(), r.projects))) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", r.id);
                row.put("view", r.view);
                row.put("requester", r.requester.name());
                row.put("projects", scope(r.projects));
                row.put("requested_at", r.requestedAt.toString());
                row.put("status", r.status.name());
                row.put("decided_by", r.decidedBy);
                row.put(
                    "download_until",
                    r.status == Status.APPROVED
                        ? r.decidedAt.plus(downloadWithin).toString()
                        : null);
                row.put("mine", mine);
                row.put("may_decide", !mine && user.approver() && r.status == Status.PENDING);
                rows.add(row);
              }
            });
    return rows;
  }

  public Optional<Request> find(String id) {
    return Optional.ofNullable(id == null ? null : requests.get(id));
  }

  private Request known(String id) {
    return find(id).orElseThrow(() -> new Refused(404, "export.refused.unknown"));
  }

  /**
   * Past the time limit: the file is deleted and the request expired; returns whether it expired
   * now (the caller saves).
   */
  private boolean expire(Request r) {
    boolean expired = false;
    synchronized (r) {
      if (r.status == Status.APPROVED
          && !clock.instant().isBefore(r.decidedAt.plus(downloadWithin))) {
        r.status = Status.EXPIRED;
        expired = true;
        try {
          Files.deleteIfExists(r.file);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete the expired export " + r.file, e);
        }
        accessLog.record(r.requester, "export_expired", r.id);
      }
    }
    return expired;
  }

  /**
   * Writes the requests to {@link #LEDGER} (owner-only, replaced atomically), without those
   * rejected or expired more than {@link #KEPT_AFTER_DECISION} ago.
   */
  private synchronized void save() {
    Instant dropBefore = clock.instant().minus(KEPT_AFTER_DECISION);
    requests
        .values()
        .removeIf(
            r ->
                (r.status == Status.REJECTED || r.status == Status.EXPIRED)
                    && r.decidedAt != null
                    && r.decidedAt.isBefore(dropBefore));
    List<Map<String, Object>> rows = new ArrayList<>();
    requests.values().stream()
        .sorted(Comparator.comparing((Request r) -> r.requestedAt))
        .forEach(
            r -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("id", r.id);
              row.put("requester", r.requester.name());
              row.put("requester_role", r.requester.role().name());
              row.put("requester_projects", r.requester.projects());
              row.put("requester_approver", r.requester.approver());
              row.put("view", r.view);
              row.put("parameters", new TreeMap<>(r.parameters));
              row.put("projects", r.projects);
              row.put("requested_at", r.requestedAt.toString());
              row.put("status", r.status.name());
              row.put("decided_by", r.decidedBy);
              row.put("decided_at", r.decidedAt == null ? null : r.decidedAt.toString());
              rows.add(row);
            });
    try {
      OwnerOnly.createDirectories(dir);
      Path tmp = OwnerOnly.ensureFile(dir.resolve(LEDGER + ".tmp"));
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), rows);
      Files.move(
          tmp,
          dir.resolve(LEDGER),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export requests " + dir.resolve(LEDGER), e);
    }
  }

  /**
   * Reads the requests a former server left in {@link #LEDGER}. An approved request whose file is
   * gone is expired. Returns whether the requests differ from the file's (to be saved).
   */
  private boolean load() {
    Path ledger = dir.resolve(LEDGER);
    if (!Files.isRegularFile(ledger)) {
      return false;
    }
    List<Map<String, Object>> rows;
    try {
      rows = JSON.readValue(ledger.toFile(), new TypeReference<List<Map<String, Object>>>() {});
    } catch (IOException e) {
      // A file that no longer parses (edited by hand) must not stop the drill-down: it is kept
      // aside, and its requests are asked for again.
      Path aside = dir.resolve(LEDGER + ".unreadable-" + clock.millis());
      LOG.warn(
          "cannot read the export requests {}: {}; moved to {}", ledger, e.getMessage(), aside);
      try {
        Files.move(ledger, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moving) {
        throw new UncheckedIOException("cannot move " + ledger + " aside", moving);
      }
      return false;
    }
    boolean changed = false;
    for (Map<String, Object> row : rows) {
      try {
        Request r = request(row);
        requests.put(r.id, r);
        changed |= r.status == Status.EXPIRED && !Status.EXPIRED.name().equals(row.get("status"));
      } catch (RuntimeException e) {
        LOG.warn("skipping an export request of {} that cannot be read: {}", ledger, e.toString());
        changed = true; // saved without it
      }
    }
    return changed;
  }

  /** One request of the ledger; an approved one whose file is gone is expired. */
  private Request request(Map<String, Object> row) {
    User requester =
        new User(
            (String) Objects.requireNonNull(row.get("requester"), "requester"),
            Role.valueOf((String) row.get("requester_role")),
            strings(row.get("requester_projects")),
            Boolean.TRUE.equals(row.get("requester_approver")));
    @SuppressWarnings("unchecked")
    Map<String, String> parameters = (Map<String, String>) row.get("parameters");
    String id = (String) Objects.requireNonNull(row.get("id"), "id");
    Request r =
        new Request(
            id,
            requester,
            (String) Objects.requireNonNull(row.get("view"), "view"),
            parameters == null ? Map.of() : parameters,
            strings(row.get("projects")),
            Instant.parse((String) row.get("requested_at")));
    r.status = Status.valueOf((String) row.get("status"));
    r.decidedBy = (String) row.get("decided_by");
    r.decidedAt =
        row.get("decided_at") == null ? null : Instant.parse((String) row.get("decided_at"));
    if (r.status != Status.PENDING && r.decidedAt == null) {
      throw new IllegalArgumentException(
          "request " + id + " is " + r.status + " with no decided_at");
    }
    if (r.status == Status.APPROVED) {
      r.file = dir.resolve(id + ".csv");
      if (!Files.isRegularFile(r.file)) {
        r.status = Status.EXPIRED;
        accessLog.record(r.requester, "export_expired", id + " file gone");
      }
    }
    return r;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object value) {
    return value == null ? null : List.copyOf((List<String>) value);
  }

  /**
   * An approver's scope covers a request's when it is every project, or holds each of the request's
   * projects.
   */
  static boolean covers(List<String> approverProjects, List<String> requestProjects) {
    if (approverProjects == null) {
      return true;
    }
    return requestProjects != null && approverProjects.containsAll(requestProjects);
  }

  private Path write(String id, byte[] csv) {
    try {
      Path file = dir.resolve(id + ".csv");
      OwnerOnly.ensureFile(file);
      Files.write(file, csv);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the approved export in " + dir, e);
    }
  }

  /** Deletes the files in {@code dir} that no approved request holds. */
  private void deleteLeftovers() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.csv")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        Request r = requests.get(name.substring(0, name.length() - ".csv".length()));
        if (r == null || r.status != Status.APPROVED) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the exports folder " + dir, e);
    }
  }

  private static String scope(List<String> projects) {
    return projects == null ? "all" : String.join(",", projects);
  }

  private static String describe(Map<String, String> parameters) {
    StringBuilder b = new StringBuilder();
    parameters.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .filter(e -> !e.getKey().equals("view") && !e.getValue().isBlank())
        .forEach(
            e ->
                b.append(b.length() == 0 ? "" : "&")
                    .append(e.getKey())
                    .append('=')
                    .append(e.getValue()));
    return b.length() == 0 ? "-" : b.toString();
  }
}
