package io.duban.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 2018 plan as the API lists it. */
@QuarkusTest
class ProjectsApiTest {
  JsonPath get(String path) {
    return given()
        .header("Authorization", "Bearer " + Tokens.READ)
        .get(path)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void listsThe22ProjectsWithTargetsOwnersAndFigures() {
    JsonPath json = get("/api/projects");
    List<Map<String, Object>> projects = json.getList("$");
    assertThat(projects).hasSize(22);
    assertThat(json.getString("[0].name")).isEqualTo("就业助推工程");
    assertThat(json.getString("[0].category")).isEqualTo("促进就业创业");
    assertThat(json.getList("[0].leadUnits")).containsExactly("人社局", "总工会", "农业局");
    assertThat(json.getString("[0].targets[0].id")).isEqualTo("jobs-new");
    assertThat(json.getInt("[0].targets[0].target")).isEqualTo(48000);
    assertThat(json.getString("[0].targets[0].unit")).isEqualTo("个");
    assertThat(json.getList("[0].targets[0].owners")).containsExactly("人社局");
    assertThat(json.getInt("[0].targets[0].current")).isZero();
    assertThat(json.getString("[0].targets[0].status")).isEqualTo("BEHIND");
    assertThat(json.getString("[0].targets[0].statusLabel")).isEqualTo("慢序时");
    // 2018-06-20 in a calendar-year plan: 171 / 365
    assertThat(json.getFloat("[0].targets[0].schedule")).isEqualTo(0.4685f);
  }

  @Test
  void moneyKeepsItsBaseUnitAndTheTablesDisplayUnit() {
    JsonPath json = get("/api/projects");
    Map<String, Object> loans =
        json.getMap("find { it.name == '公积金扩面工程' }.targets.find { it.id == 'fund-loans' }");
    assertThat(loans.get("target")).isEqualTo(1500000000);
    assertThat(loans.get("unit")).isEqualTo("元");
    assertThat(loans.get("displayUnit")).isEqualTo("亿元");
  }

  @Test
  void checklistsAndTasksShowTheirOwnFields() {
    JsonPath json = get("/api/projects");
    Map<String, Object> stations = json.getMap("find { it.name == '垃圾处置工程' }.targets[0]");
    assertThat(stations.get("kind")).isEqualTo("CHECKLIST");
    assertThat(stations.get("target")).isEqualTo(3);
    assertThat((List<?>) stations.get("items")).hasSize(3);
    Map<String, Object> task = json.getMap("find { it.name == '技防城升级工程' }.targets[0]");
    assertThat(task.get("kind")).isEqualTo("TASK");
    assertThat(task.get("target")).isNull();
    assertThat(task.get("progress")).isEqualTo("未启动");
    assertThat(task.get("owners")).isEqualTo(List.of("公安局", "综治办"));
  }

  @Test
  void unitsListTheirTargetsAndReportedFlag() {
    JsonPath json = get("/api/units");
    Map<String, Object> rsj = json.getMap("find { it.name == '人社局' }");
    assertThat((List<?>) rsj.get("targets")).hasSizeGreaterThanOrEqualTo(5);
    assertThat(rsj.get("reported")).isEqualTo(false);
    assertThat(rsj.get("period")).isEqualTo("2018年6月");
    assertThat(json.getList("findAll { it.lead == true }")).hasSize(25);
  }
}
