package io.duban.boot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.contact.Contact;
import io.duban.plan.Target;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin pages that edit the plan and the contacts, as a clerk uses them: log in with the admin
 * token, open a target, see which fields the file sets, save with the session's CSRF token.
 */
@QuarkusTest
class PlanPagesTest {
  @Inject TestData data;
  @Inject ConfigLoader loader;

  @BeforeEach
  @AfterEach
  void restore() {
    data.resetReports();
    QuarkusTransaction.requiringNew().run(() -> PlanEdit.deleteAll());
    QuarkusTransaction.requiringNew()
        .run(() -> loader.loadFrom(Path.of("bot-config"), ConfigLoader::lookupEnv));
  }

  static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

  static String origin() {
    return "http://localhost:" + RestAssured.port;
  }

  static String session(String token) {
    return given()
        .redirects()
        .follow(false)
        .header("Origin", origin())
        .formParam("token", token)
        .post("/login")
        .then()
        .statusCode(303)
        .extract()
        .cookie("duban_session");
  }

  static String csrf(String page) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("the form carries the CSRF token").isTrue();
    return m.group(1);
  }

  private static BigDecimal value(String code) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Target.<Target>find("code", code).firstResult().targetValue);
  }

  @Test
  void aClerkEditsATargetOnItsPage() {
    String s = session(Tokens.ADMIN);
    String list =
        given()
            .cookie("duban_session", s)
            .get("/admin/plan")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(list).contains("新增就业岗位").contains("/admin/targets/jobs-new");
    String page =
        given()
            .cookie("duban_session", s)
            .get("/admin/targets/jobs-new")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page).contains("value=\"4.8万\"").contains("id=\"mark-value\"").contains("计划文件设定");
    String saved =
        given()
            .cookie("duban_session", s)
            .header("Origin", origin())
            .contentType(FORM)
            .formParam("csrf", csrf(page))
            .formParam("value", "5万")
            .formParam("owners", "人社局")
            .post("/admin/targets/jobs-new")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(saved).contains("已保存：目标值 4.8万 → 5万").contains("页面已改（管理员（页面））");
    assertThat(value("jobs-new")).isEqualByComparingTo("50000");
    // a bad value: the file's message, nothing changed
    String refused =
        given()
            .cookie("duban_session", s)
            .header("Origin", origin())
            .contentType(FORM)
            .formParam("csrf", csrf(page))
            .formParam("value", "五万多")
            .post("/admin/targets/jobs-new")
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(refused).contains("无法识别的数值“五万多”");
    assertThat(value("jobs-new")).isEqualByComparingTo("50000");
  }

  @Test
  void noFormWithoutTheAdminSessionAndItsToken() {
    String s = session(Tokens.ADMIN);
    given()
        .cookie("duban_session", s)
        .header("Origin", origin())
        .formParam("value", "1")
        .post("/admin/targets/jobs-new")
        .then()
        .statusCode(403);
    given()
        .cookie("duban_session", s)
        .header("Origin", origin())
        .contentType(FORM)
        .formParam("csrf", "forged")
        .formParam("value", "1")
        .post("/admin/targets/jobs-new")
        .then()
        .statusCode(403);
    String read = session(Tokens.READ);
    given()
        .cookie("duban_session", read)
        .redirects()
        .follow(false)
        .get("/admin/plan")
        .then()
        .statusCode(303);
    given().redirects().follow(false).get("/admin/contacts").then().statusCode(303);
    given()
        .cookie("duban_session", read)
        .header("Origin", origin())
        .formParam("value", "1")
        .post("/admin/targets/jobs-new")
        .then()
        .statusCode(403);
    assertThat(value("jobs-new")).isEqualByComparingTo("48000");
  }

  @Test
  void aClerkEditsAContactAndIsToldWhatIsWrong() {
    String s = session(Tokens.ADMIN);
    String page =
        given()
            .cookie("duban_session", s)
            .get("/admin/contacts")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page).contains("rsj-01");
    String before = QuarkusTransaction.requiringNew().call(() -> Contact.findByCode("rsj-01").name);
    String bad =
        given()
            .cookie("duban_session", s)
            .header("Origin", origin())
            .contentType(FORM)
            .formParam("csrf", csrf(page))
            .formParam("name", before)
            .formParam("unit", "人社局")
            .formParam("role", "reporter")
            .formParam("mobile", "123")
            .formParam("active", "on")
            .post("/admin/contacts/rsj-01")
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(bad).contains("联系人 rsj-01：").contains("手机号");
    given()
        .cookie("duban_session", s)
        .header("Origin", origin())
        .contentType(FORM)
        .formParam("csrf", csrf(page))
        .formParam("name", "王新")
        .formParam("unit", "人社局")
        .formParam("role", "reporter")
        .formParam("active", "on")
        .post("/admin/contacts/rsj-01")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(200);
    assertThat(QuarkusTransaction.requiringNew().call(() -> Contact.findByCode("rsj-01").name))
        .isEqualTo("王新");
  }
}
