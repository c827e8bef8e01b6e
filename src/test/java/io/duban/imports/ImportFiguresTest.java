package io.duban.imports;

import static io.duban.imports.Sheets.plain;
import static io.duban.imports.Sheets.post;
import static io.duban.imports.Sheets.reports;
import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.audit.AuditEvent;
import io.duban.report.Report;
import io.duban.support.MutableClock;
import io.duban.support.RawHttp;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /api/import/figures end to end: the service's own export with 本期累计 filled in, a plain sheet
 * with bad rows, held rows confirmed by id, and the files refused.
 */
@QuarkusTest
class ImportFiguresTest {
  static final List<String> PLAIN = List.of("目标", "单位", "累计数", "截至日期");
  static final String LEADER = "dt-leader-01";

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

  static List<Map<String, Object>> rows(JsonPath json) {
    return json.getList("rows");
  }

  static Map<String, Object> row(JsonPath json, int row) {
    return rows(json).stream()
        .filter(r -> ((Integer) r.get("row")) == row)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + row + " in " + json.prettify()));
  }

  /** The export with 本期累计 filled in for two targets, found by their 目标 cell. */
  static byte[] filledExport(Map<String, Object> figures) throws IOException {
    byte[] xlsx =
        given()
            .header("Authorization", "Bearer " + Tokens.ADMIN)
            .get("/api/export/progress.xlsx")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    try (XSSFWorkbook wb = Sheets.open(xlsx)) {
      Sheet sheet = wb.getSheet("进度表");
      DataFormatter fmt = new DataFormatter();
      Row header = sheet.getRow(1);
      int target = -1;
      int column = -1;
      for (Cell c : header) {
        if (fmt.formatCellValue(c).equals("目标")) {
          target = c.getColumnIndex();
        }
        if (fmt.formatCellValue(c).equals("本期累计")) {
          column = c.getColumnIndex();
        }
      }
      assertThat(column).as("the export has a 本期累计 column").isPositive();
      for (Row row : sheet) {
        Object v = figures.get(fmt.formatCellValue(row.getCell(target)));
        if (v instanceof Double d) {
          row.getCell(column).setCellValue(d);
        } else if (v != null) {
          row.getCell(column).setCellValue(v.toString());
        }
      }
      return Sheets.bytes(wb);
    }
  }

  @Test
  void theServicesOwnExportWithAFilledColumnRoundTrips() throws IOException {
    byte[] file = filledExport(Map.of("新增就业岗位", 12000.0, "发放慈善救助金", "1200"));
    JsonPath preview = post("progress.xlsx", file, "").statusCode(200).extract().jsonPath();
    assertThat(preview.getBoolean("applied")).isFalse();
    assertThat(rows(preview)).hasSize(2).allMatch(r -> r.get("status").equals("recorded"));
    assertThat(rows(preview)).extracting(r -> r.get("unit")).containsExactly("人社局", "慈善总会");
    assertThat(rows(preview).get(1).get("reason")).isEqualTo("按 万元 计：1200 万元");
    assertThat(reports()).as("a preview writes nothing").isEmpty();

    JsonPath applied =
        post("progress.xlsx", file, "?apply=true").statusCode(200).extract().jsonPath();
    assertThat(applied.getBoolean("applied")).isTrue();
    assertThat(applied.getInt("counts.recorded")).isEqualTo(2);
    List<Report> written = reports();
    assertThat(written).hasSize(2);
    Report jobs = written.get(0);
    assertThat(jobs.figure).isEqualByComparingTo("12000");
    assertThat(jobs.unit.name).isEqualTo("人社局");
    assertThat(jobs.platform).isEqualTo("excel");
    assertThat(jobs.reporterName).isEqualTo("管理员（Excel 导入）");
    assertThat(jobs.chatId).isEqualTo("progress.xlsx");
    int row = (Integer) rows(applied).get(0).get("row");
    assertThat(jobs.messageId).isEqualTo("progress.xlsx#" + row);
    assertThat(jobs.originalText).contains("新增就业岗位").contains("12000");
    assertThat(written.get(1).figure).isEqualByComparingTo("12000000");
    assertThat(say(LEADER, "进度 新增就业岗位")).contains("12,000");
    assertThat(say(LEADER, "历史 新增就业岗位")).contains("管理员（Excel 导入）");
    assertThat(audited()).anyMatch(a -> a.contains("report.figure") && a.contains("人社局 累计 12000"));
    assertThat(audited()).anyMatch(a -> a.contains("import.figures") && a.contains("导入 2 个数"));

    JsonPath again =
        post("progress.xlsx", file, "?apply=true").statusCode(200).extract().jsonPath();
    assertThat(rows(again)).hasSize(2).allMatch(r -> r.get("status").equals("unchanged"));
    assertThat(reports()).as("a second apply records nothing").hasSize(2);
  }

  @Test
  void aPlainSheetWithBadRowsIsPreviewedRowByRowAndOnlyTheGoodOnesApply() throws IOException {
    assertThat(say("dt-mzj-01", "上报 惠及困难群众 1000")).startsWith("已记录");
    byte[] file =
        plain(
            PLAIN,
            new Object[] {"新增就业岗位", "人社局", "一万二千"}, // row 2: recorded
            new Object[] {"城镇就业", "人社局", "很多"}, // 3: text, no number
            new Object[] {"不存在的目标", "人社局", 100.0}, // 4: unknown target
            new Object[] {"发放慈善救助金", "慈善总会", "8000元"}, // 5: 元, read as 0.8 万元
            new Object[] {"惠及困难群众", "民政局", 500.0}, // 6: below the last figure
            new Object[] {"开发公益性岗位", "人社局", 5000.0}, // 7: over 3× 800
            new Object[] {"城镇就业", "总工会", 100.0}, // 8: not an owner
            new Object[] {"城镇就业", "人社局", "+300"}, // 9: an increment
            new Object[] {"就业见习", "人社局", "300人", "2018-07-15"}); // 10: a future date
    JsonPath preview = post("units.xlsx", file, "").statusCode(200).extract().jsonPath();
    assertThat(row(preview, 2))
        .containsEntry("status", "recorded")
        .containsEntry("target", "新增就业岗位");
    assertThat(row(preview, 3).get("status")).isEqualTo("refused");
    assertThat((String) row(preview, 3).get("reason")).contains("没有找到数值");
    assertThat(row(preview, 4).get("status")).isEqualTo("refused");
    assertThat((String) row(preview, 4).get("reason")).contains("没有找到目标“不存在的目标”");
    assertThat(row(preview, 5).get("status")).isEqualTo("recorded");
    assertThat((String) row(preview, 5).get("reason")).isEqualTo("按 元 计：8,000 元，即 0.8 万元");
    assertThat(row(preview, 6).get("status")).isEqualTo("held");
    assertThat((String) row(preview, 6).get("reason")).contains("比上次少");
    assertThat((String) row(preview, 6).get("id")).isNotBlank();
    assertThat(row(preview, 7).get("status")).isEqualTo("held");
    assertThat((String) row(preview, 7).get("reason")).contains("超过目标的 3 倍");
    assertThat(row(preview, 8).get("status")).isEqualTo("refused");
    assertThat((String) row(preview, 8).get("reason")).contains("总工会 不负责这个目标");
    assertThat((String) row(preview, 9).get("reason")).contains("不能写增加量");
    assertThat((String) row(preview, 10).get("reason")).contains("还没到");
    assertThat(preview.getInt("counts.recorded")).isEqualTo(2);
    assertThat(preview.getInt("counts.held")).isEqualTo(2);
    assertThat(preview.getInt("counts.refused")).isEqualTo(5);
    assertThat(reports()).hasSize(1);

    JsonPath applied = post("units.xlsx", file, "?apply=true").statusCode(200).extract().jsonPath();
    assertThat(row(applied, 2).get("status")).isEqualTo("recorded");
    assertThat(row(applied, 6).get("status")).isEqualTo("held");
    assertThat(reports())
        .extracting(r -> r.target.name + " " + r.figure.stripTrailingZeros().toPlainString())
        .containsExactly("惠及困难群众 1000", "新增就业岗位 12000", "发放慈善救助金 8000");
    assertThat(say(LEADER, "进度 发放慈善救助金")).contains("累计 0.8 / 3800 万元");
    assertThat(say(LEADER, "进度 惠及困难群众")).contains("1,000");
    assertThat(say(LEADER, "进度 开发公益性岗位")).doesNotContain("5,000");
  }

  @Test
  void aHeldRowAppliesWhenItsIdIsConfirmed() throws IOException {
    byte[] file =
        plain(PLAIN, new Object[] {"开发公益性岗位", "人社局", 5000.0}, new Object[] {"城镇就业", "人社局", 9000.0});
    JsonPath preview = post("held.xlsx", file, "").statusCode(200).extract().jsonPath();
    String id = (String) row(preview, 2).get("id");
    assertThat(row(preview, 2).get("status")).isEqualTo("held");
    JsonPath again = post("other-name.xlsx", file, "").statusCode(200).extract().jsonPath();
    assertThat(row(again, 2).get("id")).as("the same file gives the same id").isEqualTo(id);

    JsonPath wrong =
        post("held.xlsx", file, "?apply=true&confirm=nope-2").statusCode(200).extract().jsonPath();
    assertThat(row(wrong, 2).get("status")).isEqualTo("held");
    assertThat(reports()).extracting(r -> r.target.name).containsExactly("城镇就业");

    JsonPath confirmed =
        post("held.xlsx", file, "?apply=true&confirm=" + id).statusCode(200).extract().jsonPath();
    assertThat(row(confirmed, 2).get("status")).isEqualTo("recorded");
    assertThat((String) row(confirmed, 2).get("reason")).contains("已确认");
    assertThat(row(confirmed, 3).get("status")).isEqualTo("unchanged");
    assertThat(reports()).extracting(r -> r.target.name).containsExactly("城镇就业", "开发公益性岗位");
    assertThat(say(LEADER, "进度 开发公益性岗位")).contains("5,000");
  }

  @Test
  void aDateInAnEarlierMonthCountsForThatMonth() throws IOException {
    byte[] file = plain(PLAIN, new Object[] {"城镇就业", "人社局", "8000人", "2018-05-20"});
    JsonPath applied = post("may.xlsx", file, "?apply=true").statusCode(200).extract().jsonPath();
    assertThat(row(applied, 2).get("status")).isEqualTo("recorded");
    assertThat((String) row(applied, 2).get("reason")).contains("计入5月");
    Report r = reports().get(0);
    assertThat(r.planDate).hasToString("2018-05-31");
    assertThat(r.periodKey).isEqualTo("2018-05");
  }

  @Test
  void aPercentageCellIsReadAsTheTableShowsIt() throws IOException {
    try (XSSFWorkbook wb = Sheets.open(plain(PLAIN, new Object[] {"健身场地设施达标比例", "体育局"}))) {
      Cell cell = wb.getSheetAt(0).getRow(1).createCell(2);
      cell.setCellValue(0.55);
      var style = wb.createCellStyle();
      style.setDataFormat(wb.createDataFormat().getFormat("0%"));
      cell.setCellStyle(style);
      JsonPath preview = post("p.xlsx", Sheets.bytes(wb), "").statusCode(200).extract().jsonPath();
      assertThat(row(preview, 2))
          .containsEntry("status", "recorded")
          .containsEntry("figure", "55%");
    }
  }

  @Test
  void onlyTheAdminMayImport() throws IOException {
    byte[] file = plain(PLAIN, new Object[] {"城镇就业", "人社局", 9000.0});
    post(Tokens.READ, "x.xlsx", file, "?apply=true").statusCode(403);
    given()
        .multiPart("file", "x.xlsx", file, Sheets.XLSX)
        .post("/api/import/figures?apply=true")
        .then()
        .statusCode(401);
    assertThat(reports()).isEmpty();
  }

  @Test
  void badFilesAreRefusedWithAReason() throws Exception {
    // the export as downloaded, nothing filled in: said, not an empty preview
    post("progress.xlsx", filledExport(Map.of()), "")
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.containsString("“本期累计”一列没有填写任何数"));
    post("a.xlsx", "目标,单位,累计数".getBytes(StandardCharsets.UTF_8), "")
        .statusCode(415)
        .body("status", org.hamcrest.Matchers.is(415))
        .body("error", org.hamcrest.Matchers.containsString("不是 Excel"));
    post("a.xlsx", new byte[0], "")
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.containsString("空"));
    post("a.xlsx", new byte[] {'P', 'K', 3, 4, 1, 2, 3}, "").statusCode(415);
    post("a.xlsx", plain(List.of("名称", "数量"), new Object[] {"x", 1.0}), "")
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.containsString("没有找到表头"));
    post("a.xlsx", plain(PLAIN), "?apply=maybe").statusCode(400);
    given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .contentType("application/json")
        .body("{}")
        .post("/api/import/figures")
        .then()
        .statusCode(415);
    // a small zip that inflates far beyond what a sheet of figures needs
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 30; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    assertThat(bomb.size()).isLessThan(1024 * 1024);
    post("bomb.xlsx", bomb.toByteArray(), "")
        .statusCode(413)
        .body("error", org.hamcrest.Matchers.containsString("解压后"));
    // over the limit: refused before the body is read (JSON), and by the reader itself
    String answer =
        RawHttp.announce(
            new URL("http://localhost:" + RestAssured.port),
            "/api/import/figures",
            6L * 1024 * 1024 + 1,
            "Authorization: Bearer " + Tokens.ADMIN);
    assertThat(answer).startsWith("HTTP/1.1 413").contains("\"status\":413");
    byte[] big = new byte[(int) FigureSheetReader.MAX_BYTES + 1];
    big[0] = 'P';
    big[1] = 'K';
    assertThatThrownBy(() -> FigureSheetReader.read(big))
        .isInstanceOfSatisfying(
            FigureSheetReader.Unreadable.class, e -> assertThat(e.status()).isEqualTo(413))
        .hasMessageContaining("5 MB");
    assertThat(reports()).isEmpty();
  }

  static List<String> audited() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                AuditEvent.<AuditEvent>listAll().stream()
                    .map(a -> a.actor + " " + a.action + " " + a.subject + " " + a.detail)
                    .toList());
  }
}
