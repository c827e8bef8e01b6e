package io.duban.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.TokenCache.TokenException;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * A directory behind a platform's app API: fetch the app's token, post one JSON request, read the
 * answer. Token and network failures become UNAVAILABLE with the reason; each platform says how to
 * ask and how to read the answer.
 */
public abstract class AppDirectory implements Directory {
  @Inject protected OkHttpClient http;
  @Inject protected ObjectMapper json;

  /** One lookup request: where, what, with which headers. */
  public record Lookup(String url, Object body, Map<String, String> headers) {}

  /** "钉钉通讯录": how the answers name this directory. */
  protected abstract String label();

  /** The bot values the lookup needs (app key and secret, corp id and secret). */
  protected abstract List<String> credentials();

  /** Switched on in bots.yaml and holding every credential. */
  @Override
  public boolean available(BotSpec bot) {
    return Directory.switchedOn(bot)
        && credentials().stream().allMatch(key -> bot.value(key).isPresent());
  }

  protected abstract String token(BotSpec bot) throws TokenException;

  /** The request for {@code mobile}, or null when the bot's base URL is not usable. */
  protected abstract Lookup lookup(BotSpec bot, String token, String mobile);

  /** What a 2xx answer says; a rejected token should be dropped here. */
  protected abstract Answer read(BotSpec bot, JsonNode answer, String mobile);

  @Override
  public final Answer userByMobile(BotSpec bot, String mobile) {
    String token;
    try {
      token = token(bot);
    } catch (TokenException e) {
      return Answer.unavailable(e.getMessage());
    }
    Lookup request = lookup(bot, token, mobile);
    if (request == null) {
      return Answer.unavailable("接口地址无效");
    }
    JsonPost.Answer a = JsonPost.post(http, json, request.url(), request.body(), request.headers());
    if (a.failure() != null) {
      return Answer.unavailable(label() + "：" + a.failure().error());
    }
    return read(bot, a.body(), mobile);
  }

  /**
   * The answer of an errcode API (DingTalk, WeCom): 0 with a user id → found; {@code notFound} →
   * not found; a code in {@code tokenInvalid} drops the cached token; anything else → unavailable
   * with the code and the platform's message.
   */
  protected final Answer errcodeAnswer(
      BotSpec bot,
      JsonNode body,
      JsonNode userId,
      int notFound,
      Set<Integer> tokenInvalid,
      Consumer<BotSpec> dropToken) {
    int code = body.path("errcode").asInt(-1);
    if (code == 0 && !userId.isMissingNode() && !userId.isNull()) {
      return Answer.found(userId.asText());
    }
    if (code == notFound) {
      return Answer.notFound();
    }
    if (tokenInvalid.contains(code)) {
      dropToken.accept(bot);
    }
    return Answer.unavailable(
        label() + " errcode " + code + " " + body.path("errmsg").asText("").strip());
  }
}
