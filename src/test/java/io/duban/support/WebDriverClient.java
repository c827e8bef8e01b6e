package io.duban.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A minimal W3C WebDriver client for Debian's chromedriver and headless Chromium: enough to load a
 * page, fill and submit a form, run a script and take a screenshot (no Selenium dependency).
 */
public final class WebDriverClient implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Process driver;
  private final String base;
  private final String session;

  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  public WebDriverClient(Path profileDir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    driver =
        new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
            .redirectErrorStream(true)
            .start();
    base = "http://127.0.0.1:" + port;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        if (call("GET", "/status", null).path("value").path("ready").asBoolean()) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("chromedriver did not start");
      }
      Thread.sleep(100);
    }
    Map<String, Object> options =
        Map.of(
            "binary",
            CHROMIUM.toString(),
            "args",
            List.of(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--user-data-dir=" + profileDir.toAbsolutePath(),
                "--window-size=1440,2400",
                "--lang=zh-CN"));
    JsonNode created =
        call(
            "POST",
            "/session",
            Map.of(
                "capabilities",
                Map.of(
                    "alwaysMatch",
                    Map.of("browserName", "chrome", "goog:chromeOptions", options))));
    session = created.path("value").path("sessionId").asText();
    if (session.isEmpty()) {
      throw new IllegalStateException("no WebDriver session: " + created);
    }
  }

  private JsonNode call(String method, String path, Object body) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(
              method,
              HttpRequest.BodyPublishers.ofString(
                  json.writeValueAsString(body), StandardCharsets.UTF_8));
    }
    try {
      HttpResponse<String> r =
          http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return json.readTree(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private String s(String path) {
    return "/session/" + session + path;
  }

  public void open(String url) throws IOException {
    call("POST", s("/url"), Map.of("url", url));
  }

  public String element(String css) throws IOException {
    JsonNode r = call("POST", s("/element"), Map.of("using", "css selector", "value", css));
    String id = r.path("value").path(ELEMENT).asText();
    if (id.isEmpty()) {
      throw new IllegalStateException("no element " + css + ": " + r);
    }
    return id;
  }

  public void type(String css, String text) throws IOException {
    call("POST", s("/element/" + element(css) + "/value"), Map.of("text", text));
  }

  public void click(String css) throws IOException {
    call("POST", s("/element/" + element(css) + "/click"), Map.of());
  }

  public JsonNode script(String code) throws IOException {
    return call("POST", s("/execute/sync"), Map.of("script", code, "args", List.of()))
        .path("value");
  }

  /** Waits until the script returns true (a page the last click loads), at most {@code ms}. */
  public boolean waitFor(String condition, long ms) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + ms * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (script("try { return !!(" + condition + "); } catch (e) { return false; }").asBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  public String title() throws IOException {
    return call("GET", s("/title"), null).path("value").asText();
  }

  public byte[] screenshot() throws IOException {
    return Base64.getDecoder().decode(call("GET", s("/screenshot"), null).path("value").asText());
  }

  @Override
  public void close() {
    try {
      call("DELETE", s(""), null);
    } catch (IOException e) {
      // the browser is going away anyway
    }
    driver.destroy();
  }
}
