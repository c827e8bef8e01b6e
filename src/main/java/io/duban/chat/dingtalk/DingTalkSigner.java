package io.duban.chat.dingtalk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** DingTalk 加签: signs custom-robot webhook URLs and verifies app-robot HTTP callbacks. */
public final class DingTalkSigner {

  /** Outcome of checking the {@code timestamp} and {@code sign} headers of an inbound callback. */
  public enum Verification {
    /** Both headers present, timestamp inside the window, signature matches. */
    OK,
    /** A header is absent or blank. */
    MISSING,
    /** The timestamp header is not a plain non-negative decimal number of milliseconds. */
    MALFORMED,
    /** The timestamp lies outside the allowed window around now, in either direction. */
    STALE,
    /** The signature does not match. */
    BAD_SIGNATURE
  }

  private DingTalkSigner() {}

  /**
   * Returns Base64(HmacSHA256(key = secret, msg = timestamp + "\n" + secret)).
   *
   * <p>The timestamp is in milliseconds; DingTalk rejects values more than one hour from its clock
   * (help.dingtalk.io custom-robot security settings).
   */
  public static String sign(long timestampMillis, String secret) {
    Objects.requireNonNull(secret, "secret");
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    byte[] msg = (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(hmacSha256(key, msg));
  }

  /**
   * Appends {@code timestamp} and {@code sign} query parameters to a custom-robot webhook URL.
   *
   * <p>The returned URL is final: pass it to the HTTP client as-is, because a client that encodes
   * {@code %} again produces errcode 310000 "sign not match".
   */
  public static String signedWebhookUrl(String webhookUrl, String secret, long timestampMillis) {
    Objects.requireNonNull(webhookUrl, "webhookUrl");
    // Base64 contains + / =, which must be percent-encoded exactly once (official Java sample).
    String encodedSign = URLEncoder.encode(sign(timestampMillis, secret), StandardCharsets.UTF_8);
    String separator;
    if (webhookUrl.endsWith("?") || webhookUrl.endsWith("&")) {
      separator = "";
    } else {
      separator = webhookUrl.indexOf('?') >= 0 ? "&" : "?";
    }
    return webhookUrl + separator + "timestamp=" + timestampMillis + "&sign=" + encodedSign;
  }

  /**
   * Checks the headers of an enterprise-internal-app robot callback.
   *
   * <p>The inbound {@code sign} header is plain Base64 (not URL-encoded) and is keyed with the
   * app's AppSecret; DingTalk documents a one-hour window (help.dingtalk.io receive-message).
   *
   * @param timestampHeader value of the {@code timestamp} header (epoch milliseconds)
   * @param signHeader value of the {@code sign} header
   * @param appSecret the robot application's AppSecret
   * @param nowMillis the current wall-clock time in epoch milliseconds
   * @param window the largest accepted distance between {@code nowMillis} and the timestamp
   */
  public static Verification verifyCallback(
      String timestampHeader,
      String signHeader,
      String appSecret,
      long nowMillis,
      Duration window) {
    Objects.requireNonNull(appSecret, "appSecret");
    Objects.requireNonNull(window, "window");
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must not be negative");
    }
    if (timestampHeader == null
        || timestampHeader.isBlank()
        || signHeader == null
        || signHeader.isBlank()) {
      return Verification.MISSING;
    }
    String trimmed = timestampHeader.trim();
    if (!isDecimal(trimmed)) {
      return Verification.MALFORMED;
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(trimmed);
    } catch (NumberFormatException e) {
      return Verification.MALFORMED;
    }
    if (!withinWindow(timestamp, nowMillis, window)) {
      return Verification.STALE;
    }
    // The signed message uses the header text exactly as sent, as DingTalk computed it.
    byte[] expected = signRaw(trimmed, appSecret).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = signHeader.trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, actual) ? Verification.OK : Verification.BAD_SIGNATURE;
  }

  private static String signRaw(String timestampText, String secret) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    byte[] msg = (timestampText + "\n" + secret).getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(hmacSha256(key, msg));
  }

  private static boolean withinWindow(long timestamp, long nowMillis, Duration window) {
    long windowMillis;
    try {
      windowMillis = window.toMillis();
    } catch (ArithmeticException e) {
      windowMillis = Long.MAX_VALUE;
    }
    long distance;
    try {
      distance = Math.abs(Math.subtractExact(nowMillis, timestamp));
    } catch (ArithmeticException e) {
      return false;
    }
    return distance >= 0 && distance <= windowMillis;
  }

  private static boolean isDecimal(String s) {
    if (s.isEmpty() || s.length() > 19) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static byte[] hmacSha256(byte[] key, byte[] msg) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(msg);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is mandatory in every Java SE runtime; an empty key is the only realistic cause.
      throw new IllegalStateException("HmacSHA256 unavailable or key rejected", e);
    }
  }
}
