package io.duban.imports;

import io.duban.imports.FigureSheetReader.Sheetful;
import io.duban.imports.FigureSheetReader.Unreadable;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import io.duban.security.AccessFilter.Granted;
import io.duban.security.SessionCookies;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The dashboard's import page: GET /import shows the upload form to an admin session, the form
 * posts the file to /import/preview (the preview as a table, nothing written), and 确认导入 posts to
 * /import/apply with the held rows ticked. Both posts are dashboard forms (admin session and its
 * CSRF token, field {@code csrf}); the file waits between them in {@link PendingUploads}.
 */
@Path("/import")
@Access(Level.OPEN)
public class ImportPage {
  static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

  @Inject FigureImport imports;
  @Inject PendingUploads uploads;
  @Inject SessionCookies sessions;

  @CheckedTemplate
  public static class Templates {
    public static native TemplateInstance form(boolean admin, String csrf, String error);

    public static native TemplateInstance preview(ImportView view);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "看板：从 Excel 导入累计数（上传表单，需管理员登录看板）")
  public Response page(@Context HttpHeaders headers) {
    Optional<String> csrf = csrf(headers);
    if (csrf.isEmpty()) {
      return Response.status(401)
          .type(HTML)
          .entity(Templates.form(false, null, "请先在看板用管理员令牌登录，再回到本页导入。").render())
          .build();
    }
    return Response.ok(Templates.form(true, csrf.get(), null).render(), HTML).build();
  }

  @POST
  @Path("preview")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.TEXT_HTML)
  @Access(Level.ADMIN_FORM)
  @Operation(summary = "看板：上传 Excel，逐行预览将记录、需核对和不能记录的数（不写入；管理员会话 + CSRF 令牌）")
  public Response preview(@RestForm("file") FileUpload file, @Context HttpHeaders headers) {
    String csrf = csrf(headers).orElse(null);
    if (file == null || file.uploadedFile() == null) {
      return refused(400, csrf, "请选择要导入的 Excel（.xlsx）文件。");
    }
    try {
      byte[] bytes = ImportResource.bytes(file);
      Sheetful sheet = FigureSheetReader.read(bytes);
      FigureImport.Outcome o = imports.run(file.fileName(), bytes, sheet, false, Set.of());
      String key = uploads.keep(o.file(), bytes);
      return Response.ok(Templates.preview(ImportView.of(o, key, csrf)).render(), HTML).build();
    } catch (Unreadable e) {
      return refused(e.status(), csrf, e.getMessage());
    }
  }

  @POST
  @Path("apply")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @Access(Level.ADMIN_FORM)
  @Operation(summary = "看板：确认导入预览过的文件，勾选的需核对行一并记录（管理员会话 + CSRF 令牌）")
  public Response apply(
      @FormParam("upload") String key,
      @FormParam("confirm") List<String> confirm,
      @Context HttpHeaders headers) {
    String csrf = csrf(headers).orElse(null);
    Optional<PendingUploads.Upload> upload = uploads.get(key);
    if (upload.isEmpty()) {
      return refused(409, csrf, "预览过的文件已过期（或已导入），请重新上传。");
    }
    try {
      byte[] bytes = upload.get().bytes();
      Sheetful sheet = FigureSheetReader.read(bytes);
      Set<String> ids = new HashSet<>(confirm == null ? List.of() : confirm);
      FigureImport.Outcome o = imports.run(upload.get().fileName(), bytes, sheet, true, ids);
      uploads.forget(key);
      return Response.ok(Templates.preview(ImportView.of(o, null, csrf)).render(), HTML).build();
    } catch (Unreadable e) {
      return refused(e.status(), csrf, e.getMessage());
    }
  }

  private static Response refused(int status, String csrf, String why) {
    return Response.status(status)
        .type(HTML)
        .entity(Templates.form(true, csrf, why).render())
        .build();
  }

  /** The CSRF token of the request's admin session (empty: no admin session). */
  private Optional<String> csrf(HttpHeaders headers) {
    return sessions
        .live(headers.getCookies().get(SessionCookies.NAME))
        .filter(s -> s.level() == Granted.ADMIN)
        .map(sessions::csrf);
  }
}
