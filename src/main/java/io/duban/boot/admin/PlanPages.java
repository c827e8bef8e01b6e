package io.duban.boot.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.duban.boot.PlanEdit;
import io.duban.boot.PlanEdits;
import io.duban.boot.PlanOverlay;
import io.duban.plan.Plan;
import io.duban.plan.Target;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import io.duban.security.AccessFilter.Granted;
import io.duban.security.SessionCookies;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The admin pages that edit the plan: the list of 工程 and targets, and one form per target or 工程.
 * Fields the plan file sets are marked (a reload that changes them in the file overrides the page).
 * Forms post with the admin session and its CSRF token; the edit is {@link PlanEdits}'s.
 */
@Path("/admin")
@Access(Level.OPEN)
public class PlanPages {
  static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");
  static final String PAGE_ACTOR = "管理员（页面）";

  @Inject PlanEdits edits;
  @Inject SessionCookies sessions;

  /** One field of a form: its key, label, value in effect, and where the value comes from. */
  public record FormField(String key, String label, String value, String mark, String hint) {}

  /** A form's page. */
  public record Form(
      String title,
      String back,
      String action,
      String csrf,
      String notice,
      boolean error,
      List<FormField> fields) {}

  /** A row of the plan list. */
  public record Row(
      String project,
      String projectHref,
      String code,
      String name,
      String value,
      String owners,
      String href) {}

  @CheckedTemplate
  public static class Templates {
    public static native TemplateInstance plan(String title, List<Row> rows, String notice);

    public static native TemplateInstance form(Form form);
  }

  private Optional<SessionCookies.Session> admin(HttpHeaders headers) {
    return adminSession(sessions, headers);
  }

  /** The dashboard's admin session the request carries (the admin pages are for it only). */
  static Optional<SessionCookies.Session> adminSession(
      SessionCookies sessions, HttpHeaders headers) {
    return sessions
        .live(headers.getCookies().get(SessionCookies.NAME))
        .filter(s -> s.level() == Granted.ADMIN);
  }

  private static Response login() {
    return Response.seeOther(URI.create("/")).build();
  }

