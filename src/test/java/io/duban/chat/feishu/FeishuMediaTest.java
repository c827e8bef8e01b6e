package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.InboundFile;
import io.duban.chat.MediaFetcher.Fetched;
import io.duban.chat.MediaFetcher.MediaException;
import io.duban.chat.Platform;
import io.duban.chat.RateLimit;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FeishuMedia against a stub of open.feishu.cn: the token, then the resource endpoint (path, query,
 * Authorization); JSON errors, oversized files, 5xx, expired tokens and Content-Disposition names.
 */
class FeishuMediaTest {
  static final String TOKEN_OK =
      "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-media-1\",\"expire\":7200}";
  static final InboundFile IMAGE =
      new InboundFile(InboundFile.Kind.IMAGE, null, "om_img1/img_v3_0abc?type=image");
  static final InboundFile FILE =
      new InboundFile(InboundFile.Kind.FILE, "台账.xlsx", "om_file1/file_v3_0abc?type=file");

  MockWebServer server;
  FeishuMedia media;
  BotSpec bot;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    ObjectMapper json = new ObjectMapper();
    OkHttpClient http = new OkHttpClient();
    FeishuAdapter adapter = new FeishuAdapter();
    adapter.http = http;
    adapter.json = json;
    adapter.wall = Clock.systemUTC();
    adapter.init();
    media = new FeishuMedia();
    media.http = http;
    media.json = json;
    media.adapter = adapter;
    bot =
        new BotSpec(
            "feishu-app",
            Platform.FEISHU,
            Map.of(
                "app-key",
                "cli_wujin",
                "app-secret",
                "app-secret-value",
                "api-base-url",
                server.url("/").toString().replaceAll("/$", "")),
            Duration.ofHours(1),
            RateLimit.UNPACED,
            true,
            null);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  void answer(int code, String contentType, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .setHeader("Content-Type", contentType)
            .body(body)
            .build());
  }

  RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void anImageIsFetchedWithTheTokenFromItsMessageResource() throws Exception {
    answer(200, "application/json", TOKEN_OK);
    answer(200, "image/png", "PNGDATA");
    Fetched f = media.fetch(bot, IMAGE, 1024);
    assertThat(new String(f.bytes(), StandardCharsets.UTF_8)).isEqualTo("PNGDATA");
    assertThat(f.contentType()).isEqualTo("image/png");
    assertThat(f.fileName()).isNull();
    assertThat(take().getTarget()).isEqualTo("/open-apis/auth/v3/tenant_access_token/internal");
    RecordedRequest get = take();
    assertThat(get.getMethod()).isEqualTo("GET");
    assertThat(get.getTarget())
        .isEqualTo("/open-apis/im/v1/messages/om_img1/resources/img_v3_0abc?type=image");
    assertThat(get.getHeaders().get("Authorization")).isEqualTo("Bearer t-media-1");

    answer(200, "application/octet-stream", "XLSX");
    Fetched file = media.fetch(bot, FILE, 1024);
    assertThat(file.fileName()).as("the message's own name").isEqualTo("台账.xlsx");
    RecordedRequest second = take();
    assertThat(second.getTarget())
        .as("token cached")
        .isEqualTo("/open-apis/im/v1/messages/om_file1/resources/file_v3_0abc?type=file");
  }

  @Test
  void aJsonErrorIsAFinalChineseReasonWithoutTheToken() throws Exception {
    answer(200, "application/json", TOKEN_OK);
    answer(400, "application/json; charset=utf-8", "{\"code\":230110,\"msg\":\"message deleted\"}");
    assertThatThrownBy(() -> media.fetch(bot, IMAGE, 1024))
        .isInstanceOfSatisfying(
            MediaException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("消息已撤回或删除").contains("230110");
              assertThat(e.getMessage()).doesNotContain("t-media-1");
            });
    answer(400, "application/json", "{\"code\":234004,\"msg\":\"app not in chat\"}");
    assertThatThrownBy(() -> media.fetch(bot, IMAGE, 1024))
        .isInstanceOfSatisfying(
            MediaException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("机器人不在该会话中");
            });
    answer(200, "application/json", "{\"code\":234043,\"msg\":\"unsupported\"}");
    assertThatThrownBy(() -> media.fetch(bot, IMAGE, 1024))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.retryable()).isFalse());
  }

  @Test
  void tooLargeIsRefusedByLengthOrByCounting() throws Exception {
    answer(200, "application/json", TOKEN_OK);
    answer(200, "image/jpeg", "x".repeat(2 * 1024 * 1024 + 1));
    assertThatThrownBy(() -> media.fetch(bot, IMAGE, 2 * 1024 * 1024))
        .isInstanceOfSatisfying(
            MediaException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("超过 2 MB 上限");
            });
    // no Content-Length (chunked): counted while reading
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "image/jpeg")
            .chunkedBody(new Buffer().writeUtf8("y".repeat(3000)), 512)
            .build());
    assertThatThrownBy(() -> media.fetch(bot, IMAGE, 2048))
        .isInstanceOfSatisfying(
            MediaException.class, e -> assertThat(e.getMessage()).contains("超过 2 KB 上限"));
    answer(200, "image/jpeg", "z".repeat(2048));
    assertThat(media.fetch(bot, IMAGE, 2048).bytes()).as("exactly the limit").hasSize(2048);
  }

  @Test
  void serverErrorsAndRateLimitsAreRetryable() throws Exception {
    answer(200, "application/json", TOKEN_OK);
    answer(503, "text/html", "<html>busy</html>");
    assertThatThrownBy(() -> media.fetch(bot, IMAGE, 1024))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.retryable()).isTrue());
    answer(400, "application/json", "{\"code\":99991400,\"msg\":\"frequency limit\"}");
    assertThatThrownBy(() -> media.fetch(bot, IMAGE, 1024))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.retryable()).isTrue());
    server.close();
    assertThatThrownBy(() -> media.fetch(bot, IMAGE, 1024))
        .as("network")
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  void anInvalidTokenIsRenewedAndTriedOnce() throws Exception {
    answer(200, "application/json", TOKEN_OK);
    answer(400, "application/json", "{\"code\":99991663,\"msg\":\"invalid access token\"}");
    answer(
        200,
        "application/json",
        "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-media-2\",\"expire\":7200}");
    answer(200, "image/png", "PNG2");
    assertThat(new String(media.fetch(bot, IMAGE, 1024).bytes(), StandardCharsets.UTF_8))
        .isEqualTo("PNG2");
    take();
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer t-media-1");
    assertThat(take().getTarget()).isEqualTo("/open-apis/auth/v3/tenant_access_token/internal");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer t-media-2");

    answer(400, "application/json", "{\"code\":99991663,\"msg\":\"invalid access token\"}");
    answer(200, "application/json", TOKEN_OK);
    answer(400, "application/json", "{\"code\":99991663,\"msg\":\"invalid access token\"}");
    assertThatThrownBy(() -> media.fetch(bot, IMAGE, 1024))
        .as("only once")
        .isInstanceOfSatisfying(
            MediaException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).doesNotContain("t-media");
            });
    assertThat(server.getRequestCount()).isEqualTo(7);
  }

  @Test
  void contentDispositionNamesAreDecoded() throws Exception {
    answer(200, "application/json", TOKEN_OK);
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/pdf")
            .setHeader(
                "Content-Disposition",
                "attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%E5%B0%B1%E4%B8%9A%E5%8F%B0%E8%B4%A6.pdf")
            .body("%PDF")
            .build());
    assertThat(media.fetch(bot, FILE, 1024).fileName()).isEqualTo("就业台账.pdf");
    assertThat(
            io.duban.chat.DispositionNames.fromDisposition(
                "attachment; filename=\"plain name.png\""))
        .isEqualTo("plain name.png");
    assertThat(
            io.duban.chat.DispositionNames.fromDisposition(
                "attachment; filename==?UTF-8?B?5Y+w6LSmLnhsc3g=?="))
        .isEqualTo("台账.xlsx");
    assertThat(
            io.duban.chat.DispositionNames.fromDisposition(
                "attachment; filename=%E5%8F%B0%E8%B4%A6.xlsx"))
        .isEqualTo("台账.xlsx");
    assertThat(
            io.duban.chat.DispositionNames.fromDisposition(
                "attachment; filename=\"../../etc/passwd\""))
        .isEqualTo("passwd");
    assertThat(io.duban.chat.DispositionNames.fromDisposition("inline")).isNull();
    assertThat(io.duban.chat.DispositionNames.fromDisposition(null)).isNull();
  }

  @Test
  void badRefsAndBotsWithoutAnAppAreRefusedWithoutARequest() {
    for (String ref : new String[] {"om_1", "om_1/../x?type=image", "om_1/k?type=video", null}) {
      assertThatThrownBy(
              () -> media.fetch(bot, new InboundFile(InboundFile.Kind.IMAGE, null, ref), 9))
          .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.retryable()).isFalse());
    }
    BotSpec hook =
        new BotSpec(
            "feishu-group",
            Platform.FEISHU,
            Map.of("webhook-url", "http://localhost/x"),
            Duration.ofHours(1),
            RateLimit.UNPACED,
            true,
            null);
    assertThatThrownBy(() -> media.fetch(hook, IMAGE, 9)).isInstanceOf(MediaException.class);
    assertThat(server.getRequestCount()).isZero();
    assertThat(media.platform()).isEqualTo(Platform.FEISHU);
  }
}
