package io.duban.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first look at every request, before routing: a malformed address (a bad % escape), an address
 * over {@link #MAX_URI} characters and a declared body over the size limit are refused here with
 * the JSON reason every other refusal has, instead of the HTTP layer's empty 400, 414 and 413. (The
 * HTTP layer's own checks stay behind this one: Quarkus's URI check is switched off by {@code
 * -Dvertx.disableURIValidation=true}, which DubanMain and the test runs set, because this filter
 * does it; request lines over quarkus.http.limits.max-initial-line-length never reach it and get
 * Netty's bare 414.)
 */
@ApplicationScoped
public class HttpEdge {
  /** Longest request target answered with a reason (the HTTP layer accepts up to 64 KB). */
  public static final int MAX_URI = 8192;

  /** Largest declared body, except the Excel imports (up to the HTTP layer's limit, 6 MB). */
  static final long MAX_BODY = 1024L * 1024;

  /** The uploads of Excel files, which may be larger than any other body. */
  static final java.util.Set<String> IMPORT_PATHS =
      java.util.Set.of("/api/import/figures", "/import/preview", "/api/import/plan");

  @ConfigProperty(name = "quarkus.http.limits.max-body-size")
  Optional<MemorySize> maxBody;

  void register(@Observes Filters filters) {
    filters.register(this::check, 10_000);
  }

  void check(RoutingContext rc) {
    HttpServerRequest r = rc.request();
    String uri = r.uri();
    if (uri == null || uri.length() > MAX_URI) {
      refuse(rc, 414, "请求地址太长（最多 " + MAX_URI + " 个字符）", true);
      return;
    }
    try {
      new URI(uri);
    } catch (URISyntaxException e) {
      refuse(rc, 400, "请求地址格式不对（例如 % 后面应是两位十六进制数字，空格应写成 %20）", false);
      return;
    }
    String length = r.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && maxBody.isPresent()) {
      long declared;
      try {
        declared = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        refuse(rc, 400, "Content-Length 不是数字", true);
        return;
      }
      long limit =
          IMPORT_PATHS.contains(r.path())
              ? maxBody.get().asLongValue()
              : Math.min(MAX_BODY, maxBody.get().asLongValue());
      if (declared > limit) {
        refuse(rc, 413, "请求体过大（最大 " + (limit / (1024 * 1024)) + " MB）", true);
        return;
      }
    }
    rc.next();
  }

  private static void refuse(RoutingContext rc, int status, String reason, boolean close) {
    var response = rc.response();
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
        .putHeader("X-Content-Type-Options", "nosniff");
    if (close) {
      // the body (if any) is not read: the connection cannot be reused
      response.putHeader(HttpHeaders.CONNECTION, "close");
      response.endHandler(v -> rc.request().connection().close());
    }
    response.end("{\"status\":" + status + ",\"error\":\"" + reason + "\"}");
  }
}
