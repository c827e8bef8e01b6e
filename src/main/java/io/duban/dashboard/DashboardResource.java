package io.duban.dashboard;

import io.duban.security.Access;
import io.duban.security.Access.Level;
import io.duban.security.AccessFilter;
import io.duban.security.AccessFilter.Granted;
import io.duban.security.AdminTokens;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The leaders' dashboard page. With a read token set, a visitor without a session sees the login
 * form (200); the form sets a session cookie from the read or admin token, which every read GET
 * accepts, the Excel export included. Admins also see the outbound message log.
 */
@Path("/")
@Access(Level.OPEN)
public class DashboardResource {
  @Inject DashboardService dashboard;
  @Inject AdminTokens tokens;
  @Inject SessionCookies sessions;

  /** The page templates (templates/DashboardResource/). */
  @CheckedTemplate
  public static class Templates {
    public static native TemplateInstance index(DashboardPage page, String query);

    public static native TemplateInstance login(String error);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "领导看板（网页）")
  public Response index(
      @Context HttpHeaders headers,
      @QueryParam("category") Integer category,
      @QueryParam("unit") String unit,
      @QueryParam("status") String status,
      @QueryParam("q") String q,
      @QueryParam("target") String target) {
    Granted granted =
        AccessFilter.granted(
            headers.getHeaderString(HttpHeaders.AUTHORIZATION),
            "GET",
            headers.getCookies().get(SessionCookies.NAME),
            tokens,
            sessions);
    boolean loggedIn = granted == Granted.READ || granted == Granted.ADMIN;
    if (tokens.readProtected() && !loggedIn) {
      return Response.ok(
              Templates.login(null).render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
          .build();
    }
    DashboardPage page =
        dashboard.page(
            new DashboardService.Query(
                category, unit, status, q, target == null || target.isBlank() ? null : target),
            granted == Granted.ADMIN,
            loggedIn && headers.getCookies().containsKey(SessionCookies.NAME));
    if (page == null) {
      return Response.status(503)
          .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
          .entity("计划尚未加载")
          .build();
    }
    String query = query(category, unit, status, q);
    return Response.ok(
            Templates.index(page, query).render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .build();
  }

  private static String query(Integer category, String unit, String status, String q) {
    StringBuilder sb = new StringBuilder();
    if (category != null) {
      sb.append("&category=").append(category);
    }
    append(sb, "unit", unit);
    append(sb, "status", status);
    append(sb, "q", q);
    return sb.toString();
  }

  private static void append(StringBuilder sb, String key, String value) {
    if (value != null && !value.isBlank()) {
      sb.append('&')
          .append(key)
          .append('=')
          .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "看板登录：用读取令牌或管理员令牌换取会话 Cookie")
  public Response login(@FormParam("token") String token, @Context HttpHeaders headers) {
    Granted granted =
        tokens.isAdmin(token)
            ? Granted.ADMIN
            : tokens.isReader(token) ? Granted.READ : Granted.INVALID;
    if (granted == Granted.INVALID) {
      return Response.status(401)
          .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
          .entity(Templates.login("令牌不正确，请重新输入。").render())
          .build();
    }
    String proto = headers.getHeaderString("X-Forwarded-Proto");
    NewCookie cookie =
        new NewCookie.Builder(SessionCookies.NAME)
            .value(sessions.issue(granted))
            .path("/")
            .httpOnly(true)
            .secure("https".equalsIgnoreCase(proto))
            .sameSite(NewCookie.SameSite.LAX)
            .maxAge((int) SessionCookies.LIFETIME.getSeconds())
            .build();
    return Response.seeOther(URI.create("/")).cookie(cookie).build();
  }

  @POST
  @Path("logout")
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "看板退出登录")
  public Response logout() {
    NewCookie gone =
        new NewCookie.Builder(SessionCookies.NAME)
            .value("")
            .path("/")
            .maxAge(0)
            .httpOnly(true)
            .build();
    return Response.seeOther(URI.create("/")).cookie(gone).build();
  }
}
