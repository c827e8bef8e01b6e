package io.duban.chat;

import static io.duban.chat.ConversationFiguresTest.current;
import static io.duban.chat.ConversationFiguresTest.plain;
import static io.duban.chat.ConversationFiguresTest.recorded;
import static io.duban.chat.ConversationFiguresTest.reports;
import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.report.Report;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Period words, increments, withdrawal and history end to end through the simulator and the
 * database (plan clock 2018-06-20, monthly deadline on the 25th, so May is late).
 */
@QuarkusTest
class ConversationPeriodsTest {
  static final String RSJ = "dt-rsj-01"; // reporter, 人社局
  static final String WJJ = "dt-wjj-01"; // reporter, 卫计局
  static final String ADMIN = "dt-admin-01";

  @Inject TestData data;

  @BeforeEach
  void clean() {
    data.resetReports();
  }

  static Report only() {
    List<Report> all = reports();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  // ---------------------------------------------------------------- period words

  @Test
  void aMayFigureSentInJuneCountsForTheEndOfMayAndIsLate() {
    String reply = say(RSJ, "上报 5月 城镇就业 2万");
    assertThat(reply).startsWith("已记录").contains("20,000 人").contains("计入5月").contains("迟报");
    Report r = only();
    assertThat(r.figure).isEqualByComparingTo("20000");
    assertThat(r.planDate).isEqualTo(LocalDate.of(2018, 5, 31));
    assertThat(r.periodKey).isEqualTo("2018-05");
    assertThat(r.late).isTrue();
    assertThat(r.planTime.toString()).startsWith("2018-06-20T09:00");
    assertThat(r.recordedAt).isNotNull();
    // the only figure: it is the target's current one
    assertThat(current("jobs-urban")).isEqualByComparingTo("20000");
  }

  @Test
  void aLateMayFigureNeverOverridesJunes() {
    say(RSJ, "上报 城镇就业 2.4万");
    String reply = say(RSJ, "上报 5月 城镇就业 2万");
    assertThat(reply).startsWith("已记录").contains("城镇就业 累计 24,000");
    assertThat(recorded()).containsExactly("jobs-urban=24000", "jobs-urban=20000");
    assertThat(current("jobs-urban")).isEqualByComparingTo("24000");
  }

  @Test
  void aJuneFigureAfterALateMayFigureBecomesCurrent() {
    say(RSJ, "上报 5月 城镇就业 2万");
    say(RSJ, "上报 城镇就业 2.4万");
    assertThat(current("jobs-urban")).isEqualByComparingTo("24000");
  }

  @Test
  void aHeldLateFigureKeepsItsMonthThroughConfirm() {
    say(RSJ, "上报 城镇就业 2.4万");
    String held = say(RSJ, "上报 5月 城镇就业 2.5万");
    assertThat(held).contains("6月20日已报累计 24,000 人").contains("比它还多");
    assertThat(reports()).hasSize(1);
    assertThat(say(RSJ, "确认")).startsWith("已记录").contains("计入5月").contains("迟报");
    Report may = reports().get(1);
    assertThat(may.planDate).hasToString("2018-05-31");
    assertThat(may.periodKey).isEqualTo("2018-05");
    assertThat(may.late).isTrue();
    assertThat(current("jobs-urban")).isEqualByComparingTo("24000");
  }

  @Test
  void withdrawingAfterAMultiFigureMessageWithdrawsTheWholeMessage() {
    say(RSJ, "上报 城镇就业 2.4万，新增就业岗位 1.2万");
    String reply = say(RSJ, "撤销");
    // the message's figures were recorded together, so 撤销 takes them back together
    assertThat(reply)
        .startsWith("已撤销")
        .contains("同一条消息上报的 2 项")
        .contains("新增就业岗位")
        .contains("城镇就业");
    assertThat(reports()).extracting(r -> r.withdrawn).containsExactly(true, true);
    assertThat(current("jobs-urban")).isEqualByComparingTo("0");
  }

  @Test
  void withdrawingOneTargetOfAMultiFigureMessageKeepsTheOther() {
    say(RSJ, "上报 城镇就业 2.4万，新增就业岗位 1.2万");
    assertThat(say(RSJ, "撤销 新增就业岗位")).startsWith("已撤销").doesNotContain("城镇就业 累计 24,000 人（");
    assertThat(reports()).extracting(r -> r.withdrawn).containsExactly(false, true);
    assertThat(current("jobs-urban")).isEqualByComparingTo("24000");
  }

  @Test
  void aFuturePeriodIsRefusedAndNothingIsRecorded() {
    assertThat(say(RSJ, "上报 城镇就业 8月 3万")).contains("8月还没到");
    assertThat(reports()).isEmpty();
  }

  @Test
  void untilTheEndOfMayAndLastMonthCountForMayToo() {
    assertThat(say(RSJ, "上报 截至5月底 城镇就业 2万")).contains("计入5月");
    assertThat(say(RSJ, "上报 上月 新增就业岗位 1.2万")).contains("计入5月");
    assertThat(say(RSJ, "上报 新增大学生就业见习 5月份 1000人")).contains("计入5月");
    assertThat(reports())
        .extracting(r -> r.planDate + " " + r.periodKey + " " + r.late)
        .containsExactly(
            "2018-05-31 2018-05 true", "2018-05-31 2018-05 true", "2018-05-31 2018-05 true");
    assertThat(recorded())
        .containsExactly("jobs-urban=20000", "jobs-new=12000", "jobs-graduate-internship=1000");
  }

  @Test
  void aDateIsNeverTheFigure() {
    assertThat(say(RSJ, "上报 6月20日 城镇就业 2.4万")).startsWith("已记录").contains("累计 24,000 /");
    assertThat(say(RSJ, "上报 新增就业岗位 1.2万 截至6月20日")).startsWith("已记录").contains("累计 12,000 /");
    assertThat(recorded()).containsExactly("jobs-urban=24000", "jobs-new=12000");
    assertThat(reports()).allSatisfy(r -> assertThat(r.planDate).hasToString("2018-06-20"));
  }

  @Test
  void twoPeriodsInOneMessageAreRefused() {
    assertThat(say(RSJ, "上报 5月 城镇就业 2万，4月 新增就业岗位 1万")).contains("只能报一个时期");
    assertThat(reports()).isEmpty();
  }

  @Test
  void theExportAsOfTheEndOfMayCountsTheLateMayFigure() throws IOException {
    say(RSJ, "上报 5月 新增就业岗位 1.2万");
    say(RSJ, "上报 新增就业岗位 1.5万");
    byte[] xlsx =
        given()
            .header("Authorization", "Bearer " + Tokens.ADMIN)
            .get("/api/export/progress.xlsx?asOf=2018-05-31")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      String jobsNew =
          new DataFormatter().formatCellValue(book.getSheet("进度表").getRow(2).getCell(8));
      assertThat(jobsNew).isEqualTo("12,000");
    }
  }

