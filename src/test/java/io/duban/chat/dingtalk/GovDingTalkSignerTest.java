package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vectors computed independently with Python hmac/hashlib (tools/vectors.py); not official. */
class GovDingTalkSignerTest {

  private static final OffsetDateTime NINE_AM_SHANGHAI =
      OffsetDateTime.of(2018, 6, 20, 9, 0, 0, 0, ZoneOffset.ofHours(8));

  @Test
  void timestampIsIsoWithMillisAndChinaOffset() {
    assertThat(GovDingTalkSigner.formatTimestamp(NINE_AM_SHANGHAI))
        .isEqualTo("2018-06-20T09:00:00.000+08:00");
    OffsetDateTime sameInstantUtc = OffsetDateTime.of(2018, 6, 20, 1, 0, 0, 0, ZoneOffset.UTC);
    assertThat(GovDingTalkSigner.formatTimestamp(sameInstantUtc))
        .isEqualTo("2018-06-20T09:00:00.000+08:00");
  }

  @Test
  void stringToSignSortsParametersByKeyAndLeavesValuesUnencoded() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("tenantId", "196729");
    params.put("msg", "{\"content\":\"请上报 进度&\"}");
    params.put("chatId", "cid123");
    assertThat(
            GovDingTalkSigner.stringToSign(
                "post", "2018-06-20T09:00:00.000+08:00", "n1", "/chat/sendMsg", params))
        .isEqualTo(
            "POST\n2018-06-20T09:00:00.000+08:00\nn1\n/chat/sendMsg\n"
                + "chatId=cid123&msg={\"content\":\"请上报 进度&\"}&tenantId=196729");
  }

  @Test
  void stringToSignWithoutParametersHasNoTrailingNewline() {
    assertThat(GovDingTalkSigner.stringToSign("GET", "T", "N", "/ping.json", Map.of()))
        .isEqualTo("GET\nT\nN\n/ping.json");
    assertThat(GovDingTalkSigner.stringToSign("GET", "T", "N", "/ping.json", null))
        .isEqualTo("GET\nT\nN\n/ping.json");
  }

  @Test
  void getTokenHeadersMatchPythonVector() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("appsecret", "demo-secret");
    params.put("appkey", "demo-key");
    Map<String, String> headers =
        GovDingTalkSigner.headers(
            "GET",
            "/gettoken.json",
            params,
            "demo-key",
            "demo-secret",
            NINE_AM_SHANGHAI,
            "15294564000001234",
            "10.0.0.8",
            "00:16:3e:01:02:03");
    assertThat(headers)
        .containsExactly(
            Map.entry("X-Hmac-Auth-Timestamp", "2018-06-20T09:00:00.000+08:00"),
            Map.entry("X-Hmac-Auth-Version", "1.0"),
            Map.entry("X-Hmac-Auth-Nonce", "15294564000001234"),
            Map.entry("apiKey", "demo-key"),
            Map.entry("X-Hmac-Auth-IP", "10.0.0.8"),
            Map.entry("X-Hmac-Auth-MAC", "00:16:3e:01:02:03"),
            Map.entry("X-Hmac-Auth-Signature", "0zLB0lsJmI8H95/CcDQ+tt/D92SpiOLu42u0bLpxF1w="));
  }

  @Test
  void postWithChineseValueMatchesPythonVector() {
    Map<String, String> params =
        Map.of(
            "tenantId", "196729",
            "msg", "{\"msgtype\":\"text\",\"text\":{\"content\":\"请上报进度\"}}",
            "chatType", "2",
            "chatId", "cid123");
    Map<String, String> headers =
        GovDingTalkSigner.headers(
            "POST",
            "/chat/sendMsg",
            params,
            "demo-key",
            "demo-secret",
            NINE_AM_SHANGHAI,
            "15294564000005678",
            "127.0.0.1",
            "aa:bb:cc:dd:ee:ff");
    assertThat(headers.get(GovDingTalkSigner.SIGNATURE))
        .isEqualTo("25Nx9ITzOdOFYJHRAEbO3uTMcOelsRV9Gyr+1xq52AQ=");
  }

  @Test
  void noParametersMatchesPythonVector() {
    Map<String, String> headers =
        GovDingTalkSigner.headers(
            "get",
            "/ping.json",
            Map.of(),
            "k",
            "demo-secret",
            NINE_AM_SHANGHAI,
            "abc",
            "ip",
            "mac");
    assertThat(headers.get(GovDingTalkSigner.SIGNATURE))
        .isEqualTo("gRosCBQc3CHPz8yanv31xyqAgOtNB1RDxdDN2XgIYfE=");
  }
}
