package io.duban.progress;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.report.Report;
import io.duban.support.MutableClock;
import io.duban.support.Pages;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one definition (docs/contract.md §4) of "reported", checked through /api/units and 未报 while
 * the plan clock moves across a deadline and into the next period.
 */
@QuarkusTest
class ReportedDefinitionTest {
  static final String ZGH = "dt-zgh-01";
  static final String RSJ = "dt-rsj-01";

  @Inject TestData data;
  @Inject MutableClock wall;

  @BeforeEach
  void clean() {
    data.resetReports();
    wall.set(MutableClock.START);
  }

  @AfterEach
  void restore() {
    data.resetReports();
    wall.set(MutableClock.START);
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

  static void reportEverythingOfTheUnion() {
    say(ZGH, "上报 职工技能培训 1.6万人次");
    say(ZGH, "上报 贴息贷款 1500");
    say(ZGH, "上报 健康体检 1万");
    say(ZGH, "上报 意外伤害保险 5000");
    say(ZGH, "上报 爱心母婴室 20");
  }

  @Inject ProgressService progress;

  @Test
  void theOneTargetViewOfAReplyIsTheSameAsThePlanViewsForEveryTarget() {
    reportEverythingOfTheUnion();
    say(RSJ, "上报 新增就业岗位 1.2万");
    say("dt-admin-01", "代报 农业局 上报 培育新型职业农民 800");
    say("dt-xzsp-01", "进展 镇级便民服务中心全覆盖 已完成选址 推进中");
    PlanView view = QuarkusTransaction.requiringNew().call(() -> progress.today());
    assertThat(view.targets()).hasSizeGreaterThan(60);
    for (PlanView.TargetView expected : view.targets().values()) {
      PlanView.TargetView one =
          QuarkusTransaction.requiringNew().call(() -> progress.targetToday(expected.target().id));
      assertThat(one).as(expected.target().name).isEqualTo(expected);
    }
    assertThat(view.targets().values())
        .as("the comparison covers reported targets")
        .anyMatch(t -> t.current() != null && t.current().signum() > 0);
  }

  @Test
  void aUnitHasReportedWhenAllItsActiveTargetsHave() {
    assertThat(unit("总工会").get("reported")).isEqualTo(false);
    say(ZGH, "上报 职工技能培训 1.6万人次");
    assertThat(unit("总工会").get("reported")).isEqualTo(false);
    reportEverythingOfTheUnion();
    assertThat(unit("总工会").get("reported")).isEqualTo(true);
    assertThat(unit("总工会").get("deadline")).isEqualTo("2018-06-25");
    assertThat(unit("人社局").get("reported")).isEqualTo(false);
    assertThat(say("dt-leader-01", "未报")).doesNotContain("· 总工会").contains("· 人社局");
    // a withdrawn report no longer counts
    say(ZGH, "撤销");
    assertThat(unit("总工会").get("reported")).isEqualTo(false);
  }

  @Test
  void aReportAfterTheDeadlineCountsAndIsMarkedLate() {
    wall.advance(Duration.ofDays(7)); // plan clock 2018-06-27, after the 25th
    String reply = say(RSJ, "上报 新增就业岗位 1.2万");
    assertThat(reply).contains("本期截止日已过，记为迟报");
    Report r = QuarkusTransaction.requiringNew().call(() -> Report.<Report>findAll().firstResult());
    assertThat(r.late).isTrue();
    assertThat(r.periodKey).isEqualTo("2018-06");
    assertThat(say("dt-leader-01", "未报")).contains("已过截止日");
  }

  @Test
  void anUnreportedUnitIsOverdueIntoTheNextPeriodAndADoneTargetNeedsNoMoreReports() {
    reportEverythingOfTheUnion(); // 爱心母婴室 reaches 20 / 20: done in June
    wall.advance(Duration.ofDays(12)); // plan clock 2018-07-02
    assertThat(unit("总工会").get("reported")).isEqualTo(false);
    assertThat(unit("总工会").get("period")).isEqualTo("2018年7月");
    String unreported = Pages.sayAll("dt-leader-01", "未报");
    assertThat(unreported).contains("2018年7月 报送情况");
    assertThat(unreported).contains("· 人社局").contains("逾期：2018年6月未报");
    String union = unreported.lines().filter(l -> l.startsWith("· 总工会")).findFirst().orElseThrow();
    assertThat(union).doesNotContain("逾期").doesNotContain("爱心母婴室");
    say(ZGH, "上报 职工技能培训 1.8万人次");
    say(ZGH, "上报 贴息贷款 1800");
    say(ZGH, "上报 健康体检 1.2万");
    say(ZGH, "上报 意外伤害保险 6000");
    assertThat(unit("总工会").get("reported")).isEqualTo(true);
  }

  @Test
  void outsideThePlanPeriodNothingIsReportedAndViewsSaySo() {
    wall.advance(Duration.ofDays(200)); // 2019-01-06
    assertThat(say(RSJ, "上报 新增就业岗位 1.2万")).contains("计划期已结束");
    assertThat(say("dt-leader-01", "全区进度")).startsWith("（计划期已结束）");
    assertThat(say("dt-leader-01", "未报")).contains("计划期已结束");
    JsonPath progress =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get("/api/progress")
            .then()
            .extract()
            .jsonPath();
    assertThat(progress.getString("phaseLabel")).isEqualTo("计划期已结束");
    assertThat(unit("人社局").get("reported")).isNull();
  }

  @Test
  void apiProgressCountsByStatusAfterReports() {
    say(RSJ, "上报 新增就业岗位 3万");
    JsonPath p =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get("/api/progress")
            .then()
            .extract()
            .jsonPath();
    assertThat(p.getInt("statusCounts.AHEAD")).isEqualTo(1);
    assertThat(p.getFloat("schedule")).isEqualTo(0.4685f);
    assertThat(p.getFloat("categories[0].completion")).isGreaterThan(0f);
  }
}
