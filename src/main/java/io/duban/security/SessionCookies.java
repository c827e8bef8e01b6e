package io.duban.security;

import io.duban.common.Locks;
import io.duban.common.Settings;
import io.duban.config.DubanConfig;
import io.duban.config.NotReady;
import io.duban.security.AccessFilter.Granted;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Cookie;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The dashboard's session cookie: "id.level.expiry.mac", signed with the session key, so every
 * instance with the same key accepts it; the token never goes into the cookie. The key comes from
 * DUBAN_SESSION_SECRET, else from a random secret in data/session-secret (0600), never from the
 * database. 退出 revokes the session id (kept until the cookie would have expired), and each session
 * has its own CSRF token for the dashboard's forms.
 */
@ApplicationScoped
public class SessionCookies {
  public static final String NAME = "duban_session";
  public static final Duration LIFETIME = Duration.ofHours(12);
  static final String FINGERPRINT = "session-key.fingerprint";
  private static final Logger LOG = Logger.getLogger(SessionCookies.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject Clock wall;
  @Inject DubanConfig config;
  @Inject DataFiles files;
  @Inject Settings settings;
  @Inject Locks locks;
  @Inject EntityManager em;

  private volatile byte[] key;

  /** A valid (signed, unexpired) session; whether it was revoked is asked separately. */
  public record Session(String id, Granted level, long expiresAt) {}

  /** Loads or makes the session key (start-up, inside a transaction). */
  @Transactional
  public void init() {
    Optional<String> given = config.sessionSecret().filter(s -> !s.isBlank());
    String secret;
    if (given.isPresent()) {
      secret = given.get();
    } else {
      Path file = files.dir().resolve("session-secret");
      try {
        if (Files.isRegularFile(file)) {
          secret = Files.readString(file, StandardCharsets.UTF_8).trim();
        } else {
          byte[] random = new byte[32];
          RANDOM.nextBytes(random);
          secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
          files.writeSecret(file, secret + "\n");
          LOG.infof("未设置 DUBAN_SESSION_SECRET，已生成会话密钥，保存在 %s（仅所有者可读）；多实例部署请设置该变量", file);
        }
      } catch (IOException e) {
        throw new IllegalStateException("无法读写会话密钥文件 " + file + "：" + e.getMessage(), e);
      }
    }
    key = sha256("duban-session:" + secret);
    // not the key: a hash of it, to notice instances that sign with different keys
    String fingerprint =
        HexFormat.of().formatHex(sha256("fingerprint:" + HexFormat.of().formatHex(key)));
    locks.acquire("config"); // instances starting together write the fingerprint one at a time
    Optional<String> before = settings.get(FINGERPRINT);
    if (before.isPresent() && !before.get().equals(fingerprint) && given.isEmpty()) {
      LOG.warn("会话密钥与上次启动（或另一实例）不同：其他实例签发的看板会话在本实例无效。多实例部署请为每个实例设置相同的 DUBAN_SESSION_SECRET");
    }
    settings.put(FINGERPRINT, fingerprint);
  }

  /** A cookie value granting {@code level} for {@link #LIFETIME}, under a new session id. */
  public String issue(Granted level) {
    byte[] id = new byte[18];
    RANDOM.nextBytes(id);
    long expiry = wall.instant().plus(LIFETIME).getEpochSecond();
    String payload =
        Base64.getUrlEncoder().withoutPadding().encodeToString(id)
            + "."
            + level.name()
            + "."
            + expiry;
    return payload + "." + mac(payload);
  }

  /** The session a cookie carries if its signature and expiry hold (revocation not checked). */
  public Optional<Session> session(Cookie cookie) {
    if (key == null
        || cookie == null
        || cookie.getValue() == null
        || cookie.getValue().length() > 300) {
      return Optional.empty();
    }
    String[] parts = cookie.getValue().split("\\.");
    if (parts.length != 4) {
      return Optional.empty();
    }
    String payload = parts[0] + "." + parts[1] + "." + parts[2];
    if (!MessageDigest.isEqual(
        mac(payload).getBytes(StandardCharsets.US_ASCII),
        parts[3].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    try {
      long expiry = Long.parseLong(parts[2]);
      if (expiry < wall.instant().getEpochSecond()) {
        return Optional.empty();
      }
      Granted g = Granted.valueOf(parts[1]);
      return g == Granted.ADMIN || g == Granted.READ
          ? Optional.of(new Session(parts[0], g, expiry))
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A signed, unexpired and not revoked session. */
  public Optional<Session> live(Cookie cookie) {
    return session(cookie).filter(s -> !revoked(s.id()));
  }

  /** What a cookie grants: its level while the session is live, else nothing. */
  public Granted granted(Cookie cookie) {
    return live(cookie).map(Session::level).orElse(Granted.NONE);
  }

  public boolean revoked(String id) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () ->
                !em.createNativeQuery("SELECT 1 FROM revoked_session WHERE session_id = :id")
                    .setParameter("id", id)
                    .getResultList()
                    .isEmpty());
  }

  /** Ends a session on every instance (退出). */
  public void revoke(Session s) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              if (!revoked(s.id())) {
                em.createNativeQuery(
                        "INSERT INTO revoked_session (session_id, expires_at) VALUES (:id, :exp)"
                            + " ON CONFLICT DO NOTHING")
                    .setParameter("id", s.id())
                    .setParameter("exp", Instant.ofEpochSecond(s.expiresAt()))
                    .executeUpdate();
              }
            });
  }

  /** The CSRF token of a session, for the dashboard's forms. */
  public String csrf(Session s) {
    return mac("csrf." + s.id());
  }

  public boolean csrfMatches(Session s, String token) {
    return token != null
        && MessageDigest.isEqual(
            csrf(s).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A signature of a text the service shows back to the browser after a redirect (the outcome of a
   * dashboard action), so that a crafted link cannot put words on the page.
   */
  public String sign(String purpose, String text) {
    return mac(purpose + "\n" + text).substring(0, 22);
  }

  public boolean signed(String purpose, String text, String signature) {
    return text != null
        && signature != null
        && key != null
        && MessageDigest.isEqual(
            sign(purpose, text).getBytes(StandardCharsets.US_ASCII),
            signature.getBytes(StandardCharsets.UTF_8));
  }

  /** Revoked ids are kept until the cookie would have expired anyway. */
  @Scheduled(every = "1h", delayed = "5m", skipExecutionIf = NotReady.class)
  void purge() {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery("DELETE FROM revoked_session WHERE expires_at < :now")
                    .setParameter("now", wall.instant())
                    .executeUpdate());
  }

  private String mac(String payload) {
    byte[] k = key;
    if (k == null) {
      throw new IllegalStateException("会话密钥尚未加载");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(k, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
