package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reply links from callbacks are followed only to the configured platform host. */
class ReplyLinksTest {
  static final String OAPI = "https://oapi.dingtalk.com";

  @Test
  void sameSchemeHostAndPortOnly() {
    assertThat(
            ReplyLinks.sameOrigin("https://oapi.dingtalk.com/robot/sendBySession?session=x", OAPI))
        .isTrue();
    assertThat(ReplyLinks.sameOrigin("https://OAPI.dingtalk.com:443/robot/x", OAPI)).isTrue();
    assertThat(ReplyLinks.sameOrigin("http://oapi.dingtalk.com/robot/x", OAPI)).isFalse();
    assertThat(ReplyLinks.sameOrigin("https://oapi.dingtalk.com:8443/robot/x", OAPI)).isFalse();
    assertThat(ReplyLinks.sameOrigin("https://oapi.dingtalk.com.evil.example/robot/x", OAPI))
        .isFalse();
    assertThat(ReplyLinks.sameOrigin("https://evil.example/?https://oapi.dingtalk.com", OAPI))
        .isFalse();
    assertThat(ReplyLinks.sameOrigin("not a url", OAPI)).isFalse();
    assertThat(ReplyLinks.sameOrigin(null, OAPI)).isFalse();
  }

  @Test
  void aFeishuReplyHandleIsAPlainMessageId() {
    assertThat(ReplyLinks.plainId("om_dc13264520392913993dd051dba21dcf")).isTrue();
    assertThat(ReplyLinks.plainId("../../open-apis/contact/v3/users")).isFalse();
    assertThat(ReplyLinks.plainId("om_1?receive_id_type=chat_id")).isFalse();
    assertThat(ReplyLinks.plainId("")).isFalse();
  }
}
