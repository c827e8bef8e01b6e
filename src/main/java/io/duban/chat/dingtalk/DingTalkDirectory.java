package io.duban.chat.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import io.duban.chat.AppDirectory;
import io.duban.chat.BotSpec;
import io.duban.chat.Platform;
import io.duban.chat.TokenCache.TokenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * DingTalk's "userid by mobile" ({@code POST {oapi}/topapi/v2/user/getbymobile?access_token=}, body
 * {@code {"mobile"}}, answer {@code {"errcode":0,"result":{"userid"}}}; docs/
 * platform-directory.md). The enterprise app's token serves; the app needs the permission
 * 根据手机号获取成员基本信息 (qyapi_get_member_by_mobile). The userid is the {@code senderStaffId} of robot
 * callbacks from the same organisation.
 */
@ApplicationScoped
public class DingTalkDirectory extends AppDirectory {
  /** 找不到该用户 (also for resigned staff). */
  static final int NOT_FOUND = 60121;

  static final Set<Integer> TOKEN_INVALID = Set.of(40014, 42001);

  @Inject DingTalkAdapter adapter;

  @Override
  public Platform platform() {
    return Platform.DINGTALK;
  }

  @Override
  protected List<String> credentials() {
    return List.of("app-key", "app-secret");
  }

  @Override
  protected String label() {
    return "钉钉通讯录";
  }

  @Override
  protected String token(BotSpec bot) throws TokenException {
    return adapter.accessToken(bot);
  }

  @Override
  protected Lookup lookup(BotSpec bot, String token, String mobile) {
    HttpUrl base = HttpUrl.parse(bot.valueOr("oapi-base-url", DingTalkAdapter.DEFAULT_OAPI));
    if (base == null) {
      return null;
    }
    HttpUrl url =
        base.newBuilder()
            .addPathSegments("topapi/v2/user/getbymobile")
            .addQueryParameter("access_token", token)
            .build();
    return new Lookup(url.toString(), Map.of("mobile", mobile), Map.of());
  }

  @Override
  protected Answer read(BotSpec bot, JsonNode body, String mobile) {
    return errcodeAnswer(
        bot,
        body,
        body.path("result").path("userid"),
        NOT_FOUND,
        TOKEN_INVALID,
        adapter::invalidateToken);
  }
}
