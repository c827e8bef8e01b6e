package io.duban.chat.dingtalk;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Header signer for the 政务钉钉 / 专有钉钉 / 浙政钉 open-platform gateway (X-Hmac-Auth scheme).
 *
 * <p><b>UNVERIFIED:</b> this scheme comes from a copy of the 专有钉钉 developer doc (CSDN article
 * 119395379) and from public client code, not from the original doc, and it has not been tested
 * against a real tenant. Check it against the tenant before relying on it; the gateway answers a
 * mismatch with {@code OPF-B001-05-16-0009 SignatureDoesNotMatch}.
 *
 * <p>String to sign: {@code METHOD \n timestamp \n nonce \n uri}, followed by {@code \n
 * k1=v1&k2=v2} only when there are parameters. The doc copy writes the template with a fixed last
 * line; the public 政务钉钉/浙政钉 clients seen (a C# one and the Python "nanobot" 浙政钉 channel) both omit
 * the final newline when there are no parameters, and this class follows them. Parameter values are
 * signed raw (UTF-8, not URL-encoded), sorted by key; for form-encoded POSTs the clients sign the
 * form fields the same way.
 */
public final class GovDingTalkSigner {

  /** Header carrying the request time, e.g. {@code 2018-06-20T09:00:00.000+08:00}. */
  public static final String TIMESTAMP = "X-Hmac-Auth-Timestamp";

  /** Header carrying the scheme version, always {@code 1.0}. */
  public static final String VERSION = "X-Hmac-Auth-Version";

  /** Header carrying the per-request nonce. */
  public static final String NONCE = "X-Hmac-Auth-Nonce";

  /** Header carrying the application's API key (the header name is literally {@code apiKey}). */
  public static final String API_KEY = "apiKey";

  /** Header carrying the caller's IP address. */
  public static final String IP = "X-Hmac-Auth-IP";

  /** Header carrying the caller's MAC address. */
  public static final String MAC = "X-Hmac-Auth-MAC";

  /** Header carrying the Base64 HMAC-SHA256 signature. */
  public static final String SIGNATURE = "X-Hmac-Auth-Signature";

  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private static final DateTimeFormatter TIMESTAMP_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);

  private GovDingTalkSigner() {}

  /**
   * Builds the seven gateway headers for one request, in a stable order.
   *
   * @param method HTTP method; upper-cased before signing
   * @param uriPath the API path without host or query, e.g. {@code /gettoken.json}
   * @param queryParams request parameters (may be null or empty); values unencoded
   * @param timestamp request time; converted to +08:00 before formatting
   */
  public static Map<String, String> headers(
      String method,
      String uriPath,
      Map<String, String> queryParams,
      String apiKey,
      String secretKey,
      OffsetDateTime timestamp,
      String nonce,
      String ip,
      String mac) {
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(mac, "mac");
    String formattedTimestamp = formatTimestamp(timestamp);
    String toSign = stringToSign(method, formattedTimestamp, nonce, uriPath, queryParams);
    byte[] digest =
        DingTalkSigner.hmacSha256(
            secretKey.getBytes(StandardCharsets.UTF_8), toSign.getBytes(StandardCharsets.UTF_8));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(TIMESTAMP, formattedTimestamp);
    headers.put(VERSION, "1.0");
    headers.put(NONCE, nonce);
    headers.put(API_KEY, apiKey);
    headers.put(IP, ip);
    headers.put(MAC, mac);
    headers.put(SIGNATURE, Base64.getEncoder().encodeToString(digest));
    return Collections.unmodifiableMap(headers);
  }

  /** Formats a timestamp the way the gateway expects: milliseconds and a +08:00 offset. */
  static String formatTimestamp(OffsetDateTime timestamp) {
    Objects.requireNonNull(timestamp, "timestamp");
    return TIMESTAMP_FORMAT.format(timestamp.withOffsetSameInstant(CHINA));
  }

  /** Builds the exact text that is signed; package-private so tests can pin it. */
  static String stringToSign(
      String method,
      String formattedTimestamp,
      String nonce,
      String uriPath,
      Map<String, String> queryParams) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(uriPath, "uriPath");
    StringBuilder sb =
        new StringBuilder()
            .append(method.toUpperCase(Locale.ROOT))
            .append('\n')
            .append(formattedTimestamp)
            .append('\n')
            .append(nonce)
            .append('\n')
            .append(uriPath);
    String params = sortedParams(queryParams);
    if (!params.isEmpty()) {
      sb.append('\n').append(params);
    }
    return sb.toString();
  }

  /** Joins parameters as {@code k1=v1&k2=v2}, sorted by key, values unencoded. */
  static String sortedParams(Map<String, String> queryParams) {
    if (queryParams == null || queryParams.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(queryParams).entrySet()) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(e.getKey()).append('=').append(e.getValue() == null ? "" : e.getValue());
    }
    return sb.toString();
  }
}
