package io.duban.imports;

import static io.restassured.RestAssured.given;

import io.duban.report.Report;
import io.duban.report.ReportKind;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Builds workbooks with POI and posts them to the import. */
final class Sheets {
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private Sheets() {}

  /** A plain sheet: the header row, then each row's cells (a Double is a numeric cell). */
  static byte[] plain(List<String> header, Object[]... rows) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Sheet s = wb.createSheet("上报");
      Row h = s.createRow(0);
      for (int i = 0; i < header.size(); i++) {
        h.createCell(i).setCellValue(header.get(i));
      }
      for (int r = 0; r < rows.length; r++) {
        Row row = s.createRow(r + 1);
        for (int c = 0; c < rows[r].length; c++) {
          Object v = rows[r][c];
          Cell cell = row.createCell(c);
          if (v instanceof Double d) {
            cell.setCellValue(d);
          } else if (v != null) {
            cell.setCellValue(v.toString());
          }
        }
      }
      return bytes(wb);
    }
  }

  static byte[] bytes(XSSFWorkbook wb) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    wb.write(out);
    return out.toByteArray();
  }

  static XSSFWorkbook open(byte[] bytes) throws IOException {
    return new XSSFWorkbook(new ByteArrayInputStream(bytes));
  }

  /** POST /api/import/figures with the admin token; {@code query} e.g. "?apply=true". */
  static ValidatableResponse post(String name, byte[] file, String query) {
    return post(Tokens.ADMIN, name, file, query);
  }

  static ValidatableResponse post(String token, String name, byte[] file, String query) {
    return given()
        .header("Authorization", "Bearer " + token)
        .multiPart("file", name, file, XLSX)
        .post("/api/import/figures" + query)
        .then();
  }

  /** The figure reports in the database, oldest first. */
  static List<Report> reports() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<Report> all = Report.list("kind = ?1 order by id", ReportKind.FIGURE);
              all.forEach(r -> r.target.name.length());
              all.forEach(r -> r.unit.name.length());
              return all;
            });
  }
}
