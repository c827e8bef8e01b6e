package io.duban.dashboard;

import io.duban.approval.ApprovalRequest.DecidedVia;
import io.duban.approval.Approvals;
import io.duban.approval.Decider;
import io.duban.common.ApiError;
import io.duban.progress.PlanYears;
import io.duban.progress.ProgressResource;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import io.duban.security.AccessFilter;
import io.duban.security.AccessFilter.Granted;
import io.duban.security.AdminTokens;
import io.duban.security.AuthThrottle;
import io.duban.security.Clients;
import io.duban.security.SessionCookies;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The leaders' dashboard page. With a read token set, a visitor without a session sees the login
 * form (200); the form, posted from this site's own page, sets a session cookie from the read or
 * admin token, which every read GET accepts, the Excel export included. Admins also see the
 * outbound message log, the requests waiting for them with 批准 / 驳回 buttons (CSRF-protected) and
 * recent 绑定 attempts. 退出 revokes the session on every instance.
 */
@Path("/")
@Access(Level.OPEN)
public class DashboardResource {
  static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

  @Inject DashboardService dashboard;
  @Inject AdminTokens tokens;
  @Inject SessionCookies sessions;
  @Inject AuthThrottle throttle;
  @Inject Clients clients;
  @Inject Approvals approvals;
  @Inject PlanYears years;

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
      @QueryParam("category") String category,
      @QueryParam("unit") String unit,
      @QueryParam("status") String status,
      @QueryParam("q") String q,
      @QueryParam("target") String target,
      @QueryParam("notice") String notice,
      @QueryParam("ns") String noticeSignature,
      @QueryParam("year") String year) {
    // one look at the session (a revocation lookup), shared by the access decision and the CSRF
    // token
    Optional<SessionCookies.Session> session =
        sessions.live(headers.getCookies().get(SessionCookies.NAME));
    String header = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    Granted granted =
        header != null
            ? AccessFilter.bearer(header, tokens)
            : session.map(SessionCookies.Session::level).orElse(Granted.NONE);
    boolean loggedIn = granted == Granted.READ || granted == Granted.ADMIN;
    if (tokens.readProtected() && !loggedIn) {
      return Response.ok(Templates.login(null).render(), HTML).build();
    }
    Integer categoryNumber = null;
    if (category != null && !category.isBlank()) {
      try {
        categoryNumber = Integer.valueOf(category.trim());
      } catch (NumberFormatException e) {
        categoryNumber = -1; // no such 实事: the page says nothing matches
      }
    }
    Integer planYear = year == null || year.isBlank() ? null : ProgressResource.parseYear(year);
    Response refused = yearRefusal(year, planYear);
    if (refused != null) {
      return refused;
    }
    String csrf =
        granted == Granted.ADMIN && session.isPresent() && session.get().level() == Granted.ADMIN
            ? sessions.csrf(session.get())
            : null;
    DashboardPage page =
        dashboard.page(
            new DashboardService.Query(
                categoryNumber,
                unit,
                status,
                q,
                target == null || target.isBlank() ? null : target,
                sessions.signed("notice", notice, noticeSignature) ? notice : null),
            planYear == null ? null : years.view(planYear),
            granted == Granted.ADMIN,
            loggedIn && session.isPresent(),
            csrf);
    if (page == null) {
      return Response.status(503)
          .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
          .entity("计划尚未加载")
          .build();
    }
    String query =
        query(categoryNumber, unit, status, q) + (planYear == null ? "" : "&year=" + planYear);
    return Response.ok(Templates.index(page, query).render(), HTML).build();
  }

  /** Why {@code ?year=} cannot be shown (400 malformed, 404 no such plan), or null. */
  private Response yearRefusal(String asked, Integer year) {
    if (asked == null || asked.isBlank()) {
      return null;
    }
    if (year == null) {
      return ApiError.response(400, "year 应写成四位年份，例如 2018");
    }
    PlanYears.Standing standing = years.standing(year);
    return standing.held() ? null : ApiError.response(404, standing.notHeld(year));
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
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "看板登录：用读取令牌或管理员令牌换取会话 Cookie（须从本站页面提交）")
  public Response login(@FormParam("token") String token, @Context HttpServerRequest request) {
    String foreign = clients.crossOrigin(request);
    if (foreign != null) {
      return loginPage(403, foreign + "。请打开看板页面后在这里登录。");
    }
    String client = Clients.address(request);
    Optional<Long> wait = throttle.blocked(client);
    if (wait.isPresent()) {
      return Response.fromResponse(loginPage(429, "令牌错误次数过多，请 " + wait.get() + " 秒后再试。"))
          .header("Retry-After", Long.toString(wait.get()))
          .build();
    }
    Granted granted =
        tokens.isAdmin(token)
            ? Granted.ADMIN
            : tokens.isReader(token) ? Granted.READ : Granted.INVALID;
    if (granted == Granted.INVALID) {
      throttle.failed(client, "看板登录令牌错误");
      return loginPage(
          401, token == null || token.isBlank() ? "请输入令牌。" : "令牌不正确，请检查后重新输入（注意大小写和空格）。");
    }
    NewCookie cookie =
        new NewCookie.Builder(SessionCookies.NAME)
            .value(sessions.issue(granted))
            .path("/")
            .httpOnly(true)
            .secure("https".equalsIgnoreCase(request.scheme()))
            .sameSite(NewCookie.SameSite.LAX)
            .maxAge((int) SessionCookies.LIFETIME.getSeconds())
            .build();
    return Response.seeOther(URI.create("/")).cookie(cookie).build();
  }

  private static Response loginPage(int status, String error) {
    return Response.status(status).type(HTML).entity(Templates.login(error).render()).build();
  }

  @POST
  @Path("logout")
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "看板退出登录（会话在所有实例上作废）")
  public Response logout(@Context HttpHeaders headers, @Context HttpServerRequest request) {
    if (clients.crossOrigin(request) == null) {
      sessions.session(headers.getCookies().get(SessionCookies.NAME)).ifPresent(sessions::revoke);
    }
    NewCookie gone =
        new NewCookie.Builder(SessionCookies.NAME)
            .value("")
            .path("/")
            .maxAge(0)
            .httpOnly(true)
            .build();
    return Response.seeOther(URI.create("/")).cookie(gone).build();
  }

  @POST
  @Path("approvals/{id}/approve")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Access(Level.ADMIN_FORM)
  @Operation(summary = "看板：批准一项申请（管理员会话 + CSRF 令牌）")
  public Response approve(@PathParam("id") String id) {
    Long n = number(id);
    if (n == null) {
      return back("申请编号无效");
    }
    Approvals.Outcome o =
        QuarkusTransaction.requiringNew()
            .call(() -> approvals.approve(n, Decider.adminToken(DecidedVia.DASHBOARD)));
    return back(o.text());
  }

  @POST
  @Path("approvals/{id}/reject")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Access(Level.ADMIN_FORM)
  @Operation(summary = "看板：驳回一项申请，须写原因（管理员会话 + CSRF 令牌）")
  public Response reject(@PathParam("id") String id, @FormParam("reason") String reason) {
    Long n = number(id);
    if (n == null) {
      return back("申请编号无效");
    }
    Approvals.Outcome o =
        QuarkusTransaction.requiringNew()
            .call(() -> approvals.reject(n, Decider.adminToken(DecidedVia.DASHBOARD), reason));
    return back(o.text());
  }

  static Long number(String id) {
    try {
      long n = Long.parseLong(id);
      return n > 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Back to the approvals panel with the outcome shown above it (signed: see index). */
  private Response back(String notice) {
    String cut = notice.length() > 300 ? notice.substring(0, 300) : notice;
    return Response.seeOther(
            URI.create(
                "/?notice="
                    + URLEncoder.encode(cut, StandardCharsets.UTF_8)
                    + "&ns="
                    + sessions.sign("notice", cut)
                    + "#approvals"))
        .build();
  }
}