  // ---------------------------------------------------------------- increments

  @Test
  void thisMonthsIncrementAddsToTheEndOfMayAndASecondOneReplacesIt() {
    say(RSJ, "上报 5月 新增就业岗位 1.2万");
    String reply = say(RSJ, "上报 新增就业岗位 本月新增 3200");
    assertThat(reply)
        .contains("以5月底累计 12,000 个 为基数")
        .contains("新增 3,200 个")
        .contains("累计 15,200 个");
    assertThat(current("jobs-new")).isEqualByComparingTo("15200");
    String again = say(RSJ, "上报 新增就业岗位 本月新增 3500");
    assertThat(again).startsWith("已记录").contains("累计 15,500 个");
    assertThat(current("jobs-new")).isEqualByComparingTo("15500");
    assertThat(reports().get(2).planDate).hasToString("2018-06-20");
  }

  @Test
  void aBareThisMonthFigureAsksAndTwoRecordsTheIncrement() {
    say(RSJ, "上报 5月 新增就业岗位 1.2万");
    String offer = say(RSJ, "上报 新增就业岗位 本月 3200");
    assertThat(offer).contains("1. 年度累计 3200").contains("2. 本月新增 3200");
    assertThat(reports()).hasSize(1);
    assertThat(say(RSJ, "2")).startsWith("已记录").contains("累计 15,200 个");
    assertThat(current("jobs-new")).isEqualByComparingTo("15200");
  }

  @Test
  void aBareThisMonthFigureOneRecordsTheCumulative() {
    say(RSJ, "上报 5月 新增就业岗位 1.2万");
    say(RSJ, "上报 新增就业岗位 本月 1.3万");
    assertThat(say(RSJ, "1")).startsWith("已记录").contains("累计 13,000 / 48,000 个");
  }

