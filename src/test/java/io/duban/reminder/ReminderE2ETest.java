package io.duban.reminder;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxDispatcher;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.chat.outbox.OutboxStatus;
import io.duban.progress.FigureSnapshots;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reminders end to end with MockWebServer as the units' DingTalk group robot and as the leaders'
 * robot: the right units get one reminder each, with the right @-mentions, merged per chat, none
 * after they report; escalation and 通报 go to the leaders; pausing stops a unit's reminders.
 */
@QuarkusTest
class ReminderE2ETest {
  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject OutboxDispatcher dispatcher;
  @Inject ReminderJob job;
  @Inject FigureSnapshots snapshots;
  @Inject io.duban.time.PlanClock planClock;
  @Inject ObjectMapper json;

  MockWebServer server;
  final List<RecordedRequest> received = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    QuarkusTransaction.requiringNew().run(() -> ReminderPause.deleteAll());
    wall.set(MutableClock.START);
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            synchronized (received) {
              received.add(request);
            }
            return new MockResponse.Builder()
                .code(200)
                .body("{\"errcode\":0,\"errmsg\":\"ok\"}")
                .build();
          }
        });
    server.start();
    bots.install(
        """
        bots:
          units-group:
            platform: dingtalk
            webhook-url: ${BASE}/robot/send?access_token=units
            rate-limit: 0
          leaders-group:
            platform: dingtalk
            webhook-url: ${BASE}/robot/send?access_token=leaders
            rate-limit: 0
          console:
            platform: console
        routes:
          default: units-group
          leaders: leaders-group
          admin: console
        """,
        Map.of("BASE", server.url("/").toString().replaceAll("/$", "")));
  }

  @AfterEach
  void tearDown() throws Exception {
    bots.restore();
    server.close();
    wall.set(MutableClock.START);
    data.resetOutbox();
    data.resetReports();
    QuarkusTransaction.requiringNew().run(() -> ReminderPause.deleteAll());
  }

  JsonPath run(String date) {
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .post("/api/reminders/run?date=" + date)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  JsonPath preview(String date) {
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .get("/api/reminders/preview?date=" + date)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  List<JsonNode> bodies(String token) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    synchronized (received) {
      for (RecordedRequest r : received) {
        if (token.equals(r.getUrl().queryParameter("access_token"))) {
          out.add(json.readTree(r.getBody().utf8()));
        }
      }
    }
    return out;
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * Plan clock 2018-01-22 (a Monday, 3 workdays before the first deadline, nothing overdue yet).
   */
  void january() {
    wall.set(MutableClock.START.minus(Duration.ofDays(149)));
  }

  @Test
  void eachUnreportedUnitGetsOneReminderMergedIntoTheGroupWithItsMentionsAndNoneAfterReporting()
      throws Exception {
    january();
    // 人社局 reports everything before the round; 总工会 reports one of five targets
    for (String m :
        List.of(
            "上报 新增就业岗位 2万",
            "上报 城镇就业 1万",
            "上报 公益性岗位 400",
            "上报 大学生就业见习 900",
            "上报 大病保险 3000",
            "进展 医保智能监控 已覆盖80%定点机构 推进中")) {
      say("dt-rsj-01", m);
    }
    say("dt-zgh-01", "上报 职工技能培训 1.6万人次");
    JsonPath plan = run("2018-01-22");
    List<String> units = plan.getList("reminders.unit");
    assertThat(units).hasSize(24).doesNotContain("人社局").contains("总工会", "农业局", "红十字会");
    assertThat(plan.getList("reminders.rule")).containsOnly("before-3");
    assertThat(run("2018-01-22").getList("reminders")).as("a second run creates nothing").isEmpty();

    // 农业局 reports everything after the reminders were queued (and after the send-time re-check
    // had looked at the figures once): its reminder is cancelled
    QuarkusTransaction.requiringNew()
        .run(() -> assertThat(snapshots.at(planClock.today()).statuses()).isNotEmpty());
    say("dt-nyj-01", "上报 新型职业农民 1500");
    say("dt-nyj-01", "上报 农村生活污水 120个");
    say("dt-nyj-01", "进展 二期工程 完成设计招标 推进中");
    dispatcher.drain();
    List<JsonNode> sent = bodies("units");
    assertThat(sent.size()).as("merged into as few sends as the byte limit allows").isBetween(1, 3);
    StringBuilder all = new StringBuilder();
    List<String> mobiles = new ArrayList<>();
    for (JsonNode b : sent) {
      all.append(b.path("text").path("content").asText()).append("\n");
      b.path("at").path("atMobiles").forEach(m -> mobiles.add(m.asText()));
      assertThat(
              b.path("text")
                  .path("content")
                  .asText()
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                  .length)
          .isLessThanOrEqualTo(20_000);
    }
    String text = all.toString();
    assertThat(count(text, "【督办提醒】")).isEqualTo(23);
    assertThat(count(text, "【督办提醒】总工会：")).isEqualTo(1);
    assertThat(text).doesNotContain("【督办提醒】人社局").doesNotContain("【督办提醒】农业局");
    assertThat(text).contains("【督办提醒】总工会：2018年1月 数据 1月25日（周四）截止，还有 3 个工作日。");
    assertThat(text).contains("未报 4 项").doesNotContain("· 职工技能培训").contains("上报方法：@督办助手 上报");
    // one @ per reporter of each reminded unit (人社局's two reporters and 农业局's are not mentioned)
    assertThat(mobiles)
        .contains("13800000002")
        .doesNotContain("13800000001", "13800000101", "13800000003");
    assertThat(text).contains("@13800000002");
    List<OutboxMessage> reminders = Outboxes.of(MessageKind.REMINDER);
    assertThat(reminders).filteredOn(m -> m.status == OutboxStatus.CANCELLED).hasSize(1);
    assertThat(reminders).filteredOn(m -> m.status == OutboxStatus.SENT).hasSize(23);
  }

  @Test
  void twoRoundsOfTheSameDayAtOnceCreateEachReminderOnce() throws Exception {
    january();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Integer>> rounds = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        rounds.add(
            pool.submit(
                () -> {
                  start.await();
                  return run("2018-01-22").getList("reminders").size();
                }));
      }
      start.countDown();
      int first = rounds.get(0).get();
      int second = rounds.get(1).get();
      assertThat(Math.min(first, second)).as("the later round finds the earlier's rows").isZero();
      assertThat(first + second)
          .isEqualTo(Outboxes.of(MessageKind.REMINDER).size())
          .isGreaterThan(20);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void escalationAndTheMonthlyBulletinGoToTheLeaders() throws Exception {
    wall.advance(Duration.ofDays(7)); // plan clock 2018-06-27: 2 workdays after the 25th
    JsonPath plan = run("2018-06-27");
    assertThat(plan.getList("reminders.kind"))
        .contains("ESCALATION", "OVERDUE")
        .doesNotContain("BULLETIN");
    dispatcher.drain();
    String leaders =
        bodies("leaders").stream()
            .map(b -> b.path("text").path("content").asText())
            .reduce("", String::concat);
    assertThat(leaders)
        .contains("【逾期通报】人社局：2018年6月 数据逾期 2 个工作日仍未报送")
        .contains("联系人：赵示一 13800000001");
    assertThat(bodies("leaders").get(0).path("at").path("atMobiles")).isEmpty();
    String units =
        bodies("units").stream()
            .map(b -> b.path("text").path("content").asText())
            .reduce("", String::concat);
    assertThat(units)
        .contains("2018年6月 数据已于 6月25日（周一）截止，已逾期 2 个工作日")
        .contains("2018年5月 数据已于 5月25日（周五）截止，已逾期 ");

    JsonPath bulletin = preview("2018-06-26");
    List<String> kinds = bulletin.getList("reminders.kind");
    assertThat(kinds).contains("BULLETIN");
    String text = bulletin.getString("reminders.find { it.kind == 'BULLETIN' }.text");
    assertThat(text)
        .startsWith("【督办月度通报】2018年6月")
        .contains("全区进度")
        .contains("报送情况")
        .contains("各单位完成率");
  }

  @Test
  void previewsAreSideEffectFreeAndFlagMissingCalendars() {
    january();
    assertThat(preview("2018-01-24").getList("reminders.rule")).containsOnly("before-1");
    // mid-year, units that never reported are overdue for May as well
    wall.set(MutableClock.START);
    assertThat(preview("2018-06-22").getList("reminders.rule")).containsOnly("overdue");
    assertThat(preview("2018-06-23").getList("reminders")).as("a Saturday").isEmpty();
    assertThat(preview("2018-06-18").getList("reminders")).as("端午").isEmpty();
    assertThat(preview("2019-01-03").getList("reminders")).as("outside the plan").isEmpty();
    assertThat(preview("2030-03-01").getString("calendarWarning")).contains("calendar/2030.yaml");
    assertThat(Outboxes.of(MessageKind.REMINDER)).isEmpty();
    given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .get("/api/reminders/preview?date=6月22日")
        .then()
        .statusCode(400);
    given()
        .header("Authorization", "Bearer " + Tokens.READ)
        .get("/api/reminders/preview?date=2018-06-22")
        .then()
        .statusCode(403);
  }

  @Test
  void pausingAUnitStopsItsRemindersAndTheNextReminderIsShown() {
    january();
    assertThat(say("dt-admin-01", "暂停提醒 人社局")).startsWith("已暂停 人社局 的自动提醒");
    assertThat(preview("2018-01-24").getList("reminders.unit"))
        .doesNotContain("人社局")
        .contains("总工会");
    assertThat(say("dt-rsj-01", "下次提醒")).isEqualTo("人社局：自动提醒已暂停");
    assertThat(say("dt-rsj-01", "暂停提醒")).contains("只有管理员");
    assertThat(say("dt-admin-01", "恢复提醒 人社局")).startsWith("已恢复 人社局");
    assertThat(say("dt-rsj-01", "下次提醒"))
        .startsWith("人社局：1月22日 09:")
        .contains("截止前第 3 个工作日提醒（2018-01）");
    run("2018-01-22");
    dispatcher.drain();
    assertThat(say("dt-rsj-01", "下次提醒")).startsWith("人社局：1月24日 09:").contains("截止前第 1 个工作日提醒");
    assertThat(say("dt-leader-01", "下次提醒"))
        .startsWith("各单位下次提醒")
        .contains("· 1月24日 09:")
        .contains("截止前第 1 个工作日提醒（2018-01）：")
        .contains("人社局")
        .contains("总工会");
    assertThat(say("dt-admin-01", "暂停提醒")).startsWith("已暂停 全部单位");
    assertThat(preview("2018-01-24").getList("reminders")).isEmpty();
  }

  @Test
  void fromNovemberTheAdminsAreToldOnceAWeekThatNextYearsCalendarIsMissing() {
    QuarkusTransaction.requiringNew().run(() -> job.calendarWarning(LocalDate.of(2026, 11, 30)));
    QuarkusTransaction.requiringNew().run(() -> job.calendarWarning(LocalDate.of(2026, 12, 2)));
    QuarkusTransaction.requiringNew().run(() -> job.calendarWarning(LocalDate.of(2026, 12, 7)));
    QuarkusTransaction.requiringNew().run(() -> job.calendarWarning(LocalDate.of(2026, 10, 20)));
    QuarkusTransaction.requiringNew().run(() -> job.calendarWarning(LocalDate.of(2025, 11, 20)));
    List<OutboxMessage> alerts = Outboxes.of(MessageKind.ADMIN_ALERT);
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(0).text).contains("还没有 2027 年的工作日历").contains("calendar/2027.yaml");
  }
}
