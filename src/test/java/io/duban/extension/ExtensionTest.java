package io.duban.extension;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.approval.ApprovalKind;
import io.duban.approval.ApprovalRequest;
import io.duban.approval.ApprovalStatus;
import io.duban.approval.Approvals;
import io.duban.boot.ConfigLoader;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.progress.OverdueTexts;
import io.duban.progress.PlanView;
import io.duban.progress.ProgressService;
import io.duban.progress.UnitReporting;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 申请延期 end to end (plan clock 2018-06-20, June's deadline 6月25日, tracked from June so May owes
 * nothing): a reporter asks, a leader grants; that unit's reminders, 逾期, 未报 and late flag follow
 * the new date and no other unit's do; a refused request changes nothing; bad requests store
 * nothing.
 */
@QuarkusTest
class ExtensionTest {
  static final Pattern NUMBER = Pattern.compile("#(\\d+)");

  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject ConfigLoader loader;
  @Inject ProgressService progress;
  @Inject UnitReporting reporting;
  @Inject OverdueTexts overdueTexts;
  @Inject Approvals approvals;

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    Path dir = TestData.copyConfig(Path.of("bot-config"));
    Path plan = dir.resolve("plan.yaml");
    String text = Files.readString(plan, StandardCharsets.UTF_8);
    Files.writeString(
        plan,
        text.replaceFirst("\nunits:\n", "\ntracking-from: 2018-06\n\nunits:\n"),
        StandardCharsets.UTF_8);
    QuarkusTransaction.requiringNew().call(() -> loader.loadFrom(dir, n -> null));
  }

  @AfterEach
  void tearDown() {
    wall.set(MutableClock.START);
    data.reloadRealConfig();
    data.resetReports();
    data.resetOutbox();
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

  /** The rules that apply to a unit on each day, e.g. {2018-06-25=[on-deadline]}. */
  static Map<String, List<String>> rules(String unit, String... days) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String day : days) {
      List<Map<String, Object>> items = preview(day).getList("reminders");
      List<String> rules = new ArrayList<>();
      for (Map<String, Object> i : items) {
        if (unit.equals(i.get("unit"))) {
          rules.add((String) i.get("rule"));
        }
      }
      out.put(day, rules);
    }
    return out;
  }

  static final String[] DAYS = {
    "2018-06-20", "2018-06-22", "2018-06-25", "2018-06-26", "2018-06-27", "2018-06-28", "2018-06-29"
  };

  static long number(String reply) {
    Matcher m = NUMBER.matcher(reply);
    assertThat(m.find()).as(reply).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The plan clock moved to 2018-06-{day}. */
  void planDay(int day) {
    wall.set(MutableClock.START.plus(Duration.ofDays(day - 20)));
  }

  static List<String> toRequester() {
    return Outboxes.of(MessageKind.APPROVAL).stream().map((OutboxMessage m) -> m.text).toList();
  }

  /** The units 逾期 lists (all of them, not the first page). */
  List<String> overdueUnits() {
    PlanView view = progress.today();
    return overdueTexts.overdue(view, reporting.statuses(view)).stream()
        .map(o -> o.status().unitName())
        .toList();
  }

  static long extensionRequests() {
    return QuarkusTransaction.requiringNew()
        .call(() -> ApprovalRequest.count("kind", ApprovalKind.EXTENSION));
  }

  @Test
  void anApprovedExtensionMovesThatUnitsDeadlineOnly() {
    Map<String, List<String>> zghBefore = rules("总工会", DAYS);
    assertThat(zghBefore.get("2018-06-25")).containsExactly("on-deadline");
    assertThat(rules("人社局", "2018-06-25").get("2018-06-25")).containsExactly("on-deadline");

    String asked = say("dt-rsj-01", "申请延期 本期 6月28日 人社部系统升级，数据6月27日才能导出");
    assertThat(asked)
        .startsWith("已提交延期申请 #")
        .contains("人社局 2018年6月全部目标截止日延至 6月28日")
        .contains("待领导或督查室审批");
    long n = number(asked);
    assertThat(Outboxes.of(MessageKind.ADMIN_ALERT).get(0).text)
        .contains("延期申请 #" + n + " 待审批")
        .contains("同意延期 " + n);

    assertThat(say("dt-rsj-01", "同意延期 " + n)).contains("只有管理员");
    assertThat(say("dt-zgh-01", "同意延期 " + n)).contains("只有管理员");
    assertThat(rules("人社局", "2018-06-25").get("2018-06-25")).containsExactly("on-deadline");

    assertThat(say("dt-leader-01", "同意延期 " + n))
        .isEqualTo("已同意延期 #" + n + "：人社局 2018年6月全部目标截止日延至 6月28日。");
    assertThat(toRequester()).anyMatch(t -> t.startsWith("延期申请 #" + n + " 已同意"));
    assertThat(say("dt-admin-01", "同意延期 " + n)).contains("已同意").contains("不能再处理");

    // 人社局's reminders follow 6月28日: 3 and 1 workdays before, on the day, overdue after, and
    // its escalation on the period's last workday; 总工会's are unchanged
    Map<String, List<String>> rsj = rules("人社局", DAYS);
    assertThat(rsj.get("2018-06-20")).isEmpty();
    assertThat(rsj.get("2018-06-22")).isEmpty();
    assertThat(rsj.get("2018-06-25")).containsExactly("before-3");
    assertThat(rsj.get("2018-06-26")).isEmpty();
    assertThat(rsj.get("2018-06-27")).containsExactly("before-1");
    assertThat(rsj.get("2018-06-28")).containsExactly("on-deadline");
    assertThat(rsj.get("2018-06-29")).containsExactly("overdue", "escalate");
    assertThat(rules("总工会", DAYS)).isEqualTo(zghBefore);
    String reminder =
        preview("2018-06-25").getList("reminders", Map.class).stream()
            .filter(i -> "人社局".equals(i.get("unit")))
            .map(i -> (String) i.get("text"))
            .findFirst()
            .orElseThrow();
    assertThat(reminder).contains("2018年6月 数据 6月28日（周四）截止，还有 3 个工作日");

    // 逾期 and 未报 after the period's own deadline
    planDay(26);
    assertThat(overdueUnits()).contains("总工会").doesNotContain("人社局");
    assertThat(say("dt-leader-01", "逾期")).contains("总工会");
    String unreported = say("dt-leader-01", "未报 就业助推工程");
    assertThat(unreported).containsPattern("人社局：[^\\n]*（已延期至 6月28日）");
    assertThat(say("dt-leader-01", "未报 人社局")).contains("已延期至 6月28日");
    // a report before the new date is not late; another unit's is
    assertThat(say("dt-rsj-01", "上报 新增就业岗位 1.2万")).startsWith("已记录").doesNotContain("迟报");
    assertThat(say("dt-zgh-01", "上报 职工技能培训 1万")).contains("迟报");
    planDay(29);
    assertThat(overdueUnits()).contains("人社局", "总工会");
  }

  @Test
  void anExtensionOfOneTargetMovesThatTargetOnly() {
    long n = number(say("dt-rsj-01", "申请延期 新增就业岗位 6月28日 系统升级"));
    assertThat(say("dt-admin-01", "同意延期 " + n))
        .isEqualTo("已同意延期 #" + n + "：人社局 新增就业岗位 2018年6月截止日延至 6月28日。");
    Map<String, List<String>> rsj = rules("人社局", DAYS);
    assertThat(rsj.get("2018-06-25")).containsExactly("on-deadline");
    assertThat(rsj.get("2018-06-27")).containsExactly("overdue", "escalate");
    assertThat(rsj.get("2018-06-29")).containsExactly("overdue", "escalate");
    List<Map<String, Object>> june25 = preview("2018-06-25").getList("reminders");
    String reminder =
        june25.stream()
            .filter(i -> "人社局".equals(i.get("unit")))
            .map(i -> (String) i.get("text"))
            .findFirst()
            .orElseThrow();
    assertThat(reminder)
        .contains("2018年6月 数据 6月25日（周一）今天截止")
        .contains("2018年6月 新增就业岗位 数据 6月28日（周四）截止，还有 3 个工作日");
    String escalation =
        preview("2018-06-27").getList("reminders", Map.class).stream()
            .filter(i -> "人社局".equals(i.get("unit")) && "ESCALATION".equals(i.get("kind")))
            .map(i -> (String) i.get("text"))
            .findFirst()
            .orElseThrow();
    assertThat(escalation).contains("（5 项：").doesNotContain("新增就业岗位");
    // 未报 and 我的 name the one target that moved; they never say the unit's deadline moved
    assertThat(say("dt-leader-01", "未报 人社局")).contains("其中 新增就业岗位 延至 6月28日").doesNotContain("已延期至");
    assertThat(say("dt-rsj-01", "我的")).contains("（其中 新增就业岗位 延至 6月28日）");
    planDay(26);
    assertThat(say("dt-rsj-01", "上报 新增就业岗位 1.2万")).doesNotContain("迟报");
    assertThat(say("dt-rsj-01", "上报 城镇就业 2万")).contains("迟报");
    assertThat(overdueUnits()).contains("人社局");
  }

  @Test
  void aRefusedRequestChangesNothingAndTheRequesterHearsWhy() {
    String asked = say("dt-rsj-01", "申请延期 新增就业岗位 6月28日 统计口径调整");
    assertThat(asked).contains("人社局 新增就业岗位 2018年6月截止日延至 6月28日");
    long n = number(asked);
    assertThat(say("dt-leader-01", "不同意 " + n)).contains("请写明不同意原因");
    assertThat(say("dt-leader-01", "不同意 " + n + " 理由不充分")).startsWith("已不同意 #" + n);
    assertThat(toRequester())
        .anyMatch(t -> t.contains("延期申请 #" + n + " 未获同意：理由不充分") && t.contains("6月25日"));
    assertThat(rules("人社局", "2018-06-25").get("2018-06-25")).containsExactly("on-deadline");
    planDay(26);
    assertThat(say("dt-leader-01", "逾期")).contains("人社局");
    assertThat(say("dt-leader-01", "未报")).doesNotContain("已延期");
  }

  @Test
  void anUndecidedRequestExpiresOnceTheDayItAsksForHasPassed() {
    long n = number(say("dt-rsj-01", "申请延期 本期 6月28日 系统升级"));
    planDay(28);
    assertThat(approvals.expireDue()).isZero();
    planDay(29);
    assertThat(approvals.expireDue()).isEqualTo(1);
    assertThat(toRequester()).anyMatch(t -> t.startsWith("延期申请 #" + n + " 到 6月28日 仍未审批，已过期，截止日不变"));
    assertThat(say("dt-leader-01", "同意延期 " + n)).contains("不能再处理");
    assertThat(overdueUnits()).contains("人社局");
  }

  @Test
  void aSecondRequestReplacesTheFirst() {
    long first = number(say("dt-rsj-01", "申请延期 本期 6月27日 系统升级"));
    String again = say("dt-rsj-01", "申请延期 本期 6-28 系统升级推迟");
    long second = number(again);
    assertThat(second).isNotEqualTo(first);
    assertThat(again).contains("之前的申请 #" + first + " 已作废");
    ApprovalRequest old =
        QuarkusTransaction.requiringNew().call(() -> ApprovalRequest.findById(first));
    assertThat(old.status).isEqualTo(ApprovalStatus.CANCELLED);
    assertThat(say("dt-leader-01", "同意延期 " + first)).contains("不能再处理");
    assertThat(say("dt-admin-01", "同意延期 " + second)).startsWith("已同意延期 #" + second);
  }

  @Test
  void badRequestsAreAnsweredAndStoreNothing() {
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("申请延期", "请写明延期的目标");
    answers.put("申请延期 新增就业岗位 人社部系统升级", "请写明延期到哪天");
    answers.put("申请延期 新增就业岗位 6月28日", "请写明延期原因");
    answers.put("申请延期 6月28日 系统升级", "请写明延期的目标，或写“本期”");
    answers.put("申请延期 没有这个目标啊 6月28日 系统升级", "没有找到目标");
    answers.put("申请延期 新增就业岗位 6月25日 系统升级", "须晚于目前的截止日 6月25日");
    answers.put("申请延期 新增就业岗位 2018-06-22 系统升级", "须晚于目前的截止日");
    answers.put("申请延期 新增就业岗位 7月26日 系统升级", "延期最多到 7月25日");
    answers.put("申请延期 新增就业岗位 6月31日 系统升级", "没有这一天：6月31日");
    answers.put("申请延期 新增就业岗位 6月28日 " + "很".repeat(201), "延期原因太长");
    for (Map.Entry<String, String> e : answers.entrySet()) {
      assertThat(say("dt-rsj-01", e.getKey())).as(e.getKey()).contains(e.getValue());
    }
    assertThat(say("dt-zgh-01", "申请延期 新增就业岗位 6月28日 系统升级")).contains("不负责这个目标");
    assertThat(say("dt-leader-01", "申请延期 本期 6月28日 系统升级")).contains("由目标责任单位的填报人申请");
    assertThat(say("dt-admin-01", "申请延期 本期 6月28日 系统升级")).contains("由目标责任单位的填报人申请");
    assertThat(say("dt-stranger", "申请延期 本期 6月28日 系统升级")).contains("还没有登记");
    assertThat(extensionRequests()).isZero();
  }

  @Test
  void datesAreReadInTheirUsualForms() {
    for (String date :
        List.of("6月28日", "6月28号", "6-28", "6.28", "6/28", "2018-06-28", "2018年6月28日")) {
      String reply = say("dt-rsj-01", "申请延期 本期 " + date + " 系统升级");
      assertThat(reply).as(date).contains("截止日延至 6月28日");
    }
  }
}
