package io.duban.boot.admin;

import io.duban.common.ApiError;
import io.duban.contact.ContactResource;
import io.duban.contact.ContactResource.ContactJson;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import io.duban.security.SessionCookies;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The admin page of contacts: each contact's name, unit, roles, mobile and whether active, edited
 * through the contacts API's own checks ({@link ContactResource}); platform ids stay as they are.
 */
@Path("/admin/contacts")
@Access(Level.OPEN)
public class ContactPages {
  static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

  @Inject ContactResource contacts;
  @Inject SessionCookies sessions;

  /** One contact's row and form. */
  public record Row(
      String id,
      String name,
      String unit,
      String roles,
      String mobile,
      boolean active,
      String origin) {}

  @CheckedTemplate
  public static class Templates {
    public static native TemplateInstance contacts(
        List<Row> rows, String csrf, String notice, boolean error);
  }

  @GET
  @Operation(summary = "管理页：联系人（可修改姓名、单位、角色、手机号、是否启用）")
  public Response page(@Context HttpHeaders headers) {
    return show(headers, null, false);
  }

  @POST
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Access(Level.ADMIN_FORM)
  @Operation(summary = "管理页：保存一个联系人的修改（管理员会话 + CSRF 令牌）")
  public Response save(
      @Context HttpHeaders headers,
      @PathParam("id") String id,
      @FormParam("name") String name,
      @FormParam("unit") String unit,
      @FormParam("role") String role,
      @FormParam("mobile") String mobile,
      @FormParam("active") String active) {
    Response current = contacts.get(id);
    if (current.getStatus() != 200) {
      return show(headers, "联系人“" + id + "”不存在", true);
    }
    ContactJson c = (ContactJson) current.getEntity();
    List<String> roles =
        role == null
            ? c.role()
            : Arrays.stream(role.split("[、，,\\s]+")).filter(r -> !r.isBlank()).toList();
    ContactJson edited =
        new ContactJson(
            c.id(),
            name == null ? c.name() : name,
            unit == null ? c.unit() : unit,
            roles,
            mobile == null || mobile.isBlank() ? null : mobile.trim(),
            c.ids(),
            active != null,
            c.origin());
    Response r = contacts.update(id, edited);
    if (r.getStatus() >= 400) {
      String reason = r.getEntity() instanceof ApiError e ? e.error() : "保存失败";
      return show(headers, "联系人 " + id + "：" + reason, true);
    }
    return show(headers, "已保存联系人 " + id, false);
  }

  private Response show(HttpHeaders headers, String notice, boolean error) {
    Optional<SessionCookies.Session> session = PlanPages.adminSession(sessions, headers);
    if (session.isEmpty()) {
      return Response.seeOther(URI.create("/")).build();
    }
    List<Row> rows =
        contacts.list().stream()
            .map(
                c ->
                    new Row(
                        c.id(),
                        c.name(),
                        c.unit(),
                        String.join("、", c.role()),
                        c.mobile() == null ? "" : c.mobile(),
                        c.active() == null || c.active(),
                        c.origin()))
            .toList();
    return Response.status(error ? 400 : 200)
        .type(HTML)
        .entity(Templates.contacts(rows, sessions.csrf(session.get()), notice, error).render())
        .build();
  }
}
