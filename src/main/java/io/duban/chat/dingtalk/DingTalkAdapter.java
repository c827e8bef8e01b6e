package io.duban.chat.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.ChatAdapter;
import io.duban.chat.JsonPost;
import io.duban.chat.Markup;
import io.duban.chat.Mention;
import io.duban.chat.OutgoingMessage;
import io.duban.chat.Platform;
import io.duban.chat.ReplyLinks;
import io.duban.chat.ResultLadder;
import io.duban.chat.SendResult;
import io.duban.chat.TokenCache;
import io.duban.chat.TokenCache.TokenException;
import io.duban.time.Zones;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * DingTalk (钉钉, 专有钉钉, 政务钉钉). Three ways out, chosen per message:
 *
 * <ol>
 *   <li>a reply while its {@code sessionWebhook} is valid (about 90 minutes after the message):
 *       POST the robot body there, no signing;
 *   <li>an enterprise app robot ({@code app-key}, {@code app-secret}, {@code robot-code}): the
 *       OpenAPI group send ({@code /v1.0/robot/groupMessages/send}) or 1:1 batch send, with the
 *       access token cached; this is how a late reply reaches a group whose link expired;
 *   <li>a group robot webhook ({@code webhook-url}, 加签 {@code secret}).
 * </ol>
 *
 * <p>Limits (docs/platforms.md §1): 20 messages a minute per robot, exceeding it blocks for 10
 * minutes; webhook content about 20,000 bytes, OpenAPI msgParam 15,000 bytes. Errors come back with
 * HTTP 200 and an {@code errcode} (robot APIs) or as HTTP 4xx with {@code code} (v1.0 APIs). Hosts
 * are configurable for 专有钉钉 ({@code api-base-url}, {@code oapi-base-url}); the 政务钉钉 gateway's
 * header signing ({@code gov-api-key}, {@code gov-secret-key}) is untested against a real tenant.
 *
 * <p>A reply offering choices ({@link io.duban.chat.Offer}) in a 1:1 chat goes as markdown ({@code
 * msgtype markdown} on the sessionWebhook, {@code sampleMarkdown} on the OpenAPI) with one {@code
 * dtmd://dingtalkclient/sendMessage} link per choice ({@link DingTalkButtons}, where the sources
 * are); in groups, on the custom robot's webhook, and when the markdown would not fit the channel's
 * limit, the plain text as before.
 */
@ApplicationScoped
public class DingTalkAdapter implements ChatAdapter {
  /**
   * Webhook and sessionWebhook content (a client library's "exceed 20000 bytes"), with room for @.
   */
  public static final int WEBHOOK_MAX_BYTES = 19_000;

  /** OpenAPI msgParam is a JSON string of at most 15,000 bytes. */
  public static final int OPENAPI_MAX_BYTES = 14_000;

  /** Exceeding 20 a minute blocks the robot for 10 minutes (official wording). */
  public static final Duration RATE_BLOCK = Duration.ofMinutes(10);

  /** A sessionWebhook is not used in its last minute. */
  static final Duration REPLY_MARGIN = Duration.ofMinutes(1);

  static final String DEFAULT_API = "https://api.dingtalk.com";
  static final String DEFAULT_OAPI = "https://oapi.dingtalk.com";
  static final Set<Integer> RATE_LIMITED = Set.of(130101, 410100);
  static final Set<Integer> PERMANENT =
      Set.of(
          310000, 300005, 400013, 400101, 400102, 400105, 400106, 40035, 43002, 430101, 430102,
          430103, 430104);

  /** Robot APIs (webhook, sessionWebhook): HTTP 200 with an errcode. */
  public static final ResultLadder LADDER =
      ResultLadder.bodyCode("钉钉", "errcode", "errmsg")
          .rateLimited(RATE_BLOCK, RATE_LIMITED)
          .permanent(PERMANENT);

  /** The v1.0 OpenAPI: HTTP 4xx/5xx with a string code. */
  public static final ResultLadder.Http OPENAPI_LADDER =
      new ResultLadder.Http(
          "钉钉",
          Duration.ofMinutes(1),
          code -> code.contains("token"),
          code -> code.contains("Throttling"));

  static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  @Inject OkHttpClient http;
  @Inject ObjectMapper json;
  @Inject Clock wall;

  private TokenCache tokens;

