package io.duban.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads the figure rows of an uploaded workbook in one of two layouts: the service's own export
 * (GET /api/export/progress.xlsx: 目标, 责任单位 and the 本期累计 column the operator fills in) or a plain
 * sheet headed 目标 | 单位 | 累计数 | 截至日期 (the date optional). The first sheet with such a header row in
 * its first rows is read; cells come back as text, numbers without Excel's rounding.
 */
public final class FigureSheetReader {
  /** The largest file taken (bytes). */
  public static final long MAX_BYTES = 5L * 1024 * 1024;

  /** The most figure rows one file may carry. */
  static final int MAX_ROWS = 3000;

  /** The most bytes a file may unpack to (a small zip that inflates to gigabytes is refused). */
  static final long MAX_UNPACKED = 25L * 1024 * 1024;

  /** How many rows from the top a header row is looked for in. */
  static final int HEADER_SCAN = 10;

  static final String TARGET = "目标";
  static final String EXPORT_UNIT = "责任单位";
  static final String EXPORT_FIGURE = "本期累计";
  static final String PLAIN_UNIT = "单位";
  static final String PLAIN_FIGURE = "累计数";
  static final String PLAIN_DATE = "截至日期";

  /** The two layouts taken. */
  public enum Layout {
    EXPORT("本服务导出表（本期累计）"),
    PLAIN("目标 | 单位 | 累计数 | 截至日期");

    final String label;

    Layout(String label) {
      this.label = label;
    }
  }

  /**
   * One data row: its number as Excel shows it (1-based), the cells the import reads, and all its
   * cells joined (the report's original text).
   */
  public record Line(
      int row, String target, String unit, String figure, String date, String cells) {}

  /** The rows of the sheet that was read, and its layout. */
  public record Sheetful(Layout layout, String sheet, List<Line> lines) {}

  /** A file that cannot be read as figures: the HTTP status and the reason in Chinese. */
  public static final class Unreadable extends Exception {
    final int status;

    Unreadable(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private FigureSheetReader() {}

  /** Reads the figure rows, or says why the file is not a workbook of figures. */
  public static Sheetful read(byte[] bytes) throws Unreadable {
    if (bytes == null || bytes.length == 0) {
      throw new Unreadable(400, "文件是空的，请选择填好的 Excel（.xlsx）文件");
    }
    if (bytes.length > MAX_BYTES) {
      throw new Unreadable(413, "文件超过 5 MB，请删去无关的工作表或图片后重新上传");
    }
    if (startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
      throw new Unreadable(415, "这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后上传");
    }
    if (!startsWith(bytes, 'P', 'K')) {
      throw new Unreadable(415, "不是 Excel（.xlsx）文件，请上传 .xlsx 格式的表格");
    }
    unpackedSize(bytes);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      for (Sheet sheet : wb) {
        Sheetful found = readSheet(sheet);
        if (found != null) {
          return found;
        }
      }
    } catch (Unreadable e) {
      throw e;
    } catch (Exception e) {
      // POI reports a broken or foreign zip in many ways; none is the caller's fault to see as 500
      throw new Unreadable(415, "无法读取这个文件，它不是有效的 Excel（.xlsx）文件");
    }
    throw new Unreadable(400, "没有找到表头：请用本服务导出的进度表并填写“本期累计”一列，或在第一行写“目标、单位、累计数、截至日期（可不填）”");
  }

  /**
   * Inflates every entry once, counting (never trusting the sizes the zip declares), before POI
   * builds the workbook in memory: over {@link #MAX_UNPACKED} is refused.
   */
  private static void unpackedSize(byte[] bytes) throws Unreadable {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      int entries = 0;
      while (zip.getNextEntry() != null) {
        entries++;
        for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
          total += n;
          if (total > MAX_UNPACKED) {
            throw new Unreadable(413, "文件解压后超过 25 MB，请只保留要导入的工作表后重新上传");
          }
        }
      }
      if (entries == 0) {
        throw new Unreadable(415, "无法读取这个文件，它不是有效的 Excel（.xlsx）文件");
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new Unreadable(415, "无法读取这个文件，它不是有效的 Excel（.xlsx）文件");
    }
  }

