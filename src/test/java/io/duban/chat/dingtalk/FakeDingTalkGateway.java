package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * DingTalk's Stream gateway on loopback: the ticket endpoint (one ticket per request, each good for
 * one connection; {@link #refuseNextTickets} makes it answer 401), the WebSocket the tickets open,
 * and the session webhook replies go to. Every frame the client sends back is recorded as an {@link
 * Ack}, with whether the robot message it acknowledges was in the inbox when it arrived.
 */
final class FakeDingTalkGateway implements AutoCloseable {
  static final String CLIENT_ID = "dingstreamkey";

  /** An acknowledgement received, with whether its message was stored before it came. */
  record Ack(int connection, String messageId, int code, String data, boolean storedBefore) {}

  /** One accepted socket. */
  record Conn(int index, String ticket, WebSocket socket) {}

  final MockWebServer server = new MockWebServer();
  final ObjectMapper json = new ObjectMapper();
  final List<JsonNode> ticketRequests = new CopyOnWriteArrayList<>();
  final List<String> ticketsIssued = new CopyOnWriteArrayList<>();
  final List<String> ticketsUsed = new CopyOnWriteArrayList<>();
  final BlockingQueue<Conn> opened = new LinkedBlockingQueue<>();
  final List<Ack> allAcks = new CopyOnWriteArrayList<>();
  final BlockingQueue<Integer> closedByClient = new LinkedBlockingQueue<>();
  final BlockingQueue<RecordedRequest> replies = new LinkedBlockingQueue<>();
  final AtomicInteger refuseNextTickets = new AtomicInteger();

  /**
   * Once released, the server stops reading the connection that sent the next acknowledgement (its
   * reader blocks, so the client's pings get no pong): a dead connection.
   */
  final CountDownLatch hang = new CountDownLatch(1);

  final AtomicBoolean hangNextAck = new AtomicBoolean();
  private final AtomicInteger connections = new AtomicInteger();

  /** Frame messageId → the robot message's msgId, for the stored-before-ack check. */
  private final Map<String, String> botFrames = new ConcurrentHashMap<>();

  private final String secret;
  private final Predicate<String> stored;

  /**
   * @param secret the app secret the ticket request must carry
   * @param stored whether a msgId is in the inbox (asked when its acknowledgement arrives)
   */
  FakeDingTalkGateway(String secret, Predicate<String> stored) throws IOException {
    this.secret = secret;
    this.stored = stored;
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            return answer(r);
          }
        });
    server.start();
  }

  String base() {
    return server.url("/").toString().replaceAll("/$", "");
  }

  private MockResponse answer(RecordedRequest r) {
    String path = r.getUrl().encodedPath();
    if (path.equals("/v1.0/gateway/connections/open")) {
      return ticket(r);
    }
    if (path.equals("/connect")) {
      String ticket = r.getUrl().queryParameter("ticket");
      if (ticket == null || !ticketsIssued.contains(ticket) || ticketsUsed.contains(ticket)) {
        return new MockResponse.Builder().code(403).body("{\"code\":\"forbidden\"}").build();
      }
      ticketsUsed.add(ticket);
      int index = connections.incrementAndGet();
      return new MockResponse.Builder().webSocketUpgrade(new ServerSide(index, ticket)).build();
    }
    replies.add(r);
    return new MockResponse.Builder().code(200).body("{\"errcode\":0,\"errmsg\":\"ok\"}").build();
  }

  private MockResponse ticket(RecordedRequest r) {
    JsonNode body;
    try {
      body = json.readTree(r.getBody().utf8());
    } catch (IOException e) {
      return new MockResponse.Builder().code(400).build();
    }
    ticketRequests.add(body);
    if (!r.getMethod().equals("POST")
        || !CLIENT_ID.equals(body.path("clientId").asText())
        || !secret.equals(body.path("clientSecret").asText())) {
      return new MockResponse.Builder().code(401).body("{\"code\":\"bad client\"}").build();
    }
    if (refuseNextTickets.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return new MockResponse.Builder()
          .code(401)
          .body("{\"code\":\"InvalidAuthentication\",\"message\":\"refused for the test\"}")
          .build();
    }
    // a ticket with characters that must be URL-encoded in the connect address
    String ticket = "tk+/=" + (ticketsIssued.size() + 1) + "&x";
    ticketsIssued.add(ticket);
    String endpoint = "ws://" + server.getHostName() + ":" + server.getPort() + "/connect";
    return new MockResponse.Builder()
        .code(200)
        .body("{\"endpoint\":\"" + endpoint + "\",\"ticket\":\"" + ticket + "\"}")
        .build();
  }

  /** The next socket the client opened. */
  Conn awaitConnection() throws InterruptedException {
    Conn c = opened.poll(20, TimeUnit.SECONDS);
    assertThat(c).as("the client connects").isNotNull();
    return c;
  }

  /** The (first) acknowledgement of {@code messageId}, waiting for it. */
  Ack awaitAck(String messageId) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      for (Ack a : allAcks) {
        if (messageId.equals(a.messageId())) {
          return a;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no acknowledgement of " + messageId);
  }

  /** Pushes a frame of {@code type} and {@code topic} carrying {@code data} (a JSON text). */
  void push(Conn c, String type, String topic, String messageId, String data) {
    ObjectNode f = json.createObjectNode();
    f.put("specVersion", "1.0");
    f.put("type", type);
    ObjectNode h = f.putObject("headers");
    h.put("topic", topic);
    h.put("messageId", messageId);
    h.put("contentType", "application/json");
    h.put("time", "1795831200000");
    h.put("appId", "app-1");
    h.put("connectionId", "conn-" + c.index());
    f.put("data", data);
    assertThat(c.socket().send(f.toString())).isTrue();
  }

  /** Pushes a robot message (the HTTP callback's JSON) as a CALLBACK frame. */
  void pushBotMessage(Conn c, String messageId, String robotMessage) throws IOException {
    botFrames.put(messageId, json.readTree(robotMessage).path("msgId").asText());
    push(c, "CALLBACK", DingTalkFrames.BOT_MESSAGE_TOPIC, messageId, robotMessage);
  }

  @Override
  public void close() throws IOException {
    hang.countDown();
    server.close();
  }

  private final class ServerSide extends WebSocketListener {
    private final int index;
    private final String ticket;

    ServerSide(int index, String ticket) {
      this.index = index;
      this.ticket = ticket;
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
      opened.add(new Conn(index, ticket, ws));
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
      try {
        JsonNode a = json.readTree(text);
        String id = a.path("headers").path("messageId").asText(null);
        String msgId = id == null ? null : botFrames.get(id);
        boolean before = msgId != null && stored.test(msgId);
        Ack ack = new Ack(index, id, a.path("code").asInt(), a.path("data").asText(null), before);
        allAcks.add(ack);
        if (hangNextAck.compareAndSet(true, false)) {
          hang.await(20, TimeUnit.SECONDS);
        }
      } catch (IOException e) {
        allAcks.add(new Ack(index, "unreadable: " + text, 0, null, false));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      closedByClient.add(index);
      ws.close(1000, null);
    }
  }
}
