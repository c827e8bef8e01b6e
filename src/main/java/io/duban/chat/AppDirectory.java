package io.duban.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.TokenCache.TokenException;
import jakarta.inject.Inject;
import java.util.Map;
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
}
