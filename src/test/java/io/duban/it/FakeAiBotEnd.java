package io.duban.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * WeCom's 智能机器人 long-connection end on loopback for the two-process test: upgrades every request,
 * acks {@code aibot_subscribe} and {@code ping} with the same req_id, acks every other frame with
 * errcode 0 and records it with the connection it came on, and counts the live subscribed
 * connections per bot_id (a connection stops being live when it closes or fails, e.g. its process
 * was killed).
 */
final class FakeAiBotEnd implements AutoCloseable {
  /** One frame an instance sent (not a ping), with the connection it came on. */
  record Sent(WebSocket on, JsonNode frame, long atNanos) {}

  /** One subscription: the connection and when it came. */
  record Subscribed(WebSocket socket, String botId, long atNanos) {}

  private final ObjectMapper json = new ObjectMapper();
  private final MockWebServer server = new MockWebServer();
  private final Map<WebSocket, String> live = new ConcurrentHashMap<>();
  final List<Subscribed> subscribes = new CopyOnWriteArrayList<>();
  final List<Sent> sent = new CopyOnWriteArrayList<>();
  final Set<WebSocket> opened = ConcurrentHashMap.newKeySet();

  FakeAiBotEnd() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().webSocketUpgrade(new End()).build();
          }
        });
    server.start();
  }

  String url() {
    return server.url("/").toString().replaceFirst("^http", "ws");
  }

  /** How many subscribed connections of the bot are open now. */
  int live(String botId) {
    return (int) live.values().stream().filter(botId::equals).count();
  }

  /** The bot's live connection (the only one, when {@link #live} is 1). */
  WebSocket liveSocket(String botId) {
    return live.entrySet().stream()
        .filter(e -> botId.equals(e.getValue()))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no live connection of " + botId));
  }

  /** Pushes a 智能机器人 text message on a connection. */
  void pushText(WebSocket on, String reqId, String msgId, String chatId, String text) {
    on.send(
        "{\"cmd\":\"aibot_msg_callback\",\"headers\":{\"req_id\":\""
            + reqId
            + "\"},\"body\":{\"msgid\":\""
            + msgId
            + "\",\"aibotid\":\"aibot-two\",\"chatid\":\""
            + chatId
            + "\",\"chattype\":\"group\",\"from\":{\"userid\":\"wx-rsj-01\"},"
            + "\"msgtype\":\"text\",\"text\":{\"content\":\"@督办助手 "
            + text
            + "\"}}}");
  }

  /** The frames sent with a req_id (replies to the message pushed under it). */
  List<Sent> sentWith(String reqId) {
    return sent.stream()
        .filter(s -> reqId.equals(s.frame().path("headers").path("req_id").asText()))
        .toList();
  }

  @Override
  public void close() throws IOException {
    for (WebSocket s : opened) {
      s.close(1001, null); // the server end of OkHttp's WebSocket cannot cancel
    }
    server.close();
  }

  private final class End extends WebSocketListener {
    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      opened.add(webSocket);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      JsonNode frame;
      try {
        frame = json.readTree(text);
      } catch (IOException e) {
        return;
      }
      String cmd = frame.path("cmd").asText();
      String reqId = frame.path("headers").path("req_id").asText();
      if ("aibot_subscribe".equals(cmd)) {
        String botId = frame.path("body").path("bot_id").asText();
        live.put(webSocket, botId);
        subscribes.add(new Subscribed(webSocket, botId, System.nanoTime()));
      } else if (!"ping".equals(cmd)) {
        sent.add(new Sent(webSocket, frame, System.nanoTime()));
      }
      webSocket.send(
          "{\"headers\":{\"req_id\":\"" + reqId + "\"},\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      live.remove(webSocket);
      webSocket.close(1000, null);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      live.remove(webSocket);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      live.remove(webSocket);
    }
  }
}
