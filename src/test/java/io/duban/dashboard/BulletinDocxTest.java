package io.duban.dashboard;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.support.MutableClock;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/export/bulletin.docx: the monthly 通报 as a Word document, re-read with XWPF. */
@QuarkusTest
class BulletinDocxTest {
  static final String PATH = "/api/export/bulletin.docx";
  static final String TITLE = "武进区2018年“两促三优三提升”为民办实事项目6月份推进情况通报";

  @Inject TestData data;
  @Inject MutableClock wall;

  @BeforeEach
  void clean() {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
  }

  @AfterEach
  void restore() {
    wall.set(MutableClock.START);
    data.resetReports();
    data.resetOutbox();
  }

  static ExtractableResponse<Response> fetch(String query, String token) {
    return given().header("Authorization", "Bearer " + token).get(PATH + query).then().extract();
  }

  static XWPFDocument docx(String query, String token) throws Exception {
    ExtractableResponse<Response> r = fetch(query, token);
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    assertThat(r.contentType())
        .startsWith("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    String disposition = r.header("Content-Disposition");
    assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''");
    String name =
        URLDecoder.decode(
            disposition.substring(disposition.indexOf("''") + 2), StandardCharsets.UTF_8);
    assertThat(name).contains("通报").endsWith(".docx");
    return new XWPFDocument(new ByteArrayInputStream(r.asByteArray()));
  }

  /** The rows of the table that follows a heading, as cell texts. */
  static List<List<String>> tableAfter(XWPFDocument doc, String heading) {
    boolean seen = false;
    for (var element : doc.getBodyElements()) {
      if (element instanceof XWPFParagraph p && p.getText().equals(heading)) {
        seen = true;
      } else if (seen && element instanceof XWPFTable t) {
        return t.getRows().stream()
            .map((XWPFTableRow row) -> row.getTableCells().stream().map(c -> c.getText()).toList())
            .toList();
      }
    }
    throw new AssertionError("no table after " + heading);
  }

  static long number(String reply) {
    Matcher m = Pattern.compile("#(\\d+)").matcher(reply);
    assertThat(m.find()).as(reply).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void theJuneBulletinHasItsSectionsFiguresExplanationsAndOverdueUnits() throws Exception {
    assertThat(say("dt-rsj-01", "上报 新增就业岗位 1万")).startsWith("已记录");
    assertThat(say("dt-rsj-01", "上报 城镇就业 2万")).startsWith("已记录");
    assertThat(say("dt-rsj-01", "说明 新增就业岗位 受企业招工淡季影响7月起组织专场招聘会")).startsWith("已记录");
    long n = number(say("dt-rsj-01", "申请延期 本期 6月28日 人社部系统升级"));
    assertThat(say("dt-leader-01", "同意延期 " + n)).startsWith("已同意延期");
    wall.set(MutableClock.START.plus(Duration.ofDays(6))); // plan clock 2018-06-26
    // recorded after the deadline: not in the figures as of 6月25日
    assertThat(say("dt-zgh-01", "上报 职工技能培训 2万")).contains("迟报");

    try (XWPFDocument doc = docx("?period=2018-06", Tokens.READ)) {
      List<String> paragraphs = doc.getParagraphs().stream().map(XWPFParagraph::getText).toList();
      assertThat(paragraphs.get(0)).isEqualTo(TITLE);
      assertThat(paragraphs.get(1)).startsWith("（截至 2018年6月25日，序时进度 ");
      assertThat(paragraphs).containsSubsequence(BulletinDocument.SECTIONS);
      String text = new XWPFWordExtractor(doc).getText();
      assertThat(text).contains("共 8 个实事、22 个工程、64 项目标").contains("2018年6月应报单位 25 个");

      List<List<String>> onTrack = tableAfter(doc, "二、按序时推进的目标");
      assertThat(onTrack.get(0)).containsExactly("序号", "目标", "责任单位", "完成情况", "状态");
      assertThat(onTrack).anySatisfy(row -> assertThat(row.get(1)).isEqualTo("城镇就业"));
      assertThat(onTrack).noneSatisfy(row -> assertThat(row.get(1)).isEqualTo("职工技能培训"));

      List<List<String>> behind = tableAfter(doc, "三、慢序时目标");
      List<String> jobs =
          behind.stream().filter(r -> r.get(1).equals("新增就业岗位")).findFirst().orElseThrow();
      assertThat(jobs.get(2)).isEqualTo("人社局");
      assertThat(jobs.get(3)).contains("累计 10,000 / ").contains("（20.8%）").contains("序时进度");
      assertThat(jobs.get(5)).isEqualTo("人社局：受企业招工淡季影响7月起组织专场招聘会");
      assertThat(behind).anySatisfy(r -> assertThat(r.get(5)).contains("未说明"));

      List<List<String>> overdue = tableAfter(doc, "四、逾期未报单位");
      List<String> union =
          overdue.stream().filter(r -> r.get(1).equals("总工会")).findFirst().orElseThrow();
      assertThat(union.get(3)).contains("6月25日截止，已逾期 1 个工作日");
      assertThat(overdue).noneSatisfy(r -> assertThat(r.get(1)).isEqualTo("人社局"));
      assertThat(text)
          .contains("· 人社局：")
          .contains("6月28日截止，尚未到期；已延期至 6月28日")
          .contains("已批准延期：人社局 全部目标 延至 6月28日");
      assertThat(text).contains("五、下步要求").contains("请说明原因和措施").contains("2018年7月25日");
    }
    // without a period: the current one, with today's figures while its deadline is still ahead
    wall.set(MutableClock.START);
    try (XWPFDocument doc = docx("", Tokens.ADMIN)) {
      assertThat(doc.getParagraphs().get(0).getText()).isEqualTo(TITLE);
      assertThat(doc.getParagraphs().get(1).getText()).startsWith("（截至 2018年6月20日");
      assertThat(new XWPFWordExtractor(doc).getText()).contains("没有逾期未报的单位");
    }
    // a past month: its own deadline
    try (XWPFDocument doc = docx("?period=2018-05", Tokens.READ)) {
      assertThat(doc.getParagraphs().get(0).getText()).contains("5月份推进情况通报");
      assertThat(doc.getParagraphs().get(1).getText()).startsWith("（截至 2018年5月25日");
    }
  }

  @Test
  void aBadPeriodIsRefusedAndAnonymousReadersToo() {
    for (String bad : List.of("2018-13", "2018-6", "June", "2019-06", "2017-12", "2018-09")) {
      ExtractableResponse<Response> r = fetch("?period=" + bad, Tokens.READ);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/json");
      assertThat(r.jsonPath().getString("error")).as(bad).containsPattern("\\p{IsHan}");
    }
    assertThat(fetch("?period=2019-06", Tokens.READ).jsonPath().getString("error"))
        .contains("不在计划期");
    assertThat(fetch("?period=2018-13", Tokens.READ).jsonPath().getString("error"))
        .contains("YYYY-MM");
    given().get(PATH).then().statusCode(401);
    given().get(PATH + "?period=2018-06").then().statusCode(401);
  }
}
