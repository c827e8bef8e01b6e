package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.duban.config.YamlNode;
import io.duban.text.Quantity;
import io.duban.text.QuantityParser;
import io.duban.text.TextNormalizer;
import java.io.StringReader;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each platform's rules, found through {@link PlatformRules#of} (META-INF/services): required bot
 * values, default pace, id scoping and mention markup. The Feishu mention cases moved here from
 * TextNormalizerTest and QuantityParserTest keep their assertions on the final text.
 */
class PlatformRulesTest {
  private static final List<String> BOTS = List.of("督办", "督办助手", "Duban");
  private static final String AES_43 = "a".repeat(43);

  static String missing(Platform p, String... keysAndValues) {
    Map<String, String> values = new HashMap<>();
    for (int k = 0; k < keysAndValues.length; k += 2) {
      values.put(keysAndValues[k], keysAndValues[k + 1]);
    }
    return PlatformRules.of(p).missingRequired(values);
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void everyPlatformHasItsRules(Platform p) {
    assertThat(PlatformRules.of(p).platform()).isEqualTo(p);
    assertThat(PlatformRules.of(p)).isSameAs(PlatformRules.of(p));
  }

  @Test
  void dingTalkNeedsAWebhookOrAnApp() {
    assertThat(missing(Platform.DINGTALK))
        .isEqualTo("至少要配置 webhook-url（群机器人）或 app-key 与 app-secret（企业内部应用机器人）");
    assertThat(missing(Platform.DINGTALK, "webhook-url", "")).startsWith("至少要配置 webhook-url");
    assertThat(missing(Platform.DINGTALK, "app-key", "k")).startsWith("至少要配置 webhook-url");
    assertThat(missing(Platform.DINGTALK, "webhook-url", "https://x")).isNull();
    assertThat(missing(Platform.DINGTALK, "app-key", "k", "app-secret", "s")).isNull();
    assertThat(missing(Platform.DINGTALK, "app-secret", "s")).as("callbacks only").isNull();
    assertThat(missing(Platform.DINGTALK, "webhook-url", "https://x", "robot-code", "r"))
        .isEqualTo("配置了 robot-code 但缺少 app-key 或 app-secret");
    assertThat(missing(Platform.DINGTALK, "app-key", "k", "app-secret", "s", "robot-code", "r"))
        .isNull();
  }

  @Test
  void weComNeedsAWebhookOrACallbackAndWholeAppCredentials() {
    assertThat(missing(Platform.WECOM))
        .isEqualTo("至少要配置 webhook-url（群机器人）或 token 与 encoding-aes-key（回调）");
    assertThat(missing(Platform.WECOM, "token", "t")).startsWith("至少要配置 webhook-url");
    assertThat(missing(Platform.WECOM, "webhook-url", "https://x")).isNull();
    assertThat(missing(Platform.WECOM, "token", "t", "encoding-aes-key", AES_43)).isNull();
    assertThat(missing(Platform.WECOM, "token", "t", "encoding-aes-key", "short"))
        .isEqualTo("encoding-aes-key 应为 43 个字符");
    assertThat(missing(Platform.WECOM, "webhook-url", "https://x", "corp-secret", "c"))
        .isEqualTo("应用消息需要 corp-id、corp-secret 和 agent-id");
    assertThat(
            missing(Platform.WECOM, "webhook-url", "https://x", "corp-secret", "c", "corp-id", "i"))
        .isEqualTo("应用消息需要 corp-id、corp-secret 和 agent-id");
    assertThat(
            missing(
                Platform.WECOM,
                "webhook-url",
                "https://x",
                "corp-secret",
                "c",
                "corp-id",
                "i",
                "agent-id",
                "1"))
        .isNull();
  }

  @Test
  void feishuNeedsAWebhookOrAnApp() {
    assertThat(missing(Platform.FEISHU))
        .isEqualTo("至少要配置 webhook-url（自定义机器人）或 app-key 与 app-secret（应用机器人）");
    assertThat(missing(Platform.FEISHU, "app-secret", "s")).startsWith("至少要配置 webhook-url");
    assertThat(missing(Platform.FEISHU, "webhook-url", "https://x")).isNull();
    assertThat(missing(Platform.FEISHU, "app-key", "k", "app-secret", "s")).isNull();
  }

  @Test
  void consoleNeedsNothing() {
    assertThat(missing(Platform.CONSOLE)).isNull();
  }

  @Test
  void defaultRates() {
    assertThat(PlatformRules.of(Platform.DINGTALK).defaultRate()).isEqualTo(new RateLimit(20, 0));
    assertThat(PlatformRules.of(Platform.WECOM).defaultRate()).isEqualTo(new RateLimit(20, 0));
    assertThat(PlatformRules.of(Platform.FEISHU).defaultRate()).isEqualTo(new RateLimit(100, 5));
    assertThat(PlatformRules.of(Platform.CONSOLE).defaultRate()).isEqualTo(RateLimit.UNPACED);
  }

  @Test
  void onlyFeishuIdsArePerBot() {
    Set<Platform> perBot = EnumSet.noneOf(Platform.class);
    for (Platform p : Platform.values()) {
      if (PlatformRules.of(p).idsPerBot()) {
        perBot.add(p);
      }
    }
    assertThat(perBot).containsExactly(Platform.FEISHU);
  }

  @ParameterizedTest
  @EnumSource(
      value = Platform.class,
      names = {"DINGTALK", "WECOM", "CONSOLE"})
  void otherPlatformsLeaveTheTextAlone(Platform p) {
    String text = "@_user_1 @_all @督办 上报 3000";
    assertThat(PlatformRules.of(p).removeMentions(text)).isSameAs(text);
    assertThat(PlatformRules.of(p).removeMentions(null)).isNull();
  }

  // ------------------------------------------------------------------ Feishu mention markup

  static String feishu(String raw) {
    return PlatformRules.of(Platform.FEISHU).removeMentions(raw);
  }

  static Stream<Arguments> feishuMentions() {
    return Stream.of(
        arguments("@_user_1 3000", "3000"),
        arguments("完成@_user_12 3000", "完成 3000"),
        arguments("@_all 大家好", "大家好"),
        arguments("@_allen 你好", "@_allen 你好"),
        arguments("@_user_1@督办 3000", "3000"),
        arguments("@_user_ 3000", "@_user_ 3000"),
        arguments("@_all", ""),
        arguments("@_user_1 上报 新增就业岗位 1.2万", "上报 新增就业岗位 1.2万"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("feishuMentions")
  void feishuMentionsAreRemovedBeforeNormalising(String raw, String expected) {
    String once = TextNormalizer.normalize(feishu(raw), BOTS);
    assertThat(once).isEqualTo(expected);
    assertThat(TextNormalizer.normalize(once, List.of())).isEqualTo(once);
  }

  @Test
  void feishuMentionBecomesASpace() {
    assertThat(feishu("完成@_user_12 3000")).isEqualTo("完成  3000");
    assertThat(feishu("a@_all")).isEqualTo("a ");
    assertThat(feishu(null)).isNull();
    assertThat(feishu("")).isEmpty();
  }

  @Test
  void feishuMentionsWithoutBotNames() {
    assertThat(TextNormalizer.normalize(feishu("@_user_1 3000"), null)).isEqualTo("3000");
  }

  @Test
  void feishuMentionBeforeAQuantity() {
    QuantityParser.Result result = QuantityParser.parse(feishu("@_user_1 3000"));
    assertThat(result).isInstanceOf(QuantityParser.Result.Ok.class);
    Quantity q = ((QuantityParser.Result.Ok) result).quantity();
    assertThat(q.value().toPlainString()).isEqualTo("3000");
    assertThat(q.multiplierWritten()).as("multiplierWritten").isFalse();
    assertThat(q.unit()).as("unit").isEqualTo("");
    assertThat(q.qualifier()).as("qualifier").isEqualTo("");
    assertThat(q.additive()).as("additive").isFalse();
    assertThat(q.text()).as("text").isEqualTo("3000");
  }

  @Test
  void longFeishuInputRunsInLinearTime() {
    StringBuilder sb = new StringBuilder();
    String chunk = "完成１２\u200B000👍人 @督办 @_user_1\u3000";
    while (sb.length() < 100_000) {
      sb.append(chunk);
    }
    String input = sb.toString();
    String result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2), () -> TextNormalizer.normalize(feishu(input), BOTS));
    assertThat(result).startsWith("完成12000 人 完成12000 人");
    assertThat(result).doesNotContain("\u200B", "👍", "@", "  ");
  }

  // ------------------------------------------------------------------ bots.yaml asks the rules

  @Test
  void botsFileDisablesWithThePlatformsSentenceAndPacesByPlatform() {
    String yaml =
        """
        bots:
          dt:
            platform: dingtalk
            webhook-url: https://oapi.example/robot/send
          wc:
            platform: wecom
            token: t
            encoding-aes-key: short
          fs:
            platform: feishu
            app-key: cli_x
            app-secret: ${FS_SECRET}
          fs-paced:
            platform: feishu
            webhook-url: https://open.example/hook
            rate-limit: 10/min
        routes:
          default: dt
        """;
    BotsFile.Bots bots =
        BotsFile.parse(
            YamlNode.parse(new StringReader(yaml), "bots.yaml"),
            Map.of("FS_SECRET", "s")::get,
            Set.of());
    assertThat(bots.bots().get("dt").enabled()).isTrue();
    assertThat(bots.bots().get("dt").rateLimit()).isEqualTo(new RateLimit(20, 0));
    assertThat(bots.bots().get("wc").enabled()).isFalse();
    assertThat(bots.warnings()).containsExactly("机器人 wc（企业微信）已停用：encoding-aes-key 应为 43 个字符");
    assertThat(bots.bots().get("fs").enabled()).isTrue();
    assertThat(bots.bots().get("fs").rateLimit()).isEqualTo(new RateLimit(100, 5));
    assertThat(bots.bots().get("fs-paced").rateLimit()).isEqualTo(new RateLimit(10, 0));
    assertThat(bots.bots().get(BotsFile.CONSOLE_BOT).rateLimit()).isEqualTo(RateLimit.UNPACED);
  }

  @Test
  void botsFileNamesUnsetEnvBeforeMissingValues() {
    String yaml =
        """
        bots:
          fs:
            platform: feishu
            app-key: ${FS_KEY}
        routes: {}
        """;
    BotsFile.Bots bots =
        BotsFile.parse(
            YamlNode.parse(new StringReader(yaml), "bots.yaml"),
            Map.<String, String>of()::get,
            Set.of());
    assertThat(bots.warnings()).containsExactly("机器人 fs（飞书）已停用：缺少环境变量 FS_KEY");
  }
}
