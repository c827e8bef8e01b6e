package io.duban.imports;

import io.duban.common.ApiError;
import io.duban.imports.FigureSheetReader.Sheetful;
import io.duban.imports.FigureSheetReader.Unreadable;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * POST /api/import/figures: an Excel file of figures (multipart field {@code file}), answered with
 * the row-by-row preview; {@code apply=true} records the good rows and the held rows named in
 * {@code confirm} (docs/import-figures.md).
 */
@Path("/api/import/figures")
@Access(Level.ADMIN)
public class ImportResource {
  @Inject FigureImport imports;

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "从 Excel 导入累计数：先预览（不写入），apply=true 时在一个事务中记录可记录的行，需核对的行须在 confirm=编号,编号 中列出")
  public Response upload(
      @RestForm("file") FileUpload file,
      @QueryParam("apply") String apply,
      @QueryParam("confirm") String confirm) {
    if (file == null || file.uploadedFile() == null) {
      return ApiError.response(400, "缺少文件：请用表单字段 file 上传 Excel（.xlsx）文件");
    }
    Boolean applying = flag(apply);
    if (applying == null) {
      return ApiError.response(400, "apply 只能是 true 或 false");
    }
    byte[] bytes;
    try {
      bytes = bytes(file);
    } catch (Unreadable e) {
      return ApiError.response(e.status(), e.getMessage());
    }
    Sheetful sheet;
    try {
      sheet = FigureSheetReader.read(bytes);
    } catch (Unreadable e) {
      return ApiError.response(e.status(), e.getMessage());
    }
    return Response.ok(imports.run(file.fileName(), bytes, sheet, applying, ids(confirm))).build();
  }

  /** The uploaded bytes; a file over the limit is refused before it is read into memory. */
  static byte[] bytes(FileUpload file) throws Unreadable {
    try {
      if (file.size() > FigureSheetReader.MAX_BYTES) {
        throw new Unreadable(413, "文件超过 5 MB，请删去无关的工作表或图片后重新上传");
      }
      try (InputStream in = Files.newInputStream(file.uploadedFile())) {
        return in.readNBytes((int) FigureSheetReader.MAX_BYTES + 1);
      }
    } catch (IOException e) {
      throw new Unreadable(400, "上传的文件无法读取，请重新上传");
    }
  }

  static Boolean flag(String value) {
    if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
      return false;
    }
    return value.equalsIgnoreCase("true") ? Boolean.TRUE : null;
  }

  /** "a-7,a-9" → {a-7, a-9}. */
  static Set<String> ids(String confirm) {
    if (confirm == null || confirm.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(confirm.split("[,，\\s]+"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }
}
