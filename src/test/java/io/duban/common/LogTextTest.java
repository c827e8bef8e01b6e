package io.duban.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Request text made safe for one log line. */
class LogTextTest {
  @Test
  void ordinaryTextIsUnchanged() {
    assertThat(LogText.printable("dingtalk-app 武进", 64)).isEqualTo("dingtalk-app 武进");
  }

  @Test
  void breaksControlsAndBidiOverridesBecomeQuestionMarks() {
    assertThat(LogText.printable("a\nb\rc\td\u0000e\u2028f\u2029g\u202eh\u2066i", 64))
        .isEqualTo("a?b?c?d?e?f?g?h?i");
  }

  @Test
  void longTextIsCutWithAnEllipsis() {
    assertThat(LogText.printable("abcdef", 3)).isEqualTo("abc…");
    assertThat(LogText.printable("abc", 3)).isEqualTo("abc");
  }

  @Test
  void nullIsEmpty() {
    assertThat(LogText.printable(null, 10)).isEmpty();
  }
}
