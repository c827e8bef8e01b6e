package io.duban.chat.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.DispositionNames;
import io.duban.chat.Downloads;
import io.duban.chat.InboundFile;
import io.duban.chat.MediaFetcher;
import io.duban.chat.Platform;
import io.duban.chat.ReplyLinks;
import io.duban.chat.TokenCache.TokenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Downloads WeCom pictures and files ({@link WeComFiles} references; docs/attachments.md §3.2,
 * §4.2). 智能机器人: a plain GET of the URL (https; plain http only to the bot's own loopback {@code
 * api-base-url}, as in tests), the body decrypted with AES-256-CBC, key = Base64 of the item's
 * aeskey (or of the bot's EncodingAESKey in callback mode), IV = the key's first 16 bytes, PKCS#7
 * padding to 32-byte blocks (removed here: the JDK's PKCS5Padding refuses pads above 16). 自建应用:
 * {@code /cgi-bin/media/get} with the app's access token; a JSON answer is an error. The token, the
 * URL and the aeskey are never logged nor put in a reason.
 */
@ApplicationScoped
public class WeComMedia implements MediaFetcher {
  static final int PAD_BLOCK = 32;
  static final Set<Integer> RATE = Set.of(-1, 45009, 45033);
  static final Set<Integer> GONE = Set.of(40007, 40005, 41001);
  static final int TOO_LARGE_FOR_ONE_GET = 830002;

  @Inject OkHttpClient http;
  @Inject ObjectMapper json;
  @Inject WeComAdapter adapter;

  @Override
  public Platform platform() {
    return Platform.WECOM;
  }

  @Override
  public Fetched fetch(BotSpec bot, InboundFile file, long maxBytes) throws MediaException {
    String ref = file.ref() == null ? "" : file.ref();
    if (ref.startsWith(WeComFiles.AIBOT)) {
      return aiBot(bot, ref.substring(WeComFiles.AIBOT.length()), maxBytes);
    }
    if (ref.startsWith(WeComFiles.MEDIA)) {
      return media(bot, ref.substring(WeComFiles.MEDIA.length()), maxBytes, true);
    }
    throw new MediaException("无法识别的企业微信附件", false);
  }

  private Fetched aiBot(BotSpec bot, String keyAndUrl, long maxBytes) throws MediaException {
    int colon = keyAndUrl.indexOf(':');
    if (colon < 0) {
      throw new MediaException("无法识别的企业微信附件", false);
    }
    String aesKey = keyAndUrl.substring(0, colon);
    if (aesKey.isEmpty()) {
      aesKey = bot.value("encoding-aes-key").orElse("");
    }
    HttpUrl url = HttpUrl.parse(keyAndUrl.substring(colon + 1));
    if (url == null || !allowed(bot, url)) {
      throw new MediaException("附件链接不是企业微信的 https 地址", false);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(aesKey);
    } catch (IllegalArgumentException e) {
      throw new MediaException("文件解密失败", false);
    }
    try (Response r = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
      if (!allowed(bot, r.request().url())) {
        // redirected off https: the body is not read
        throw new MediaException("附件链接不是企业微信的 https 地址", false);
      }
      status(r);
      byte[] cipher = read(r.body(), maxBytes);
      return new Fetched(decrypt(key, cipher), contentType(r), fileName(r));
    } catch (IOException e) {
      throw new MediaException("下载附件时网络错误，稍后重试", true);
    }
  }

  /** https anywhere; http only to the bot's own loopback API base (tests). */
  static boolean allowed(BotSpec bot, HttpUrl url) {
    if (url.isHttps()) {
      return true;
    }
    String host = url.host();
    boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    return loopback
        && ReplyLinks.sameOrigin(
            url.toString(), bot.valueOr("api-base-url", WeComAdapter.DEFAULT_API));
  }

  private Fetched media(BotSpec bot, String mediaId, long maxBytes, boolean firstTry)
      throws MediaException {
    String token;
    try {
      token = adapter.accessToken(bot);
    } catch (TokenException e) {
      throw new MediaException("企业微信获取 access_token 失败", e.retryable());
    } catch (java.util.NoSuchElementException e) {
      throw new MediaException("机器人没有配置 corp-id 和 corp-secret，无法下载附件", false);
    }
    HttpUrl base =
        HttpUrl.parse(bot.valueOr("api-base-url", WeComAdapter.DEFAULT_API) + "/cgi-bin/media/get");
    if (base == null) {
      throw new MediaException("接口地址无效（api-base-url）", false);
    }
    HttpUrl url =
        base.newBuilder()
            .addQueryParameter("access_token", token)
            .addQueryParameter("media_id", mediaId)
            .build();
    int code;
    try (Response r = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
      status(r);
      byte[] bytes = read(r.body(), maxBytes);
      String type = contentType(r);
      if (!isError(type, bytes)) {
        return new Fetched(bytes, type, fileName(r));
      }
      code = errcode(bytes);
    } catch (IOException e) {
      throw new MediaException("下载附件时网络错误，稍后重试", true);
    }
    if (WeComAdapter.TOKEN_INVALID.contains(code)) {
      adapter.invalidateToken(bot);
      if (firstTry) {
        return media(bot, mediaId, maxBytes, false);
      }
      throw new MediaException("企业微信 access_token 无效", true);
    }
    if (RATE.contains(code)) {
      throw new MediaException("企业微信繁忙（errcode " + code + "），稍后重试", true);
    }
    if (code == TOO_LARGE_FOR_ONE_GET) {
      throw new MediaException("文件过大，企业微信要求分段下载，暂不支持", false);
    }
    if (GONE.contains(code)) {
      throw new MediaException("附件已过期或不存在（errcode " + code + "）", false);
    }
    throw new MediaException("企业微信拒绝下载附件（errcode " + code + "）", false);
  }

  static boolean isError(String contentType, byte[] bytes) {
    String t = contentType == null ? "" : contentType.toLowerCase();
    if (t.startsWith("application/json") || t.startsWith("text/plain")) {
      return true;
    }
    String head = new String(bytes, 0, Math.min(bytes.length, 32), StandardCharsets.UTF_8);
    return head.replaceAll("\\s", "").startsWith("{\"errcode\"");
  }

  private int errcode(byte[] bytes) {
    try {
      JsonNode node = json.readTree(bytes);
      return node.path("errcode").asInt(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  private static void status(Response r) throws MediaException {
    if (r.isSuccessful()) {
      return;
    }
    int c = r.code();
    if (c >= 500 || c == 429 || c == 408) {
      throw new MediaException("企业微信暂时无法提供附件（HTTP " + c + "），稍后重试", true);
    }
    throw new MediaException("附件链接已失效（HTTP " + c + "）", false);
  }

  /** At most {@code maxBytes}; one byte more is a refusal. */
  static byte[] read(ResponseBody body, long maxBytes) throws IOException, MediaException {
    if (body == null) {
      return new byte[0];
    }
    try (InputStream in = body.byteStream()) {
      return Downloads.read(new byte[0], in, body.contentLength(), maxBytes);
    }
  }

  /** AES-256-CBC, IV = the key's first 16 bytes, PKCS#7 to 32-byte blocks removed by hand. */
  static byte[] decrypt(byte[] key, byte[] cipherText) throws MediaException {
    if (key.length != 32 || cipherText.length == 0 || cipherText.length % 16 != 0) {
      throw new MediaException("文件解密失败", false);
    }
    byte[] plain;
    try {
      Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new IvParameterSpec(Arrays.copyOfRange(key, 0, 16)));
      plain = c.doFinal(cipherText);
    } catch (GeneralSecurityException e) {
      throw new MediaException("文件解密失败", false);
    }
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > PAD_BLOCK || pad > plain.length) {
      throw new MediaException("文件解密失败", false);
    }
    for (int i = plain.length - pad; i < plain.length; i++) {
      if ((plain[i] & 0xff) != pad) {
        throw new MediaException("文件解密失败", false);
      }
    }
    return Arrays.copyOf(plain, plain.length - pad);
  }

  private static String contentType(Response r) {
    String t = r.header("Content-Type");
    return t == null || t.isBlank() ? null : t.strip();
  }

  /** The name in Content-Disposition ({@code filename*=UTF-8''…} first), or null. */
  static String fileName(Response r) {
    return DispositionNames.fromDisposition(r.header("Content-Disposition"));
  }
}
