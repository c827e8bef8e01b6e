package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.chat.dingtalk.DingTalkSigner.Verification;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DingTalkSignerTest {

  // docs/platforms.md §4 (self-computed with Python hmac, not official).
  private static final long TS = 1577262236757L;
  private static final Duration HOUR = Duration.ofHours(1);

  @ParameterizedTest
  @CsvSource({
    "this is secret, hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=",
    "SECxxxxxxxx,    GQTdD2h8xuqlb8XmudD4Eah5iFpDgJYtqFlQIs9dSTg=",
    "SEC000,         0mUoy51oaZiRp9zSbtu3Gh7pbwvH33YBGob4MsxeXA4="
  })
  void signMatchesDocVectors(String secret, String expected) {
    assertThat(DingTalkSigner.sign(TS, secret)).isEqualTo(expected);
  }

  @Test
  void signWithChineseSecret() {
    // tools/vectors.py: Python hmac over UTF-8 bytes.
    assertThat(DingTalkSigner.sign(1700000000000L, "SEC督办测试密钥"))
        .isEqualTo("yosY+qk+VQadsQlUInIiZsx2Yp9AsbP7Q3UiTKT0ed8=");
    assertThat(
            DingTalkSigner.signedWebhookUrl(
                "https://oapi.dingtalk.com/robot/send?access_token=t", "SEC督办测试密钥", 1700000000000L))
        .endsWith("&sign=yosY%2Bqk%2BVQadsQlUInIiZsx2Yp9AsbP7Q3UiTKT0ed8%3D");
  }

  @Test
  void webhookUrlEncodesSignOnce() {
    String url =
        DingTalkSigner.signedWebhookUrl(
            "https://oapi.dingtalk.com/robot/send?access_token=abc", "this is secret", TS);
    assertThat(url)
        .isEqualTo(
            "https://oapi.dingtalk.com/robot/send?access_token=abc"
                + "&timestamp=1577262236757"
                + "&sign=hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D");
    assertThat(url).doesNotContain("%25");
  }

  @Test
  void webhookUrlOtherDocVectorsEndInEncodedEquals() {
    assertThat(
            DingTalkSigner.signedWebhookUrl(
                "https://h/robot/send?access_token=x", "SECxxxxxxxx", TS))
        .endsWith("&sign=GQTdD2h8xuqlb8XmudD4Eah5iFpDgJYtqFlQIs9dSTg%3D");
    assertThat(DingTalkSigner.signedWebhookUrl("https://h/robot/send?access_token=x", "SEC000", TS))
        .endsWith("&sign=0mUoy51oaZiRp9zSbtu3Gh7pbwvH33YBGob4MsxeXA4%3D");
  }

  @Test
  void webhookUrlWithoutQueryGetsQuestionMark() {
    assertThat(DingTalkSigner.signedWebhookUrl("https://gov.example/robot/send", "SEC000", TS))
        .isEqualTo(
            "https://gov.example/robot/send?timestamp=1577262236757"
                + "&sign=0mUoy51oaZiRp9zSbtu3Gh7pbwvH33YBGob4MsxeXA4%3D");
    assertThat(DingTalkSigner.signedWebhookUrl("https://gov.example/robot/send?", "SEC000", TS))
        .startsWith("https://gov.example/robot/send?timestamp=");
  }

  @Test
  void callbackAcceptsPlainBase64Sign() {
    assertThat(
            DingTalkSigner.verifyCallback(
                "1577262236757",
                "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=",
                "this is secret",
                TS,
                HOUR))
        .isEqualTo(Verification.OK);
  }

  @Test
  void callbackRejectsUrlEncodedSign() {
    assertThat(
            DingTalkSigner.verifyCallback(
                "1577262236757",
                "hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D",
                "this is secret",
                TS,
                HOUR))
        .isEqualTo(Verification.BAD_SIGNATURE);
  }

  @Test
  void callbackRejectsWrongSecretAndTamperedSign() {
    String sign = DingTalkSigner.sign(TS, "this is secret");
    assertThat(DingTalkSigner.verifyCallback("1577262236757", sign, "other secret", TS, HOUR))
        .isEqualTo(Verification.BAD_SIGNATURE);
    String tampered = (sign.charAt(0) == 'A' ? "B" : "A") + sign.substring(1);
    assertThat(DingTalkSigner.verifyCallback("1577262236757", tampered, "this is secret", TS, HOUR))
        .isEqualTo(Verification.BAD_SIGNATURE);
    assertThat(
            DingTalkSigner.verifyCallback("1577262236757", sign + "=", "this is secret", TS, HOUR))
        .isEqualTo(Verification.BAD_SIGNATURE);
  }

  @Test
  void callbackWindowIsInclusiveInBothDirections() {
    String sign = DingTalkSigner.sign(TS, "SEC000");
    long hour = 3_600_000L;
    assertThat(DingTalkSigner.verifyCallback("1577262236757", sign, "SEC000", TS + hour, HOUR))
        .isEqualTo(Verification.OK);
    assertThat(DingTalkSigner.verifyCallback("1577262236757", sign, "SEC000", TS - hour, HOUR))
        .isEqualTo(Verification.OK);
    assertThat(DingTalkSigner.verifyCallback("1577262236757", sign, "SEC000", TS + hour + 1, HOUR))
        .isEqualTo(Verification.STALE);
    // A timestamp from the future (sender clock ahead) is stale too.
    assertThat(DingTalkSigner.verifyCallback("1577262236757", sign, "SEC000", TS - hour - 1, HOUR))
        .isEqualTo(Verification.STALE);
  }

  @Test
  void staleIsReportedEvenWithValidSignature() {
    String sign = DingTalkSigner.sign(TS, "SEC000");
    assertThat(
            DingTalkSigner.verifyCallback("1577262236757", sign, "SEC000", TS + 86_400_000L, HOUR))
        .isEqualTo(Verification.STALE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "-1577262236757",
        "+1577262236757",
        "1.577e12",
        "0x5e04",
        "99999999999999999999",
        "1577262236757ms"
      })
  void callbackRejectsMalformedTimestamp(String timestamp) {
    assertThat(DingTalkSigner.verifyCallback(timestamp, "x", "SEC000", TS, HOUR))
        .isEqualTo(Verification.MALFORMED);
  }

  @Test
  void callbackReportsMissingHeaders() {
    assertThat(DingTalkSigner.verifyCallback(null, "x", "s", TS, HOUR))
        .isEqualTo(Verification.MISSING);
    assertThat(DingTalkSigner.verifyCallback("1577262236757", null, "s", TS, HOUR))
        .isEqualTo(Verification.MISSING);
    assertThat(DingTalkSigner.verifyCallback(" ", "x", "s", TS, HOUR))
        .isEqualTo(Verification.MISSING);
    assertThat(DingTalkSigner.verifyCallback("1577262236757", "", "s", TS, HOUR))
        .isEqualTo(Verification.MISSING);
  }

  @Test
  void negativeWindowIsAProgrammingError() {
    assertThatThrownBy(
            () -> DingTalkSigner.verifyCallback("1", "x", "SEC000", TS, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("SEC000");
  }
}
