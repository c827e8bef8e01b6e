package io.duban.extension;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.plan.Unit;
import io.duban.support.MutableClock;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 说明 <目标> <原因> (plan clock 2018-06-20): a reporter of the owning unit explains a 慢序时 target; the
 * unit's reminder and the 通报 show it; before one is given they ask for it.
 */
@QuarkusTest
class ExplanationTest {
  static final String ASK = "请说明原因和措施（发送“说明 <目标> <原因>”）";

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
    wall.set(MutableClock.START);
    data.resetReports();
    data.resetOutbox();
  }

  static List<Map<String, Object>> reminders(String date) {
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .get("/api/reminders/preview?date=" + date)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("reminders");
  }

  static String text(String date, String kind, String unit) {
    return reminders(date).stream()
        .filter(i -> kind.equals(i.get("kind")) && (unit == null || unit.equals(i.get("unit"))))
        .map(i -> (String) i.get("text"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " for " + unit + " on " + date));
  }

  static String unitReminder(String date, String unit) {
    return reminders(date).stream()
        .filter(i -> unit.equals(i.get("unit")) && !"ESCALATION".equals(i.get("kind")))
        .map(i -> (String) i.get("text"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aSlowUnitIsAskedThenItsExplanationIsShown() {
    assertThat(say("dt-rsj-01", "上报 新增就业岗位 1万")).startsWith("已记录");
    String asked = unitReminder("2018-06-21", "人社局");
    assertThat(asked).contains("慢序时：").contains(ASK).doesNotContain("已说明");
    assertThat(asked.length()).isLessThanOrEqualTo(500);
    // a unit that has reported nothing is asked for its figures, not yet for a 说明 of its zeros
    assertThat(unitReminder("2018-06-21", "总工会")).contains("未报").doesNotContain(ASK);
    String bulletin = text("2018-06-26", "BULLETIN", null);
    assertThat(bulletin).contains("未说明的单位" + ASK).doesNotContain("情况说明：");

    assertThat(say("dt-rsj-01", "说明 新增就业岗位 受企业招工淡季影响7月起组织专场招聘会")).isEqualTo("已记录 新增就业岗位 的情况说明。");
    String shown = unitReminder("2018-06-21", "人社局");
    assertThat(shown).contains("\n已说明 新增就业岗位：受企业招工淡季影响7月起组织专场招聘会");
    assertThat(shown.length()).isLessThanOrEqualTo(500);
    assertThat(text("2018-06-26", "BULLETIN", null))
        .contains("情况说明：\n· 新增就业岗位（人社局：受企业招工淡季影响7月起组织专场招聘会）");

    // the chat 通报 after June's deadline
    wall.set(MutableClock.START.plus(Duration.ofDays(6)));
    assertThat(say("dt-leader-01", "通报")).contains("· 新增就业岗位（人社局：受企业招工淡季影响");
    // a later one replaces it; a long one is cut for the phone
    String longer = "原因" + "很长".repeat(100);
    assertThat(say("dt-rsj-01", "情况说明 新增就业岗位 " + longer)).startsWith("已记录");
    assertThat(say("dt-leader-01", "通报")).contains("（人社局：原因很长").contains("…）");
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> Explanation.count("unitId = ?1", Unit.findByName("人社局").id)))
        .isEqualTo(2);
  }

  @Test
  void onlyTheOwningUnitsReporterExplainsAndBadInputIsAnswered() {
    assertThat(say("dt-zgh-01", "说明 新增就业岗位 原因")).contains("不负责这个目标");
    assertThat(say("dt-leader-01", "说明 新增就业岗位 原因")).contains("由目标责任单位的填报人发送");
    assertThat(say("dt-admin-01", "说明 新增就业岗位 原因")).contains("由目标责任单位的填报人发送");
    assertThat(say("dt-rsj-01", "说明 新增就业岗位")).contains("请写明原因和措施");
    assertThat(say("dt-rsj-01", "说明")).contains("请写明目标和原因");
    assertThat(say("dt-rsj-01", "说明 没有这个目标啊 原因")).contains("没有找到目标");
    assertThat(say("dt-rsj-01", "说明 新增就业岗位 " + "很".repeat(501))).contains("太长");
    assertThat(QuarkusTransaction.requiringNew().call(() -> Explanation.count())).isZero();
  }
}