  @PostConstruct
  void init() {
    tokens = new TokenCache(wall);
  }

  enum Channel {
    SESSION_WEBHOOK,
    OPENAPI,
    WEBHOOK,
    NONE
  }

  @Override
  public Platform platform() {
    return Platform.DINGTALK;
  }

  Channel channel(BotSpec bot, OutgoingMessage m) {
    if (m.replyWebhook() != null
        && m.replyExpiresAt() != null
        && m.replyExpiresAt().minus(REPLY_MARGIN).isAfter(wall.instant())
        && sessionHostAllowed(bot, m.replyWebhook())) {
      return Channel.SESSION_WEBHOOK;
    }
    if (m.chatId() != null && hasApp(bot) && bot.value("robot-code").isPresent()) {
      return Channel.OPENAPI;
    }
    if (bot.value("webhook-url").isPresent()) {
      return Channel.WEBHOOK;
    }
    return Channel.NONE;
  }

  /** Follow-up queries cost a line of links in a 1:1 chat, and nothing in a group (plain text). */
  @Override
  public boolean showsFollowUps() {
    return true;
  }

  @Override
  public int maxBytes(BotSpec bot, OutgoingMessage message) {
    return channel(bot, message) == Channel.OPENAPI ? OPENAPI_MAX_BYTES : WEBHOOK_MAX_BYTES;
  }

  @Override
  public SendResult send(BotSpec bot, OutgoingMessage message) {
    return switch (channel(bot, message)) {
      case SESSION_WEBHOOK ->
          classify(
              JsonPost.post(
                  http, json, message.replyWebhook(), sessionBody(bot, message), Map.of()));
      case OPENAPI -> openApi(bot, message);
      case WEBHOOK -> {
        String webhook = bot.value("webhook-url").orElseThrow();
        String url =
            bot.value("secret")
                .map(s -> DingTalkSigner.signedWebhookUrl(webhook, s, wall.millis()))
                .orElse(webhook);
        yield classify(JsonPost.post(http, json, url, textBody(message), Map.of()));
      }
      case NONE ->
          SendResult.permanent(
              message.replyWebhook() != null
                  ? "回复链接（sessionWebhook）已过期，且机器人没有配置 robot-code 或 webhook-url，无法补发"
                  : "机器人没有可用的发送方式（webhook-url，或 app-key、app-secret 与 robot-code）");
    };
  }

  /**
   * Whether a reply's choices become one-tap links ({@link DingTalkButtons}): only in a 1:1 chat
   * ({@code u:} chat ids), answered through its sessionWebhook or the app's OpenAPI. In a group an
   * enterprise robot receives only messages that @ it and a tap sends text without a real @ (not
   * shown to reach the robot); a custom robot's webhook ({@code WEBHOOK}) posts to a group and
   * receives nothing. Everywhere else the plain text, which says how to answer by typing.
   */
  static boolean oneTap(Channel channel, OutgoingMessage m) {
    return (channel == Channel.SESSION_WEBHOOK || channel == Channel.OPENAPI)
        && m.chatId() != null
        && m.chatId().startsWith("u:")
        && !m.offer().choices().isEmpty();
  }

  /** The sessionWebhook body: markdown with links when they apply and fit, else the text. */
  Map<String, Object> sessionBody(BotSpec bot, OutgoingMessage message) {
    if (oneTap(Channel.SESSION_WEBHOOK, message)) {
      Map<String, Object> markdown = DingTalkButtons.markdownBody(message);
      if (markdown != null && DingTalkButtons.markdownBytes(markdown) <= maxBytes(bot, message)) {
        return markdown;
      }
    }
    return textBody(message);
  }

  /**
   * A sessionWebhook must point at the DingTalk robot host, never elsewhere (it comes in a
   * callback).
   */
  static boolean sessionHostAllowed(BotSpec bot, String url) {
    return ReplyLinks.sameOrigin(url, bot.valueOr("oapi-base-url", DEFAULT_OAPI));
  }

  private static boolean hasApp(BotSpec bot) {
    return bot.value("app-key").isPresent() && bot.value("app-secret").isPresent();
  }

  /**
   * Text messages render no markdown, but "@" followed by a mobile or a userid highlights that
   * person when the at list names them: an "@" Duban did not add becomes "＠".
   */
  @Override
  public String escape(String text) {
    return escapeText(text);
  }

