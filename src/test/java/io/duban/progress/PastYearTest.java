package io.duban.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.boot.ConfigLoader;
import io.duban.support.Chat;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A second year becomes active (plans/2018.yaml and plans/2019.yaml, the latest wins): 2019 is what
 * every read shows without a year; 2018 stays queryable read-only with its figures as finally
 * recorded, as at its year's end, in chat, on the API, the export and the dashboard; writes against
 * it are refused and it gets no reminders.
 */
@QuarkusTest
class PastYearTest {
  static final String REPORTER = "dt-rsj-01"; // 人社局
  static final String LEADER = "dt-leader-01";
  static final String TITLE_2019 = "2019年稳就业惠民生实事项目";

  @Inject TestData data;
  @Inject ConfigLoader loader;
  @Inject EntityManager em;

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    data.reloadRealConfig();
    // figures recorded while 2018 is the active year
    assertThat(Chat.say(REPORTER, "上报 新增就业岗位 1.2万")).contains("12,000");
    assertThat(Chat.say(REPORTER, "上报 城镇就业 2.3万")).contains("23,000");
    load(twoYears());
  }

  @AfterEach
  void tearDown() {
    data.resetReports();
    data.resetOutbox();
    data.reloadRealConfig();
    dropPlan(2019);
  }

  @Test
  void withoutAYearTheActive2019PlanAnswers() {
    String overall = Chat.say(LEADER, "全区进度");
    assertThat(overall).contains(TITLE_2019).doesNotContain("两促三优三提升");
    String job = Chat.say(LEADER, "新增就业岗位进度");
    assertThat(job).contains("50,000").contains("还没有上报").doesNotContain("12,000");
    JsonPath progress = get("/api/progress").jsonPath();
    assertThat(progress.getInt("year")).isEqualTo(2019);
    assertThat(progress.getString("title")).isEqualTo(TITLE_2019);
    assertThat(get("/api/projects").jsonPath().getList("name")).containsExactly("稳岗扩就业工程");
  }

  @Test
  void chatQuestionsNamingTheYearAnswerFromThe2018Plan() {
    String project = Chat.say(LEADER, "进度 2018 就业助推工程");
    assertThat(project)
        .startsWith("（计划期已结束）")
        .contains("就业助推工程")
        .contains("新增就业岗位")
        .contains("12,000")
        .contains("23,000");
    // no tap offers the active plan's next queries after a past year's overview
    assertThat(Chat.answer(LEADER, "2018年全区进度").getList("choices")).isNullOrEmpty();
    assertThat(Chat.answer(LEADER, "全区进度").getList("choices")).isNotEmpty();
    String overall = Chat.say(LEADER, "2018年全区进度");
    assertThat(overall).contains("2018年“两促三优三提升”为民办实事项目").doesNotContain(TITLE_2019);
    assertThat(overall).contains("100.0%");
    String target = Chat.say(LEADER, "2018 新增就业岗位进度");
    assertThat(target).contains("12,000").contains("25.0%").contains("人社局");
    assertThat(Chat.say(REPORTER, "2018年 我的")).contains("人社局").contains("新增就业岗位");
    assertThat(Chat.say(LEADER, "2018 慢序时"))
        .startsWith("（计划期已结束）慢序时目标")
        .contains("序时进度 100.0%")
        .doesNotContain("职工技能提升培训");
    assertThat(Chat.say(LEADER, "2018 排名")).contains("人社局");
    assertThat(Chat.say(LEADER, "2018 未报")).startsWith("2018 年的计划只能查看进度");
    // the same question about the active year is the plain question
    assertThat(Chat.say(LEADER, "进度 2019 新增就业岗位")).isEqualTo(Chat.say(LEADER, "新增就业岗位进度"));
    assertThat(Chat.say(LEADER, "2017年全区进度")).isEqualTo("没有 2017 年的计划。现有 2018、2019 年的计划。");
    assertThat(Chat.say(LEADER, "进度 2017 就业助推工程")).isEqualTo("没有 2017 年的计划。现有 2018、2019 年的计划。");
  }

  @Test
  void withOneYearNamingItIsThePlainQuestion() {
    data.reloadRealConfig();
    dropPlan(2019);
    assertThat(Chat.say(LEADER, "2018年全区进度")).isEqualTo(Chat.say(LEADER, "全区进度"));
    assertThat(Chat.say(LEADER, "进度 2018 就业助推工程")).isEqualTo(Chat.say(LEADER, "就业助推工程进度"));
    assertThat(Chat.say(LEADER, "2019年全区进度")).isEqualTo("没有 2019 年的计划。现有 2018 年的计划。");
    assertThat(Chat.say(REPORTER, "上报 新增就业岗位 1.5万")).contains("15,000").contains("序时进度 46.8%");
    JsonPath progress = get("/api/progress?year=2018").jsonPath();
    assertThat(progress.getString("phase")).isEqualTo("RUNNING");
    assertThat(progress.getString("date")).isEqualTo("2018-06-20");
  }

  @Test
  void writesAgainstThePastYearAreRefused() {
    assertThat(Chat.say(REPORTER, "上报 2018 新增就业岗位 2万")).isEqualTo("2018 年计划已结束，不能再上报。");
    // a target only 2018 has, named without a year
    assertThat(Chat.say(REPORTER, "上报 城镇就业 2.4万")).isEqualTo("2018 年计划已结束，不能再上报。");
    assertThat(Chat.say(REPORTER, "说明 2018 城镇就业 企业用工需求下降")).isEqualTo("2018 年计划已结束，不能再提交说明。");
    assertThat(Chat.say(REPORTER, "申请延期 2018 城镇就业 7月5日 统计口径调整")).isEqualTo("2018 年计划已结束，不能再申请延期。");
    assertThat(Chat.say(REPORTER, "完成 2018 火炬路幼儿园")).startsWith("2018 年计划已结束，不能再");
    // nothing was recorded: the 2018 figures are those of before the switch
    assertThat(Chat.say(LEADER, "2018 新增就业岗位进度")).contains("12,000");
    long reports =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ((Number) em.createNativeQuery("SELECT COUNT(*) FROM report").getSingleResult())
                        .longValue());
    assertThat(reports).isEqualTo(2);
    // a target both years have, without a year, is the active year's: 2019 has not begun on the
    // plan clock (2018-06-20), so its own rule answers, not the past year's
    assertThat(Chat.say(REPORTER, "上报 新增就业岗位 6000")).startsWith("计划尚未开始");
  }

  @Test
  void theReadApiTakesAYear() {
    JsonPath y2018 = get("/api/progress?year=2018").jsonPath();
    assertThat(y2018.getInt("year")).isEqualTo(2018);
    assertThat(y2018.getString("phase")).isEqualTo("ENDED");
    assertThat(y2018.getString("date")).isEqualTo("2018-12-31");
    assertThat(y2018.getDouble("schedule")).isEqualTo(1.0);
    assertThat(y2018.getList("categories")).hasSize(8);
    List<Map<String, Object>> projects = get("/api/projects?year=2018").jsonPath().getList("$");
    assertThat(projects).hasSize(22);
    Map<String, Object> jobs =
        projects.stream().filter(p -> p.get("name").equals("就业助推工程")).findFirst().orElseThrow();
    assertThat(jobs.toString()).contains("jobs-new").contains("12000");
    JsonPath units = get("/api/units?year=2018").jsonPath();
    assertThat(units.getList("name")).contains("人社局");
    assertThat(units.getList("reported")).containsOnlyNulls();
    assertThat(get("/api/progress?year=2019").jsonPath().getString("title")).isEqualTo(TITLE_2019);

    JsonPath unknown = refused("/api/progress?year=2017", 404);
    assertThat(unknown.getString("error")).isEqualTo("没有 2017 年的计划。现有 2018、2019 年的计划。");
    assertThat(refused("/api/projects?year=20x8", 400).getString("error")).contains("四位年份");
    refused("/api/units?year=1999", 404);
  }

  @Test
  void exportAndDashboardTakeAYear() throws Exception {
    byte[] xlsx =
        given()
            .header("Authorization", "Bearer " + Tokens.ADMIN)
            .get("/api/export/progress.xlsx?year=2018")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      StringBuilder all = new StringBuilder();
      for (Row row : wb.getSheetAt(0)) {
        row.forEach(c -> all.append(c.toString()).append('|'));
      }
      assertThat(all).contains("就业助推工程").contains("新增就业岗位").doesNotContain("稳岗扩就业工程");
    }
    assertThat(refused("/api/export/progress.xlsx?year=2017", 404).getString("error"))
        .contains("2017");

    String page2018 = html("/?year=2018");
    assertThat(page2018).contains("两促三优三提升").contains("计划期已结束").contains("就业助推工程");
    assertThat(page2018).contains("year=2018").doesNotContain("稳岗扩就业工程");
    assertThat(html("/")).contains(TITLE_2019).doesNotContain("就业助推工程");
    assertThat(refused("/?year=2017", 404).getString("error")).contains("2017");
    assertThat(refused("/?year=abc", 400).getString("error")).contains("四位年份");
  }

  @Test
  void remindersFollowOnlyTheActivePlan() {
    // a 2018 date: the 2018 plan is no longer active, nothing is owed
    JsonPath in2018 = preview("2018-06-22");
    assertThat(in2018.getList("reminders")).isEmpty();
    // a 2019 date: only 2019's targets and units
    JsonPath in2019 = preview("2019-06-21");
    List<Map<String, Object>> items = in2019.getList("reminders");
    assertThat(items).isNotEmpty();
    for (Map<String, Object> i : items) {
      assertThat((String) i.get("text")).doesNotContain("城镇就业").doesNotContain("2018");
      assertThat(i.get("period")).asString().startsWith("2019-");
    }
  }

  // ---------------------------------------------------------------------------------------------

  static JsonPath preview(String date) {
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .get("/api/reminders/preview?date=" + date)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static io.restassured.response.Response get(String path) {
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .get(path)
        .then()
        .statusCode(200)
        .extract()
        .response();
  }

  static String html(String path) {
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .get(path)
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  static JsonPath refused(String path, int status) {
    JsonPath body =
        given()
            .header("Authorization", "Bearer " + Tokens.ADMIN)
            .get(path)
            .then()
            .statusCode(status)
            .contentType("application/json")
            .extract()
            .jsonPath();
    assertThat(body.getInt("status")).isEqualTo(status);
    return body;
  }

  void load(Path dir) {
    QuarkusTransaction.requiringNew().call(() -> loader.loadFrom(dir, n -> null));
  }

  /**
   * A copy of bot-config with plans/2018.yaml (the shipped plan) and plans/2019.yaml: the same
   * units, one 实事 with one 工程 of two targets, one of them with 2018's id and name.
   */
  static Path twoYears() throws Exception {
    Path dir = TestData.copyConfig(Path.of("bot-config"));
    Path plans = Files.createDirectories(dir.resolve("plans"));
    String plan2018 = Files.readString(dir.resolve("plan.yaml"), StandardCharsets.UTF_8);
    Files.move(dir.resolve("plan.yaml"), plans.resolve("2018.yaml"));
    String units =
        plan2018.substring(plan2018.indexOf("\nunits:\n"), plan2018.indexOf("\ncategories:\n"));
    String plan2019 =
        "year: 2019\n"
            + "title: "
            + TITLE_2019
            + "\nregion: 武进区\n"
            + "period:\n  start: 2019-01-01\n  end: 2019-12-31\n"
            + "status-gap: 10%\n"
            + "reporting:\n  cycle: monthly\n  deadline-day: 25\n"
            + units
            + "\ncategories:\n"
            + "  - number: 1\n"
            + "    name: 稳就业\n"
            + "    projects:\n"
            + "      - name: 稳岗扩就业工程\n"
            + "        lead-units: [人社局, 总工会]\n"
            + "        overview: 新增就业岗位 5 万个，职工技能培训 3.5 万人次。\n"
            + "        targets:\n"
            + "          - id: jobs-new\n"
            + "            name: 新增就业岗位\n"
            + "            source: 新增就业岗位 5 万个\n"
            + "            value: 5万\n"
            + "            unit: 个\n"
            + "            owners: [人社局]\n"
            + "          - id: skills-2019\n"
            + "            name: 职工技能提升培训\n"
            + "            source: 职工技能培训 3.5 万人次\n"
            + "            value: 3.5万\n"
            + "            unit: 人次\n"
            + "            owners: [总工会]\n";
    Files.writeString(plans.resolve("2019.yaml"), plan2019, StandardCharsets.UTF_8);
    return dir;
  }

  /** Removes a test plan of the shared database (its reports are gone already). */
  void dropPlan(int year) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              String plan = "(SELECT id FROM plan WHERE plan_year = " + year + ")";
              String targets = "(SELECT id FROM target WHERE plan_id = " + plan + ")";
              String projects = "(SELECT id FROM project WHERE plan_id = " + plan + ")";
              for (String sql :
                  List.of(
                      "DELETE FROM target_owner WHERE target_id IN " + targets,
                      "DELETE FROM checklist_item WHERE target_id IN " + targets,
                      "DELETE FROM target WHERE plan_id = " + plan,
                      "DELETE FROM project_lead_unit WHERE project_id IN " + projects,
                      "DELETE FROM plan_exclusion WHERE project_id IN " + projects,
                      "DELETE FROM project WHERE plan_id = " + plan,
                      "DELETE FROM category WHERE plan_id = " + plan,
                      "DELETE FROM plan WHERE plan_year = " + year)) {
                em.createNativeQuery(sql).executeUpdate();
              }
            });
    data.resetCaches();
  }
}
