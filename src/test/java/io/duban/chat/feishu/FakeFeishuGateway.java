package io.duban.chat.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.duban.chat.inbox.InboxMessage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * Feishu on loopback for the long-connection tests: the endpoint API (checks AppID, AppSecret and
 * {@code locale}), the WebSocket gateway on the same server (frames encoded and decoded by
 * protobuf-java, not by the codec under test), the token and reply APIs. It records pings, acks
 * (with whether the acked message was already in the inbox when its ack arrived) and replies.
 */
final class FakeFeishuGateway extends Dispatcher {
  static final String APP_ID = "cli_stream";
  static final String APP_SECRET = "stream-app-secret";
  static final int SERVICE_ID = 4242;
  static final String TICKET = "ticket-secret-77";

  /** An ack as the gateway received it. */
  record Ack(WebSocket socket, DynamicMessage frame, boolean storedFirst) {
    String messageId() {
      return Pbbp2.headerOf(frame, "message_id");
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  private final String wsBase;
  final AtomicInteger endpointCalls = new AtomicInteger();
  final AtomicInteger endpointsToRefuse = new AtomicInteger();
  volatile boolean refuseHandshake;
  volatile String clientConfig =
      "{\"ReconnectCount\":-1,\"ReconnectInterval\":10,\"ReconnectNonce\":5,\"PingInterval\":3600}";

  /** Sent with the next pong, then cleared. */
  volatile String pongConfig;

  volatile WebSocket socket;
  final BlockingQueue<WebSocket> opened = new LinkedBlockingQueue<>();
  final BlockingQueue<DynamicMessage> pings = new LinkedBlockingQueue<>();
  final BlockingQueue<Ack> acks = new LinkedBlockingQueue<>();
  final List<String> replies = new CopyOnWriteArrayList<>();

  /** Frame message_id → the Feishu message id it carries (for the inbox check at ack time). */
  private final Map<String, String> carried = new ConcurrentHashMap<>();

  FakeFeishuGateway(String httpBase) {
    this.wsBase = httpBase.replaceFirst("^http", "ws");
  }

  @Override
  public MockResponse dispatch(RecordedRequest r) {
    String path = r.getUrl().encodedPath();
    if (path.equals("/callback/ws/endpoint")) {
      return endpoint(r);
    }
    if (path.equals("/ws/v2")) {
      if (refuseHandshake) {
        return new MockResponse.Builder()
            .code(403)
            .addHeader("Handshake-Status", "514")
            .addHeader("Handshake-Msg", "exceed connection limit")
            .addHeader("Handshake-Autherrcode", "1000040350")
            .build();
      }
      return new MockResponse.Builder().webSocketUpgrade(new Server()).build();
    }
    if (path.equals("/open-apis/auth/v3/tenant_access_token/internal")) {
      return ok("{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-stream\",\"expire\":7200}");
    }
    if (path.startsWith("/open-apis/im/v1/messages/")) {
      replies.add(r.getTarget());
      return ok("{\"code\":0,\"msg\":\"success\",\"data\":{}}");
    }
    return new MockResponse.Builder().code(404).build();
  }

  private MockResponse endpoint(RecordedRequest r) {
    endpointCalls.incrementAndGet();
    JsonNode body;
    try {
      body = json.readTree(r.getBody().utf8());
    } catch (IOException e) {
      return new MockResponse.Builder().code(400).build();
    }
    if (!"zh".equals(r.getHeaders().get("locale")) || !"POST".equals(r.getMethod())) {
      return new MockResponse.Builder().code(400).build();
    }
    if (!APP_ID.equals(body.path("AppID").asText())
        || !APP_SECRET.equals(body.path("AppSecret").asText())) {
      return ok("{\"code\":10003,\"msg\":\"app_id or app_secret invalid\",\"data\":null}");
    }
    if (endpointsToRefuse.getAndDecrement() > 0) {
      return ok("{\"code\":1000040343,\"msg\":\"system busy\",\"data\":null}");
    }
    endpointsToRefuse.set(0);
    String url =
        wsBase
            + "ws/v2?fpid=493&device_id=dev-1&access_key=ak&service_id="
            + SERVICE_ID
            + "&ticket="
            + TICKET;
    return ok(
        "{\"code\":0,\"msg\":\"ok\",\"data\":{\"URL\":\""
            + url
            + "\",\"ClientConfig\":"
            + clientConfig
            + "}}");
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).body(body).build();
  }