  static String escapeText(String text) {
    return text == null ? "" : AT_ID.matcher(text).replaceAll("＠");
  }

  private static final Pattern AT_ID = Pattern.compile("@(?=[0-9A-Za-z$_])");

  /**
   * Who a message @-mentions, as a robot body needs it: the at list's mobiles and user ids, and
   * their "@…" words for the text (a configured id, {@link Markup#safeId}, kept as it is so that
   * DingTalk matches it to the at list).
   */
  record Ats(List<String> mobiles, List<String> userIds, String words) {
    static Ats of(OutgoingMessage message) {
      List<String> mobiles = new ArrayList<>();
      List<String> userIds = new ArrayList<>();
      List<String> words = new ArrayList<>();
      for (Mention m : message.mentions()) {
        if (m.mobile() != null && m.mobile().matches("1\\d{10}")) {
          mobiles.add(m.mobile());
          words.add("@" + m.mobile());
        } else if (m.platformId() != null && Markup.safeId(m.platformId())) {
          userIds.add(m.platformId());
          words.add("@" + m.platformId());
        }
      }
      return new Ats(mobiles, userIds, String.join(" ", words));
    }

    /** The body's {@code at} object. */
    Map<String, Object> at() {
      Map<String, Object> at = new LinkedHashMap<>();
      at.put("atMobiles", mobiles);
      at.put("atUserIds", userIds);
      at.put("isAtAll", false);
      return at;
    }
  }

  /** The robot message body: @mentions need both the at list and "@mobile" in the text. */
  static Map<String, Object> textBody(OutgoingMessage message) {
    Ats ats = Ats.of(message);
    String text = escapeText(message.text());
    String content =
        ats.words().isEmpty() ? text : text.isEmpty() ? ats.words() : text + " " + ats.words();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("msgtype", "text");
    body.put("text", Map.of("content", content));
    body.put("at", ats.at());
    body.put("msgUuid", message.idempotencyKey());
    return body;
  }

  static SendResult classify(JsonPost.Answer answer) {
    return LADDER.classify(answer, () -> {});
  }

  // ------------------------------------------------------------------ OpenAPI (enterprise app
  // robot)

