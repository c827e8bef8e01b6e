package io.duban.chat.dingtalk;

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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jboss.logging.Logger;

/**
 * Downloads a picture or file of a DingTalk robot message (docs/attachments.md §1.2): {@code POST
 * {api-base-url}/v1.0/robot/messageFiles/download} with the app's access token and {@code
 * {"downloadCode","robotCode"}} gives a temporary {@code downloadUrl}, then a plain GET of it. The
 * app needs the permission 企业内机器人发送消息 (qyapi_robot_sendmsg). The link is followed only over https
 * (or to the configured API origin, as in tests) and never logged with its query; a 401 or token
 * error fetches a fresh token once. 政务钉钉 gateway headers are added as for sending (untested against
 * a real tenant).
 */
@ApplicationScoped
public class DingTalkMedia implements MediaFetcher {
  private static final Logger LOG = Logger.getLogger(DingTalkMedia.class);

  static final String PATH = "/v1.0/robot/messageFiles/download";
  static final String NO_APP = "机器人没有配置 app-key、app-secret 与 robot-code，无法下载附件";
  static final int MAX_REDIRECTS = 3;
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  @Inject DingTalkAdapter adapter;
  @Inject OkHttpClient http;
  @Inject ObjectMapper json;

  @Override
  public Platform platform() {
    return Platform.DINGTALK;
  }

  @Override
  public Fetched fetch(BotSpec bot, InboundFile file, long maxBytes) throws MediaException {
    if (bot.value("app-key").isEmpty()
        || bot.value("app-secret").isEmpty()
        || bot.value("robot-code").isEmpty()) {
      throw new MediaException(NO_APP, false);
    }
    if (file == null || file.ref() == null || file.ref().isBlank()) {
      throw new MediaException("消息没有下载码", false);
    }
    String url = downloadUrl(bot, file.ref(), true);
    return download(bot, url, file, maxBytes);
  }

  /** The temporary link for a download code; a token refused is fetched again once. */
  String downloadUrl(BotSpec bot, String code, boolean retryToken) throws MediaException {
    String api = bot.valueOr("api-base-url", DingTalkAdapter.DEFAULT_API);
    String token;
    try {
      token = adapter.accessToken(bot);
    } catch (TokenException e) {
      throw new MediaException(e.getMessage(), e.retryable());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("downloadCode", code);
    body.put("robotCode", bot.value("robot-code").orElseThrow());
    Request.Builder request;
    try {
      request =
          new Request.Builder()
              .url(api + PATH)
              .header("x-acs-dingtalk-access-token", token)
              .post(RequestBody.create(json.writeValueAsBytes(body), DingTalkAdapter.JSON_TYPE));
    } catch (IOException | IllegalArgumentException e) {
      throw new MediaException("接口地址无效（api-base-url）", false);
    }
    adapter.govHeaders(bot, "POST", PATH).forEach(request::header);
    try (Response r = http.newCall(request.build()).execute()) {
      JsonNode node = parse(r.body() == null ? "" : r.body().string());
      if (r.isSuccessful()) {
        String link = node.path("downloadUrl").asText("");
        if (link.isEmpty()) {
          throw new MediaException("钉钉没有给出下载链接", false);
        }
        return link;
      }
      String errorCode = node.path("code").asText("");
      if (retryToken && (r.code() == 401 || errorCode.toLowerCase(Locale.ROOT).contains("token"))) {
        adapter.invalidateToken(bot);
        return downloadUrl(bot, code, false);
      }
      LOG.warnf(
          "钉钉附件下载链接获取失败：机器人 %s，HTTP %d %s，requestid %s",
          bot.id(), r.code(), safe(errorCode), safe(node.path("requestid").asText("")));
      throw refused(r.code(), errorCode);
    } catch (IOException e) {
      throw new MediaException("连接钉钉失败（" + e.getClass().getSimpleName() + "）", true);
    }
  }

  /** The reason for a refused download-link request: retryable for 429 and 5xx only. */
  static MediaException refused(int status, String code) {
    String detail = "HTTP " + status + (safe(code).isEmpty() ? "" : " " + safe(code));
    if (status == 429 || code.contains("Throttling")) {
      return new MediaException("钉钉限流（" + detail + "），稍后重试", true);
    }
    if (status >= 500) {
      return new MediaException("钉钉暂时无法提供下载（" + detail + "），稍后重试", true);
    }
    if (status == 403) {
      return new MediaException("钉钉拒绝下载（" + detail + "）：下载码已失效，或应用没有“企业内机器人发送消息”权限", false);
    }
    return new MediaException("钉钉拒绝下载（" + detail + "）：下载码无效或已过期", false);
  }

  /** GETs the temporary link (no DingTalk headers), following a few checked redirects. */
  Fetched download(BotSpec bot, String link, InboundFile file, long maxBytes)
      throws MediaException {
    HttpUrl url = checked(bot, HttpUrl.parse(link));
    for (int hop = 0; ; hop++) {
      try (Response r = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
        if (r.isRedirect() && hop < MAX_REDIRECTS) {
          String location = r.header("Location");
          url = checked(bot, location == null ? null : url.resolve(location));
          continue;
        }
        if (!r.isSuccessful()) {
          LOG.warnf("钉钉附件下载失败：机器人 %s，主机 %s，HTTP %d", bot.id(), url.host(), r.code());
          boolean retry = r.code() == 429 || r.code() >= 500;
          throw new MediaException(
              retry ? "下载附件暂时失败（HTTP " + r.code() + "），稍后重试" : "下载链接已失效（HTTP " + r.code() + "）",
              retry);
        }
        if (r.body() == null) {
          throw new MediaException("下载的附件没有内容", false);
        }
        byte[] bytes;
        try (InputStream in = r.body().byteStream()) {
          bytes = Downloads.read(new byte[0], in, r.body().contentLength(), maxBytes);
        }
        String name = DispositionNames.fromDisposition(r.header("Content-Disposition"));
        return new Fetched(bytes, r.header("Content-Type"), name != null ? name : file.name());
      } catch (IOException e) {
        throw new MediaException("下载附件网络错误（" + e.getClass().getSimpleName() + "）", true);
      }
    }
  }

  /**
   * The link as given by DingTalk, if it may be followed: https to any host, or the configured API
   * origin (a local stub in tests); never file: or another scheme.
   */
  static HttpUrl checked(BotSpec bot, HttpUrl url) throws MediaException {
    String api = bot.valueOr("api-base-url", DingTalkAdapter.DEFAULT_API);
    if (url != null && (url.isHttps() || ReplyLinks.sameOrigin(url.toString(), api))) {
      return url;
    }
    throw new MediaException("钉钉给出的下载链接无效", false);
  }

  /** An error code or request id fit for a log line or a reason: short and plain, else nothing. */
  static String safe(String code) {
    return code != null && CODE.matcher(code).matches() ? code : "";
  }

  private JsonNode parse(String text) {
    try {
      JsonNode node = json.readTree(text.isEmpty() ? "{}" : text);
      return node == null ? json.createObjectNode() : node;
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }
}
