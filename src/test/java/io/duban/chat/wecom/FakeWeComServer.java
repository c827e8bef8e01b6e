package io.duban.chat.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * WeCom's long-connection end on loopback, as the SDK's src/ws.ts expects it: acks {@code
 * aibot_subscribe} (recording bot_id and secret) and {@code ping} with the same req_id, records the
 * replies and pushes and acks each with the next queued errcode (0 by default), and pushes frames
 * to the newest connection.
 */
final class FakeWeComServer implements AutoCloseable {
  private final ObjectMapper json = new ObjectMapper();
  final MockWebServer server = new MockWebServer();
  final List<JsonNode> subscribes = new CopyOnWriteArrayList<>();
  final LinkedBlockingQueue<JsonNode> sent = new LinkedBlockingQueue<>();
  final AtomicInteger pings = new AtomicInteger();
  final AtomicInteger opened = new AtomicInteger();
  final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
  private final Deque<Integer> ackCodes = new ArrayDeque<>();
  volatile boolean answerPings = true;
  volatile int subscribeCode = 0;

  FakeWeComServer() throws IOException {
    server.start();
    for (int i = 0; i < 20; i++) {
      server.enqueue(new MockResponse.Builder().webSocketUpgrade(new End()).build());
    }
  }

  String url() {
    return server.url("/").toString().replaceFirst("^http", "ws");
  }

  synchronized void ackNext(int errcode) {
    ackCodes.add(errcode);
  }

  private synchronized int nextAck() {
    Integer c = ackCodes.poll();
    return c == null ? 0 : c;
  }

  WebSocket newest() {
    return sockets.get(sockets.size() - 1);
  }

  /** Drops the newest connection from WeCom's side (the server end cannot cancel). */
  void drop() {
    newest().close(1011, "server restart");
  }

  void push(String frame) {
    newest().send(frame);
  }

  /** A message frame: {@code body} as the callback's JSON body, under {@code reqId}. */
  void pushMessage(String reqId, String body) {
    push(
        "{\"cmd\":\"aibot_msg_callback\",\"headers\":{\"req_id\":\""
            + reqId
            + "\"},\"body\":"
            + body
            + "}");
  }

  JsonNode nextSent() throws InterruptedException {
    JsonNode f = sent.poll(10, TimeUnit.SECONDS);
    if (f == null) {
      throw new AssertionError("nothing sent over the connection within 10 s");
    }
    return f;
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws IOException {
    for (WebSocket s : sockets) {
      s.close(1001, null);
    }
    server.close();
  }

  private final class End extends WebSocketListener {
    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      sockets.add(webSocket);
      opened.incrementAndGet();
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      JsonNode frame;
      try {
        frame = json.readTree(text);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      String cmd = frame.path("cmd").asText();
      String reqId = frame.path("headers").path("req_id").asText();
      switch (cmd) {
        case "aibot_subscribe" -> {
          subscribes.add(frame);
          ack(webSocket, reqId, subscribeCode);
        }
        case "ping" -> {
          pings.incrementAndGet();
          if (answerPings) {
            ack(webSocket, reqId, 0);
          }
        }
        default -> {
          sent.add(frame);
          ack(webSocket, reqId, nextAck());
        }
      }
    }

    private void ack(WebSocket to, String reqId, int code) {
      to.send(
          "{\"headers\":{\"req_id\":\""
              + reqId
              + "\"},\"errcode\":"
              + code
              + ",\"errmsg\":\""
              + (code == 0 ? "ok" : "refused")
              + "\"}");
    }
  }
}