  private SendResult openApi(BotSpec bot, OutgoingMessage message) {
    String api = bot.valueOr("api-base-url", DEFAULT_API);
    String token;
    try {
      token = tokens.get(tokenKey(bot, api), () -> fetchToken(bot, api));
    } catch (TokenException e) {
      return e.retryable()
          ? SendResult.retry(e.getMessage())
          : SendResult.permanent(e.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    String msgParam;
    String msgKey = "sampleText";
    try {
      msgParam = json.writeValueAsString(Map.of("content", plainText(message)));
      Map<String, String> markdown =
          oneTap(Channel.OPENAPI, message) ? DingTalkButtons.openApiParam(message) : null;
      if (markdown != null) {
        String param = json.writeValueAsString(markdown);
        if (param.getBytes(StandardCharsets.UTF_8).length <= maxBytes(bot, message)) {
          msgParam = param;
          msgKey = "sampleMarkdown";
        }
      }
    } catch (IOException e) {
      return SendResult.permanent("消息内容无法编码");
    }
    body.put("msgParam", msgParam);
    body.put("msgKey", msgKey);
    body.put("robotCode", bot.value("robot-code").orElseThrow());
    String path;
    if (message.chatId().startsWith("u:")) {
      path = "/v1.0/robot/oToMessages/batchSend";
      body.put("userIds", List.of(message.chatId().substring(2)));
    } else {
      path = "/v1.0/robot/groupMessages/send";
      body.put("openConversationId", message.chatId());
    }
    Request.Builder request;
    try {
      request =
          new Request.Builder()
              .url(api + path)
              .header("x-acs-dingtalk-access-token", token)
              .post(RequestBody.create(json.writeValueAsBytes(body), JSON_TYPE));
    } catch (IOException | IllegalArgumentException e) {
      return SendResult.permanent("接口地址无效（api-base-url）");
    }
    govHeaders(bot, "POST", path).forEach(request::header);
    try (Response r = http.newCall(request.build()).execute()) {
      String text = r.body() == null ? "" : r.body().string();
      if (r.isSuccessful()) {
        return SendResult.sent();
      }
      JsonNode err = parse(text);
      return OPENAPI_LADDER.result(
          r.code(),
          err.path("code").asText(""),
          err.path("message").asText(""),
          () -> tokens.invalidate(tokenKey(bot, bot.valueOr("api-base-url", DEFAULT_API))));
    } catch (IOException e) {
      return SendResult.retry(JsonPost.networkError(e));
    }
  }

  /** OpenAPI text has no @ list: mentioned people are named in the text instead. */
  private static String plainText(OutgoingMessage message) {
    StringBuilder sb = new StringBuilder(escapeText(message.text()));
    for (Mention m : message.mentions()) {
      if (m.name() != null) {
        sb.append(" @").append(escapeText(m.name()));
      }
    }
    return sb.toString();
  }

  /** The app's access token (cached); the directory lookup uses it on the oapi host too. */
  String accessToken(BotSpec bot) throws TokenException {
    String api = bot.valueOr("api-base-url", DEFAULT_API);
    return tokens.get(tokenKey(bot, api), () -> fetchToken(bot, api));
  }

  void invalidateToken(BotSpec bot) {
    tokens.invalidate(tokenKey(bot, bot.valueOr("api-base-url", DEFAULT_API)));
  }

  private TokenCache.Token fetchToken(BotSpec bot, String api) throws TokenException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("appKey", bot.value("app-key").orElseThrow());
    body.put("appSecret", bot.value("app-secret").orElseThrow());
    String path = "/v1.0/oauth2/accessToken";
    Request.Builder request;
    try {
      request =
          new Request.Builder()
              .url(api + path)
              .post(RequestBody.create(json.writeValueAsBytes(body), JSON_TYPE));
    } catch (IOException | IllegalArgumentException e) {
      throw new TokenException("接口地址无效（api-base-url）", false);
    }
    govHeaders(bot, "POST", path).forEach(request::header);
    try (Response r = http.newCall(request.build()).execute()) {
      String text = r.body() == null ? "" : r.body().string();
      JsonNode node = parse(text);
      if (r.isSuccessful() && node.hasNonNull("accessToken")) {
        long expires = node.path("expireIn").asLong(7200);
        return new TokenCache.Token(
            node.get("accessToken").asText(), wall.instant().plusSeconds(expires));
      }
      String error = "钉钉获取 access token 失败：HTTP " + r.code() + " " + node.path("code").asText("");
      throw new TokenException(error.trim(), r.code() >= 500 || r.code() == 429);
    } catch (IOException e) {
      throw new TokenException("钉钉获取 access token 网络错误：" + e.getClass().getSimpleName(), true);
    }
  }

  /** 政务钉钉 gateway signing, when configured (untested against a real tenant). */
  Map<String, String> govHeaders(BotSpec bot, String method, String path) {
    if (bot.value("gov-api-key").isEmpty() || bot.value("gov-secret-key").isEmpty()) {
      return Map.of();
    }
    return GovDingTalkSigner.headers(
        method,
        path,
        Map.of(),
        bot.value("gov-api-key").get(),
        bot.value("gov-secret-key").get(),
        OffsetDateTime.ofInstant(wall.instant(), Zones.SHANGHAI),
        UUID.randomUUID().toString().replace("-", ""),
        "127.0.0.1",
        "00:00:00:00:00:00");
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text.isEmpty() ? "{}" : text);
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }

  /** When a sessionWebhook stops working: the callback's expiry, else 90 minutes. */
  public static Instant sessionExpiry(long expiredTimeMillis, Instant received) {
    if (expiredTimeMillis <= 0) {
      return received.plus(Duration.ofMinutes(90));
    }
    // a sessionWebhook lives about 90 minutes; a later expiry in the body is not believed (and a
    // year 292,278,994 would not even fit a PostgreSQL timestamp)
    Instant claimed = Instant.ofEpochMilli(expiredTimeMillis);
    Instant latest = received.plus(SESSION_MAX_LIFETIME);
    return claimed.isAfter(latest) ? latest : claimed;
  }

  /** The longest a sessionWebhook is taken to live, whatever the callback says. */
  static final Duration SESSION_MAX_LIFETIME = Duration.ofHours(2);

  /** Tokens are per bot, app and host: a changed configuration gets a new token. */
  private static String tokenKey(BotSpec bot, String api) {
    return bot.id() + "|" + bot.valueOr("app-key", "") + "|" + api;
  }
}
