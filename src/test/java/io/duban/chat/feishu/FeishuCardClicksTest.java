package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.Platform;
import io.duban.chat.RateLimit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a click without the application: the chat it answers on, and clicks not of Duban's. */
class FeishuCardClicksTest {
  final ObjectMapper json = new ObjectMapper();
  final BotSpec bot =
      new BotSpec(
          "feishu-app",
          Platform.FEISHU,
          Map.of("app-key", "cli", "app-secret", "s"),
          Duration.ofHours(1),
          RateLimit.UNPACED,
          true,
          null);

  FeishuCardClicks.Reading read(String openId, String value, String form) throws Exception {
    return FeishuCardClicks.read(
        bot, json.readTree(FeishuCardClickTest.click("ev-1", openId, value, form)), json);
  }

  @Test
  void aOneToOneCardAnswersOnTheThreadOfTypedText() throws Exception {
    String value = "{\"duban\":\"tap\",\"text\":\"确认\",\"label\":\"确认\",\"chat\":\"u:ou_rsj01\"}";
    var mine = read("ou_rsj01", value, null).click().message().message();
    assertThat(mine.chatId()).isEqualTo("u:ou_rsj01");
    assertThat(mine.senderId()).isEqualTo("ou_rsj01");
    assertThat(mine.messageId()).isEqualTo("card:ev-1");
    assertThat(mine.text()).isEqualTo("确认");
    var other = read("ou_zgh01", value, null).click().message().message();
    assertThat(other.chatId()).as("not another person's 1:1 thread").isEqualTo("oc_wujin_rsj");
  }

  @Test
  void clicksNotOfDubansAreAnsweredWithNothing() throws Exception {
    assertThat(read("ou_rsj01", "{\"key\":\"value\"}", null).answer()).isEqualTo("{}");
    assertThat(read("", "{\"duban\":\"tap\",\"text\":\"确认\"}", null).answer()).isEqualTo("{}");
    var form = read("ou_rsj01", "{\"duban\":\"form\"}", "{\"target\":\"\",\"figure\":\"3\"}");
    assertThat(form.click()).isNull();
    assertThat(form.answer()).contains("\"error\"");
  }

  @Test
  void toastTypes() {
    assertThat(FeishuCardClicks.toastType("已记录：新增就业岗位 累计 12,000 / 48,000 个")).isEqualTo("success");
    assertThat(FeishuCardClicks.toastType("“新增就业岗位”由 人社局 负责上报，总工会 不负责这个目标。")).isEqualTo("error");
    assertThat(FeishuCardClicks.toastType("要上报吗？请回复 1 或“确认”")).isEqualTo("info");
  }
}
