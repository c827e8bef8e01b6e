package io.duban.command.commands;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.support.Pages;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 through the simulator on the 2018 plan (plan clock 2018-06-20): worst first, tied ranks,
 * shares of shared targets, phone-sized pages and 更多, the leaders' new questions, the unit view.
 */
@QuarkusTest
class LeaderRepliesTest {
  static final String LEADER = "dt-leader-01";
  static final String RSJ = "dt-rsj-01";
  static final String FOOTER = Pages.FOOTER;

  @Inject TestData data;

  @BeforeEach
  @AfterEach
  void clean() {
    data.resetReports();
  }

  static String sayAll(String sender, String text) {
    return Pages.sayAll(sender, text);
  }

  static void assertPhoneSized(String asked, String reply) {
    Pages.assertPhoneSized(asked, reply);
  }

  /** The gaps ("差序时 46.8 个百分点") of the numbered lines, in order. */
  static List<Double> gaps(String text) {
    List<Double> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\d+\\. .*差序时 ([0-9.]+) 个百分点$").matcher(text);
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }

  @Test
  void targetsFurthestBehindComeFirstEvenAtZeroPercent() {
    say("dt-cgj-01", "完成 小庙转运站"); // 改造转运站 33.3%, 差序时 13.5
    String overall = say(LEADER, "全区进度");
    assertPhoneSized("全区进度", overall);
    assertThat(overall).contains("最落后的5项").doesNotContain("改造转运站");
    assertThat(gaps(overall)).hasSize(5).allMatch(g -> g == 46.8);
    String behind = sayAll(LEADER, "哪些项目慢了");
    List<Double> gaps = gaps(behind);
    assertThat(gaps).hasSizeGreaterThan(12);
    assertThat(gaps).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    int station = behind.indexOf("改造转运站");
    assertThat(station).isPositive();
    assertThat(behind.lastIndexOf("0.0%，差序时 46.8")).isLessThan(station);
    assertThat(behind).startsWith("慢序时目标 ").contains("1. ");
  }

  @Test
  void unitsWithTheSameCompletionShareARank() {
    say(RSJ, "上报 新增就业岗位 1.2万");
    String ranking = sayAll(LEADER, "排名");
    assertThat(ranking).contains("1. 人社局").contains("并列第2：");
    assertThat(ranking.indexOf("并列第2")).isLessThan(ranking.indexOf("1. 人社局"));
    assertThat(say(LEADER, "排名 人社局")).startsWith("人社局 排第1（共 ");
    assertThat(say(LEADER, "交通局排第几")).startsWith("交通局 排并列第2（共 ");
  }

  static Map<String, Object> unit(String name) {
    JsonPath json =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get("/api/units")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return json.getMap("find { it.name == '" + name + "' }");
  }

  @Test
  void aSharedChecklistCountsForTheUnitThatTickedItNotForEveryOwner() {
    // 完成幼儿园建设: 3 items shared by 教育局 and 经开区, 1.5 items each; 教育局 ticks one
    assertThat(say("dt-jyj-01", "完成 横林中心幼儿园")).contains("已记录");
    Map<String, Object> jkq = unit("经开区");
    Map<String, Object> jyj = unit("教育局");
    assertThat(((Number) jkq.get("completion")).doubleValue()).isZero();
    assertThat(((Number) jyj.get("completion")).doubleValue()).isPositive();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> shares = (List<Map<String, Object>>) jyj.get("shares");
    assertThat(shares)
        .anySatisfy(
            s -> {
              assertThat(s.get("id")).isEqualTo("edu-kindergartens");
              assertThat(((Number) s.get("share")).doubleValue()).isBetween(0.666, 0.667);
            });
    String ranking = sayAll(LEADER, "排名");
    assertThat(ranking).doesNotContain("1. 经开区");
    assertThat(say(LEADER, "排名 经开区")).doesNotContain("排第1（");
  }

  @Test
  void aLongReplyIsPagedAndMoreGivesTheRestWithNothingLost() {
    String first = say(LEADER, "慢序时");
    assertPhoneSized("慢序时", first);
    Matcher count = Pattern.compile("慢序时目标 (\\d+) 项").matcher(first);
    assertThat(count.find()).isTrue();
    int n = Integer.parseInt(count.group(1));
    assertThat(n).isGreaterThan(12);
    assertThat(first).contains(FOOTER);
    // another sender's 更多 does not get this sender's pages
    assertThat(say(RSJ, "更多")).contains("没有更多内容");
    String all = sayAll(LEADER, "慢序时");
    for (int i = 1; i <= n; i++) {
      assertThat(all).contains("\n" + i + ". ");
    }
    assertThat(say(LEADER, "更多")).contains("没有更多内容");
  }

  @Test
  void overdueListsTheUnitsThatMissedMayWithTheirWorkdays() {
    data.insertFigure("jobs-new", "人社局", "8000", LocalDate.of(2018, 5, 10));
    String overdue = sayAll(LEADER, "哪些单位逾期了");
    assertThat(overdue).startsWith("逾期未报的单位（截至 6月20日）");
    assertThat(overdue).contains("逾期 17 个工作日（2018年5月未报）");
    assertThat(say(LEADER, "逾期单位")).startsWith("逾期未报的单位");
  }

  @Test
  void unreportedForAPastMonthAndForOneUnit() {
    data.insertFigure("jobs-new", "人社局", "8000", LocalDate.of(2018, 5, 10));
    String may = sayAll(LEADER, "上个月谁没报");
    assertThat(may).startsWith("2018年5月 报送情况").contains("· 交通局：");
    assertThat(sayAll(LEADER, "未报 5月")).isEqualTo(may);
    String rsjLine = may.lines().filter(l -> l.startsWith("· 人社局：")).findFirst().orElse("");
    assertThat(rsjLine).doesNotStartWith("· 人社局：新增就业岗位");
    String one = say(LEADER, "未报 交通局");
    assertThat(one.split("\n").length).isLessThanOrEqualTo(2);
    assertThat(one).startsWith("交通局 2018年6月还有 ");
    String unreported = say(LEADER, "未报");
    assertPhoneSized("未报", unreported);
  }

  @Test
  void bulletinIsAShortSummaryOfTheLatestMonth() {
    String bulletin = say(LEADER, "通报");
    assertPhoneSized("通报", bulletin);
    assertThat(bulletin)
        .startsWith("【督办月度通报】2018年5月（截至 5月25日）")
        .contains("总体完成")
        .contains("最落后的3项");
    assertThat(say(LEADER, "通报 4月")).startsWith("【督办月度通报】2018年4月");
    assertThat(say(LEADER, "通报 6月")).contains("还没过");
  }

  @Test
  void theLeadersUnitViewHasNoReportingHintAndRepeatedNamesCarryTheirProject() {
    String leader = sayAll(LEADER, "进度 统战部");
    assertThat(leader)
        .contains("募集光彩基金（阳光帮扶工程）")
        .contains("募集光彩基金（生态共建光彩工程）")
        .doesNotContain("上报示例");
    String own = sayAll("dt-tzb-01", "进度 统战部");
    assertThat(own).contains("上报示例").contains("募集光彩基金（阳光帮扶工程）");
    String mine = sayAll("dt-tzb-01", "我的");
    assertThat(mine).contains("募集光彩基金（生态共建光彩工程）");
  }
}