  @Test
  void aBareThisMonthBeforeSeveralFiguresAsksTooAndTwoRecordsAllAsIncrements() {
    say(RSJ, "上报 5月 新增就业岗位 1.2万");
    say(RSJ, "上报 5月 城镇就业 2万");
    String offer = say(RSJ, "上报 本月 新增就业岗位 3200，城镇就业 1000");
    assertThat(offer).contains("1. 都是年度累计").contains("2. 都是本月新增");
    assertThat(reports()).hasSize(2);
    assertThat(say(RSJ, "2"))
        .startsWith("已记录 2 个数：")
        .contains("累计 15,200 个")
        .contains("累计 21,000 人");
    assertThat(current("jobs-new")).isEqualByComparingTo("15200");
    assertThat(current("jobs-urban")).isEqualByComparingTo("21000");
  }

  @Test
  void plusForAPastMonthAddsToThatMonthsFigure() {
    say(RSJ, "上报 5月 城镇就业 2万");
    say(RSJ, "上报 城镇就业 2.4万");
    // before: 1,000 was added to June's 24,000 and the 25,000 counted for May was held
    String reply = say(RSJ, "上报 5月 城镇就业 +1000");
    assertThat(reply).startsWith("已记录").contains("在原有 20,000 人 上增加 1,000 人").contains("计入5月");
    List<Report> all = reports();
    assertThat(all).hasSize(3);
    assertThat(all.get(2).figure).isEqualByComparingTo("21000");
    assertThat(all.get(2).planDate).hasToString("2018-05-31");
    assertThat(current("jobs-urban")).isEqualByComparingTo("24000");
  }

  @Test
  void anIncrementIsRefusedForATargetWithABaselineOrALatestFigureRule() {
    assertThat(say(WJJ, "上报 新生儿疾病筛查病种 本月新增 2")).contains("有基数");
    assertThat(say(ADMIN, "代报 体育局 健身场地设施达标比例 本月新增 5")).contains("不能报“新增”");
    assertThat(reports()).isEmpty();
  }

  @Test
  void plusStillAddsToTheLatestFigure() {
    say(RSJ, "上报 5月 新增就业岗位 1.2万");
    say(RSJ, "上报 新增就业岗位 本月新增 3200");
    String reply = say(RSJ, "上报 新增就业岗位 +3000");
    assertThat(reply).contains("在原有 15,200 个 上增加 3,000 个").contains("累计 18,200");
    assertThat(current("jobs-new")).isEqualByComparingTo("18200");
  }

  // ---------------------------------------------------------------- withdrawal and history

  @Test
  void withdrawingALateMayFigureWithdrawsIt() {
    say(RSJ, "上报 5月 城镇就业 2万");
    String reply = say(RSJ, "撤销");
    assertThat(reply).startsWith("已撤销").contains("城镇就业");
    assertThat(only().withdrawn).isTrue();
    assertThat(plain(current("jobs-urban"))).isIn(null, "0");
  }

  @Test
  void withdrawingJunesFigureLeavesTheLateMayFigureCurrent() {
    say(RSJ, "上报 5月 城镇就业 2万");
    say(RSJ, "上报 城镇就业 2.4万");
    say(RSJ, "撤销");
    assertThat(current("jobs-urban")).isEqualByComparingTo("20000");
  }

  @Test
  void historyListsWhoWhenAndHow() {
    say(RSJ, "上报 5月 城镇就业 2万");
    say(RSJ, "上报 城镇就业 2.4万");
    say(RSJ, "更正 城镇就业 2.3万");
    say(ADMIN, "代报 人社局 城镇就业 2.5万");
    say(ADMIN, "代报 人社局 撤销");
    String history = say(RSJ, "历史 城镇就业");
    assertThat(history).startsWith("城镇就业 最近的记录：");
    List<String> lines = history.lines().skip(1).toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).contains("代报").contains("累计 25,000 人").contains("已撤销");
    assertThat(lines.get(1)).contains("赵示一 更正").contains("累计 23,000 人");
    assertThat(lines.get(2)).contains("赵示一").contains("累计 24,000 人");
    assertThat(lines.get(3))
        .contains("6月20日")
        .contains("累计 20,000 人")
        .contains("计入5月")
        .contains("迟报");
    assertThat(say(RSJ, "城镇就业的历史")).isEqualTo(history);
  }

  @Test
  void sayingTheLastReportWasWrongAnswersWithItAndTheCommands() {
    say(RSJ, "上报 城镇就业 2.4万");
    String reply = say(RSJ, "不对，刚才报错了");
    assertThat(reply)
        .contains("您最近一次上报")
        .contains("城镇就业 累计 24,000 人")
        .contains("更正 城镇就业")
        .contains("撤销 城镇就业");
    assertThat(reports()).hasSize(1);
  }
}
