package io.duban.planimport;

import io.duban.common.ApiError;
import io.duban.config.ConfigFileException;
import io.duban.config.YamlNode;
import io.duban.plan.PlanFile;
import io.duban.plan.Unit;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A draft {@code plans/<year>.yaml} from a district's responsibility table: an xlsx upload in the
 * layout of the progress export, or the table's text. The answer is the draft itself (text/yaml),
 * checked to read back through {@link PlanFile}; nothing is stored or loaded (docs/plan-import.md).
 */
@Path("/api/import/plan")
@Access(Level.ADMIN)
public class PlanImportResource {
  static final String YAML = "text/yaml; charset=UTF-8";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces({YAML, MediaType.APPLICATION_JSON})
  @Transactional
  @Operation(summary = "由责任分解表（xlsx 上传，字段 file；或表格文字）生成计划草稿 plans/<year>.yaml")
  public Response upload(@RestForm("file") FileUpload file, @QueryParam("year") String year)
      throws IOException {
    if (file == null) {
      return ApiError.response(400, "没有上传文件：请用表单字段 file 上传 .xlsx（或表格文字的 .txt）");
    }
    byte[] bytes = Files.readAllBytes(file.uploadedFile());
    return draft(bytes, year);
  }

  @POST
  @Consumes({MediaType.TEXT_PLAIN, XLSX, MediaType.APPLICATION_OCTET_STREAM})
  @Produces({YAML, MediaType.APPLICATION_JSON})
  @Transactional
  @Operation(summary = "由责任分解表生成计划草稿：正文为表格文字（text/plain）或 xlsx 文件")
  public Response body(byte[] body, @QueryParam("year") String year) {
    return draft(body, year);
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "其他格式：415")
  public Response other() {
    return ApiError.response(415, "只接受 xlsx 文件（表单字段 file，或正文）或表格文字（text/plain; charset=UTF-8）");
  }

  private Response draft(byte[] bytes, String yearParam) {
    if (bytes == null || bytes.length == 0) {
      return ApiError.response(400, "内容为空：请上传责任分解表的 xlsx 文件，或以 text/plain 发送表格文字");
    }
    Integer year = null;
    if (yearParam != null && !yearParam.isBlank()) {
      year = parseYear(yearParam.strip());
      if (year == null) {
        return ApiError.response(400, "year 应为 2000 到 2100 之间的年份，如 ?year=2019");
      }
    }
    KnownUnits known = known();
    SourceTable table;
    String from;
    try {
      if (isZip(bytes)) {
        table = TableSheetReader.read(bytes, known);
        from = " xlsx 工作簿";
      } else {
        table = TableTextReader.read(text(bytes), known);
        from = "表格文字";
      }
    } catch (LayoutException e) {
      return ApiError.response(e.status, e.getMessage());
    }
    String yearFlag = null;
    if (year == null) {
      year = table.year();
    } else if (table.year() != null && !table.year().equals(year)) {
      yearFlag = "表格标题写的是 " + table.year() + " 年，按查询参数 year 写成 " + year + " 年";
    }
    if (year == null) {
      return ApiError.response(400, "没有年份：表格标题里没有“××××年”，请用查询参数写明，如 ?year=2019");
    }
    String yaml = PlanDraftYaml.write(PlanDrafts.build(table, known, year, yearFlag), from);
    try {
      PlanFile.parse(YamlNode.parse(new StringReader(yaml), "plans/" + year + ".yaml"));
    } catch (ConfigFileException e) {
      return ApiError.response(422, "草稿未通过计划文件检查（请报告这个问题）：" + e.getMessage());
    }
    return Response.ok(yaml, YAML)
        .header("Content-Disposition", "attachment; filename=\"plan-" + year + ".yaml\"")
        .build();
  }

  private static Integer parseYear(String s) {
    if (!s.matches("\\d{4}")) {
      return null;
    }
    int y = Integer.parseInt(s);
    return y < 2000 || y > 2100 ? null : y;
  }

  private static boolean isZip(byte[] b) {
    return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
  }

  /** The body as UTF-8 text; anything else (a binary file, GBK text) is refused with 415. */
  private static String text(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString()
          .replace("\uFEFF", "");
    } catch (CharacterCodingException e) {
      throw new LayoutException(415, "内容既不是 xlsx 工作簿，也不是 UTF-8 文字：请上传 .xlsx，或把表格文字以 UTF-8 发送");
    }
  }

  private static KnownUnits known() {
    List<Unit> units = Unit.listAll();
    return new KnownUnits(
        units.stream()
            .sorted((a, b) -> Integer.compare(a.sortOrder, b.sortOrder))
            .map(u -> new KnownUnits.Known(u.name, u.fullName, List.copyOf(u.aliases)))
            .toList());
  }
}
