package io.duban.chat.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.Directory;
import io.duban.chat.JsonPost;
import io.duban.chat.Platform;
import io.duban.chat.TokenCache.TokenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * WeCom's "userid by mobile" ({@code POST {api}/cgi-bin/user/getuserid?access_token=}, body {@code
 * {"mobile"}}, answer {@code {"errcode":0,"userid"}}; docs/platform-directory.md). The self-built
 * app's token ({@code corp-id}, {@code corp-secret}) serves for members in the app's visible range;
 * the userid is the {@code FromUserName} of app callbacks and {@code from.userid} of 智能机器人.
 */
@ApplicationScoped
public class WeComDirectory implements Directory {
  /** 指定的用户不存在. */
  static final int NOT_FOUND = 46004;

  @Inject WeComAdapter adapter;
  @Inject OkHttpClient http;
  @Inject ObjectMapper json;

  @Override
  public Platform platform() {
    return Platform.WECOM;
  }

  @Override
  public boolean available(BotSpec bot) {
    return Directory.switchedOn(bot)
        && bot.value("corp-id").isPresent()
        && bot.value("corp-secret").isPresent();
  }

  @Override
  public Answer userByMobile(BotSpec bot, String mobile) {
    String token;
    try {
      token = adapter.accessToken(bot);
    } catch (TokenException e) {
      return Answer.unavailable(e.getMessage());
    }
    HttpUrl url = HttpUrl.parse(bot.valueOr("api-base-url", WeComAdapter.DEFAULT_API));
    if (url == null) {
      return Answer.unavailable("api-base-url 无效");
    }
    url =
        url.newBuilder()
            .addPathSegments("cgi-bin/user/getuserid")
            .addQueryParameter("access_token", token)
            .build();
    JsonPost.Answer a =
        JsonPost.post(http, json, url.toString(), Map.of("mobile", mobile), Map.of());
    if (a.failure() != null) {
      return Answer.unavailable("企业微信通讯录：" + a.failure().error());
    }
    JsonNode body = a.body();
    int code = body.path("errcode").asInt(-1);
    if (code == 0 && body.hasNonNull("userid")) {
      return Answer.found(body.get("userid").asText());
    }
    if (code == NOT_FOUND) {
      return Answer.notFound();
    }
    if (WeComAdapter.TOKEN_INVALID.contains(code)) {
      adapter.invalidateToken(bot);
    }
    return Answer.unavailable(
        "企业微信通讯录 errcode " + code + " " + body.path("errmsg").asText("").strip());
  }
}
