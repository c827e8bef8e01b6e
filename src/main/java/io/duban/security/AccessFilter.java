package io.duban.security;

import io.duban.common.ApiError;
import io.duban.security.Access.Level;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Enforces {@link Access} on every endpoint: a missing or wrong token answers 401, a valid token
 * without the right answers 403.
 */
public class AccessFilter {
  @Inject AdminTokens tokens;
  @Inject SessionCookies sessions;

  @ServerRequestFilter
  public Response check(ContainerRequestContext request, ResourceInfo resource) {
    Level needed = levelOf(resource);
    if (needed == Level.OPEN) {
      return null;
    }
    Granted granted = granted(request);
    return decide(needed, granted, tokens.readProtected());
  }

  /** What the request's credentials grant. */
  public enum Granted {
    NONE,
    INVALID,
    READ,
    ADMIN
  }

  Granted granted(ContainerRequestContext request) {
    return granted(
        request.getHeaderString(HttpHeaders.AUTHORIZATION),
        request.getMethod(),
        request.getCookies().get(SessionCookies.NAME),
        tokens,
        sessions);
  }

  /** What a request's bearer header, or on a read GET its session cookie, grants. */
  public static Granted granted(
      String header,
      String method,
      jakarta.ws.rs.core.Cookie cookie,
      AdminTokens tokens,
      SessionCookies sessions) {
    if (header != null) {
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
    if (method.equals("GET") || method.equals("HEAD")) {
      // the dashboard's session cookie is accepted on read GETs only (no CSRF on writes)
      Granted fromCookie = sessions.granted(cookie);
      if (fromCookie != Granted.NONE) {
        return fromCookie;
      }
    }
    return Granted.NONE;
  }

  /** The decision table of the contract. */
  public static Response decide(Level needed, Granted granted, boolean readProtected) {
    if (granted == Granted.INVALID) {
      return unauthorized("令牌无效");
    }
    if (needed == Level.READ) {
      if (!readProtected || granted == Granted.READ || granted == Granted.ADMIN) {
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

  private static Response unauthorized(String reason) {
    Response r = ApiError.response(401, reason);
    return Response.fromResponse(r)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"duban\"")
        .build();
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
