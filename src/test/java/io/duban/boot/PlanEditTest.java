package io.duban.boot;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.audit.AuditEvent;
import io.duban.plan.Project;
import io.duban.plan.Target;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Edits of the plan through {@code PUT /api/targets/{id}} and {@code PUT /api/projects/{id}}:
 * checked with the file's messages, audited, in effect at once (chat and API), and kept across a
 * reload until the file changes the same key; the reload's dry run answers exactly what the reload
 * does.
 */
@QuarkusTest
class PlanEditTest {
  static final Path CONFIG = Path.of("bot-config");

  @Inject TestData data;
  @Inject ConfigReload reload;
  @Inject ConfigLoader loader;

  @BeforeEach
  @AfterEach
  void restore() {
    data.resetReports();
    QuarkusTransaction.requiringNew().run(() -> PlanEdit.deleteAll());
    QuarkusTransaction.requiringNew().run(() -> loader.loadFrom(CONFIG, ConfigLoader::lookupEnv));
  }

  private static io.restassured.response.Response put(String path, String token, String json) {
    return given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(json)
        .put(path);
  }

  private static BigDecimal value(String code) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Target.<Target>find("code", code).firstResult().targetValue);
  }

  @Test
  void anAdminsEditTakesEffectAtOnceAndIsAudited() {
    JsonPath r =
        put("/api/targets/jobs-new", Tokens.ADMIN, "{\"value\": \"5万\", \"aliases\": [\"新岗位\"]}")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(r.getBoolean("changed")).isTrue();
    assertThat(r.getList("changes.field")).containsExactly("value", "aliases");
    assertThat(value("jobs-new")).isEqualByComparingTo("50000");
    // the chat reads the new target and the new alias at once
    assertThat(say("dt-leader-01", "进度 新岗位")).contains("50,000");
    AuditEvent e =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    AuditEvent.<AuditEvent>find("action = ?1 order by id desc", "target.edited")
                        .firstResult());
    assertThat(e.actor).isEqualTo("管理员（API）");
    assertThat(e.detail).contains("value 4.8万 → 5万");
    // the fields say who set what
    JsonPath f =
        given()
            .header("Authorization", "Bearer " + Tokens.ADMIN)
            .get("/api/targets/jobs-new/fields")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(f.getString("fields.find { it.key == 'value' }.value")).isEqualTo("5万");
    assertThat(f.getBoolean("fields.find { it.key == 'value' }.setByFile")).isTrue();
    assertThat(f.getString("fields.find { it.key == 'value' }.editedBy")).isEqualTo("管理员（API）");
    // the same value again changes nothing
    assertThat(
            put("/api/targets/jobs-new", Tokens.ADMIN, "{\"value\": \"5万\"}")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getBoolean("changed"))
        .isFalse();
    assertThat(value("jobs-new")).isEqualByComparingTo("50000");
  }

  @Test
  void invalidEditsAreRefusedWithTheFilesMessagesAndChangeNothing() {
    assertThat(
            put("/api/targets/jobs-new", Tokens.ADMIN, "{\"value\": \"很多\"}")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("error"))
        .contains("无法识别的数值“很多”");
    assertThat(
            put("/api/targets/jobs-new", Tokens.ADMIN, "{\"owners\": [\"火星局\"]}")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("error"))
        .contains("火星局");
    assertThat(
            put("/api/targets/jobs-new", Tokens.ADMIN, "{\"qualifier\": \"大概\"}")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("error"))
        .contains("限定词应为");
    assertThat(
            put("/api/targets/jobs-new", Tokens.ADMIN, "{\"colour\": \"red\"}")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("error"))
        .contains("不能修改的字段“colour”");
    // full-width digits typed with a Chinese input method read as the file's
    put("/api/targets/jobs-new", Tokens.ADMIN, "{\"value\": \"４.９万\"}").then().statusCode(200);
    assertThat(value("jobs-new")).isEqualByComparingTo("49000");
    put("/api/targets/jobs-new", Tokens.ADMIN, "{\"value\": \"4.8万\"}").then().statusCode(200);
    assertThat(QuarkusTransaction.requiringNew().call(() -> PlanEdit.count()))
        .as("back at the file's value: no edit kept")
        .isZero();
    put("/api/targets/no-such-target", Tokens.ADMIN, "{\"value\": \"1\"}").then().statusCode(404);
    put("/api/targets/jobs-new", Tokens.READ, "{\"value\": \"1\"}").then().statusCode(403);
    put("/api/targets/jobs-new", "wrong", "{\"value\": \"1\"}").then().statusCode(401);
    // a target with reports keeps its unit, as the file's check says
    assertThat(say("dt-rsj-01", "上报 新增就业岗位 1000")).startsWith("已记录");
    assertThat(
            put("/api/targets/jobs-new", Tokens.ADMIN, "{\"unit\": \"人\"}")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("error"))
        .contains("已有上报数据");
    assertThat(value("jobs-new")).isEqualByComparingTo("48000");
    assertThat(QuarkusTransaction.requiringNew().call(() -> PlanEdit.count())).isZero();
  }

  @Test
  void aProjectsLeadUnitsAreEdited() {
    String name =
        QuarkusTransaction.requiringNew()
            .call(() -> Target.<Target>find("code", "jobs-new").firstResult().project.name);
    put("/api/projects/" + name, Tokens.ADMIN, "{\"lead-units\": \"人社局、总工会\"}")
        .then()
        .statusCode(200);
    List<String> leads =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    Project.<Project>find("name", name).firstResult().leadUnits.stream()
                        .map(u -> u.name)
                        .toList());
    assertThat(leads).containsExactly("人社局", "总工会");
    put("/api/projects/不存在的工程", Tokens.ADMIN, "{\"aliases\": [\"x\"]}").then().statusCode(404);
  }

  @Test
  void aReloadKeepsAnEditUntilTheFileChangesThatKeyAndItsDryRunIsTheReload() throws Exception {
    put("/api/targets/jobs-new", Tokens.ADMIN, "{\"value\": \"5万\"}").then().statusCode(200);
    put("/api/targets/jobs-new", Tokens.ADMIN, "{\"aliases\": [\"新岗位\"]}").then().statusCode(200);
    Path dir = TestData.copyConfig(CONFIG);
    Path plan = dir.resolve("plan.yaml");
    String text = Files.readString(plan, StandardCharsets.UTF_8);
    // the file changes the value (so the file wins there) and another target's value
    String changed = text.replaceFirst("value: 4\\.8万", "value: 4.9万");
    assertThat(changed).isNotEqualTo(text);
    Files.writeString(plan, changed, StandardCharsets.UTF_8);

    ConfigReload.Diff dry = reload.reload(dir, true, "测试");
    assertThat(dry.applied()).isFalse();
    assertThat(value("jobs-new")).as("a dry run changes nothing").isEqualByComparingTo("50000");
    assertThat(QuarkusTransaction.requiringNew().call(() -> PlanEdit.count())).isEqualTo(2);
    assertThat(dry.changes())
        .extracting(ConfigReload.Line::action)
        .contains("target.updated", "plan.edit.overridden");
    assertThat(dry.changes().stream().filter(l -> l.action().equals("plan.edit.overridden")))
        .singleElement()
        .satisfies(l -> assertThat(l.detail()).contains("value = 5万").contains("4.9万"));

    ConfigReload.Diff applied = reload.reload(dir, false, "测试");
    assertThat(applied.applied()).isTrue();
    assertThat(applied.changes()).isEqualTo(dry.changes());
    assertThat(value("jobs-new")).isEqualByComparingTo("49000");
    // the alias edit holds: the file did not change the aliases
    assertThat(say("dt-leader-01", "进度 新岗位")).contains("49,000");
    assertThat(QuarkusTransaction.requiringNew().call(() -> PlanEdit.count())).isEqualTo(1);
  }

  @Test
  void theExportedPlanPlacedAsTheFileReloadsAsANoOp() throws Exception {
    put("/api/targets/jobs-new", Tokens.ADMIN, "{\"value\": \"5万\", \"owners\": [\"人社局\"]}")
        .then()
        .statusCode(200);
    String yaml =
        given()
            .header("Authorization", "Bearer " + Tokens.ADMIN)
            .get("/api/export/plan.yaml")
            .then()
            .statusCode(200)
            .contentType("text/yaml")
            .extract()
            .asString();
    Path dir = TestData.copyConfig(CONFIG);
    Files.writeString(dir.resolve("plan.yaml"), yaml, StandardCharsets.UTF_8);
    ConfigReload.Diff diff = reload.reload(dir, false, "测试");
    assertThat(diff.added() + diff.updated() + diff.retired() + diff.deleted()).isZero();
    assertThat(diff.changes())
        .extracting(ConfigReload.Line::action)
        .doesNotContain("target.updated", "plan.edit.overridden");
    assertThat(value("jobs-new")).isEqualByComparingTo("50000");
    given()
        .header("Authorization", "Bearer " + Tokens.READ)
        .get("/api/export/plan.yaml")
        .then()
        .statusCode(403);
  }

  @Test
  void theReloadEndpointAnswersItsDiff() {
    JsonPath r =
        given()
            .header("Authorization", "Bearer " + Tokens.ADMIN)
            .post("/api/config/reload?dryRun=true")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(r.getBoolean("applied")).isFalse();
    assertThat(r.getInt("updated")).isZero();
    given()
        .header("Authorization", "Bearer " + Tokens.READ)
        .post("/api/config/reload")
        .then()
        .statusCode(403);
  }
}