  @GET
  @Path("plan")
  @Operation(summary = "管理页：计划的工程和目标（可逐项修改）")
  public Response plan(@Context HttpHeaders headers) {
    if (admin(headers).isEmpty()) {
      return login();
    }
    List<Row> rows = new ArrayList<>();
    String title =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Plan plan = Plan.findActive();
                  if (plan == null) {
                    return null;
                  }
                  for (Target t :
                      Target.<Target>list(
                          "plan = ?1 and retired = false order by sortOrder", plan)) {
                    rows.add(
                        new Row(
                            t.project.name,
                            "/admin/projects/" + enc(t.project.name),
                            t.code,
                            t.name,
                            t.targetValue == null
                                ? "—"
                                : t.targetValue.stripTrailingZeros().toPlainString()
                                    + (t.unit == null ? "" : " " + t.unit),
                            String.join("、", t.owners.stream().map(u -> u.name).toList()),
                            "/admin/targets/" + enc(t.code)));
                  }
                  return plan.title;
                });
    if (title == null) {
      return Response.status(503).type(HTML).entity("计划尚未加载").build();
    }
    return Response.ok(Templates.plan(title, rows, null).render(), HTML).build();
  }

  @GET
  @Path("targets/{id}")
  @Operation(summary = "管理页：修改一个目标")
  public Response target(@Context HttpHeaders headers, @PathParam("id") String id) {
    return show(headers, PlanEdit.TARGET, id, null, false);
  }

  @GET
  @Path("projects/{name}")
  @Operation(summary = "管理页：修改一个工程的牵头单位和别名")
  public Response project(@Context HttpHeaders headers, @PathParam("name") String name) {
    return show(headers, PlanEdit.PROJECT, name, null, false);
  }

  @POST
  @Path("targets/{id}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Access(Level.ADMIN_FORM)
  @Operation(summary = "管理页：保存目标的修改（管理员会话 + CSRF 令牌）")
  public Response saveTarget(
      @Context HttpHeaders headers,
      @PathParam("id") String id,
      @FormParam("name") String name,
      @FormParam("value") String value,
      @FormParam("unit") String unit,
      @FormParam("qualifier") String qualifier,
      @FormParam("owners") String owners,
      @FormParam("cycle") String cycle,
      @FormParam("deadline-day") String deadlineDay,
      @FormParam("deadlines") String deadlines,
      @FormParam("aliases") String aliases) {
    return save(
        headers,
        PlanEdit.TARGET,
        id,
        new String[] {
          name, value, unit, qualifier, owners, cycle, deadlineDay, deadlines, aliases
        });
  }

  @POST
  @Path("projects/{name}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Access(Level.ADMIN_FORM)
  @Operation(summary = "管理页：保存工程的修改（管理员会话 + CSRF 令牌）")
  public Response saveProject(
      @Context HttpHeaders headers,
      @PathParam("name") String name,
      @FormParam("lead-units") String leadUnits,
      @FormParam("aliases") String aliases) {
    return save(headers, PlanEdit.PROJECT, name, new String[] {leadUnits, aliases});
  }

  /** The posted fields, in the order of the scope's keys (null: not on the form). */
  private Response save(HttpHeaders headers, String scope, String ref, String[] posted) {
    Map<String, JsonNode> body = new LinkedHashMap<>();
    List<String> keys =
        PlanEdit.TARGET.equals(scope) ? PlanOverlay.TARGET_KEYS : PlanOverlay.PROJECT_KEYS;
    for (int i = 0; i < keys.size(); i++) {
      if (posted[i] != null) {
        body.put(keys.get(i), TextNode.valueOf(posted[i]));
      }
    }
    try {
      PlanEdits.Outcome o =
          PlanEdit.TARGET.equals(scope)
              ? edits.editTarget(ref, body, PAGE_ACTOR)
              : edits.editProject(ref, body, PAGE_ACTOR);
      String notice =
          o.changes().isEmpty()
              ? "没有改动"
              : "已保存："
                  + String.join(
                      "；",
                      o.changes().stream()
                          .map(c -> label(c.field()) + " " + c.before() + " → " + c.after())
                          .toList());
      return show(headers, scope, o.code(), notice, false);
    } catch (PlanEdits.EditException e) {
      return show(headers, scope, ref, e.getMessage(), true);
    }
  }

  private Response show(
      HttpHeaders headers, String scope, String ref, String notice, boolean error) {
    Optional<SessionCookies.Session> session = admin(headers);
    if (session.isEmpty()) {
      return login();
    }
    List<PlanEdits.Field> fields;
    try {
      fields = edits.fields(scope, ref);
    } catch (PlanEdits.EditException e) {
      return Response.status(e.status).type(HTML).entity(e.getMessage()).build();
    }
    List<FormField> out = new ArrayList<>();
    for (PlanEdits.Field f : fields) {
      String mark =
          f.editedBy() != null
              ? "页面已改（" + f.editedBy() + "）" + (f.setByFile() ? "；计划文件改动此项时以文件为准" : "")
              : f.setByFile() ? "计划文件设定：在此修改后，文件再改动此项时以文件为准" : "";
      out.add(
          new FormField(
              f.key(),
              label(f.key()),
              "无".equals(f.value()) ? "" : f.value(),
              mark,
              hint(f.key())));
    }
    boolean target = PlanEdit.TARGET.equals(scope);
    String path = (target ? "/admin/targets/" : "/admin/projects/") + enc(ref);
    Form form =
        new Form(
            (target ? "目标 " : "工程 ") + ref,
            "/admin/plan",
            path,
            sessions.csrf(session.get()),
            notice,
            error,
            out);
    return Response.status(error ? 400 : 200)
        .type(HTML)
        .entity(Templates.form(form).render())
        .build();
  }

  static String label(String key) {
    return switch (key) {
      case "name" -> "名称";
      case "value" -> "目标值";
      case "unit" -> "单位";
      case "qualifier" -> "限定词";
      case "owners" -> "责任单位";
      case "cycle" -> "报送周期";
      case "deadline-day" -> "每期截止日";
      case "deadlines" -> "固定截止日期";
      case "aliases" -> "别名";
      case "lead-units" -> "牵头单位";
      default -> key;
    };
  }

  private static String hint(String key) {
    return switch (key) {
      case "value" -> "如 4.8万、3800、95%";
      case "qualifier" -> "如 不少于、约、以上；留空为无";
      case "owners", "aliases", "lead-units" -> "多个用“、”分隔";
      case "cycle" -> "monthly、quarterly 或 fixed；留空按计划默认";
      case "deadline-day" -> "1–31；留空按计划默认";
      case "deadlines" -> "YYYY-MM-DD，多个用“、”分隔（周期为 fixed 时）";
      default -> "";
    };
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
