package io.duban.security;

import io.duban.security.AccessFilter.Granted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The dashboard's session cookie: "level.expiry.mac", signed with a key derived from the admin
 * token's hash, so every instance accepts it; the token itself never goes into the cookie.
 */
@ApplicationScoped
public class SessionCookies {
  public static final String NAME = "duban_session";
  public static final Duration LIFETIME = Duration.ofHours(12);

  @Inject Clock wall;
  @Inject AdminTokens tokens;

  /** A cookie value granting {@code level} for {@link #LIFETIME}. */
  public String issue(Granted level) {
    long expiry = wall.instant().plus(LIFETIME).getEpochSecond();
    String payload = level.name() + "." + expiry;
    return payload + "." + mac(payload);
  }

  public Granted granted(Cookie cookie) {
    if (cookie == null || cookie.getValue() == null) {
      return Granted.NONE;
    }
    String[] parts = cookie.getValue().split("\\.");
    if (parts.length != 3) {
      return Granted.NONE;
    }
    String payload = parts[0] + "." + parts[1];
    if (!MessageDigest.isEqual(
        mac(payload).getBytes(StandardCharsets.US_ASCII),
        parts[2].getBytes(StandardCharsets.US_ASCII))) {
      return Granted.NONE;
    }
    try {
      if (Long.parseLong(parts[1]) < wall.instant().getEpochSecond()) {
        return Granted.NONE;
      }
      Granted g = Granted.valueOf(parts[0]);
      return g == Granted.ADMIN || g == Granted.READ ? g : Granted.NONE;
    } catch (IllegalArgumentException e) {
      return Granted.NONE;
    }
  }

  private String mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(tokens.sessionKey(), "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
