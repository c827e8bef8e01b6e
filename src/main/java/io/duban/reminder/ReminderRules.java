package io.duban.reminder;

import io.duban.config.YamlNode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reminder rules of {@code reminders.yaml}: when before, on and after a deadline units are
 * reminded, when overdue units are escalated, the monthly 通报, the send time and quiet hours.
 */
public record ReminderRules(
    LocalTime sendTime,
    Duration jitter,
    LocalTime quietFrom,
    LocalTime quietTo,
    List<Integer> beforeDeadline,
    boolean onDeadline,
    boolean overdueDaily,
    int escalateAfter,
    boolean bulletin,
    int bulletinAfter,
    int calendarWarningFromMonth) {

  private static final Pattern MINUTES = Pattern.compile("(\\d+)\\s*(m|min|s)");

  /** The defaults when there is no reminders.yaml. */
  public static ReminderRules defaults() {
    return new ReminderRules(
        LocalTime.of(9, 20),
        Duration.ofMinutes(8),
        LocalTime.of(21, 0),
        LocalTime.of(8, 0),
        List.of(3, 1),
        true,
        true,
        2,
        true,
        1,
        11);
  }

  public static ReminderRules parse(YamlNode root) {
    ReminderRules d = defaults();
    if (root.isMissing()) {
      return d;
    }
    root.allowOnly(
        "send-time",
        "jitter",
        "quiet-hours",
        "before-deadline",
        "on-deadline",
        "overdue",
        "bulletin",
        "calendar-warning-from-month");
    LocalTime send =
        root.optString("send-time").map(v -> time(root.get("send-time"), v)).orElse(d.sendTime());
    Duration jitter =
        root.optString("jitter").map(v -> minutes(root.get("jitter"), v)).orElse(d.jitter());
    if (jitter.toMinutes() > 29) {
      throw root.get("jitter").error("随机推迟最多 29 分钟");
    }
    YamlNode quiet = root.get("quiet-hours").allowOnly("from", "to");
    LocalTime from =
        quiet.optString("from").map(v -> time(quiet.get("from"), v)).orElse(d.quietFrom());
    LocalTime to = quiet.optString("to").map(v -> time(quiet.get("to"), v)).orElse(d.quietTo());
    List<Integer> before = new ArrayList<>();
    if (root.has("before-deadline")) {
      for (YamlNode n : root.list("before-deadline")) {
        int days;
        try {
          days = Integer.parseInt(n.text());
        } catch (NumberFormatException e) {
          throw n.error("应为工作日天数（整数）");
        }
        if (days < 1 || days > 20 || before.contains(days)) {
          throw n.error("截止前的工作日天数应在 1 到 20 之间且不重复");
        }
        before.add(days);
      }
    } else {
      before.addAll(d.beforeDeadline());
    }
    YamlNode overdue = root.get("overdue").allowOnly("daily", "escalate-after");
    int escalate = overdue.integer("escalate-after", d.escalateAfter());
    if (escalate < 0 || escalate > 20) {
      throw overdue.get("escalate-after").error("应在 0 到 20 之间（0 表示不升级）");
    }
    YamlNode bulletin = root.get("bulletin").allowOnly("enabled", "workdays-after-deadline");
    int bulletinAfter = bulletin.integer("workdays-after-deadline", d.bulletinAfter());
    if (bulletinAfter < 0 || bulletinAfter > 20) {
      throw bulletin.get("workdays-after-deadline").error("应在 0 到 20 之间");
    }
    int warnFrom = root.integer("calendar-warning-from-month", d.calendarWarningFromMonth());
    if (warnFrom < 1 || warnFrom > 12) {
      throw root.get("calendar-warning-from-month").error("应为 1 到 12 月");
    }
    return new ReminderRules(
        send,
        jitter,
        from,
        to,
        List.copyOf(before),
        root.bool("on-deadline", d.onDeadline()),
        overdue.bool("daily", d.overdueDaily()),
        escalate,
        bulletin.bool("enabled", d.bulletin()),
        bulletinAfter,
        warnFrom);
  }

  /** Whether a wall-clock time of day lies in the quiet hours (which may span midnight). */
  public boolean quiet(LocalTime t) {
    if (quietFrom.equals(quietTo)) {
      return false;
    }
    return quietFrom.isBefore(quietTo)
        ? !t.isBefore(quietFrom) && t.isBefore(quietTo)
        : !t.isBefore(quietFrom) || t.isBefore(quietTo);
  }

  private static LocalTime time(YamlNode node, String raw) {
    try {
      return LocalTime.parse(raw.length() == 4 ? "0" + raw : raw);
    } catch (DateTimeParseException e) {
      throw node.error("时间应写成 HH:MM，实际是“" + raw + "”");
    }
  }

  private static Duration minutes(YamlNode node, String raw) {
    Matcher m = MINUTES.matcher(raw.trim());
    if (!m.matches()) {
      throw node.error("应写成 8m 这样的分钟数");
    }
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
  }
}
