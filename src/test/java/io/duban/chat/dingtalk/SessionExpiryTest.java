package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionExpiryTest {
  static final Instant RECEIVED = Instant.parse("2026-11-28T02:00:00Z");

  @Test
  void theCallbacksExpiryIsUsedWhenItIsPlausible() {
    Instant in90 = RECEIVED.plus(Duration.ofMinutes(90));
    assertThat(DingTalkAdapter.sessionExpiry(in90.toEpochMilli(), RECEIVED)).isEqualTo(in90);
  }

  @Test
  void aMissingExpiryMeansNinetyMinutes() {
    assertThat(DingTalkAdapter.sessionExpiry(0, RECEIVED))
        .isEqualTo(RECEIVED.plus(Duration.ofMinutes(90)));
    assertThat(DingTalkAdapter.sessionExpiry(-5, RECEIVED))
        .isEqualTo(RECEIVED.plus(Duration.ofMinutes(90)));
  }

  @Test
  void anExpiryBeyondTwoHoursIsCutToTwoHoursSoThatItFitsEveryDatabase() {
    assertThat(DingTalkAdapter.sessionExpiry(Long.MAX_VALUE, RECEIVED))
        .isEqualTo(RECEIVED.plus(Duration.ofHours(2)));
  }
}
