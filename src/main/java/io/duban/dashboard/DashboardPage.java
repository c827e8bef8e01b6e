package io.duban.dashboard;

import io.duban.time.Zones;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Everything the dashboard template shows, already formatted (the template only lays it out). */
public record DashboardPage(
    String title,
    String region,
    String date,
    String phase,
    boolean running,
    String schedule,
    String scheduleLeft,
    String completion,
    String completionWidth,
    List<Count> counts,
    String categoryChart,
    Filters filters,
    List<ProjectCard> projects,
    int shownTargets,
    int totalTargets,
    List<RecentRow> recent,
    String periodLabel,
    String deadline,
    List<UnreportedRow> unreported,
    History history,
    boolean admin,
    List<MessageRow> messages,
    boolean canLogout,
    String csrf,
    List<ApprovalRow> approvals,
    List<AttemptRow> attempts,
    String notice) {

  /** A request waiting for an admin (admins only), with its buttons' targets. */
  public record ApprovalRow(long id, String kind, String what, String when, String expires) {
    /** When a request expires, as the panel shows it; empty for kinds that wait (审核). */
    static String expiry(Instant created, Instant expires, DateTimeFormatter f) {
      return expires.isAfter(created.plus(Duration.ofDays(365)))
          ? ""
          : expires.atZone(Zones.SHANGHAI).format(f);
    }
  }

  /** A recent 绑定 attempt, accepted or refused (admins only). */
  public record AttemptRow(String when, String who, String mobile, String outcome) {}

  /** A status count. */
  public record Count(String label, int count, String css) {}

  /** A filter choice. */
  public record Option(String value, String label, boolean selected) {}

  /** The filter form. */
  public record Filters(
      List<Option> categories,
      List<Option> units,
      List<Option> statuses,
      String q,
      boolean active) {}

  /** A 工程 with its targets' bars. */
  public record ProjectCard(String name, String category, String leads, List<TargetBar> targets) {}

  /** One target's progress bar, coloured by status, with the 序时进度 marker. */
  public record TargetBar(
      String code,
      String name,
      String owners,
      String css,
      String statusLabel,
      String width,
      String scheduleLeft,
      String figure,
      String percent,
      String kind,
      String note) {}

  /** A recent report. */
  public record RecentRow(
      String when, String unit, String target, String what, String reporter, String flags) {}

  /** A unit that has not reported this period. */
  public record UnreportedRow(String unit, int pending, String targets, String flags) {}

  /** One target's history: the chart, the reports and the audit trail. */
  public record History(
      String code,
      String name,
      String project,
      String chart,
      List<HistoryRow> rows,
      List<AuditRow> audit) {}

  /**
   * A report in a target's history, with its 佐证材料: links (pictures shown as thumbnails) for a
   * viewer whose session can fetch them, else how many there are.
   */
  public record HistoryRow(
      String date,
      String unit,
      String what,
      String reporter,
      String platform,
      String flags,
      List<FileLink> files,
      String filesNote) {}

  /** One attachment of a report: where to get it, what to call it, whether to show it inline. */
  public record FileLink(String href, String name, boolean image) {}

  /** An audit entry. */
  public record AuditRow(String when, String actor, String action, String detail) {}

  /** An outbound message (admins only). */
  public record MessageRow(
      long id,
      String bot,
      String kind,
      String status,
      int attempts,
      String text,
      String error,
      String when) {}
}
