package io.duban.reminder;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.audit.AuditEvent;
import io.duban.boot.ConfigLoader;
import io.duban.calendar.CalendarService;
import io.duban.calendar.ReportingPeriod;
import io.duban.config.ConfigFileException;
import io.duban.plan.Plan;
import io.duban.support.MutableClock;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code tracking-from: 2018-06}: May and the months before it are never owed (no reminder, no
 * escalation, no 通报, not overdue); June is. Without it, the plan loaded after its first deadline
 * (the test start-up: plan clock 2018-06-20) is noticed once, not again on later loads.
 */
@QuarkusTest
class ReminderTrackingFromTest {
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject ConfigLoader loader;
  @Inject CalendarService calendars;

  @BeforeEach
  void setUp() {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
  }

  @AfterEach
  void tearDown() {
    data.reloadRealConfig();
    data.resetReports();
    data.resetOutbox();
  }

  static Path configWith(String line) throws Exception {
    Path dir = TestData.copyConfig(Path.of("bot-config"));
    Path plan = dir.resolve("plan.yaml");
    String text = Files.readString(plan, StandardCharsets.UTF_8);
    Files.writeString(
        plan,
        text.replaceFirst("\nunits:\n", "\n" + line + "\n\nunits:\n"),
        StandardCharsets.UTF_8);
    return dir;
  }

  ConfigLoader.Summary load(Path dir) {
    return QuarkusTransaction.requiringNew().call(() -> loader.loadFrom(dir, n -> null));
  }

  static JsonPath preview(String date) {
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .get("/api/reminders/preview?date=" + date)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void fromJuneMayIsNeverOwed() throws Exception {
    load(configWith("tracking-from: 2018-06"));
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Plan plan = Plan.findActive();
              assertThat(plan.trackingFrom).isEqualTo(LocalDate.of(2018, 6, 1));
              ReportingPeriod may = calendars.planPeriodFor(plan, LocalDate.of(2018, 5, 20));
              ReportingPeriod june = calendars.planPeriodFor(plan, LocalDate.of(2018, 6, 20));
              assertThat(CalendarService.tracked(plan, may)).as("May, for 未报 too").isFalse();
              assertThat(CalendarService.tracked(plan, june)).isTrue();
            });
    JsonPath day = preview("2018-06-20");
    List<Map<String, Object>> items = day.getList("reminders");
    assertThat(items).hasSize(25);
    for (Map<String, Object> i : items) {
      assertThat((String) i.get("text")).doesNotContain("5月").doesNotContain("逾期");
      assertThat(i.get("period")).isEqualTo("2018-06");
      assertThat(i.get("rule")).isEqualTo("before-3");
    }
    assertThat(ReminderDueTest.unitText(day, "人社局"))
        .as("a plain single-period reminder")
        .startsWith("【督办提醒】人社局：2018年6月 数据 6月25日（周一）截止，还有 3 个工作日。\n未报 6 项：");
    // May itself: no reminder before or after its deadline, no escalation, no 通报
    for (String may :
        List.of("2018-05-22", "2018-05-25", "2018-05-28", "2018-05-29", "2018-05-31")) {
      assertThat(preview(may).getList("reminders")).as(may).isEmpty();
    }
    // June is tracked: overdue and escalated after its deadline, and its 通报 goes out
    assertThat(preview("2018-06-26").getList("reminders.kind")).contains("OVERDUE", "BULLETIN");
    JsonPath escalation = preview("2018-06-27");
    assertThat(escalation.getList("reminders.kind")).contains("ESCALATION");
    assertThat(escalation.getList("reminders.text").toString()).doesNotContain("5月");
  }

  @Test
  void aBadTrackingFromStopsTheLoadWithOneLineNamingTheField() throws Exception {
    for (String bad : List.of("tracking-from: 2018-6", "tracking-from: 2019-01")) {
      Path dir = configWith(bad);
      assertThatThrownBy(() -> load(dir))
          .isInstanceOf(ConfigFileException.class)
          .hasMessageMatching("\\S+/plan\\.yaml:\\d+:\\d+ tracking-from: .*");
    }
    QuarkusTransaction.requiringNew()
        .run(() -> assertThat(Plan.findActive().trackingFrom).as("nothing applied").isNull());
  }

  @Test
  void aPlanLoadedAfterItsFirstDeadlineWithoutTheOptionIsNoticedOnce() {
    // the test start-up loaded bot-config/plan.yaml for the first time on plan day 2018-06-20
    for (int i = 0; i < 2; i++) {
      ConfigLoader.Summary again = load(Path.of("bot-config"));
      assertThat(again.warnings()).noneMatch(w -> w.contains("tracking-from"));
    }
    List<AuditEvent> notices =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    AuditEvent.<AuditEvent>list(
                        "action = ?1 and subject = ?2", "plan.tracking-from.missing", "计划 2018"));
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).detail)
        .contains("bot-config/plan.yaml")
        .contains("tracking-from")
        .doesNotContain("token");
  }
}