  private static Sheetful readSheet(Sheet sheet) throws Unreadable {
    int last = Math.min(sheet.getLastRowNum(), sheet.getFirstRowNum() + HEADER_SCAN);
    for (int r = Math.max(0, sheet.getFirstRowNum()); r <= last; r++) {
      Map<String, Integer> columns = headers(sheet.getRow(r));
      Layout layout = layoutOf(columns);
      if (layout != null) {
        return new Sheetful(layout, sheet.getSheetName(), lines(sheet, r, layout, columns));
      }
    }
    return null;
  }

  private static Layout layoutOf(Map<String, Integer> columns) {
    if (!columns.containsKey(TARGET)) {
      return null;
    }
    if (columns.containsKey(EXPORT_FIGURE) && columns.containsKey(EXPORT_UNIT)) {
      return Layout.EXPORT;
    }
    if (columns.containsKey(PLAIN_FIGURE) && columns.containsKey(PLAIN_UNIT)) {
      return Layout.PLAIN;
    }
    return null;
  }

  private static Map<String, Integer> headers(Row row) {
    Map<String, Integer> out = new HashMap<>();
    if (row == null) {
      return out;
    }
    for (Cell c : row) {
      String h = text(c).replaceAll("\\s+", "");
      if (!h.isEmpty()) {
        out.putIfAbsent(h, c.getColumnIndex());
      }
    }
    return out;
  }

  private static List<Line> lines(
      Sheet sheet, int headerRow, Layout layout, Map<String, Integer> columns) throws Unreadable {
    boolean export = layout == Layout.EXPORT;
    int target = columns.get(TARGET);
    int unit = columns.get(export ? EXPORT_UNIT : PLAIN_UNIT);
    int figure = columns.get(export ? EXPORT_FIGURE : PLAIN_FIGURE);
    Integer date = export ? null : columns.get(PLAIN_DATE);
    List<Line> out = new ArrayList<>();
    for (int r = headerRow + 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      if (row == null) {
        continue;
      }
      Line line =
          new Line(
              r + 1,
              text(row.getCell(target)),
              text(row.getCell(unit)),
              text(row.getCell(figure)),
              date == null ? "" : text(row.getCell(date)),
              cells(row));
      // the export's rows left empty (checklists, tasks, figures not sent) are no report
      if (line.figure().isEmpty() && (export || line.target().isEmpty())) {
        continue;
      }
      if (out.size() >= MAX_ROWS) {
        throw new Unreadable(400, "一次最多导入 " + MAX_ROWS + " 行，请分成几个文件上传");
      }
      out.add(line);
    }
    if (out.isEmpty()) {
      throw new Unreadable(
          400, export ? "表中“本期累计”一列没有填写任何数，请填好后再上传" : "表中没有填写任何累计数（目标 | 单位 | 累计数 | 截至日期），请填好后再上传");
    }
    return out;
  }

  private static String cells(Row row) {
    StringBuilder sb = new StringBuilder();
    for (Cell c : row) {
      String t = text(c);
      if (!t.isEmpty()) {
        sb.append(sb.length() == 0 ? "" : " | ").append(t.replaceAll("\\s+", " "));
      }
    }
    return sb.toString();
  }

  /** A cell as text: strings trimmed, numbers exactly as typed (no 1.2E7), dates as 2018-05-31. */
  static String text(Cell c) {
    if (c == null) {
      return "";
    }
    CellType type =
        c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
    return switch (type) {
      case STRING -> c.getStringCellValue().trim();
      case NUMERIC -> numeric(c);
      case BOOLEAN -> c.getBooleanCellValue() ? "是" : "否";
      default -> "";
    };
  }

  /** A date cell as 2018-05-31, a percentage cell (shown 85%, stored 0.85) as "85%". */
  private static String numeric(Cell c) {
    if (DateUtil.isCellDateFormatted(c)) {
      return c.getLocalDateTimeCellValue().toLocalDate().toString();
    }
    String format = c.getCellStyle() == null ? null : c.getCellStyle().getDataFormatString();
    if (format != null && format.contains("%")) {
      String value = plain(c.getNumericCellValue());
      return value.isEmpty()
          ? ""
          : new BigDecimal(value).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
    return plain(c.getNumericCellValue());
  }

  private static String plain(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "";
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
