package io.duban.security;

import io.duban.common.Locks;
import io.duban.common.Settings;
import io.duban.config.DubanConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The admin and read tokens. Without DUBAN_ADMIN_TOKEN a random admin token is made at first start,
 * written to {@code data/admin-token} (owner-only) and only its SHA-256 kept in the database, so
 * every instance verifies it and no log ever shows it.
 */
@ApplicationScoped
public class AdminTokens {
  static final String HASH = "admin-token.sha256";
  private static final Logger LOG = Logger.getLogger(AdminTokens.class);

  @Inject DubanConfig config;
  @Inject Settings settings;
  @Inject Locks locks;
  @Inject DataFiles files;

  private volatile byte[] adminHash;
  private volatile byte[] readHash;

  @Transactional
  public void init() {
    readHash = config.readToken().map(AdminTokens::sha256).orElse(null);
    Optional<String> given = config.adminToken();
    if (given.isPresent()) {
      adminHash = sha256(given.get());
      return;
    }
    locks.acquire("config");
    Path file = files.dir().resolve("admin-token");
    Optional<String> stored = settings.get(HASH);
    if (stored.isPresent()) {
      adminHash = HexFormat.of().parseHex(stored.get());
      if (!Files.isRegularFile(file)) {
        LOG.warnf("管理员令牌已在数据库中生成，但本机没有 %s；请用 DUBAN_ADMIN_TOKEN 设置令牌", file);
      }
      return;
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    try {
      files.writeSecret(file, token + "\n");
    } catch (IOException e) {
      throw new IllegalStateException("无法写入管理员令牌文件 " + file + "：" + e.getMessage(), e);
    }
    adminHash = sha256(token);
    settings.put(HASH, HexFormat.of().formatHex(adminHash));
    LOG.infof("未设置 DUBAN_ADMIN_TOKEN，已生成管理员令牌，保存在 %s（仅所有者可读）", file);
  }

  /** Whether read endpoints need a token. */
  public boolean readProtected() {
    return readHash != null;
  }

  public boolean isAdmin(String token) {
    return matches(adminHash, token);
  }

  public boolean isReader(String token) {
    return matches(readHash, token);
  }

  private static boolean matches(byte[] expected, String token) {
    if (expected == null || token == null || token.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(expected, sha256(token));
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
