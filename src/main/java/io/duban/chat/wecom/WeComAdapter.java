package io.duban.chat.wecom;

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
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jboss.logging.Logger;

/**
 * WeCom (企业微信) and 政务微信 (same API on a private host: {@code api-base-url}). Ways out:
 *
 * <ol>
 *   <li>a 智能机器人 in stream mode: over its long connection ({@link WeComStreamSender});
 *   <li>a 智能机器人 reply through the message's {@code response_url} while it is valid;
 *   <li>a self-built app's message to a person ({@code corp-id}, {@code corp-secret}, {@code
 *       agent-id}; token cached): {@code /cgi-bin/message/send}, text ≤ 2048 bytes;
 *   <li>the group robot webhook ({@code webhook-url}, the key in the URL is the secret): markdown ≤
 *       4096 bytes, @ as {@code <@userid>} (markdown has no mentioned_list).
 * </ol>
 *
 * <p>A message offering choices ({@link io.duban.chat.Offer}) goes as a template card with buttons
 * ({@link WeComCards}) over the long connection and the app; the response_url and the group robot
 * send text only (no clicks come back there), and the text always says how to answer by typing.
 *
 * <p>Limits (docs/platforms.md §2): 20 messages a minute per robot; 45009 = frequency limit, wait
 * at least 60 s. Errors come back with HTTP 200 and an {@code errcode}.
 */
@ApplicationScoped
public class WeComAdapter implements ChatAdapter {
  public static final int TEXT_MAX_BYTES = 2048;
  public static final int MARKDOWN_MAX_BYTES = 4096;
  static final String DEFAULT_API = "https://qyapi.weixin.qq.com";
  static final Duration FREQUENCY_WAIT = Duration.ofSeconds(60);
  static final Set<Integer> TOKEN_INVALID = Set.of(40001, 40014, 42001);
  static final Set<Integer> PERMANENT =
      Set.of(40008, 40013, 40056, 40057, 60020, 93000, 93004, 93008, 301002);

  /** HTTP 200 with an errcode; 45009 = frequency limit. */
  public static final ResultLadder LADDER =
      ResultLadder.bodyCode("企业微信", "errcode", "errmsg")
          .rateLimited(FREQUENCY_WAIT, Set.of(45009))
          .tokenInvalid(TOKEN_INVALID)
          .permanent(PERMANENT);

  private static final Logger LOG = Logger.getLogger(WeComAdapter.class);

  @Inject OkHttpClient http;
  @Inject ObjectMapper json;
  @Inject Clock wall;
  @Inject WeComStreamSender streams;

  private TokenCache tokens;

  @PostConstruct
  void init() {
    tokens = new TokenCache(wall);
  }

  enum Channel {
    STREAM,
    RESPONSE_URL,
    APP,
    WEBHOOK,
    NONE
  }

  @Override
  public Platform platform() {
    return Platform.WECOM;
  }

  Channel channel(BotSpec bot, OutgoingMessage m) {
    if (bot.stream()) {
      return Channel.STREAM;
    }
    if (m.replyWebhook() != null
        && m.replyExpiresAt() != null
        && m.replyExpiresAt().isAfter(wall.instant())
        && hostAllowed(bot, m.replyWebhook())) {
      return Channel.RESPONSE_URL;
    }
    if (m.chatId() != null
        && m.chatId().startsWith("u:")
        && bot.value("corp-id").isPresent()
        && bot.value("corp-secret").isPresent()
        && bot.value("agent-id").isPresent()) {
      return Channel.APP;
    }
    if (bot.value("webhook-url").isPresent()) {
      return Channel.WEBHOOK;
    }
    return Channel.NONE;
  }

  static boolean hostAllowed(BotSpec bot, String url) {
    return ReplyLinks.sameOrigin(url, bot.valueOr("api-base-url", DEFAULT_API));
  }

  @Override
  public int maxBytes(BotSpec bot, OutgoingMessage message) {
    if (bot.stream()) {
      return streams.maxBytes(message);
    }
    return channel(bot, message) == Channel.APP ? TEXT_MAX_BYTES : MARKDOWN_MAX_BYTES - 200;
  }

  @Override
  public SendResult send(BotSpec bot, OutgoingMessage message) {
    return switch (channel(bot, message)) {
      case STREAM -> streams.send(bot, message);
      case RESPONSE_URL ->
          classify(
              JsonPost.post(http, json, message.replyWebhook(), markdownBody(message), Map.of()),
              bot);
      case APP -> app(bot, message);
      case WEBHOOK ->
          classify(
              JsonPost.post(
                  http,
                  json,
                  bot.value("webhook-url").orElseThrow(),
                  markdownBody(message),
                  Map.of()),
              bot);
      case NONE ->
          SendResult.permanent(
              "机器人没有可用的发送方式（webhook-url，或 corp-id、corp-secret 与 agent-id；智能机器人的回复链接已过期）");
    };
  }

  /**
   * Markdown ({@code <@userid>}, {@code <font>}, {@code [text](url)}, {@code **}, {@code `}, {@code
   * #} and {@code >} at a line's start) and the app text's {@code <a href>} and {@code $…$} id
   * translation: all of it made inert in text Duban did not write.
   */
  @Override
  public String escape(String text) {
    return escapeText(text);
  }

