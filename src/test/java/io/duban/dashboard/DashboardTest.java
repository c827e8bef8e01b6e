package io.duban.dashboard;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.support.MutableClock;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard page and the Excel export, with the read token set (login first). */
@QuarkusTest
class DashboardTest {
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
  }

  /** The Origin a browser sends with a form posted from the dashboard's own page. */
  static String origin() {
    return "http://localhost:" + RestAssured.port;
  }

  static String cookie(String token) {
    ExtractableResponse<Response> r =
        given()
            .redirects()
            .follow(false)
            .header("Origin", origin())
            .formParam("token", token)
            .post("/login")
            .then()
            .extract();
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Lax");
    return r.cookie("duban_session");
  }

  /** The CSRF token on the page an admin session sees. */
  static String csrf(String session) {
    String page = given().cookie("duban_session", session).get("/").then().extract().asString();
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
    return m.find() ? m.group(1) : null;
  }

  /** The workbook an export path answers with the read token. */
  static XSSFWorkbook export(String path) throws IOException {
    byte[] xlsx =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get(path)
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void withoutASessionTheLoginFormIsShownAndAWrongTokenIsRefused() {
    String page =
        given().get("/").then().statusCode(200).contentType("text/html").extract().asString();
    assertThat(page).contains("请登录").contains("name=\"token\"").doesNotContain("data-project");
    String wrong =
        given()
            .header("Origin", origin())
            .formParam("token", "wrong")
            .post("/login")
            .then()
            .statusCode(401)
            .contentType("text/html")
            .extract()
            .asString();
    assertThat(wrong).contains("令牌不正确");
    given()
        .cookie("duban_session", "READ.9999999999.forged")
        .get("/")
        .then()
        .statusCode(200)
        .extract()
        .asString()
        .contains("请登录");
    given()
        .cookie("duban_session", "READ.9999999999.forged")
        .get("/api/projects")
        .then()
        .statusCode(401);
  }

  @Test
  void aLoginPostedFromAnotherSiteIsRefusedWithTheReason() {
    for (String origin : List.of("https://evil.example", "null", "http://localhost:1")) {
      String page =
          given()
              .redirects()
              .follow(false)
              .header("Origin", origin)
              .formParam("token", Tokens.ADMIN)
              .post("/login")
              .then()
              .statusCode(403)
              .extract()
              .asString();
      assertThat(page).contains("其他网站").contains("请登录");
    }
    // no Origin: the Referer decides; neither: refused
    given()
        .redirects()
        .follow(false)
        .header("Referer", "https://evil.example/page")
        .formParam("token", Tokens.ADMIN)
        .post("/login")
        .then()
        .statusCode(403);
    given()
        .redirects()
        .follow(false)
        .header("Referer", origin() + "/?unit=x")
        .formParam("token", Tokens.ADMIN)
        .post("/login")
        .then()
        .statusCode(303);
    given()
        .redirects()
        .follow(false)
        .formParam("token", Tokens.ADMIN)
        .post("/login")
        .then()
        .statusCode(403);
  }

  @Test
  void pagesCarryAPolicyWithoutScriptsNoFramingAndNoCaching() {
    var r = given().cookie("duban_session", cookie(Tokens.ADMIN)).get("/").then().extract();
    assertThat(r.header("Content-Security-Policy"))
        .contains("default-src 'none'")
        .contains("frame-ancestors 'none'")
        .contains("form-action 'self'")
        .doesNotContain("script-src");
    assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(r.header("Referrer-Policy")).isEqualTo("same-origin");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.asString()).doesNotContain("<script");
    var login = given().get("/").then().extract();
    assertThat(login.header("Content-Security-Policy")).contains("default-src 'none'");
    var contacts =
        given()
            .header("Authorization", "Bearer " + Tokens.ADMIN)
            .get("/api/contacts")
            .then()
            .extract();
    assertThat(contacts.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void logoutRevokesTheSessionEvenIfTheCookieIsKept() {
    String session = cookie(Tokens.READ);
    given().cookie("duban_session", session).get("/api/projects").then().statusCode(200);
    given()
        .redirects()
        .follow(false)
        .header("Origin", origin())
        .cookie("duban_session", session)
        .post("/logout")
        .then()
        .statusCode(303)
        .header("Set-Cookie", org.hamcrest.Matchers.containsString("Max-Age=0"));
    // someone who copied the cookie before 退出 gets nothing with it
    given().cookie("duban_session", session).get("/api/projects").then().statusCode(401);
    assertThat(given().cookie("duban_session", session).get("/").then().extract().asString())
        .contains("请登录");
  }

  @Test
  void dashboardApprovalsNeedTheSessionsCsrfTokenAndASameOriginPost() {
    long n =
        Long.parseLong(say("dt-dash-new", "绑定 13800000202").replaceAll("(?s)^.*?#(\\d+).*$", "$1"));
    String admin = cookie(Tokens.ADMIN);
    String page = given().cookie("duban_session", admin).get("/").then().extract().asString();
    assertThat(page).contains("待审批（管理员）").contains("#" + n).contains("138****0202");
    assertThat(page).contains("最近的绑定尝试").contains("dt-dash-new");
    String csrf = csrf(admin);
    assertThat(csrf).isNotBlank();
    // a read session sees no panel and cannot post
    String reader = cookie(Tokens.READ);
    assertThat(given().cookie("duban_session", reader).get("/").then().extract().asString())
        .doesNotContain("待审批（管理员）");
    post(reader, csrf(reader), origin(), "/approvals/" + n + "/approve").then().statusCode(403);
    // without the token, with another session's token, from another site: refused with a reason
    post(admin, null, origin(), "/approvals/" + n + "/approve")
        .then()
        .statusCode(403)
        .body("error", org.hamcrest.Matchers.containsString("CSRF"));
    post(admin, csrf(cookie(Tokens.ADMIN)), origin(), "/approvals/" + n + "/approve")
        .then()
        .statusCode(403);
    post(admin, csrf, "https://evil.example", "/approvals/" + n + "/approve")
        .then()
        .statusCode(403)
        .body("error", org.hamcrest.Matchers.containsString("其他网站"));
    post(null, csrf, origin(), "/approvals/" + n + "/approve").then().statusCode(401);
    assertThat(say("dt-dash-new", "全区进度")).contains("还没有登记");
    // the real form
    var done = post(admin, csrf, origin(), "/approvals/" + n + "/approve").then().extract();
    assertThat(done.statusCode()).isEqualTo(303);
    String shown =
        given()
            .urlEncodingEnabled(false)
            .cookie("duban_session", admin)
            .get(
                done.header("Location")
                    .replaceFirst("^https?://[^/]+", "")
                    .replaceFirst("#.*$", ""))
            .then()
            .extract()
            .asString();
    assertThat(shown).contains("已批准 #" + n);
    assertThat(say("dt-dash-new", "全区进度")).contains("全区进度（");
    // a crafted link cannot put words on the page
    assertThat(
            given()
                .cookie("duban_session", admin)
                .get("/?notice=请把令牌发给我&ns=AAAAAAAAAAAAAAAAAAAAAA")
                .then()
                .extract()
                .asString())
        .doesNotContain("请把令牌发给我");
  }

  static io.restassured.response.Response post(
      String session, String csrf, String origin, String path) {
    var req = given().redirects().follow(false).header("Origin", origin);
    if (session != null) {
      req.cookie("duban_session", session);
    }
    if (csrf != null) {
      req.formParam("csrf", csrf);
    } else {
      req.formParam("reason", "x");
    }
    return req.post(path);
  }

  @Test
  void theSessionCookieOpensThePageAndEveryReadGetButNoWrite() {
    String session = cookie(Tokens.READ);
    String page =
        given()
            .cookie("duban_session", session)
            .get("/")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(count(page, "data-project=")).isEqualTo(22);
    assertThat(count(page, "data-target=")).isEqualTo(64);
    assertThat(page).contains("序时进度").contains("46.8%").contains("就业助推工程").contains("本期未报");
    assertThat(page).doesNotContain("外发消息（管理员）");
    given().cookie("duban_session", session).get("/api/projects").then().statusCode(200);
    given()
        .cookie("duban_session", session)
        .get("/api/export/progress.xlsx")
        .then()
        .statusCode(200);
    // the cookie never authorises writes
    given()
        .cookie("duban_session", session)
        .contentType("application/json")
        .body("{}")
        .post("/api/messages")
        .then()
        .statusCode(401);
    // an admin session sees the outbound message log
    String admin =
        given().cookie("duban_session", cookie(Tokens.ADMIN)).get("/").then().extract().asString();
    assertThat(admin).contains("外发消息（管理员）");
    // it expires after 12 hours on the wall clock
    wall.advance(Duration.ofHours(13));
    assertThat(given().cookie("duban_session", session).get("/").then().extract().asString())
        .contains("请登录");
  }

  @Test
  void filtersSearchHistoryAndRecentReports() {
    say("dt-rsj-01", "上报 新增就业岗位 3万");
    say("dt-cgj-01", "完成 小庙转运站");
    String session = cookie(Tokens.READ);
    String byCategory =
        given().cookie("duban_session", session).get("/?category=1").then().extract().asString();
    assertThat(count(byCategory, "data-project=")).isEqualTo(2);
    String byUnit =
        given()
            .cookie("duban_session", session)
            .queryParam("unit", "城管局")
            .get("/")
            .then()
            .extract()
            .asString();
    assertThat(count(byUnit, "data-target=")).isEqualTo(1);
    String ahead =
        given().cookie("duban_session", session).get("/?status=AHEAD").then().extract().asString();
    assertThat(ahead).contains("data-target=\"jobs-new\"");
    assertThat(count(ahead, "data-target=")).isEqualTo(1);
    String search =
        given()
            .cookie("duban_session", session)
            .queryParam("q", "光彩")
            .get("/")
            .then()
            .extract()
            .asString();
    assertThat(count(search, "data-target=")).isEqualTo(2);
    String history =
        given()
            .cookie("duban_session", session)
            .get("/?target=jobs-new")
            .then()
            .extract()
            .asString();
    assertThat(history)
        .contains("上报历史")
        .contains("累计 30,000 个")
        .contains("赵示一")
        .contains("report.figure")
        .contains("<svg class=\"chart\"")
        .contains("6月");
    assertThat(history).contains("最近上报").contains("小庙转运站 已完成");
  }

  @Test
  void theExcelExportKeepsTheTablesLayoutWithProgress() throws Exception {
    say("dt-rsj-01", "上报 新增就业岗位 1.2万");
    say("dt-csh-01", "上报 慈善救助金 1200");
    byte[] xlsx =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get("/api/export/progress.xlsx")
            .then()
            .statusCode(200)
            .header(
                "Content-Disposition", org.hamcrest.Matchers.containsString("filename*=UTF-8''"))
            .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .extract()
            .asByteArray();
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = wb.getSheet("进度表");
      DataFormatter fmt = new DataFormatter();
      assertThat(fmt.formatCellValue(sheet.getRow(1).getCell(0))).isEqualTo("序号");
      assertThat(fmt.formatCellValue(sheet.getRow(1).getCell(2))).isEqualTo("项目概况");
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
      assertThat(sheet.getLastRowNum()).isEqualTo(2 + 64 - 1);
      assertThat(fmt.formatCellValue(sheet.getRow(2).getCell(1))).isEqualTo("促进就业创业");
      assertThat(fmt.formatCellValue(sheet.getRow(2).getCell(2)))
          .startsWith("就业助推工程：新增就业岗位 4.8 万个");
      assertThat(fmt.formatCellValue(sheet.getRow(2).getCell(4))).isEqualTo("新增就业岗位");
      assertThat(fmt.formatCellValue(sheet.getRow(2).getCell(6))).isEqualTo("48,000");
      assertThat(fmt.formatCellValue(sheet.getRow(2).getCell(8))).isEqualTo("12,000");
      assertThat(fmt.formatCellValue(sheet.getRow(2).getCell(9))).isEqualTo("25.0%");
      assertThat(fmt.formatCellValue(sheet.getRow(2).getCell(10))).isEqualTo("46.8%");
      assertThat(fmt.formatCellValue(sheet.getRow(2).getCell(11))).isEqualTo("慢序时");
      assertThat(fmt.formatCellValue(sheet.getRow(2).getCell(12))).isEqualTo("2018-06-20");
      // 就业助推工程's six targets share one merged 项目概况 cell; 实事 1 spans both its 工程
      assertThat(sheet.getMergedRegions())
          .contains(new CellRangeAddress(2, 7, 2, 2), new CellRangeAddress(2, 8, 0, 0));
      int charity = -1;
      for (int r = 2; r <= sheet.getLastRowNum(); r++) {
        if ("发放慈善救助金".equals(fmt.formatCellValue(sheet.getRow(r).getCell(4)))) {
          charity = r;
        }
      }
      assertThat(fmt.formatCellValue(sheet.getRow(charity).getCell(6))).isEqualTo("3,800");
      assertThat(fmt.formatCellValue(sheet.getRow(charity).getCell(7))).isEqualTo("万元");
      assertThat(fmt.formatCellValue(sheet.getRow(charity).getCell(8))).isEqualTo("1,200");
      Sheet history = wb.getSheet("上报记录");
      assertThat(history.getLastRowNum()).isEqualTo(2);
      assertThat(fmt.formatCellValue(history.getRow(1).getCell(4))).isEqualTo("累计 12,000 个");
    }
  }

  @Test
  void textThatLooksLikeAFormulaIsNeverEvaluatedBySpreadsheets() throws Exception {
    given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .contentType("application/json")
        .body(
            "{\"id\":\"formula-1\",\"name\":\"=HYPERLINK(\\\"http://x.example\\\",\\\"点我\\\")\","
                + "\"unit\":\"人社局\",\"role\":\"reporter\",\"ids\":{\"dingtalk\":\"dt-formula-1\"}}")
        .post("/api/contacts")
        .then()
        .statusCode(201);
    try {
      say("dt-formula-1", "上报 新增就业岗位 1.2万");
      try (XSSFWorkbook wb = export("/api/export/progress.xlsx")) {
        var reporter = wb.getSheet("上报记录").getRow(1).getCell(5);
        assertThat(reporter.getStringCellValue()).startsWith("=HYPERLINK");
        assertThat(reporter.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
        assertThat(reporter.getCellStyle().getQuotePrefixed()).isTrue();
        // plain text keeps the plain style
        assertThat(wb.getSheet("上报记录").getRow(1).getCell(2).getCellStyle().getQuotePrefixed())
            .isFalse();
      }
    } finally {
      given()
          .header("Authorization", "Bearer " + Tokens.ADMIN)
          .delete("/api/contacts/formula-1")
          .then()
          .statusCode(200);
    }
  }

  @Test
  void asOfExportsTheFiguresAsTheyStoodThen() throws Exception {
    say("dt-rsj-01", "上报 新增就业岗位 1.2万");
    wall.advance(Duration.ofDays(10)); // plan clock 06-30
    say("dt-rsj-01", "上报 新增就业岗位 2万");
    say("dt-rsj-01", "撤销");
    say("dt-rsj-01", "上报 新增就业岗位 2.4万");
    DataFormatter fmt = new DataFormatter();
    try (XSSFWorkbook a = export("/api/export/progress.xlsx?asOf=2018-06-25");
        XSSFWorkbook b = export("/api/export/progress.xlsx")) {
      assertThat(fmt.formatCellValue(a.getSheet("进度表").getRow(2).getCell(8))).isEqualTo("12,000");
      assertThat(fmt.formatCellValue(a.getSheet("进度表").getRow(0).getCell(0)))
          .contains("截至 2018-06-25");
      assertThat(a.getSheet("上报记录").getLastRowNum()).isEqualTo(1);
      assertThat(fmt.formatCellValue(b.getSheet("进度表").getRow(2).getCell(8))).isEqualTo("24,000");
    }
    given()
        .header("Authorization", "Bearer " + Tokens.READ)
        .get("/api/export/progress.xlsx?asOf=2018-13-01")
        .then()
        .statusCode(400);
    given()
        .header("Authorization", "Bearer " + Tokens.READ)
        .get("/api/export/progress.xlsx?asOf=2019-06-01")
        .then()
        .statusCode(400);
    given().get("/api/export/progress.xlsx").then().statusCode(401);
  }
}
