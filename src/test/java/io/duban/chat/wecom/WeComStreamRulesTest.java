package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.BotSpec;
import io.duban.chat.BotsFile;
import io.duban.config.YamlNode;
import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A stream-mode 智能机器人 in bots.yaml: bot-id and secret instead of the callback's values. */
class WeComStreamRulesTest {
  static BotSpec parse(String values) {
    String yaml = "bots:\n  ws:\n    platform: wecom\n    mode: stream\n" + values + "routes: {}\n";
    return BotsFile.parse(
            YamlNode.parse(new StringReader(yaml), "bots.yaml"),
            Map.of("S", "secret-value")::get,
            Set.of())
        .bots()
        .get("ws");
  }

  @Test
  void streamModeNeedsBotIdAndSecretOnly() {
    BotSpec ok = parse("    bot-id: aibot-1\n    secret: ${S}\n");
    assertThat(ok.enabled()).isTrue();
    assertThat(ok.stream()).isTrue();
    BotSpec noSecret = parse("    bot-id: aibot-1\n    token: t\n");
    assertThat(noSecret.enabled()).isFalse();
    assertThat(noSecret.disabledReason()).contains("bot-id", "secret");
    assertThat(parse("    secret: ${S}\n").enabled()).isFalse();
    BotSpec badUrl = parse("    bot-id: aibot-1\n    secret: ${S}\n    ws-url: https://x\n");
    assertThat(badUrl.disabledReason()).contains("ws-url");
    assertThat(
            parse("    bot-id: b\n    secret: ${S}\n    ws-url: wss://ws.gov.example\n").enabled())
        .isTrue();
  }

  @Test
  void replyHandlesCarryTheReqIdAndTheResponseUrl() {
    String both =
        WeComReplyHandle.of("req-1", "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?x=1");
    assertThat(both).isEqualTo("ws:req-1 https://qyapi.weixin.qq.com/cgi-bin/aibot/response?x=1");
    assertThat(WeComReplyHandle.reqIdOf(both)).isEqualTo("req-1");
    assertThat(WeComReplyHandle.responseUrlOf(both))
        .isEqualTo("https://qyapi.weixin.qq.com/cgi-bin/aibot/response?x=1");
    assertThat(WeComReplyHandle.reqIdOf("ws:req-2")).isEqualTo("req-2");
    assertThat(WeComReplyHandle.responseUrlOf("ws:req-2")).isNull();
    String plain = "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?x=1";
    assertThat(WeComReplyHandle.reqIdOf(plain)).isNull();
    assertThat(WeComReplyHandle.responseUrlOf(plain)).isEqualTo(plain);
  }
}
