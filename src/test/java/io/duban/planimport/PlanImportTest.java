package io.duban.planimport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.config.YamlNode;
import io.duban.plan.PlanFile;
import io.duban.plan.PlanSpec;
import io.duban.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * POST /api/import/plan: the seed table's text and the 2018 export both give a draft that reads
 * back through PlanFile and matches bot-config/plan.yaml in at least 60 of its 64 targets (value,
 * unit and owners), every mismatch flagged 待核; unknown layouts and non-admins are refused.
 */
@QuarkusTest
class PlanImportTest {
  static final String PATH = "/api/import/plan";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  static String seed() throws Exception {
    return Files.readString(
        Path.of("src/test/resources/seed/wujin-2018.txt"), StandardCharsets.UTF_8);
  }

  static String draftOf(String text) {
    ExtractableResponse<Response> r =
        given()
            .header("Authorization", "Bearer " + Tokens.ADMIN)
            .contentType("text/plain; charset=UTF-8")
            .body(text.getBytes(StandardCharsets.UTF_8))
            .post(PATH)
            .then()
            .extract();
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/yaml").containsIgnoringCase("charset=UTF-8");
    return new String(r.asByteArray(), StandardCharsets.UTF_8);
  }

  /** Each of the plan's targets the draft gets wrong carries a 待核 on its paired target. */
  static void assertFaithful(String yaml) {
    DraftComparison cmp = new DraftComparison(yaml);
    assertThat(cmp.plan.allTargets()).hasSize(64);
    assertThat(cmp.matched()).as(cmp.report()).isGreaterThanOrEqualTo(60);
    for (DraftComparison.Pair p : cmp.mismatches()) {
      assertThat(p.draftLine()).as(p.plan().id() + " unmatched: " + cmp.report()).isNotNull();
      assertThat(p.draftLine()).as(p.plan().id()).contains("# 待核：");
    }
  }

  @Test
  void theSeedTextGivesAFaithfulDraft() throws Exception {
    String yaml = draftOf(seed());
    assertFaithful(yaml);
    PlanSpec draft = PlanFile.parse(YamlNode.parse(new StringReader(yaml), "draft"));
    assertThat(draft.year()).isEqualTo(2018);
    assertThat(draft.title()).isEqualTo("2018年“两促三优三提升”为民办实事项目");
    assertThat(draft.categories()).hasSize(8);
    assertThat(draft.categories().get(1).name()).isEqualTo("促进社会关爱");
    assertThat(draft.allProjects()).hasSize(22);
    assertThat(yaml)
        .startsWith("# 2018 年计划草稿")
        .containsPattern("# 目标 \\d+ 个（数值 \\d+、清单 \\d+、任务 \\d+），其中 \\d+ 个待核；全文共 \\d+ 处“待核”")
        .contains("items: [\"小庙转运站\", \"长虹转运站\", \"聚湖转运站\"]")
        .contains("value: 4.8万")
        .contains("unit: \"万元\"")
        .contains("baseline: 3");
    // an owner chosen among several lead units is always a 待核
    assertThat(yaml).containsPattern("owners: \\[\"总工会\"\\]  # 待核：原表只按工程列牵头单位（人社局、总工会、农业局）");
  }

  @Test
  void theExportOfTheLoadedPlanGivesAFaithfulDraft() throws Exception {
    byte[] xlsx =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get("/api/export/progress.xlsx")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    ExtractableResponse<Response> r =
        given()
            .header("Authorization", "Bearer " + Tokens.ADMIN)
            .multiPart("file", "progress.xlsx", xlsx, XLSX)
            .post(PATH)
            .then()
            .extract();
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    String yaml = new String(r.asByteArray(), StandardCharsets.UTF_8);
    assertFaithful(yaml);
    DraftComparison cmp = new DraftComparison(yaml);
    assertThat(cmp.matched()).as(cmp.report()).isEqualTo(64);
    assertThat(yaml)
        .contains("从 xlsx 工作簿生成")
        .contains("items: [\"横林中心幼儿园\", \"玉兰广场幼儿园\", \"火炬路幼儿园\"]");
    // the same workbook as the request body, with another year asked for
    String body =
        given()
            .header("Authorization", "Bearer " + Tokens.ADMIN)
            .contentType(XLSX)
            .body(xlsx)
            .post(PATH + "?year=2019")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(body).contains("year: 2019").contains("表格标题写的是 2018 年，按查询参数 year 写成 2019 年");
    assertThat(PlanFile.parse(YamlNode.parse(new StringReader(body), "d")).year()).isEqualTo(2019);
  }

  @Test
  void unknownLayoutsAreRefusedWithAReason() throws Exception {
    refused(
        "text/plain; charset=UTF-8", "随便写的一段话，没有表格。".getBytes(StandardCharsets.UTF_8), 400, "工程");
    refused("text/plain; charset=UTF-8", new byte[0], 400, "内容为空");
    // a table's text without 序号 cannot put its 工程 under 实事
    refused(
        "text/plain; charset=UTF-8",
        "2019年为民办实事项目\n就业助推工程：新增就业岗位 5 万个。\n人社局\n".getBytes(StandardCharsets.UTF_8),
        400,
        "序号");
    refused("text/plain; charset=UTF-8", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}, 415, "UTF-8");
    refused("application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), 415, "xlsx");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      wb.createSheet("名单").createRow(0).createCell(0).setCellValue("姓名");
      wb.write(out);
    }
    refused(XLSX, out.toByteArray(), 400, "表头");
    byte[] broken = {'P', 'K', 3, 4, 0, 0, 0};
    refused(XLSX, broken, 415, "xlsx");
    // no year in the title and none asked for
    String noYear = seed().replace("2018年", "");
    refused("text/plain; charset=UTF-8", noYear.getBytes(StandardCharsets.UTF_8), 400, "year");
    assertThat(
            given()
                .header("Authorization", "Bearer " + Tokens.ADMIN)
                .contentType("text/plain; charset=UTF-8")
                .body(noYear.getBytes(StandardCharsets.UTF_8))
                .post(PATH + "?year=2019")
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .contains("year: 2019");
    refused(
        "text/plain; charset=UTF-8",
        seed().getBytes(StandardCharsets.UTF_8),
        "?year=19",
        400,
        "year");
    given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .multiPart("other", "x.txt", new byte[] {1})
        .post(PATH)
        .then()
        .statusCode(400);
  }

  static void refused(String type, byte[] body, int status, String reason) {
    refused(type, body, "", status, reason);
  }

  static void refused(String type, byte[] body, String query, int status, String reason) {
    ExtractableResponse<Response> r =
        given()
            .header("Authorization", "Bearer " + Tokens.ADMIN)
            .contentType(type)
            .body(body)
            .post(PATH + query)
            .then()
            .extract();
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.jsonPath().getString("error")).as(r.asString()).contains(reason);
  }

  @Test
  void onlyAnAdminMayImport() throws Exception {
    byte[] text = seed().getBytes(StandardCharsets.UTF_8);
    given().contentType("text/plain; charset=UTF-8").body(text).post(PATH).then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + Tokens.READ)
        .contentType("text/plain; charset=UTF-8")
        .body(text)
        .post(PATH)
        .then()
        .statusCode(403);
  }
}
