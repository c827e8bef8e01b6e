package io.duban.reminder;

import io.duban.time.PlanClock;
import io.duban.time.Zones;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

/**
 * When a day's reminders go out: the daily send time on the plan clock plus a jitter that is the
 * same for one chat on one day (so messages to one group arrive together and are merged) and never
 * lands exactly on :00 or :30 (Feishu throttles those peaks); moved out of the quiet hours, which
 * follow the wall clock because people sleep in real time.
 */
public final class SendTimes {
  private SendTimes() {}

  public static Instant moment(
      LocalDate day, String chatKey, ReminderRules rules, PlanClock clock) {
    long jitterSeconds = Math.max(rules.jitter().getSeconds(), 60);
    long h = Integer.toUnsignedLong((day.toString() + "|" + chatKey).hashCode());
    long offset = 60 + h % jitterSeconds; // at least one minute after the send time
    LocalDateTime planTime = day.atTime(rules.sendTime()).plusSeconds(offset);
    if (planTime.getSecond() == 0) {
      planTime = planTime.plusSeconds(7);
    }
    if (planTime.getMinute() == 0 || planTime.getMinute() == 30) {
      planTime = planTime.plusMinutes(1);
    }
    Instant wall = clock.toWall(planTime);
    return outOfQuietHours(wall, rules);
  }

  /** The same instant, or the end of the quiet hours when it falls inside them (wall clock). */
  public static Instant outOfQuietHours(Instant wall, ReminderRules rules) {
    ZonedDateTime local = wall.atZone(Zones.SHANGHAI);
    if (!rules.quiet(local.toLocalTime())) {
      return wall;
    }
    ZonedDateTime end = local.toLocalDate().atTime(rules.quietTo()).atZone(Zones.SHANGHAI);
    if (!end.isAfter(local)) {
      end = end.plusDays(1);
    }
    return end.plusSeconds(Math.abs(local.getSecond() - 30) + 17).toInstant();
  }
}
