package io.duban.security;

import io.duban.common.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * The second half of {@link Access.Level#ADMIN_FORM}: once {@link AccessFilter} has let an admin
 * session through, the posted form must carry that session's CSRF token ({@code csrf}). Runs after
 * the form is read, without consuming it for the resource method.
 */
public class CsrfFilter {
  @Inject SessionCookies sessions;

  @ServerRequestFilter
  @WithFormRead
  public Response check(ContainerRequestContext request, ServerRequestContext context) {
    Object session = request.getProperty(AccessFilter.CSRF_SESSION);
    if (!(session instanceof SessionCookies.Session s)) {
      return null;
    }
    Object token =
        context instanceof ResteasyReactiveRequestContext rr
            ? rr.getFormParameter("csrf", true, false)
            : null;
    if (!sessions.csrfMatches(s, token instanceof String t ? t : null)) {
      return ApiError.response(403, "表单缺少或带错了 CSRF 令牌，请刷新看板页面后重试");
    }
    return null;
  }
}
