package io.duban.chat.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.BotSpec;
import io.duban.chat.Mention;
import io.duban.chat.OutgoingMessage;
import io.duban.chat.Platform;
import io.duban.chat.SendResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console platform: nothing leaves the service, every send succeeds, no message is split. */
class ConsoleAdapterTest {
  final ConsoleAdapter console = new ConsoleAdapter();
  final BotSpec bot =
      new BotSpec("console", Platform.CONSOLE, Map.of(), Duration.ofHours(1), null, true, null);

  static OutgoingMessage message(String chatId, String text) {
    return new OutgoingMessage(
        chatId, text, List.of(new Mention("赵示一", "13800000001", "u1")), "k-1", null, null);
  }

  @Test
  void isTheConsolePlatform() {
    assertThat(console.platform()).isEqualTo(Platform.CONSOLE);
  }

  @Test
  void allowsSixtyFourKilobytesWhateverTheMessage() {
    assertThat(console.maxBytes(bot, message(null, "短"))).isEqualTo(64 * 1024);
    assertThat(console.maxBytes(bot, message("c", "长".repeat(100_000)))).isEqualTo(65_536);
  }

  @Test
  void everySendIsSentAtOnce() {
    assertThat(console.send(bot, message(null, "【督办】群里的提醒"))).isEqualTo(SendResult.sent());
    assertThat(console.send(bot, message("cid-1", "私聊回复")).outcome())
        .isEqualTo(SendResult.Outcome.SENT);
    assertThat(console.send(bot, message("cid-1", "私聊回复")).delay()).isZero();
  }
}
