package io.duban.chat.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.support.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Refused callbacks: one log line a minute per bot, the rest counted. */
class RefusalLogTest {
  @Test
  void oneLineAMinutePerBot() {
    RefusalLog log = new RefusalLog();
    MutableClock clock = new MutableClock();
    log.wall = clock;
    assertThat(log.refused("dingtalk", "a", 401, "签名不正确")).isTrue();
    for (int i = 0; i < 500; i++) {
      assertThat(log.refused("dingtalk", "a", 401, "签名不正确")).isFalse();
    }
    assertThat(log.refused("dingtalk", "b", 401, "签名不正确")).as("another bot").isTrue();
    clock.advance(Duration.ofSeconds(59));
    assertThat(log.refused("dingtalk", "a", 401, "签名不正确")).isFalse();
    clock.advance(Duration.ofSeconds(2));
    assertThat(log.refused("dingtalk", "a", 401, "签名不正确")).isTrue();
  }

  @Test
  void aBotIdFromThePathCannotForgeLogLines() {
    assertThat(io.duban.common.LogText.printable("bot\n2026-12-01 INFO fake line\u202e", 64))
        .doesNotContain("\n")
        .endsWith("?");
    assertThat(io.duban.common.LogText.printable("x".repeat(500), 64)).hasSize(65);
  }
}
