package io.duban.imports;

import static io.duban.imports.Sheets.plain;
import static io.duban.imports.Sheets.reports;
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
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's import page: an admin session uploads, previews and applies with its CSRF token.
 */
@QuarkusTest
class ImportPageTest {
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
  }

  static String origin() {
    return "http://localhost:" + RestAssured.port;
  }

  static String session(String token) {
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
    return r.cookie("duban_session");
  }

  static String field(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).as(name + " in " + html).isTrue();
    return m.group(1);
  }

  @Test
  void anAdminSessionPreviewsAndAppliesWithTheHeldRowTicked() throws IOException {
    String session = session(Tokens.ADMIN);
    String form =
        given()
            .cookie("duban_session", session)
            .get("/import")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(form).contains("action=\"/import/preview\"").contains("multipart/form-data");
    String csrf = field(form, "csrf");
    assertThat(csrf).isNotEmpty();
    byte[] file =
        plain(
            List.of("目标", "单位", "累计数"),
            new Object[] {"城镇就业", "人社局", 9000.0},
            new Object[] {"开发公益性岗位", "人社局", 5000.0},
            new Object[] {"城镇就业", "教育局", 1.0});

    String preview =
        given()
            .cookie("duban_session", session)
            .header("Origin", origin())
            .multiPart("csrf", csrf)
            .multiPart("file", "units.xlsx", file, Sheets.XLSX)
            .post("/import/preview")
            .then()
            .statusCode(200)
            .contentType("text/html")
            .extract()
            .asString();
    assertThat(preview).contains("导入预览").contains("将记录").contains("需核对").contains("不能记录");
    assertThat(preview).contains("超过目标的 3 倍").contains("确认导入").contains("尚未写入任何数");
    assertThat(reports()).isEmpty();
    String upload = field(preview, "upload");
    String held = field(preview, "confirm");

    // the apply is a dashboard form too: without the session's token it is refused
    given()
        .cookie("duban_session", session)
        .header("Origin", origin())
        .formParam("upload", upload)
        .post("/import/apply")
        .then()
        .statusCode(403);
    assertThat(reports()).isEmpty();

    String result =
        given()
            .cookie("duban_session", session)
            .header("Origin", origin())
            .formParam("csrf", csrf)
            .formParam("upload", upload)
            .formParam("confirm", held)
            .post("/import/apply")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(result).contains("导入结果").contains("已记录 2 个数").doesNotContain("确认导入");
    assertThat(reports()).extracting(r -> r.target.name).containsExactly("城镇就业", "开发公益性岗位");
    assertThat(say("dt-leader-01", "进度 开发公益性岗位")).contains("5,000");

    // the file is gone once applied
    given()
        .cookie("duban_session", session)
        .header("Origin", origin())
        .formParam("csrf", csrf)
        .formParam("upload", upload)
        .post("/import/apply")
        .then()
        .statusCode(409);
  }

  @Test
  void theFormsNeedAnAdminSessionAndItsCsrfToken() throws IOException {
    assertThat(given().get("/import").then().statusCode(401).extract().asString()).contains("登录");
    String reader = session(Tokens.READ);
    assertThat(
            given()
                .cookie("duban_session", reader)
                .get("/import")
                .then()
                .statusCode(401)
                .extract()
                .asString())
        .doesNotContain("action=\"/import/preview\"");
    byte[] file = plain(List.of("目标", "单位", "累计数"), new Object[] {"城镇就业", "人社局", 9000.0});
    given()
        .cookie("duban_session", reader)
        .header("Origin", origin())
        .multiPart("file", "a.xlsx", file, Sheets.XLSX)
        .post("/import/preview")
        .then()
        .statusCode(403);
    String admin = session(Tokens.ADMIN);
    given()
        .cookie("duban_session", admin)
        .header("Origin", origin())
        .multiPart("csrf", "wrong")
        .multiPart("file", "a.xlsx", file, Sheets.XLSX)
        .post("/import/preview")
        .then()
        .statusCode(403)
        .body("error", org.hamcrest.Matchers.containsString("CSRF"));
    String csrf =
        field(
            given().cookie("duban_session", admin).get("/import").then().extract().asString(),
            "csrf");
    String bad =
        given()
            .cookie("duban_session", admin)
            .header("Origin", origin())
            .multiPart("csrf", csrf)
            .multiPart("file", "a.xlsx", "not a workbook".getBytes(), Sheets.XLSX)
            .post("/import/preview")
            .then()
            .statusCode(415)
            .extract()
            .asString();
    assertThat(bad).contains("不是 Excel");
    assertThat(reports()).isEmpty();
  }
}
