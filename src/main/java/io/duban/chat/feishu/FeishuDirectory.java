package io.duban.chat.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import io.duban.chat.AppDirectory;
import io.duban.chat.BotSpec;
import io.duban.chat.Platform;
import io.duban.chat.TokenCache.TokenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feishu's "ids by mobile" ({@code POST {api}/open-apis/contact/v3/users/batch_get_id
 * ?user_id_type=open_id}, body {@code {"mobiles":[…],"include_resigned":false}}, answer {@code
 * {"code":0,"data":{"user_list":[{"user_id","mobile"}]}}}; docs/platform-directory.md). A mobile
 * nobody holds (or outside the app's contact range) comes back without {@code user_id}. The app
 * needs the scope contact:user.id:readonly; open_ids are per app, as the app's callbacks carry
 * them.
 */
@ApplicationScoped
public class FeishuDirectory extends AppDirectory {
  @Inject FeishuAdapter adapter;

  @Override
  public Platform platform() {
    return Platform.FEISHU;
  }

  @Override
  protected List<String> credentials() {
    return List.of("app-key", "app-secret");
  }

  @Override
  protected String label() {
    return "飞书通讯录";
  }

  @Override
  protected String token(BotSpec bot) throws TokenException {
    return adapter.accessToken(bot);
  }

  @Override
  protected Lookup lookup(BotSpec bot, String token, String mobile) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mobiles", List.of(mobile));
    body.put("include_resigned", false);
    return new Lookup(
        bot.valueOr("api-base-url", FeishuAdapter.DEFAULT_API)
            + "/open-apis/contact/v3/users/batch_get_id?user_id_type=open_id",
        body,
        Map.of("Authorization", "Bearer " + token));
  }

  @Override
  protected Answer read(BotSpec bot, JsonNode answer, String mobile) {
    int code = answer.path("code").asInt(-1);
    if (code != 0) {
      if (FeishuAdapter.TOKEN_INVALID.contains(code)) {
        adapter.invalidateToken(bot);
      }
      return Answer.unavailable(
          label() + " code " + code + " " + answer.path("msg").asText("").strip());
    }
    for (JsonNode user : answer.path("data").path("user_list")) {
      if (user.path("mobile").asText("").endsWith(mobile) && user.hasNonNull("user_id")) {
        return Answer.found(user.get("user_id").asText());
      }
    }
    return Answer.notFound();
  }
}
