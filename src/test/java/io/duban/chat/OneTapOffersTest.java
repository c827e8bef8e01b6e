package io.duban.chat;

import static io.duban.support.Chat.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.report.Report;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a reply offers to tap, through the simulator: a question's numbered options, 确认 for held
 * figures, 更多 for a long reply's next page, and the report form's targets for a bare 上报. A tap
 * sends the button's text as the user's own message, so sending it here must do what the option
 * says.
 */
@QuarkusTest
class OneTapOffersTest {
  static final String RSJ = "dt-rsj-01";
  static final String LEADER = "dt-leader-01";

  @Inject TestData data;

  @BeforeEach
  void clean() {
    data.resetReports();
  }

  static long reports() {
    return QuarkusTransaction.requiringNew().call(() -> Report.count());
  }

  @Test
  void aQuestionOffersItsOptionsAndTappingOneRecordsIt() {
    JsonPath a = answer(RSJ, "新增就业岗位报1.3万");
    assertThat(a.getString("reply")).contains("1.");
    List<String> labels = a.getList("choices.label");
    List<String> texts = a.getList("choices.text");
    assertThat(labels).isNotEmpty();
    assertThat(labels.get(0)).startsWith("1. ");
    assertThat(reports()).isZero();
    JsonPath tapped = answer(RSJ, texts.get(0));
    assertThat(tapped.getString("reply")).startsWith("已记录");
    assertThat(reports()).isEqualTo(1);
    assertThat(tapped.getList("choices.text")).containsExactly("我的");
  }

  @Test
  void heldFiguresOfferConfirm() {
    JsonPath a = answer(RSJ, "上报 新增就业岗位 20万");
    assertThat(a.getString("reply")).contains("回复“确认”");
    assertThat(a.getList("choices.text")).containsExactly("确认");
    assertThat(reports()).isZero();
    JsonPath tapped = answer(RSJ, "确认");
    assertThat(tapped.getString("reply")).contains("已记录");
    assertThat(reports()).isEqualTo(1);
  }

  @Test
  void aBareReportOffersTheUnitsTargetsForAForm() {
    JsonPath a = answer(RSJ, "上报");
    assertThat(a.getString("reply")).contains("用法");
    List<String> targets = a.getList("formTargets");
    assertThat(targets).contains("新增就业岗位").doesNotContain("职工技能培训");
    assertThat(a.getList("choices")).isEmpty();
  }

  @Test
  void aStrangerAndALeaderGetNoForm() {
    assertThat(answer("dt-stranger", "上报").getList("formTargets")).isEmpty();
    assertThat(answer(LEADER, "上报").getList("formTargets")).isEmpty();
  }

  @Test
  void aPagedReplyOffersMoreUntilTheLastPage() {
    JsonPath page = answer(LEADER, "慢序时");
    int pages = 1;
    while (page.getString("reply").contains("回复“更多”")) {
      assertThat(page.getList("choices.text")).containsExactly("更多");
      page = answer(LEADER, page.getString("choices[0].text"));
      pages++;
      assertThat(pages).isLessThan(20);
    }
    assertThat(pages).isGreaterThan(1);
    assertThat(page.getList("choices")).isEmpty();
  }

  @Test
  void anOverviewOffersTheUsualNextQueriesAndARecordedFigureTheUnitsList() {
    JsonPath a = answer(LEADER, "全区进度");
    assertThat(a.getList("choices.text")).containsExactly("未报", "慢序时", "排名");
    assertThat(answer(LEADER, "未报").getString("reply")).contains("报送情况");
    JsonPath recorded = answer(RSJ, "上报 新增就业岗位 1.2万");
    assertThat(recorded.getList("choices.text")).containsExactly("我的");
    // a leader's refused report offers no 我的: they have no unit
    assertThat(answer(LEADER, "上报 新增就业岗位 2万").getList("choices")).isEmpty();
  }

  @Test
  void helpOffersNothing() {
    JsonPath a = answer(LEADER, "帮助");
    assertThat(a.getList("choices")).isEmpty();
    assertThat(a.getList("formTargets")).isEmpty();
  }
}
