package io.duban.support;

import io.duban.chat.dingtalk.DingTalkSigner;
import io.duban.chat.feishu.FeishuCrypto;
import io.duban.chat.wecom.WeComCrypto;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Callbacks as the platforms send them, signed (and encrypted) with the application's own crypto:
 * one place for "timestamp + sign headers" (DingTalk), "msg_signature/timestamp/nonce query over an
 * AES-encrypted body" (WeCom) and "encrypted body with X-Lark-* signature headers" (Feishu). A
 * {@link Signed} holds the query, headers and body; send it with RestAssured ({@link
 * Signed#given()}) or the JDK client ({@link Signed#post(URI)}). Tests that forge a callback build
 * the parts they break themselves and pass them to the factories that take them as given ({@link
 * #weComSignedAs}, {@link #dingTalkRawHeaders}).
 */
public final class SignedCallbacks {
  private SignedCallbacks() {}

  /** Query parameters, headers and body of one callback, in the order given. */
  public record Signed(Map<String, String> query, Map<String, String> headers, byte[] body) {
    public Signed {
      query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The query URL-encoded with a leading "?" ("" when there is none). */
    public String queryString() {
      if (query.isEmpty()) {
        return "";
      }
      StringJoiner out = new StringJoiner("&", "?", "");
      query.forEach((k, v) -> out.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
      return out.toString();
    }

    /** A RestAssured request carrying the query, headers and body (content type left to you). */
    public RequestSpecification given() {
      RequestSpecification req = RestAssured.given();
      query.forEach(req::queryParam);
      headers.forEach(req::header);
      return req.body(body);
    }

    /** A JDK POST to {@code target} plus the query, with the headers and body. */
    public HttpRequest.Builder post(URI target) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + queryString()));
      headers.forEach(b::header);
      return b.POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
  }

  // ------------------------------------------------------------------ DingTalk

  /** The {@code timestamp} and {@code sign} headers of a DingTalk callback sent at {@code ts}. */
  public static Map<String, String> dingTalkHeaders(long timestampMillis, String secret) {
    return dingTalkRawHeaders(timestampMillis, DingTalkSigner.sign(timestampMillis, secret));
  }

  /** The {@code timestamp} and {@code sign} headers with a sign of the test's choosing. */
  public static Map<String, String> dingTalkRawHeaders(long timestampMillis, String sign) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("timestamp", Long.toString(timestampMillis));
    h.put("sign", sign);
    return h;
  }

  /** A DingTalk callback: the body as it is, signed for {@code timestampMillis}. */
  public static Signed dingTalk(byte[] body, long timestampMillis, String secret) {
    return new Signed(Map.of(), dingTalkHeaders(timestampMillis, secret), body);
  }

  /** A DingTalk callback of a text body. */
  public static Signed dingTalk(String body, long timestampMillis, String secret) {
    return dingTalk(body.getBytes(StandardCharsets.UTF_8), timestampMillis, secret);
  }

  // ------------------------------------------------------------------ WeCom

  /** The {@code msg_signature}, {@code timestamp} and {@code nonce} query parameters. */
  public static Map<String, String> weComQuery(String signature, String timestamp, String nonce) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("msg_signature", signature);
    q.put("timestamp", timestamp);
    q.put("nonce", nonce);
    return q;
  }

  /** The XML envelope a WeCom app callback carries its ciphertext in. */
  public static String weComEnvelope(String encrypt) {
    return "<xml><ToUserName><![CDATA[ww-wujin-corp]]></ToUserName><Encrypt><![CDATA["
        + encrypt
        + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
  }

  /** The JSON body a WeCom 智能机器人 callback carries its ciphertext in. */
  public static String weComJson(String encrypt) {
    return "{\"encrypt\":\"" + encrypt + "\"}";
  }

  /**
   * A WeCom callback whose body carries {@code encrypt} (as it is, possibly broken), with the query
   * signed over that ciphertext.
   */
  public static Signed weCom(
      WeComCrypto crypto, String timestamp, String nonce, String encrypt, String body) {
    return weComSignedAs(crypto.signature(timestamp, nonce, encrypt), timestamp, nonce, body);
  }

  /** A WeCom callback under a signature of the test's choosing (a forged one, say). */
  public static Signed weComSignedAs(
      String signature, String timestamp, String nonce, String body) {
    return new Signed(
        weComQuery(signature, timestamp, nonce), Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  /** An app callback: {@code plainXml} encrypted into the XML envelope and signed. */
  public static Signed weComApp(
      WeComCrypto crypto, String timestamp, String nonce, String plainXml) {
    String encrypt = crypto.encrypt(plainXml);
    return weCom(crypto, timestamp, nonce, encrypt, weComEnvelope(encrypt));
  }

  /** A 智能机器人 callback: {@code plainJson} encrypted into {"encrypt":…} and signed. */
  public static Signed weComAibot(
      WeComCrypto crypto, String timestamp, String nonce, String plainJson) {
    String encrypt = crypto.encrypt(plainJson);
    return weCom(crypto, timestamp, nonce, encrypt, weComJson(encrypt));
  }

  // ------------------------------------------------------------------ Feishu

  /** {"encrypt":…}: {@code plain} AES-encrypted under {@code encryptKey} with the given IV. */
  public static String feishuEncrypted(String encryptKey, String plain, byte[] iv16) {
    return "{\"encrypt\":\"" + FeishuCrypto.encrypt(encryptKey, plain, iv16) + "\"}";
  }

  /** The X-Lark-Request-Timestamp / -Nonce / -Signature headers over {@code body}. */
  public static Map<String, String> feishuHeaders(
      String timestamp, String nonce, String encryptKey, byte[] body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Lark-Request-Timestamp", timestamp);
    h.put("X-Lark-Request-Nonce", nonce);
    h.put("X-Lark-Signature", FeishuCrypto.requestSignature(timestamp, nonce, encryptKey, body));
    return h;
  }

  /** A Feishu callback: the body as it is, signed under {@code encryptKey}. */
  public static Signed feishu(byte[] body, String timestamp, String nonce, String encryptKey) {
    return new Signed(Map.of(), feishuHeaders(timestamp, nonce, encryptKey, body), body);
  }
}
