package io.duban.reminder;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.support.MutableClock;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A unit's daily reminder names every period it owes (plan clock 2018-06-20, nothing reported since
 * the plan began): May overdue and June's deadline with the workdays left, 今天截止 on June's deadline
 * day, each target under the oldest period it owes; one reminder a unit a day, phone-sized.
 */
@QuarkusTest
class ReminderDueTest {
  @Inject TestData data;
  @Inject MutableClock wall;

  @BeforeEach
  void setUp() {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
  }

  @AfterEach
  void tearDown() {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
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

  static String unitText(JsonPath plan, String unit) {
    List<Map<String, Object>> items = plan.getList("reminders");
    List<String> texts =
        items.stream()
            .filter(i -> unit.equals(i.get("unit")) && !"ESCALATION".equals(i.get("kind")))
            .map(i -> (String) i.get("text"))
            .toList();
    assertThat(texts).as("one reminder for " + unit).hasSize(1);
    return texts.get(0);
  }

  @Test
  void whileMayIsOverdueTheReminderAlsoNamesJunesDeadline() {
    Map<String, String> left = Map.of("2018-06-20", "3", "2018-06-21", "2", "2018-06-22", "1");
    Map<String, String> late = Map.of("2018-06-20", "17", "2018-06-21", "18", "2018-06-22", "19");
    for (String day : List.of("2018-06-20", "2018-06-21", "2018-06-22")) {
      String text = unitText(preview(day), "人社局");
      assertThat(text)
          .as(day)
          .startsWith("【督办提醒】人社局：2018年5月 数据已于 5月25日（周五）截止，已逾期 " + late.get(day) + " 个工作日；")
          .contains("2018年6月 数据 6月25日（周一）截止，还有 " + left.get(day) + " 个工作日。请尽快报送。")
          .contains("2018年5月起未报 6 项：")
          .contains("· 新增就业岗位 累计 0 / 48,000 个");
    }
  }

  @Test
  void onTheDeadlineDayTheReminderSaysTodayAndStillNamesTheOverdueMonth() {
    String text = unitText(preview("2018-06-25"), "总工会");
    assertThat(text)
        .contains("2018年5月 数据已于 5月25日（周五）截止，已逾期 20 个工作日")
        .contains("2018年6月 数据 6月25日（周一）今天截止");
    // 人社局 reported one target in May (plan clock 05-21): it owes that one for June only
    wall.set(MutableClock.START.minus(Duration.ofDays(30)));
    assertThat(say("dt-rsj-01", "上报 新增就业岗位 2万")).startsWith("已记录");
    wall.set(MutableClock.START);
    JsonPath june = preview("2018-06-25");
    assertThat(unitText(june, "人社局"))
        .contains("2018年5月 数据已于")
        .contains("2018年5月起未报 5 项：")
        .contains("2018年6月 未报 1 项：\n· 新增就业岗位");
  }

  @Test
  void everyUnitGetsOnePhoneSizedReminderADay() {
    for (String day : List.of("2018-06-20", "2018-06-25", "2018-07-20")) {
      JsonPath plan = preview(day);
      List<Map<String, Object>> items = plan.getList("reminders");
      List<Object> units =
          items.stream()
              .filter(i -> !"ESCALATION".equals(i.get("kind")) && i.get("unit") != null)
              .map(i -> i.get("unit"))
              .toList();
      assertThat(units).as(day).hasSize(25).doesNotHaveDuplicates();
      for (Map<String, Object> i : items) {
        String text = (String) i.get("text");
        if (!"BULLETIN".equals(i.get("kind"))) {
          assertThat(text.length()).as(text).isLessThanOrEqualTo(500);
          assertThat(text.split("\n", -1).length).as(text).isLessThanOrEqualTo(12);
        }
      }
    }
  }

  @Test
  void aTargetReportedOnBehalfInJuneIsNotListedUnderJuneInJuly() {
    assertThat(say("dt-admin-01", "代报 市场监管局 食品安全评价性检测 3600")).contains("代 市场监管局 上报");
    String text = unitText(preview("2018-07-20"), "市场监管局");
    assertThat(text)
        .contains("2018年6月 数据已于 6月25日（周一）截止，已逾期 19 个工作日")
        .contains("2018年7月 数据 7月25日（周三）截止，还有 3 个工作日");
    int june = text.indexOf("2018年6月起未报 1 项：");
    int july = text.indexOf("2018年7月 未报 1 项：");
    assertThat(june).isPositive();
    assertThat(july).isGreaterThan(june);
    assertThat(text.substring(june, july)).contains("加大食品安全抽检力度").doesNotContain("食品安全评价性检测");
    assertThat(text.substring(july)).contains("· 食品安全评价性检测 累计 3,600 / 7,200 批次");
  }
}
