package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.BotSpec;
import io.duban.chat.BotsFile;
import io.duban.chat.Platform;
import io.duban.chat.PlatformRules;
import io.duban.config.YamlNode;
import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** bots.yaml for a Feishu bot in {@code mode: stream}: App ID and App Secret, nothing else. */
class FeishuStreamRulesTest {
  static Map<String, BotSpec> parse(String yaml) {
    return BotsFile.parse(
            YamlNode.parse(new StringReader(yaml), "bots.yaml"),
            Map.of("SECRET", "s3cret")::get,
            Set.of())
        .bots();
  }

  @Test
  void aStreamBotNeedsTheAppButNoCallbackValues() {
    assertThat(PlatformRules.of(Platform.FEISHU).supportsStream()).isTrue();
    Map<String, BotSpec> bots =
        parse(
            """
            bots:
              app:
                platform: feishu
                mode: stream
                app-key: cli_x
                app-secret: ${SECRET}
              hook-only:
                platform: feishu
                mode: stream
                webhook-url: https://open.feishu.cn/open-apis/bot/v2/hook/x
              callbacks:
                platform: feishu
                app-key: cli_y
                app-secret: ${SECRET}
                token: t
            """);
    assertThat(bots.get("app").enabled()).isTrue();
    assertThat(bots.get("app").stream()).isTrue();
    assertThat(bots.get("hook-only").enabled()).isFalse();
    assertThat(bots.get("hook-only").disabledReason()).contains("app-key", "app-secret", "stream");
    assertThat(bots.get("callbacks").enabled()).isTrue();
    assertThat(bots.get("callbacks").stream()).isFalse();
  }
}
