package io.duban.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers on every answer of the application's endpoints: no sniffing, no framing, no referrer
 * leaving the site, nothing cached (pages and exports hold contacts and figures); HTML pages get a
 * Content-Security-Policy that allows no script at all (the dashboard has none) and forms posted
 * only to this site.
 */
public class SecurityHeaders {
  static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  @ServerResponseFilter
  public void headers(ContainerRequestContext request, ContainerResponseContext response) {
    MultivaluedMap<String, Object> h = response.getHeaders();
    h.putSingle("X-Content-Type-Options", "nosniff");
    h.putSingle("X-Frame-Options", "DENY");
    h.putSingle("Referrer-Policy", "same-origin");
    if (!h.containsKey("Cache-Control")) {
      h.putSingle("Cache-Control", "no-store");
    }
    MediaType type = response.getMediaType();
    if (type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
      h.putSingle("Content-Security-Policy", CSP);
    }
  }
}
