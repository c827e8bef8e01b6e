package io.duban.chat.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.DispositionNames;
import io.duban.chat.Downloads;
import io.duban.chat.InboundFile;
import io.duban.chat.MediaFetcher;
import io.duban.chat.Platform;
import io.duban.chat.TokenCache.TokenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Downloads the picture or file of a Feishu / Lark message (docs/attachments.md §2.2): {@code GET
 * {api-base-url}/open-apis/im/v1/messages/{message_id}/resources/{key}?type=image|file} with the
 * app's tenant_access_token ({@link FeishuAdapter#accessToken}), the ref being {@code
 * <message_id>/<key>?type=image|file} as {@link FeishuContent} writes it. HTTP 200 is the bytes
 * (read up to {@code maxBytes + 1}, refused beyond), unless it is a JSON {@code {"code":≠0}} error;
 * other answers are JSON errors ({@code code} 230110, 234xxx) given a short Chinese reason. Only
 * rate limits, 5xx and network errors are worth retrying; an invalid token is dropped and the
 * download tried once more with a new one. The type is the {@code Content-Type}; the name is the
 * {@code Content-Disposition} one ({@code filename*} by RFC 5987, {@code filename}, also RFC 2047
 * encoded), else the name the message gave. The token is never logged nor put in a reason.
 */
@ApplicationScoped
public class FeishuMedia implements MediaFetcher {
  static final Set<Integer> TOKEN_INVALID = Set.of(99991661, 99991663, 99991664, 99991668);
  static final Set<Integer> RATE_LIMITED = Set.of(11232, 99991400);
  static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(230110, "消息已撤回或删除"),
          Map.entry(234001, "请求参数无效"),
          Map.entry(234002, "应用未获授权"),
          Map.entry(234003, "附件不属于该消息"),
          Map.entry(234004, "机器人不在该会话中"),
          Map.entry(234009, "外部群不允许下载"),
          Map.entry(234019, "应用权限校验未通过（需 im:message 或 im:message:readonly 权限）"),
          Map.entry(234037, "超过飞书 100 MB 上限"),
          Map.entry(234038, "会话已开启防泄密，禁止下载"),
          Map.entry(234040, "该消息对机器人不可见"),
          Map.entry(234041, "企业数据不可用"),
          Map.entry(234042, "飞书存储异常"),
          Map.entry(234043, "不支持下载该类消息的附件"));

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-]{1,200}");
  private static final int ERROR_BODY = 64 * 1024;

  @Inject OkHttpClient http;
  @Inject ObjectMapper json;
  @Inject FeishuAdapter adapter;

  @Override
  public Platform platform() {
    return Platform.FEISHU;
  }

  /** The message, key and type a ref names. */
  record Ref(String messageId, String key, String type) {
    static Ref parse(String ref) throws MediaException {
      int slash = ref == null ? -1 : ref.indexOf('/');
      int q = ref == null ? -1 : ref.indexOf("?type=");
      if (slash < 0 || q < slash) {
        throw new MediaException("附件引用格式不正确", false);
      }
      Ref r = new Ref(ref.substring(0, slash), ref.substring(slash + 1, q), ref.substring(q + 6));
      if (!ID.matcher(r.messageId).matches()
          || !ID.matcher(r.key).matches()
          || !("image".equals(r.type) || "file".equals(r.type))) {
        throw new MediaException("附件引用格式不正确", false);
      }
      return r;
    }
  }

  @Override
  public Fetched fetch(BotSpec bot, InboundFile file, long maxBytes) throws MediaException {
    Ref ref = Ref.parse(file.ref());
    if (bot.value("app-key").isEmpty() || bot.value("app-secret").isEmpty()) {
      throw new MediaException("机器人没有配置 app-key 与 app-secret，无法下载附件", false);
    }
    try {
      return download(bot, ref, file, maxBytes);
    } catch (TokenInvalid first) {
      adapter.invalidateToken(bot);
      try {
        return download(bot, ref, file, maxBytes);
      } catch (TokenInvalid again) {
        adapter.invalidateToken(bot);
        throw new MediaException("飞书拒绝了应用凭证（code " + again.code + "）", false);
      }
    }
  }

  /** Feishu said the token is no longer valid. */
  private static final class TokenInvalid extends Exception {
    final int code;

    TokenInvalid(int code) {
      super(null, null, false, false);
      this.code = code;
    }
  }

  private Fetched download(BotSpec bot, Ref ref, InboundFile file, long maxBytes)
      throws MediaException, TokenInvalid {
    String token;
    try {
      token = adapter.accessToken(bot);
    } catch (TokenException e) {
      throw new MediaException(e.getMessage(), e.retryable());
    }
    HttpUrl base = HttpUrl.parse(bot.valueOr("api-base-url", FeishuAdapter.DEFAULT_API));
    if (base == null) {
      throw new MediaException("机器人的 api-base-url 无效", false);
    }
    HttpUrl url =
        base.newBuilder()
            .addPathSegments("open-apis/im/v1/messages")
            .addPathSegment(ref.messageId())
            .addPathSegment("resources")
            .addPathSegment(ref.key())
            .addQueryParameter("type", ref.type())
            .build();
    Request request =
        new Request.Builder().url(url).get().header("Authorization", "Bearer " + token).build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String contentType = response.header("Content-Type");
      if (response.code() == 200 && !isJson(contentType)) {
        byte[] bytes =
            Downloads.read(new byte[0], body.byteStream(), body.contentLength(), maxBytes);
        String name = DispositionNames.fromDisposition(response.header("Content-Disposition"));
        return new Fetched(bytes, contentType, name != null ? name : file.name());
      }
      byte[] head = body.byteStream().readNBytes(ERROR_BODY);
      if (response.code() == 200) {
        JsonNode node = parse(head);
        if (node == null || node.path("code").asInt(0) == 0) {
          // a JSON file, not an error
          return new Fetched(
              Downloads.read(head, body.byteStream(), -1, maxBytes), contentType, file.name());
        }
      }
      throw failure(response.code(), parse(head));
    } catch (IOException e) {
      throw new MediaException("飞书下载失败：网络错误（" + e.getClass().getSimpleName() + "）", true);
    }
  }

  /** The error a non-bytes answer means; a {@link TokenInvalid} when only the token is at fault. */
  private static MediaException failure(int http, JsonNode body) throws TokenInvalid {
    int code = body == null ? -1 : body.path("code").asInt(-1);
    if (TOKEN_INVALID.contains(code) || http == 401) {
      throw new TokenInvalid(code);
    }
    if (RATE_LIMITED.contains(code) || http == 429) {
      return new MediaException("飞书下载过于频繁，稍后重试", true);
    }
    if (http >= 500) {
      return new MediaException("飞书服务暂时不可用（HTTP " + http + "）", true);
    }
    if (code > 0) {
      String reason = REASONS.get(code);
      return new MediaException(
          "飞书拒绝下载：" + (reason != null ? reason : "错误") + "（code " + code + "）", false);
    }
    return new MediaException("飞书下载失败（HTTP " + http + "）", false);
  }

  private static boolean isJson(String contentType) {
    return contentType != null && contentType.toLowerCase().startsWith("application/json");
  }

  private JsonNode parse(byte[] head) {
    try {
      JsonNode node = json.readTree(head);
      return node != null && node.isObject() && node.has("code") ? node : null;
    } catch (IOException e) {
      return null;
    }
  }
}
