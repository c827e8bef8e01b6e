package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.ResultLadder.Step;
import io.duban.chat.SendResult.Outcome;
import io.duban.chat.dingtalk.DingTalkAdapter;
import io.duban.chat.feishu.FeishuAdapter;
import io.duban.chat.wecom.WeComAdapter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each platform's codes on the shared result ladder: outcome, error text, pause, token reset. */
class ResultLadderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonPost.Answer body(String json) throws Exception {
    JsonNode node = JSON.readTree(json);
    return new JsonPost.Answer(node, null);
  }

  private final AtomicInteger invalidated = new AtomicInteger();

  private SendResult classify(ResultLadder ladder, String json) throws Exception {
    return ladder.classify(body(json), invalidated::incrementAndGet);
  }

  @Test
  void dingTalkRobotCodes() throws Exception {
    ResultLadder l = DingTalkAdapter.LADDER;
    assertThat(classify(l, "{\"errcode\":0,\"errmsg\":\"ok\"}")).isEqualTo(SendResult.sent());
    for (int code : new int[] {130101, 410100}) {
      assertThat(classify(l, "{\"errcode\":" + code + ",\"errmsg\":\"send too fast\"}"))
          .isEqualTo(
              SendResult.rateLimited(
                  "钉钉 errcode " + code + " send too fast", Duration.ofMinutes(10)));
    }
    for (int code :
        new int[] {
          310000, 300005, 400013, 400101, 400102, 400105, 400106, 40035, 43002, 430101, 430102,
          430103, 430104
        }) {
      assertThat(l.step(code)).isEqualTo(Step.PERMANENT);
      assertThat(classify(l, "{\"errcode\":" + code + ",\"errmsg\":\"x\"}"))
          .isEqualTo(SendResult.permanent("钉钉 errcode " + code + " x"));
    }
    assertThat(classify(l, "{\"errcode\":-1,\"errmsg\":\"busy\"}"))
        .isEqualTo(SendResult.retry("钉钉 errcode -1 busy"));
    assertThat(classify(l, "{\"errcode\":40014}")).isEqualTo(SendResult.retry("钉钉 errcode 40014 "));
    assertThat(classify(l, "{\"errmsg\":\"ok\"}")).isEqualTo(SendResult.retry("钉钉返回内容缺少 errcode"));
    assertThat(invalidated).hasValue(0);
  }

  @Test
  void dingTalkOpenApiStatuses() {
    ResultLadder.Http l = DingTalkAdapter.OPENAPI_LADDER;
    assertThat(l.step(200, "")).isEqualTo(Step.SENT);
    assertThat(l.result(401, "", "", invalidated::incrementAndGet))
        .isEqualTo(SendResult.retry("钉钉 HTTP 401"));
    assertThat(l.result(403, "Forbidden", "no", invalidated::incrementAndGet))
        .isEqualTo(SendResult.retry("钉钉 HTTP 403 Forbidden no"));
    assertThat(l.result(400, "InvalidAuthentication.token", "bad", invalidated::incrementAndGet))
        .isEqualTo(SendResult.retry("钉钉 HTTP 400 InvalidAuthentication.token bad"));
    assertThat(invalidated).hasValue(3);
    assertThat(l.result(429, "", "slow down", invalidated::incrementAndGet))
        .isEqualTo(SendResult.rateLimited("钉钉 HTTP 429  slow down", Duration.ofMinutes(1)));
    assertThat(l.result(400, "Throttling.Api", "", invalidated::incrementAndGet))
        .isEqualTo(SendResult.rateLimited("钉钉 HTTP 400 Throttling.Api", Duration.ofMinutes(1)));
    assertThat(l.result(500, "", "", invalidated::incrementAndGet))
        .isEqualTo(SendResult.retry("钉钉 HTTP 500"));
    assertThat(l.result(504, "gw", "", invalidated::incrementAndGet))
        .isEqualTo(SendResult.retry("钉钉 HTTP 504 gw"));
    assertThat(l.result(400, "param.invalid", "robotCode", invalidated::incrementAndGet))
        .isEqualTo(SendResult.permanent("钉钉 HTTP 400 param.invalid robotCode"));
    assertThat(l.result(404, "", "", invalidated::incrementAndGet).outcome())
        .isEqualTo(Outcome.PERMANENT);
    assertThat(invalidated).hasValue(3);
  }

  @Test
  void weComCodes() throws Exception {
    ResultLadder l = WeComAdapter.LADDER;
    assertThat(classify(l, "{\"errcode\":0,\"errmsg\":\"ok\"}")).isEqualTo(SendResult.sent());
    assertThat(classify(l, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"))
        .isEqualTo(
            SendResult.rateLimited(
                "企业微信 errcode 45009 api freq out of limit", Duration.ofSeconds(60)));
    for (int code : new int[] {40001, 40014, 42001}) {
      assertThat(l.isTokenInvalid(code)).isTrue();
      assertThat(classify(l, "{\"errcode\":" + code + ",\"errmsg\":\"token\"}"))
          .isEqualTo(SendResult.retry("企业微信 errcode " + code + " token"));
    }
    assertThat(invalidated).hasValue(3);
    for (int code : new int[] {40008, 40013, 40056, 40057, 60020, 93000, 93004, 93008, 301002}) {
      assertThat(classify(l, "{\"errcode\":" + code + ",\"errmsg\":\"x\"}"))
          .isEqualTo(SendResult.permanent("企业微信 errcode " + code + " x"));
    }
    assertThat(classify(l, "{\"errcode\":-1,\"errmsg\":\"system busy\"}"))
        .isEqualTo(SendResult.retry("企业微信 errcode -1 system busy"));
    assertThat(classify(l, "{}")).isEqualTo(SendResult.retry("企业微信返回内容缺少 errcode"));
    assertThat(invalidated).hasValue(3);
  }

  @Test
  void feishuCodes() throws Exception {
    ResultLadder l = FeishuAdapter.LADDER;
    assertThat(classify(l, "{\"code\":0,\"msg\":\"success\"}")).isEqualTo(SendResult.sent());
    assertThat(classify(l, "{\"StatusCode\":0,\"StatusMessage\":\"success\"}"))
        .isEqualTo(SendResult.sent());
    assertThat(classify(l, "{\"code\":11232,\"msg\":\"frequency limited\"}"))
        .isEqualTo(
            SendResult.rateLimited("飞书 code 11232 frequency limited", Duration.ofSeconds(60)));
    for (int code : new int[] {99991661, 99991663, 99991664, 99991668}) {
      assertThat(classify(l, "{\"code\":" + code + ",\"msg\":\"token\"}"))
          .isEqualTo(SendResult.retry("飞书 code " + code + " token"));
    }
    assertThat(invalidated).hasValue(4);
    for (int code :
        new int[] {9499, 19001, 19021, 19022, 19024, 230002, 230013, 232009, 99991672}) {
      assertThat(classify(l, "{\"code\":" + code + ",\"msg\":\"x\"}"))
          .isEqualTo(SendResult.permanent("飞书 code " + code + " x"));
    }
    // the webhook's StatusCode and StatusMessage, when the body has no code
    assertThat(classify(l, "{\"StatusCode\":19021,\"StatusMessage\":\"sign match fail\"}"))
        .isEqualTo(SendResult.permanent("飞书 code 19021 sign match fail"));
    assertThat(classify(l, "{\"code\":1,\"StatusMessage\":\"fallback\"}"))
        .isEqualTo(SendResult.retry("飞书 code 1 fallback"));
    assertThat(classify(l, "{\"data\":{}}")).isEqualTo(SendResult.retry("飞书返回内容缺少 code"));
    assertThat(invalidated).hasValue(4);
  }

  @Test
  void anHttpFailureIsKeptAsItIs() {
    SendResult failure = SendResult.retry("HTTP 502");
    for (ResultLadder l : new ResultLadder[] {DingTalkAdapter.LADDER, WeComAdapter.LADDER}) {
      assertThat(l.classify(new JsonPost.Answer(null, failure), invalidated::incrementAndGet))
          .isSameAs(failure);
    }
    assertThat(invalidated).hasValue(0);
  }

  @Test
  void aTableOfItsOwn() {
    ResultLadder l =
        ResultLadder.bodyCode("测试", "errcode", "errmsg")
            .rateLimited(Duration.ofSeconds(5), Set.of(1))
            .tokenInvalid(Set.of(2))
            .permanent(Set.of(3));
    assertThat(l.step(0)).isEqualTo(Step.SENT);
    assertThat(l.step(1)).isEqualTo(Step.RATE_LIMITED);
    assertThat(l.step(2)).isEqualTo(Step.TOKEN_INVALID);
    assertThat(l.step(3)).isEqualTo(Step.PERMANENT);
    assertThat(l.step(4)).isEqualTo(Step.RETRY);
    assertThat(l.result(1, "m", invalidated::incrementAndGet).delay())
        .isEqualTo(Duration.ofSeconds(5));
  }
}