  static String escapeText(String text) {
    return Markup.fullWidth(text, "<>[]*`$", "#>");
  }

  /** Markdown for the group robot and response_url; people are mentioned as {@code <@userid>}. */
  static Map<String, Object> markdownBody(OutgoingMessage message) {
    StringBuilder content = new StringBuilder(escapeText(message.text()));
    for (Mention m : message.mentions()) {
      if (m.platformId() != null && Markup.safeId(m.platformId())) {
        content.append(" <@").append(m.platformId()).append(">");
      } else if (m.name() != null) {
        content.append(" @").append(escapeText(m.name()));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("msgtype", "markdown");
    body.put("markdown", Map.of("content", content.toString()));
    return body;
  }

  private SendResult app(BotSpec bot, OutgoingMessage message) {
    String api = bot.valueOr("api-base-url", DEFAULT_API);
    String token;
    try {
      token = tokens.get(tokenKey(bot, api), () -> fetchToken(bot, api));
    } catch (TokenException e) {
      return e.retryable()
          ? SendResult.retry(e.getMessage())
          : SendResult.permanent(e.getMessage());
    }
    String url = api + "/cgi-bin/message/send?access_token=" + token;
    if (WeComCards.offers(message) && WeComCards.fits(message)) {
      return classify(
          JsonPost.post(
              http, json, url, appBody(bot, message, WeComCards.textCard(message)), Map.of()),
          bot);
    }
    SendResult text =
        classify(JsonPost.post(http, json, url, appBody(bot, message, null), Map.of()), bot);
    if (WeComCards.offers(message) && text.outcome() == SendResult.Outcome.SENT) {
      // the buttons' own card after the text: the text is out, so a failure here is only logged
      SendResult card =
          classify(
              JsonPost.post(
                  http, json, url, appBody(bot, message, WeComCards.pickCard(message)), Map.of()),
              bot);
      if (card.outcome() != SendResult.Outcome.SENT) {
        LOG.warnf("企业微信自建应用：按钮卡片未发出（机器人 %s）：%s", bot.id(), card.error());
      }
    }
    return text;
  }

  /**
   * A {@code /cgi-bin/message/send} body to the person: text, or {@code card} as a {@code
   * template_card} (button_interaction; its click comes back as a template_card_event).
   */
  static Map<String, Object> appBody(
      BotSpec bot, OutgoingMessage message, Map<String, Object> card) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("touser", message.chatId().substring(2));
    body.put("agentid", Long.parseLong(bot.value("agent-id").orElseThrow().trim()));
    if (card == null) {
      body.put("msgtype", "text");
      body.put("text", Map.of("content", escapeText(message.text())));
    } else {
      body.put("msgtype", "template_card");
      body.put("template_card", card);
    }
    body.put("enable_duplicate_check", 1);
    body.put("duplicate_check_interval", 1800);
    return body;
  }

  /** The self-built app's access token (cached), also for the directory lookup. */
  String accessToken(BotSpec bot) throws TokenException {
    String api = bot.valueOr("api-base-url", DEFAULT_API);
    return tokens.get(tokenKey(bot, api), () -> fetchToken(bot, api));
  }

  void invalidateToken(BotSpec bot) {
    tokens.invalidate(tokenKey(bot, bot.valueOr("api-base-url", DEFAULT_API)));
  }

  private TokenCache.Token fetchToken(BotSpec bot, String api) throws TokenException {
    HttpUrl url = HttpUrl.parse(api + "/cgi-bin/gettoken");
    if (url == null) {
      throw new TokenException("接口地址无效（api-base-url）", false);
    }
    url =
        url.newBuilder()
            .addQueryParameter("corpid", bot.value("corp-id").orElseThrow())
            .addQueryParameter("corpsecret", bot.value("corp-secret").orElseThrow())
            .build();
    try (Response r = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
      String text = r.body() == null ? "" : r.body().string();
      JsonNode node = json.readTree(text.isEmpty() ? "{}" : text);
      if (r.isSuccessful()
          && node.path("errcode").asInt(-1) == 0
          && node.hasNonNull("access_token")) {
        return new TokenCache.Token(
            node.get("access_token").asText(),
            wall.instant().plusSeconds(node.path("expires_in").asLong(7200)));
      }
      int code = node.path("errcode").asInt(-1);
      throw new TokenException(
          "企业微信获取 access_token 失败：errcode " + code + " " + node.path("errmsg").asText(""),
          r.code() >= 500 || code == -1);
    } catch (IOException e) {
      throw new TokenException("企业微信获取 access_token 网络错误：" + e.getClass().getSimpleName(), true);
    }
  }

  SendResult classify(JsonPost.Answer answer, BotSpec bot) {
    return LADDER.classify(
        answer, () -> tokens.invalidate(tokenKey(bot, bot.valueOr("api-base-url", DEFAULT_API))));
  }

  /** Tokens are per bot, app and host: a changed configuration gets a new token. */
  private static String tokenKey(BotSpec bot, String api) {
    return bot.id() + "|" + bot.valueOr("corp-id", "") + "|" + api;
  }
}
