package io.duban.chat.feishu;

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
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Feishu and Lark ({@code api-base-url} https://open.larksuite.com, or a private deployment). Ways
 * out: a reply to the message through the app API ({@code app-key} = App ID, {@code app-secret};
 * tenant token cached, refreshed 31 minutes early), a message to a chat through the app API, or the
 * custom bot webhook ({@code webhook-url}, signed with {@code secret}: seconds, key = timestamp +
 * "\n" + secret over an empty message, sign in the body). Requests carry the message's {@code uuid}
 * so a retried send is not posted twice. Limits (docs/platforms.md §3): 100 a minute and 5 a second
 * per bot; body ≤ 20 KB; 11232 = frequency limit. Errors come back with HTTP 200 and a {@code
 * code}. A reply that offers taps ({@link OutgoingMessage#offer}) goes through the app API as an
 * interactive card ({@link FeishuCards}); the custom bot webhook gets no card callbacks and sends
 * the text, which always says how to answer by typing.
 */
@ApplicationScoped
public class FeishuAdapter implements ChatAdapter {
  /** Webhook bodies are limited to 20 KB (Apprise uses 19985); the text leaves room for JSON. */
  public static final int MAX_BYTES = 18_000;

  static final String DEFAULT_API = "https://open.feishu.cn";
  static final Duration FREQUENCY_WAIT = Duration.ofSeconds(60);
  static final Set<Integer> TOKEN_INVALID = Set.of(99991661, 99991663, 99991664, 99991668);
  static final Set<Integer> PERMANENT =
      Set.of(9499, 19001, 19021, 19022, 19024, 230002, 230013, 232009, 99991672);

  /** HTTP 200 with a code; 11232 = frequency limit. */
  public static final ResultLadder LADDER =
      ResultLadder.of("飞书", "code", FeishuAdapter::read)
          .rateLimited(FREQUENCY_WAIT, Set.of(11232))
          .tokenInvalid(TOKEN_INVALID)
          .permanent(PERMANENT);

  @Inject okhttp3.OkHttpClient http;
  @Inject ObjectMapper json;
  @Inject Clock wall;

  private TokenCache tokens;

  @PostConstruct
  void init() {
    tokens = new TokenCache(wall);
  }

  enum Channel {
    REPLY,
    CHAT,
    WEBHOOK,
    NONE
  }

  @Override
  public Platform platform() {
    return Platform.FEISHU;
  }

  Channel channel(BotSpec bot, OutgoingMessage m) {
    boolean app = bot.value("app-key").isPresent() && bot.value("app-secret").isPresent();
    if (app
        && ReplyLinks.plainId(m.replyWebhook())
        && (m.replyExpiresAt() == null || m.replyExpiresAt().isAfter(wall.instant()))) {
      return Channel.REPLY;
    }
    if (app && m.chatId() != null) {
      return Channel.CHAT;
    }
    if (bot.value("webhook-url").isPresent()) {
      return Channel.WEBHOOK;
    }
    return Channel.NONE;
  }

  @Override
  public int maxBytes(BotSpec bot, OutgoingMessage message) {
    return MAX_BYTES;
  }

  @Override
  public SendResult send(BotSpec bot, OutgoingMessage message) {
    Channel channel = channel(bot, message);
    if (channel == Channel.NONE) {
      return SendResult.permanent("机器人没有可用的发送方式（webhook-url，或 app-key 与 app-secret）");
    }
    String text = withMentions(message);
    if (channel == Channel.WEBHOOK) {
      Map<String, Object> body = new LinkedHashMap<>();
      bot.value("secret")
          .ifPresent(
              secret -> {
                long ts = wall.instant().getEpochSecond();
                body.put("timestamp", Long.toString(ts));
                body.put("sign", FeishuCrypto.webhookSign(ts, secret));
              });
      body.put("msg_type", "text");
      body.put("content", Map.of("text", text));
      return classify(
          JsonPost.post(http, json, bot.value("webhook-url").orElseThrow(), body, Map.of()), bot);
    }
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
    String url;
    if (channel == Channel.REPLY) {
      url = api + "/open-apis/im/v1/messages/" + message.replyWebhook() + "/reply";
    } else if (message.chatId().startsWith("u:")) {
      url = api + "/open-apis/im/v1/messages?receive_id_type=open_id";
      body.put("receive_id", message.chatId().substring(2));
    } else {
      url = api + "/open-apis/im/v1/messages?receive_id_type=chat_id";
      body.put("receive_id", message.chatId());
    }
    String card = message.offer().isEmpty() ? null : FeishuCards.offer(json, message);
    body.put("msg_type", card == null ? "text" : "interactive");
    try {
      body.put("content", card != null ? card : json.writeValueAsString(Map.of("text", text)));
    } catch (IOException e) {
      return SendResult.permanent("消息内容无法编码");
    }
    body.put("uuid", message.idempotencyKey());
    return classify(
        JsonPost.post(http, json, url, body, Map.of("Authorization", "Bearer " + token)), bot);
  }

  /**
   * Text messages interpret {@code <at user_id=…>} (also "all"), {@code <b> <i> <u> <s>}, {@code
   * **bold**} and {@code [text](url)}: made inert in text Duban did not write.
   */
  @Override
  public String escape(String text) {
    return escapeText(text);
  }

  static String escapeText(String text) {
    return Markup.fullWidth(text, "<>[]*", "");
  }

  /** People are mentioned as {@code <at user_id="ou_…">name</at>} (the open_id of this app). */
  static String withMentions(OutgoingMessage message) {
    StringBuilder sb = new StringBuilder(escapeText(message.text()));
    for (Mention m : message.mentions()) {
      if (m.platformId() != null && Markup.safeId(m.platformId())) {
        sb.append(" <at user_id=\"")
            .append(m.platformId())
            .append("\">")
            .append(m.name() == null ? "" : escapeText(m.name()))
            .append("</at>");
      } else if (m.name() != null) {
        sb.append(" @").append(escapeText(m.name()));
      }
    }
    return sb.toString();
  }

  /** The app's tenant_access_token (cached), also for the directory lookup. */
  String accessToken(BotSpec bot) throws TokenException {
    String api = bot.valueOr("api-base-url", DEFAULT_API);
    return tokens.get(tokenKey(bot, api), () -> fetchToken(bot, api));
  }

  void invalidateToken(BotSpec bot) {
    tokens.invalidate(tokenKey(bot, bot.valueOr("api-base-url", DEFAULT_API)));
  }

  private TokenCache.Token fetchToken(BotSpec bot, String api) throws TokenException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("app_id", bot.value("app-key").orElseThrow());
    body.put("app_secret", bot.value("app-secret").orElseThrow());
    JsonPost.Answer a =
        JsonPost.post(
            http, json, api + "/open-apis/auth/v3/tenant_access_token/internal", body, Map.of());
    if (a.failure() != null) {
      throw new TokenException(
          "飞书获取 tenant_access_token 失败：" + a.failure().error(),
          a.failure().outcome() == SendResult.Outcome.RETRY);
    }
    JsonNode node = a.body();
    if (node.path("code").asInt(-1) == 0 && node.hasNonNull("tenant_access_token")) {
      return new TokenCache.Token(
          node.get("tenant_access_token").asText(),
          wall.instant().plusSeconds(node.path("expire").asLong(7200)));
    }
    throw new TokenException(
        "飞书获取 tenant_access_token 失败：code "
            + node.path("code").asInt(-1)
            + " "
            + node.path("msg").asText(""),
        false);
  }

  SendResult classify(JsonPost.Answer answer, BotSpec bot) {
    return LADDER.classify(
        answer, () -> tokens.invalidate(tokenKey(bot, bot.valueOr("api-base-url", DEFAULT_API))));
  }

  /**
   * The app API answers {@code code} and {@code msg}, the custom bot webhook {@code StatusCode}.
   */
  private static Optional<ResultLadder.Reading> read(JsonNode body) {
    if (!body.has("code") && !body.has("StatusCode")) {
      return Optional.empty();
    }
    int code = body.has("code") ? body.path("code").asInt(-1) : body.path("StatusCode").asInt(-1);
    return Optional.of(
        new ResultLadder.Reading(
            code, body.path("msg").asText(body.path("StatusMessage").asText(""))));
  }

  /** Tokens are per bot, app and host: a changed configuration gets a new token. */
  private static String tokenKey(BotSpec bot, String api) {
    return bot.id() + "|" + bot.valueOr("app-key", "") + "|" + api;
  }
}
