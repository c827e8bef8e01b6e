package io.duban.security;

import io.duban.common.ApiError;
import io.duban.common.LogText;
import io.duban.security.Access.Level;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Enforces {@link Access} on every endpoint: a missing or wrong token answers 401, a valid token
 * without the right answers 403, a client that presented too many wrong tokens 429. The session
 * cookie counts on read GETs, and on the dashboard's admin forms only with their CSRF token and a
 * same-origin Origin (checked with the form by {@link CsrfFilter}).
 */
public class AccessFilter {
  /** Request property: the session whose CSRF token the form must carry. */
  static final String CSRF_SESSION = "duban.csrf-session";

  @Inject AdminTokens tokens;
  @Inject SessionCookies sessions;
  @Inject AuthThrottle throttle;
  @Inject Clients clients;

  @ServerRequestFilter
  public Response check(
      ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
    Level needed = levelOf(resource);
    if (needed == Level.OPEN) {
      return null;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    String client = Clients.address(http);
    if (header != null) {
      Optional<Long> wait = throttle.blocked(client);
      if (wait.isPresent()) {
        return tooMany(wait.get());
      }
      Granted granted = bearer(header, tokens);
      if (granted == Granted.INVALID) {
        throttle.failed(client, "令牌无效（" + request.getMethod() + " " + path(request) + "）");
      }
      return decide(
          needed == Level.ADMIN_FORM ? Level.ADMIN : needed, granted, tokens.readProtected());
    }
    var cookie = request.getCookies().get(SessionCookies.NAME);
    String method = request.getMethod();
    if (needed == Level.ADMIN_FORM) {
      Optional<SessionCookies.Session> session = sessions.live(cookie);
      if (session.isEmpty()) {
        return unauthorized("需要管理员登录看板（或 Authorization: Bearer <管理员令牌>）");
      }
      if (session.get().level() != Granted.ADMIN) {
        return ApiError.response(403, "读取令牌的会话无权执行此操作，需要管理员登录");
      }
      String foreign = clients.crossOrigin(http);
      if (foreign != null) {
        return ApiError.response(403, foreign);
      }
      request.setProperty(CSRF_SESSION, session.get());
      return null;
    }
    Granted granted = Granted.NONE;
    if (method.equals("GET") || method.equals("HEAD")) {
      // the dashboard's session cookie is accepted on read GETs only (no CSRF on writes)
      granted = sessions.granted(cookie);
    }
    return decide(needed, granted, tokens.readProtected());
  }

  /** What the request's credentials grant. */
  public enum Granted {
    NONE,
    INVALID,
    READ,
    ADMIN
  }

  /** What a bearer header grants. */
  public static Granted bearer(String header, AdminTokens tokens) {
    String token =
        header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    if (tokens.isAdmin(token)) {
      return Granted.ADMIN;
    }
    if (tokens.isReader(token)) {
      return Granted.READ;
    }
    return Granted.INVALID;
  }

  /** The decision table of docs/contract.md §6. */
  public static Response decide(Level needed, Granted granted, boolean readProtected) {
    if (granted == Granted.INVALID) {
      return unauthorized("令牌无效");
    }
    if (needed == Level.READ || needed == Level.PRIVATE_READ) {
      boolean open = needed == Level.READ && !readProtected;
      if (open || granted == Granted.READ || granted == Granted.ADMIN) {
        return null;
      }
      return unauthorized("需要读取令牌或管理员令牌（Authorization: Bearer <令牌>）");
    }
    if (granted == Granted.ADMIN) {
      return null;
    }
    if (granted == Granted.READ) {
      return ApiError.response(403, "读取令牌无权执行此操作，需要管理员令牌");
    }
    return unauthorized("需要管理员令牌（Authorization: Bearer <令牌>）");
  }

  /** 429 with Retry-After (seconds). */
  public static Response tooMany(long seconds) {
    Response r = ApiError.response(429, "令牌错误次数过多，请 " + seconds + " 秒后再试");
    return Response.fromResponse(r).header("Retry-After", Long.toString(seconds)).build();
  }

  private static Response unauthorized(String reason) {
    Response r = ApiError.response(401, reason);
    return Response.fromResponse(r)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"duban\"")
        .build();
  }

  private static String path(ContainerRequestContext request) {
    return LogText.printable(request.getUriInfo().getPath(), 100);
  }

  static Level levelOf(ResourceInfo resource) {
    Method method = resource.getResourceMethod();
    if (method != null && method.isAnnotationPresent(Access.class)) {
      return method.getAnnotation(Access.class).value();
    }
    Class<?> type = resource.getResourceClass();
    if (type != null && type.isAnnotationPresent(Access.class)) {
      return type.getAnnotation(Access.class).value();
    }
    return Level.ADMIN;
  }
}
