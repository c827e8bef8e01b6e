package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.HttpClients;
import io.duban.chat.InboundFile;
import io.duban.chat.MediaFetcher.Fetched;
import io.duban.chat.MediaFetcher.MediaException;
import io.duban.chat.Platform;
import io.duban.chat.RateLimit;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DingTalk downloads (docs/attachments.md §1.2) against a local stub standing in for the API host
 * and the temporary link: token, exact messageFiles/download request, the link's bytes, type and
 * name; refusals (403, expired code), limits, retryable 503 and network errors, and link checks.
 */
class DingTalkMediaTest {
  static final InboundFile PICTURE = new InboundFile(InboundFile.Kind.IMAGE, null, "mIofPIC1");
  static final ObjectMapper JSON = new ObjectMapper();

  MockWebServer server;
  String base;
  DingTalkMedia media;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    base = server.url("/").toString().replaceAll("/$", "");
    DingTalkAdapter adapter = new DingTalkAdapter();
    adapter.http =
        HttpClients.build(
            Duration.ofSeconds(5), java.util.Optional.empty(), java.util.Optional.empty());
    adapter.json = JSON;
    adapter.wall = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneOffset.UTC);
    adapter.init();
    media = new DingTalkMedia();
    media.adapter = adapter;
    media.http = adapter.http;
    media.json = JSON;
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  BotSpec bot(String... keyValues) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("api-base-url", base);
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return new BotSpec(
        "dt", Platform.DINGTALK, values, Duration.ofHours(1), RateLimit.UNPACED, true, null);
  }

  BotSpec appBot() {
    return bot("app-key", "dingappkey", "app-secret", "s3cret", "robot-code", "dingROBOT");
  }

  void token() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"accessToken\":\"at-123\",\"expireIn\":7200}")
            .build());
  }

  void link(String url) {
    server.enqueue(
        new MockResponse.Builder().code(200).body("{\"downloadUrl\":\"" + url + "\"}").build());
  }

  static MockResponse answer(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void aPictureIsFetchedByItsDownloadCodeThenItsLink() throws Exception {
    token();
    link(base + "/oss/pic1.png?Expires=1&Signature=sig");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "image/png")
            .body(new Buffer().write(png))
            .build());

    Fetched f = media.fetch(appBot(), PICTURE, 1024);
    assertThat(f.bytes()).isEqualTo(png);
    assertThat(f.contentType()).isEqualTo("image/png");
    assertThat(f.fileName()).isNull();

    RecordedRequest token = server.takeRequest();
    assertThat(token.getTarget()).isEqualTo("/v1.0/oauth2/accessToken");
    RecordedRequest download = server.takeRequest();
    assertThat(download.getMethod()).isEqualTo("POST");
    assertThat(download.getTarget()).isEqualTo("/v1.0/robot/messageFiles/download");
    assertThat(download.getHeaders().get("x-acs-dingtalk-access-token")).isEqualTo("at-123");
    assertThat(download.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(download.getBody().utf8())
        .isEqualTo("{\"downloadCode\":\"mIofPIC1\",\"robotCode\":\"dingROBOT\"}");
    RecordedRequest get = server.takeRequest();
    assertThat(get.getMethod()).isEqualTo("GET");
    assertThat(get.getTarget()).isEqualTo("/oss/pic1.png?Expires=1&Signature=sig");
    assertThat(get.getHeaders().get("x-acs-dingtalk-access-token"))
        .as("the link gets no DingTalk token")
        .isNull();
  }

  @Test
  void aFileTakesItsNameFromContentDispositionElseItsOwn() throws Exception {
    token();
    link(base + "/oss/f1");
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/pdf")
            .addHeader(
                "Content-Disposition",
                "attachment; filename=\"x.pdf\"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA.pdf")
            .body("%PDF-1.4")
            .build());
    InboundFile file = new InboundFile(InboundFile.Kind.FILE, "现场照片.pdf", "LJYYF1");
    Fetched f = media.fetch(appBot(), file, 1024);
    assertThat(f.fileName()).isEqualTo("现场.pdf");
    assertThat(new String(f.bytes(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.4");

    link(base + "/oss/f2");
    server.enqueue(new MockResponse.Builder().code(200).body("%PDF-1.4").build());
    assertThat(media.fetch(appBot(), file, 1024).fileName())
        .as("no Content-Disposition: the name the message gave")
        .isEqualTo("现场照片.pdf");
  }

  @Test
  void contentDispositionNamesLoseTheirPath() {
    assertThat(
            io.duban.chat.DispositionNames.fromDisposition(
                "attachment; filename=\"../../etc/passwd\""))
        .isEqualTo("passwd");
    assertThat(io.duban.chat.DispositionNames.fromDisposition("attachment; filename=a.png"))
        .isEqualTo("a.png");
    assertThat(io.duban.chat.DispositionNames.fromDisposition("inline")).isNull();
    assertThat(io.duban.chat.DispositionNames.fromDisposition(null)).isNull();
  }

  @Test
  void anExpiredCodeIsRefusedForGoodInChinese() throws Exception {
    token();
    server.enqueue(
        answer(
            403,
            "{\"code\":\"Forbidden.AccessDenied.DownloadCodeExpired\",\"message\":\"下载码已过期\","
                + "\"requestid\":\"R1\"}"));
    assertThatThrownBy(() -> media.fetch(appBot(), PICTURE, 1024))
        .isInstanceOfSatisfying(
            MediaException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage())
                  .startsWith("钉钉拒绝下载（HTTP 403 Forbidden.AccessDenied.DownloadCodeExpired）")
                  .doesNotContain("at-123")
                  .doesNotContain("127.0.0.1");
            });
    assertThat(server.getRequestCount()).isEqualTo(2);

    server.enqueue(answer(400, "{\"code\":\"invalidParameter\",\"message\":\"bad\"}"));
    assertThatThrownBy(() -> media.fetch(appBot(), PICTURE, 1024))
        .isInstanceOfSatisfying(
            MediaException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("下载码无效或已过期");
            });
  }

  @Test
  void a503OrThrottlingIsRetryable() throws Exception {
    token();
    server.enqueue(answer(503, "{\"code\":\"ServiceUnavailable\"}"));
    assertThatThrownBy(() -> media.fetch(appBot(), PICTURE, 1024))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.retryable()).isTrue());
    server.enqueue(answer(429, "{\"code\":\"Throttling.Api\"}"));
    assertThatThrownBy(() -> media.fetch(appBot(), PICTURE, 1024))
        .isInstanceOfSatisfying(
            MediaException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("限流");
            });
    link(base + "/oss/p");
    server.enqueue(new MockResponse.Builder().code(502).build());
    assertThatThrownBy(() -> media.fetch(appBot(), PICTURE, 1024))
        .as("the link itself answering 502")
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.retryable()).isTrue());
    link(base + "/oss/gone");
    server.enqueue(new MockResponse.Builder().code(404).build());
    assertThatThrownBy(() -> media.fetch(appBot(), PICTURE, 1024))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.retryable()).isFalse());
  }

  @Test
  void aRefusedTokenIsFetchedAgainOnce() throws Exception {
    token();
    server.enqueue(
        answer(401, "{\"code\":\"InvalidAuthentication\",\"message\":\"不合法的access_token\"}"));
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"accessToken\":\"at-456\",\"expireIn\":7200}")
            .build());
    link(base + "/oss/p");
    server.enqueue(new MockResponse.Builder().code(200).body("GIF89a").build());
    assertThat(media.fetch(appBot(), PICTURE, 1024).bytes()).hasSize(6);
    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get("x-acs-dingtalk-access-token"))
        .isEqualTo("at-123");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v1.0/oauth2/accessToken");
    assertThat(server.takeRequest().getHeaders().get("x-acs-dingtalk-access-token"))
        .isEqualTo("at-456");
  }

  @Test
  void beyondTheLimitIsRefusedForGood() throws Exception {
    token();
    link(base + "/oss/big");
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(new Buffer().write(new byte[3 * 1024 * 1024 + 1]))
            .build());
    assertThatThrownBy(() -> media.fetch(appBot(), PICTURE, 3 * 1024 * 1024))
        .isInstanceOfSatisfying(
            MediaException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).isEqualTo("超过 3 MB 上限");
            });
    // chunked (no Content-Length): stopped after maxBytes + 1
    link(base + "/oss/chunked");
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .chunkedBody(new Buffer().write(new byte[2048]), 256)
            .build());
    assertThatThrownBy(() -> media.fetch(appBot(), PICTURE, 1024))
        .isInstanceOfSatisfying(
            MediaException.class, e -> assertThat(e.getMessage()).isEqualTo("超过 1 KB 上限"));
  }

  @Test
  void onlyHttpsOrTheConfiguredApiOriginIsFollowed() throws Exception {
    token();
    for (String bad :
        new String[] {
          "file:///etc/passwd", "ftp://example.com/a", "http://example.com/a", "javascript:x", ""
        }) {
      if (bad.isEmpty()) {
        server.enqueue(answer(200, "{}"));
      } else {
        link(bad);
      }
      assertThatThrownBy(() -> media.fetch(appBot(), PICTURE, 1024))
          .as(bad)
          .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.retryable()).isFalse());
    }
    assertThat(server.getRequestCount()).as("no link was followed").isEqualTo(6);
    assertThat(
            DingTalkMedia.checked(appBot(), okhttp3.HttpUrl.parse("https://oss.example.com/a?b=c")))
        .isNotNull();
  }

  @Test
  void aRedirectToAPlainHttpHostIsNotFollowed() throws Exception {
    token();
    link(base + "/oss/r");
    server.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", "http://example.com/x").build());
    assertThatThrownBy(() -> media.fetch(appBot(), PICTURE, 1024))
        .isInstanceOf(MediaException.class);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aBotWithoutTheAppCannotDownload() {
    assertThatThrownBy(() -> media.fetch(bot("app-key", "k", "app-secret", "s"), PICTURE, 1024))
        .isInstanceOfSatisfying(
            MediaException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).isEqualTo(DingTalkMedia.NO_APP);
            });
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aNetworkErrorIsRetryable() throws Exception {
    String api = base;
    server.close();
    BotSpec bot =
        new BotSpec(
            "dt",
            Platform.DINGTALK,
            Map.of("api-base-url", api, "app-key", "k", "app-secret", "s", "robot-code", "r"),
            Duration.ofHours(1),
            RateLimit.UNPACED,
            true,
            null);
    assertThatThrownBy(() -> media.fetch(bot, PICTURE, 1024))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.retryable()).isTrue());
  }
}
