package io.duban.chat;

import static io.duban.support.Chat.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.progress.Scope;
import io.duban.progress.UnreportedTexts;
import io.duban.report.Report;
import io.duban.support.Chat;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reporting end to end through the simulator with the plan clock at 2018-06-20: every command for
 * an unknown sender, a reporter of the owning unit, a reporter of another unit, a leader and an
 * admin (contacts of bot-config/contacts.yaml).
 */
@QuarkusTest
class ChatReportingTest {
  static final String RSJ = "dt-rsj-01"; // reporter, 人社局
  static final String ZGH = "dt-zgh-01"; // reporter, 总工会
  static final String LEADER = "dt-leader-01";
  static final String ADMIN = "dt-admin-01";
  static final String STRANGER = "dt-stranger";

  @Inject TestData data;
  @Inject UnreportedTexts unreported;
  @Inject io.duban.progress.ProgressService progress;
  @Inject io.duban.progress.UnitReporting reporting;
  @Inject io.duban.time.PlanClock planClock;

  @BeforeEach
  void clean() {
    data.resetReports();
  }

  static List<Report> reports() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<Report> all = Report.list("order by id");
              all.forEach(r -> r.target.code.length());
              return all;
            });
  }

  @Test
  void aReporterReportsACumulativeFigureAndTheReplyEchoesIt() {
    String reply = say(RSJ, "上报 新增就业岗位 1.2万");
    assertThat(reply).isEqualTo("已记录：新增就业岗位 累计 12,000 / 48,000 个（25.0%），序时进度 46.8%，慢序时");
    List<Report> all = reports();
    assertThat(all).hasSize(1);
    Report r = all.get(0);
    assertThat(r.figure).isEqualByComparingTo("12000");
    assertThat(r.reporterName).isEqualTo("赵示一");
    assertThat(r.platform).isEqualTo("dingtalk");
    assertThat(r.chatId).isEqualTo("cid-test-group");
    assertThat(r.messageId).startsWith("m-");
    assertThat(r.originalText).isEqualTo("上报 新增就业岗位 1.2万");
    assertThat(r.planDate).hasToString("2018-06-20");
    assertThat(r.planTime.toString()).startsWith("2018-06-20T09:00");
    assertThat(r.recordedAt).isNotNull();
    assertThat(r.periodKey).isEqualTo("2018-06");
    assertThat(r.late).isFalse();
    assertThat(r.onBehalf).isFalse();
  }

  @Test
  void bothWordOrdersAndSynonymsReport() {
    say(RSJ, "新增就业岗位上报1.2万");
    say(RSJ, "报送 城镇就业 一万五千人");
    assertThat(reports())
        .extracting(r -> r.figure.stripTrailingZeros().toPlainString())
        .containsExactly("12000", "15000");
  }

  @Test
  void aBareMoneyNumberIsReadInTheDisplayUnitAndEchoed() {
    String reply = say("dt-csh-01", "上报 慈善救助金 1200");
    assertThat(reply).startsWith("已记录：按 万元 计：1200 万元").contains("慈善救助金 累计 1200 / 3800 万元（31.6%）");
    assertThat(reports().get(0).figure).isEqualByComparingTo("12000000");
    assertThat(say("dt-csh-01", "上报 慈善救助金 1500万元")).contains("累计 1500 / 3800 万元");
    assertThat(say("dt-csh-01", "上报 慈善救助金 3000人")).contains("慈善救助金").contains("请确认");
    assertThat(reports()).hasSize(2);
  }

  @Test
  void plusAddsToTheUnitsLastFigure() {
    say(RSJ, "上报 新增就业岗位 12000");
    String reply = say(RSJ, "上报 新增就业岗位 +3000");
    assertThat(reply).contains("在原有 12,000 个 上增加 3,000 个").contains("累计 15,000 / 48,000 个");
  }

  @Test
  void aFigureBelowTheLastIsHeldUntilConfirmedAndCorrectionSkipsTheHold() {
    say(RSJ, "上报 新增就业岗位 12000");
    String held = say(RSJ, "上报 新增就业岗位 11000");
    assertThat(held).contains("上次报的累计数是 12,000 个").contains("回复“确认”").contains("更正 新增就业岗位 11000");
    assertThat(reports()).hasSize(1);
    assertThat(say(RSJ, "确认")).startsWith("已记录").contains("累计 11,000 / 48,000 个");
    assertThat(reports()).hasSize(2);
    assertThat(say(RSJ, "确认")).contains("没有待确认的上报");
    assertThat(say(RSJ, "更正 新增就业岗位 10500")).startsWith("已更正").contains("累计 10,500");
    assertThat(reports()).hasSize(3);
    assertThat(reports().get(2).correction).isTrue();
  }

  @Test
  void aFigureAboveThreeTimesTheTargetIsHeld() {
    String held = say(RSJ, "上报 新增就业岗位 150000");
    assertThat(held).contains("超过目标的 3 倍");
    assertThat(reports()).isEmpty();
    // another command drops the held report
    say(RSJ, "我的");
    assertThat(say(RSJ, "确认")).contains("没有待确认");
    assertThat(reports()).isEmpty();
  }

  @Test
  void aHeldReportIsPerSenderAndChat() {
    say(RSJ, "上报 新增就业岗位 150000");
    assertThat(say("dingtalk", "another-chat", RSJ, "确认")).contains("没有待确认");
    assertThat(say("dt-rsj-02", "确认")).contains("没有待确认");
    assertThat(say(RSJ, "确认")).startsWith("已记录");
  }

  @Test
  void aReporterOfAnotherUnitIsRefused() {
    assertThat(say(ZGH, "上报 新增就业岗位 1.2万")).contains("由 人社局 负责上报").contains("总工会 不负责");
    assertThat(reports()).isEmpty();
  }

  @Test
  void leadersAndAdminsDoNotReportAsThemselves() {
    assertThat(say(LEADER, "上报 新增就业岗位 1.2万")).contains("角色是领导，不能上报");
    assertThat(say(ADMIN, "上报 新增就业岗位 1.2万")).contains("代报");
    assertThat(reports()).isEmpty();
  }

  @Test
  void anAdminReportsOnBehalfAndTheRecordSaysSo() {
    String reply = say(ADMIN, "代报 人社局 新增就业岗位 12000");
    assertThat(reply).startsWith("已记录（代 人社局 上报）");
    Report r = reports().get(0);
    assertThat(r.onBehalf).isTrue();
    assertThat(r.reporterName).isEqualTo("督查员（示例）");
    assertThat(say(RSJ, "代报 人社局 新增就业岗位 13000")).contains("只有管理员可以代报");
    assertThat(say(ADMIN, "代报 人社局 撤销")).startsWith("已撤销");
  }

  @Test
  void unknownSendersGetOnlyHelpAndHowToRegister() {
    assertThat(say(STRANGER, "上报 新增就业岗位 1.2万")).contains("还没有登记").contains("绑定 <手机号>");
    assertThat(say(STRANGER, "全区进度")).contains("还没有登记");
    assertThat(say(STRANGER, "帮助")).contains("绑定").doesNotContain("上报 <目标>");
    assertThat(say(STRANGER, "绑定 13900000999")).contains("已收到绑定申请").contains("139****0999");
    assertThat(reports()).isEmpty();
  }

  @Test
  void theSimulatorActsOnAMessageIdOnce() {
    assertThat(Chat.sayWithId(RSJ, "上报 新增就业岗位 +1000", "sim-once-1")).startsWith("已记录");
    assertThat(Chat.sayWithId(RSJ, "上报 新增就业岗位 +1000", "sim-once-1")).contains("已经处理过，没有再次执行");
    assertThat(reports()).hasSize(1);
    assertThat(reports().get(0).figure).isEqualByComparingTo("1000");
  }

  @Test
  void withdrawKeepsHistory() {
    say(RSJ, "上报 新增就业岗位 12000");
    say(RSJ, "上报 新增就业岗位 15000");
    String reply = say(RSJ, "撤销");
    assertThat(reply)
        .startsWith("已撤销 6月20日 上报的 新增就业岗位 累计 15,000 个")
        .contains("现在：新增就业岗位 累计 12,000");
    List<Report> all = reports();
    assertThat(all).hasSize(2);
    assertThat(all.get(1).withdrawn).isTrue();
    assertThat(all.get(1).withdrawnAt).isNotNull();
    assertThat(say(RSJ, "撤销")).startsWith("已撤销").contains("现在：新增就业岗位 累计 0");
    assertThat(say(RSJ, "撤销")).contains("本期没有可以撤销的上报");
  }

  @Test
  void checklistItemsAndTaskProgress() {
    String done = say("dt-cgj-01", "完成 小庙转运站");
    assertThat(done)
        .startsWith("已记录：小庙转运站 已完成")
        .contains("改造转运站 已完成 1 / 3 座（33.3%）：小庙转运站✓、长虹转运站、聚湖转运站");
    assertThat(say("dt-cgj-01", "完成 小庙转运站")).contains("已于 6月20日 报完成");
    assertThat(say("dt-cgj-01", "上报 改造转运站 2")).contains("清单类目标");
    String note = say("dt-gaj-01", "进展 社会综合治理共享云平台 已接入12个镇视频 推进中");
    assertThat(note).contains("社会综合治理共享云平台：推进中（6月20日：已接入12个镇视频）");
    assertThat(say("dt-gaj-01", "上报 社会综合治理共享云平台 3")).contains("任务类目标");
    assertThat(say("dt-gaj-01", "进展 技防城升级工程 平台已试运行")).contains("推进中");
    assertThat(reports()).hasSize(3);
  }

  @Test
  void ambiguousNamesAskAndTheNextMessageMayBeJustTheNumber() {
    String question = say("dt-tzb-01", "上报 募集光彩基金 300");
    assertThat(question).contains("1. ").contains("2. ").contains("请回复序号");
    assertThat(say("dt-tzb-01", "3")).contains("请回复 1 到 2 之间的序号");
    int pick = question.contains("1. 募集光彩基金（生态共建光彩工程）") ? 1 : 2;
    String reply = say("dt-tzb-01", String.valueOf(pick));
    assertThat(reply).startsWith("已记录：按 万元 计：300 万元").contains("300 / 不少于 1000 万元");
    assertThat(reports().get(0).target.code).isEqualTo("eco-guangcai-fund");
    assertThat(say("dt-tzb-01", "1")).contains("没有需要选择的问题");
  }

  @Test
  void confirmPicksTheOnlyOptionOfAQuestion() {
    String question = say(RSJ, "新增就业岗位 1.3万");
    assertThat(question).startsWith("要上报吗？").contains("1. 上报 新增就业岗位").contains("请回复 1 或“确认”");
    assertThat(say(RSJ, "确认")).startsWith("已记录").contains("累计 13,000 / 48,000 个");
    assertThat(reports()).hasSize(1);
    assertThat(say(RSJ, "确认")).contains("没有待确认的上报");
    // with several options 确认 asks for the number, and the question stays open
    String several = say("dt-tzb-01", "上报 募集光彩基金 300");
    assertThat(several).contains("请回复序号");
    assertThat(say("dt-tzb-01", "确认")).contains("有 2 个选项，请回复序号");
    assertThat(say("dt-tzb-01", "1")).startsWith("已记录");
    assertThat(reports()).hasSize(2);
  }

  @Test
  void queriesPerRole() {
    say(RSJ, "上报 新增就业岗位 1.2万");
    assertThat(say(RSJ, "就业助推工程进度"))
        .startsWith("就业助推工程（促进就业创业；牵头单位：人社局、总工会、农业局）")
        .contains("新增就业岗位 累计 12,000 / 48,000 个（25.0%），序时进度 46.8%，慢序时");
    assertThat(say(RSJ, "进度 人社局")).contains("人社局 负责 6 个目标").doesNotContain("联系人");
    assertThat(say(RSJ, "进度 卫计局")).contains("其他单位的进度由领导查看");
    assertThat(say(LEADER, "进度 卫计局")).contains("卫计局 负责").contains("联系人：");
    assertThat(say(ZGH, "新增就业岗位进度")).contains("最近上报：6月20日");
    assertThat(say(RSJ, "我的")).contains("2018年6月 截止 6月25日").contains("【本期未报】").contains("上报示例");
  }

  @Test
  void overallRankingAndUnreported() {
    say(RSJ, "上报 新增就业岗位 30000");
    String overall = say(LEADER, "全区进度");
    assertThat(overall).contains("全区进度（6月20日，序时进度 46.8%）").contains("1. 促进就业创业").contains("最落后的5项");
    assertThat(say(LEADER, "排名")).contains("1. 人社局").contains("只有任务类目标、不参加排名");
    String unreported = say(LEADER, "哪些单位未报");
    assertThat(unreported)
        .contains("2018年6月 报送情况（截止 6月25日，还有 3 个工作日）")
        .contains("· 总工会：")
        .contains("钱示二 13800000002");
    assertThat(say(RSJ, "未报")).doesNotContain("13800000002");
  }

  @Test
  void aLongUnreportedListIsCutWithTheRestCounted() {
    String whole = say(LEADER, "哪些单位未报");
    int units = Integer.parseInt(whole.replaceAll("(?s).*\n未报 (\\d+) 个单位：.*", "$1"));
    assertThat(units).isGreaterThan(3);
    String cut =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  var view = progress.view(planClock.today());
                  return unreported.text(view, reporting.statuses(view), Scope.ALL, true, 3);
                });
    assertThat(cut.lines().filter(l -> l.startsWith("· "))).hasSize(3);
    assertThat(cut)
        .contains("未报 " + units + " 个单位：")
        .contains("……另有 " + (units - 3) + " 个单位未报，完整名单见看板“本期未报”或导出的 Excel。");
    assertThat(whole).doesNotContain("另有");
  }

  @Test
  void everyMalformedCommandGetsAReasonAndRecordsNothing() {
    for (String bad :
        List.of(
            "上报",
            "上报 新增就业岗位",
            "上报 新增就业岗位 -3000",
            "上报 新增就业岗位 1e309",
            "上报 新增就业岗位 NaN",
            "上报 新增就业岗位 1200 3000",
            "上报 新增就业岗位 99999999999999999999999",
            "上报 天气 3000",
            "完成 火星幼儿园",
            "进展",
            "绑定 123",
            "'; DROP TABLE report; --",
            "<script>alert(1)</script>",
            "x".repeat(5000),
            "上报 健身场地达标 150%")) {
      String reply = say("dt-tyj-01", bad);
      assertThat(reply).as(bad).isNotBlank().doesNotContain("Exception").doesNotContain("at io.");
    }
    assertThat(reports()).isEmpty();
    assertThat(say(RSJ, "上报 新增就业岗位"))
        .isEqualTo("缺少累计数（新增就业岗位）。\n用法：上报 <目标> <累计数>，例如：上报 新增就业岗位 1.2万");
  }

  @Test
  void fiftyConcurrentReportsToASharedTargetLoseNothing() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<String>> replies = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String sender = i % 2 == 0 ? "dt-xcb-01" : "dt-wgx-01";
      replies.add(pool.submit(() -> say(sender, "上报 综合文化服务中心 +1")));
    }
    for (var f : replies) {
      assertThat(f.get()).startsWith("已记录");
    }
    pool.shutdown();
    List<Report> all = reports();
    assertThat(all).hasSize(50);
    assertThat(
            all.stream()
                .filter(r -> r.unit.name.equals("宣传部"))
                .map(r -> r.figure)
                .max(BigDecimal::compareTo))
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("25"));
    assertThat(say(LEADER, "进度 综合文化服务中心")).contains("累计 50 / 62 个").contains("宣传部 25 个；文广新局 25 个");
  }
}
