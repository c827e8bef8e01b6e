package io.duban.chat.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import io.duban.chat.AppDirectory;
import io.duban.chat.BotSpec;
import io.duban.chat.Platform;
import io.duban.chat.TokenCache.TokenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * WeCom's "userid by mobile" ({@code POST {api}/cgi-bin/user/getuserid?access_token=}, body {@code
 * {"mobile"}}, answer {@code {"errcode":0,"userid"}}; docs/platform-directory.md). The self-built
 * app's token ({@code corp-id}, {@code corp-secret}) serves for members in the app's visible range;
 * the userid is the {@code FromUserName} of app callbacks and {@code from.userid} of 智能机器人.
 */
@ApplicationScoped
public class WeComDirectory extends AppDirectory {
  /** 指定的用户不存在. */
  static final int NOT_FOUND = 46004;

  @Inject WeComAdapter adapter;

  @Override
  public Platform platform() {
    return Platform.WECOM;
  }

  @Override
  protected List<String> credentials() {
    return List.of("corp-id", "corp-secret");
  }

  @Override
  protected String label() {
    return "企业微信通讯录";
  }

  @Override
  protected String token(BotSpec bot) throws TokenException {
    return adapter.accessToken(bot);
  }

  @Override
  protected Lookup lookup(BotSpec bot, String token, String mobile) {
    HttpUrl base = HttpUrl.parse(bot.valueOr("api-base-url", WeComAdapter.DEFAULT_API));
    if (base == null) {
      return null;
    }
    HttpUrl url =
        base.newBuilder()
            .addPathSegments("cgi-bin/user/getuserid")
            .addQueryParameter("access_token", token)
            .build();
    return new Lookup(url.toString(), Map.of("mobile", mobile), Map.of());
  }

  @Override
  protected Answer read(BotSpec bot, JsonNode body, String mobile) {
    return errcodeAnswer(
        bot,
        body,
        body.path("userid"),
        NOT_FOUND,
        WeComAdapter.TOKEN_INVALID,
        adapter::invalidateToken);
  }
}