  /**
   * Pushes an event in {@code order.length} parts (sent in that order of seq), as Feishu does when
   * a message is large; returns the first part's frame as protobuf built it.
   */
  DynamicMessage push(String frameId, String feishuMessageId, String event, int... order) {
    return pushTyped("event", frameId, feishuMessageId, event, order);
  }

  /** A card callback frame (header type {@code card}), stored under {@code card:<event_id>}. */
  DynamicMessage pushCard(String frameId, String inboxMessageId, String event) {
    return pushTyped("card", frameId, inboxMessageId, event);
  }

  private DynamicMessage pushTyped(
      String type, String frameId, String feishuMessageId, String event, int... order) {
    carried.put(frameId, feishuMessageId);
    byte[] all = event.getBytes(StandardCharsets.UTF_8);
    int sum = order.length == 0 ? 1 : order.length;
    int[] seqs = order.length == 0 ? new int[] {0} : order;
    DynamicMessage first = null;
    for (int seq : seqs) {
      int from = all.length * seq / sum;
      int to = all.length * (seq + 1) / sum;
      byte[] part = java.util.Arrays.copyOfRange(all, from, to);
      DynamicMessage.Builder b = Pbbp2.frame(1000 + seq, 77_000_000_000L, SERVICE_ID, 1);
      Pbbp2.headers(
          b,
          Map.of(
              "type",
              type,
              "message_id",
              frameId,
              "sum",
              Integer.toString(sum),
              "seq",
              Integer.toString(seq),
              "trace_id",
              "trace-" + frameId));
      DynamicMessage m = Pbbp2.payload(b, part).build();
      if (first == null) {
        first = m;
      }
      socket.send(ByteString.of(m.toByteArray()));
    }
    return first;
  }

  /** The next ack of {@code frameId}, other acks skipped; null after {@code seconds}. */
  Ack awaitAck(String frameId, long seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      Ack a = acks.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (a != null && frameId.equals(a.messageId())) {
        return a;
      }
    }
    return null;
  }

  private boolean inInbox(String feishuMessageId) {
    return feishuMessageId != null
        && QuarkusTransaction.requiringNew()
                .call(() -> InboxMessage.count("messageId", feishuMessageId))
            == 1;
  }

  /** The gateway's end of one connection. */
  private final class Server extends WebSocketListener {
    @Override
    public void onOpen(WebSocket ws, Response response) {
      socket = ws;
      opened.add(ws);
    }

    @Override
    public void onMessage(WebSocket ws, ByteString bytes) {
      DynamicMessage m;
      try {
        m = Pbbp2.parse(bytes.toByteArray());
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("the client sent a frame protobuf cannot read", e);
      }
      if ((Integer) Pbbp2.get(m, "method") == 0) {
        pings.add(m);
        DynamicMessage.Builder pong = Pbbp2.frame(0, 0, SERVICE_ID, 0);
        Pbbp2.header(pong, "type", "pong");
        String conf = pongConfig;
        pongConfig = null;
        if (conf != null) {
          Pbbp2.payload(pong, conf.getBytes(StandardCharsets.UTF_8));
        }
        ws.send(ByteString.of(pong.build().toByteArray()));
      } else {
        String frameId = Pbbp2.headerOf(m, "message_id");
        acks.add(new Ack(ws, m, inInbox(carried.get(frameId))));
      }
    }
  }
}
