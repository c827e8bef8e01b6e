package io.duban.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.config.ConfigFileException;
import io.duban.config.YamlNode;
import io.duban.time.PlanClock;
import io.duban.time.Zones;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Send times: jittered per chat and day, never on :00 or :30, moved out of the quiet hours. */
class SendTimesTest {
  static final ReminderRules RULES = ReminderRules.defaults();

  static PlanClock clock(Duration offset) {
    PlanClock c = new PlanClock(Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), Zones.SHANGHAI));
    c.setOffset(offset);
    return c;
  }

  @Test
  void oneChatOneMomentNeverOnTheHourOrHalfHour() {
    PlanClock c = clock(Duration.ZERO);
    for (int i = 0; i < 400; i++) {
      LocalDate day = LocalDate.of(2026, 1, 1).plusDays(i);
      Instant a = SendTimes.moment(day, "bot/chat-" + (i % 7), RULES, c);
      assertThat(SendTimes.moment(day, "bot/chat-" + (i % 7), RULES, c)).isEqualTo(a);
      ZonedDateTime t = a.atZone(Zones.SHANGHAI);
      assertThat(t.getMinute() == 0 || t.getMinute() == 30).isFalse();
      assertThat(t.toLocalTime()).isBetween(LocalTime.of(9, 21), LocalTime.of(9, 30));
    }
  }

  @Test
  void quietHoursFollowTheWallClock() {
    // a demo plan clock 7 hours ahead of the wall: 09:20 on the plan is 02:20 in real time
    PlanClock c = clock(Duration.ofHours(7));
    Instant at = SendTimes.moment(LocalDate.of(2026, 11, 29), "bot", RULES, c);
    ZonedDateTime wall = at.atZone(Zones.SHANGHAI);
    assertThat(wall.toLocalTime()).isBetween(LocalTime.of(8, 0), LocalTime.of(8, 2));
    assertThat(RULES.quiet(LocalTime.of(23, 0))).isTrue();
    assertThat(RULES.quiet(LocalTime.of(7, 59))).isTrue();
    assertThat(RULES.quiet(LocalTime.of(8, 0))).isFalse();
    assertThat(RULES.quiet(LocalTime.of(20, 59))).isFalse();
  }

  @Test
  void theRulesFileIsCheckedFieldByField() {
    ReminderRules r =
        ReminderRules.parse(
            YamlNode.parse(
                new StringReader("send-time: \"08:45\"\nbefore-deadline: [5, 2]\n"),
                "reminders.yaml"));
    assertThat(r.sendTime()).isEqualTo(LocalTime.of(8, 45));
    assertThat(r.beforeDeadline()).containsExactly(5, 2);
    assertThatThrownBy(
            () ->
                ReminderRules.parse(
                    YamlNode.parse(new StringReader("send-time: 25:99\n"), "reminders.yaml")))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageStartingWith("reminders.yaml:1:12 send-time: 时间应写成 HH:MM");
    assertThatThrownBy(
            () ->
                ReminderRules.parse(
                    YamlNode.parse(
                        new StringReader("before-deadline: [3, 3]\n"), "reminders.yaml")))
        .hasMessageContaining("before-deadline[1]");
    assertThatThrownBy(
            () ->
                ReminderRules.parse(
                    YamlNode.parse(new StringReader("sendtime: \"09:00\"\n"), "reminders.yaml")))
        .hasMessageContaining("未知字段“sendtime”");
  }
}
