package io.duban.chat.wecom;

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
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WeComMedia against docs/attachments.md §3.3's test vectors (a pad of 18 and of 32, which the
 * JDK's PKCS5Padding refuses) and a local WeCom: the 智能机器人 URL's encrypted bytes, media/get's
 * bytes, its JSON errors (expired: final; rate: retry; token: refreshed once), 5xx, oversize.
 */
class WeComMediaTest {
  static final String AESKEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
  static final String VECTOR_1 = "RK54oxtFZOqctYHrp40YAb3apRGJw3uuUw2244knijE=";
  static final String VECTOR_2 =
      "sKqRbbiSUnDhFHOvPjtUMfYoFyddK9ch5r9fm7N8dNbkJwNiuFuxzcG6bM9+PPjQTnXPR4LNEkU34V5+9yoK8A==";

  MockWebServer server;
  WeComMedia media;
  BotSpec bot;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
    WeComAdapter adapter = new WeComAdapter();
    adapter.http = http;
    adapter.json = new ObjectMapper();
    adapter.wall = Clock.systemUTC();
    adapter.init();
    media = new WeComMedia();
    media.http = http;
    media.json = new ObjectMapper();
    media.adapter = adapter;
    bot = bot(Map.of());
  }

  BotSpec bot(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>();
    values.put("corp-id", "ww-corp");
    values.put("corp-secret", "corp-secret-value");
    values.put("agent-id", "1000002");
    values.put("api-base-url", server.url("/").toString().replaceAll("/$", ""));
    values.putAll(extra);
    return new BotSpec(
        "wecom-x", Platform.WECOM, values, Duration.ofMinutes(5), RateLimit.UNPACED, true, null);
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  static byte[] key() {
    return Base64.getDecoder().decode(AESKEY);
  }

  @Test
  void theDocumentedVectorsDecryptIncludingPadsAbove16() throws Exception {
    assertThat(HexFormat.of().formatHex(key()))
        .isEqualTo("8d69989bbaabe67328014c194631ad0719b3dca035b64023df292447aab60760");
    byte[] one = WeComMedia.decrypt(key(), Base64.getDecoder().decode(VECTOR_1));
    assertThat(new String(one, StandardCharsets.UTF_8)).isEqualTo("DUBAN-EVIDENCE");
    byte[] two = WeComMedia.decrypt(key(), Base64.getDecoder().decode(VECTOR_2));
    assertThat(new String(two, StandardCharsets.UTF_8))
        .isEqualTo("0123456789abcdef0123456789abcdef");
    // the key with its trailing '=' is the same key
    assertThat(Base64.getDecoder().decode(AESKEY + "=")).isEqualTo(key());
  }

  @Test
  void aBadPadOrLengthIsADecryptionFailureNotRetried() throws Exception {
    byte[] bad = encryptRaw(new byte[32]); // last byte 0: pad 0
    assertThatThrownBy(() -> WeComMedia.decrypt(key(), bad))
        .isInstanceOf(MediaException.class)
        .hasMessage("文件解密失败")
        .matches(e -> !((MediaException) e).retryable());
    byte[] uneven = new byte[32];
    uneven[31] = 3;
    uneven[30] = 4; // pad bytes not all equal
    assertThatThrownBy(() -> WeComMedia.decrypt(key(), encryptRaw(uneven))).hasMessage("文件解密失败");
    byte[] big = new byte[64];
    java.util.Arrays.fill(big, (byte) 33); // pad 33 > 32
    assertThatThrownBy(() -> WeComMedia.decrypt(key(), encryptRaw(big))).hasMessage("文件解密失败");
    assertThatThrownBy(() -> WeComMedia.decrypt(key(), new byte[15])).hasMessage("文件解密失败");
  }

  static byte[] encryptRaw(byte[] plain) throws Exception {
    Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
    c.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(key(), "AES"),
        new IvParameterSpec(java.util.Arrays.copyOf(key(), 16)));
    return c.doFinal(plain);
  }

  static Buffer bytes(byte[] b) {
    return new Buffer().write(b);
  }

  String aiBotRef(String path, String aeskey) {
    return WeComFiles.AIBOT + aeskey + ":" + server.url(path);
  }

  @Test
  void anAiBotUrlIsFetchedAndDecryptedWithItsAeskeyAndNamedByContentDisposition() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .body(bytes(Base64.getDecoder().decode(VECTOR_1)))
            .addHeader("Content-Type", "application/octet-stream")
            .addHeader("Content-Disposition", "attachment; filename*=UTF-8''%E7%85%A7%E7%89%87.jpg")
            .build());
    Fetched f =
        media.fetch(
            bot,
            new InboundFile(InboundFile.Kind.IMAGE, null, aiBotRef("/aibot/img1", AESKEY)),
            1000);
    assertThat(new String(f.bytes(), StandardCharsets.UTF_8)).isEqualTo("DUBAN-EVIDENCE");
    assertThat(f.fileName()).isEqualTo("照片.jpg");
    RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(r.getUrl().encodedPath()).isEqualTo("/aibot/img1");
  }

  @Test
  void inCallbackModeTheBotsEncodingAesKeyDecrypts() throws Exception {
    server.enqueue(
        new MockResponse.Builder().body(bytes(Base64.getDecoder().decode(VECTOR_2))).build());
    Fetched f =
        media.fetch(
            bot(Map.of("encoding-aes-key", AESKEY)),
            new InboundFile(InboundFile.Kind.FILE, null, aiBotRef("/aibot/f1", "")),
            1000);
    assertThat(new String(f.bytes(), StandardCharsets.UTF_8))
        .isEqualTo("0123456789abcdef0123456789abcdef");
  }

  @Test
  void oversizedAnd5xxAndForeignHttpAreRefused() throws Exception {
    server.enqueue(new MockResponse.Builder().body(bytes(new byte[2 * 1024 * 1024 + 16])).build());
    InboundFile f = new InboundFile(InboundFile.Kind.IMAGE, null, aiBotRef("/big", AESKEY));
    assertThatThrownBy(() -> media.fetch(bot, f, 1024 * 1024))
        .hasMessage("超过 1 MB 上限")
        .matches(e -> !((MediaException) e).retryable());
    server.enqueue(new MockResponse.Builder().code(502).build());
    assertThatThrownBy(() -> media.fetch(bot, f, 1024 * 1024))
        .matches(e -> ((MediaException) e).retryable());
    // plain http to a host that is not the bot's own loopback API is never fetched
    InboundFile foreign =
        new InboundFile(
            InboundFile.Kind.IMAGE, null, WeComFiles.AIBOT + AESKEY + ":http://example.invalid/x");
    assertThatThrownBy(() -> media.fetch(bot, foreign, 1000))
        .matches(e -> !((MediaException) e).retryable());
  }

  void token() {
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"errcode\":0,\"access_token\":\"wc-token\",\"expires_in\":7200}")
            .build());
  }

  static InboundFile mediaRef(String id) {
    return new InboundFile(InboundFile.Kind.IMAGE, null, WeComFiles.MEDIA + id);
  }

  @Test
  void mediaGetGivesTheBytesWithTheAppToken() throws Exception {
    token();
    server.enqueue(
        new MockResponse.Builder()
            .body(bytes(new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2}))
            .addHeader("Content-Type", "image/jpeg")
            .addHeader("Content-Disposition", "attachment; filename=\"MEDIA_ID_1.jpg\"")
            .build());
    Fetched f = media.fetch(bot, mediaRef("MEDIA_ID_1"), 1000);
    assertThat(f.bytes()).containsExactly((byte) 0xff, (byte) 0xd8, 1, 2);
    assertThat(f.contentType()).isEqualTo("image/jpeg");
    assertThat(f.fileName()).isEqualTo("MEDIA_ID_1.jpg");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/cgi-bin/gettoken");
    RecordedRequest get = server.takeRequest();
    assertThat(get.getUrl().encodedPath()).isEqualTo("/cgi-bin/media/get");
    assertThat(get.getUrl().queryParameter("access_token")).isEqualTo("wc-token");
    assertThat(get.getUrl().queryParameter("media_id")).isEqualTo("MEDIA_ID_1");
  }

  void jsonError(int code, String type) {
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"errcode\":" + code + ",\"errmsg\":\"x\"}")
            .addHeader("Content-Type", type)
            .build());
  }

  @Test
  void mediaGetJsonErrorsAreClassified() throws Exception {
    token();
    jsonError(40007, "application/json; encoding=utf-8");
    assertThatThrownBy(() -> media.fetch(bot, mediaRef("OLD"), 1000))
        .matches(e -> !((MediaException) e).retryable())
        .hasMessageContaining("过期")
        .hasMessageNotContaining("wc-token");
    jsonError(45009, "text/plain");
    assertThatThrownBy(() -> media.fetch(bot, mediaRef("M"), 1000))
        .matches(e -> ((MediaException) e).retryable());
    // no Content-Type, but an errcode body: still an error
    server.enqueue(new MockResponse.Builder().body("{\"errcode\":-1,\"errmsg\":\"busy\"}").build());
    assertThatThrownBy(() -> media.fetch(bot, mediaRef("M"), 1000))
        .matches(e -> ((MediaException) e).retryable());
    server.enqueue(new MockResponse.Builder().code(503).build());
    assertThatThrownBy(() -> media.fetch(bot, mediaRef("M"), 1000))
        .matches(e -> ((MediaException) e).retryable());
  }

  @Test
  void anExpiredTokenIsRefreshedAndTheDownloadTriedOnce() throws Exception {
    token();
    jsonError(42001, "application/json");
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"errcode\":0,\"access_token\":\"wc-token-2\",\"expires_in\":7200}")
            .build());
    server.enqueue(
        new MockResponse.Builder()
            .body(bytes(new byte[] {7}))
            .addHeader("Content-Type", "image/png")
            .build());
    Fetched f = media.fetch(bot, mediaRef("M"), 1000);
    assertThat(f.bytes()).containsExactly(7);
    server.takeRequest();
    server.takeRequest();
    server.takeRequest();
    assertThat(server.takeRequest().getUrl().queryParameter("access_token"))
        .isEqualTo("wc-token-2");
  }

  @Test
  void anOversizedMediaIsRefused() throws Exception {
    token();
    server.enqueue(
        new MockResponse.Builder()
            .body(bytes(new byte[3000]))
            .addHeader("Content-Type", "image/png")
            .build());
    assertThatThrownBy(() -> media.fetch(bot, mediaRef("M"), 2048))
        .hasMessageContaining("KB 上限")
        .matches(e -> !((MediaException) e).retryable());
  }
}
