package io.duban.security;

import io.duban.config.DubanConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Who a browser or client is, as far as HTTP can tell: its address (behind a reverse proxy the one
 * Quarkus takes from a trusted proxy's X-Forwarded-For, see quarkus.http.proxy.*) and whether a
 * form was posted from the service's own pages (Origin, else Referer, against the request's own
 * scheme and host, or an origin listed in duban.web.origins).
 */
@ApplicationScoped
public class Clients {
  @Inject DubanConfig config;

  public static String address(HttpServerRequest request) {
    SocketAddress a = request == null ? null : request.remoteAddress();
    if (a == null) {
      return "unknown";
    }
    return a.hostAddress() != null ? a.hostAddress() : a.host();
  }

  /** Null when the request was posted from this service's own pages; else why not (Chinese). */
  public String crossOrigin(HttpServerRequest request) {
    String origin = request.getHeader("Origin");
    String source;
    if (origin != null && !origin.isBlank()) {
      source = origin.trim();
    } else {
      String referer = request.getHeader("Referer");
      if (referer == null || referer.isBlank()) {
        return "请求缺少 Origin 和 Referer，无法确认来自本站页面";
      }
      source = originOf(referer.trim());
    }
    String own = own(request);
    String normalized = normalize(source);
    if (normalized != null && (normalized.equals(own) || allowed().contains(normalized))) {
      return null;
    }
    return "请求来自其他网站（" + (source.length() > 80 ? source.substring(0, 80) : source) + "），已拒绝";
  }

  private List<String> allowed() {
    return config.web().origins().orElse(List.of()).stream().map(Clients::normalize).toList();
  }

  static String own(HttpServerRequest request) {
    HostAndPort authority = request.authority();
    String host = authority == null ? request.host() : authority.toString();
    return normalize(request.scheme() + "://" + host);
  }

  static String originOf(String url) {
    try {
      URI u = URI.create(url);
      if (u.getScheme() == null || u.getRawAuthority() == null) {
        return null;
      }
      return u.getScheme() + "://" + u.getRawAuthority();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** scheme://host[:port] in lower case, without the scheme's default port. */
  static String normalize(String origin) {
    if (origin == null || origin.equals("null")) {
      return null;
    }
    try {
      URI u = URI.create(origin.trim());
      if (u.getScheme() == null || u.getHost() == null) {
        return null;
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort();
      boolean standard =
          port == -1
              || (scheme.equals("http") && port == 80)
              || (scheme.equals("https") && port == 443);
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (standard ? "" : ":" + port);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
