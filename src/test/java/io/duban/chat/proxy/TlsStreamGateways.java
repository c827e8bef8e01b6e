package io.duban.chat.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * The three platforms' long-connection ends on one loopback server over TLS (a certificate of the
 * tests' private CA for {@code platform.test}, a name only the proxy resolves): DingTalk's ticket
 * endpoint and Stream socket, Feishu's endpoint API, protobuf socket, token and reply APIs, and
 * WeCom's 智能机器人 socket; plus DingTalk's session webhook for replies. The fakes of the platform
 * packages speak plain ws:// on 127.0.0.1, which is always reached directly, so these are their TLS
 * twins: just enough protocol for a connect, one message, its ack or reply.
 */
final class TlsStreamGateways extends Dispatcher {
  static final String DT_KEY = "dtproxiedkey";
  static final String FS_APP = "cli_proxied";
  static final int FS_SERVICE = 4343;

  /** A Feishu frame as decoded here: method, headers, payload. */
  record PbFrame(int method, Map<String, String> headers, byte[] payload) {}

  final MockWebServer server = new MockWebServer();
  private final ObjectMapper json = new ObjectMapper();
  final BlockingQueue<WebSocket> dingTalk = new LinkedBlockingQueue<>();
  final BlockingQueue<WebSocket> feishu = new LinkedBlockingQueue<>();
  final BlockingQueue<WebSocket> weCom = new LinkedBlockingQueue<>();
  final BlockingQueue<JsonNode> dingTalkAcks = new LinkedBlockingQueue<>();
  final BlockingQueue<PbFrame> feishuAcks = new LinkedBlockingQueue<>();
  final BlockingQueue<JsonNode> weComSent = new LinkedBlockingQueue<>();
  final List<String> replies = new CopyOnWriteArrayList<>();
  final List<String> ticketBodies = new CopyOnWriteArrayList<>();

  /** The platforms of the sockets whose server end saw the close or failure. */
  final List<String> ended = new CopyOnWriteArrayList<>();

  private final java.util.concurrent.atomic.AtomicInteger opened =
      new java.util.concurrent.atomic.AtomicInteger();

  TlsStreamGateways(TestCertificates certs) throws IOException {
    server.useHttps(certs.serverSide().sslSocketFactory());
    server.setDispatcher(this);
    server.start();
  }

  /** {@code https://platform.test:<port>}. */
  String base() {
    return "https://" + TestCertificates.PLATFORM_HOST + ":" + server.getPort();
  }

  String wss(String path) {
    return base().replaceFirst("^https", "wss") + path;
  }

  @Override
  public MockResponse dispatch(RecordedRequest r) {
    String path = r.getUrl().encodedPath();
    return switch (path) {
      case "/v1.0/gateway/connections/open" -> {
        ticketBodies.add(r.getBody().utf8());
        yield ok("{\"endpoint\":\"" + wss("/dingtalk/connect") + "\",\"ticket\":\"tk-1\"}");
      }
      case "/dingtalk/connect" -> upgrade(new DingTalkEnd());
      case "/callback/ws/endpoint" ->
          ok(
              "{\"code\":0,\"msg\":\"ok\",\"data\":{\"URL\":\""
                  + wss("/feishu/ws?device_id=dev-1&service_id=" + FS_SERVICE)
                  + "\",\"ClientConfig\":{\"ReconnectCount\":-1,\"ReconnectInterval\":10,"
                  + "\"ReconnectNonce\":5,\"PingInterval\":3600}}}");
      case "/feishu/ws" -> upgrade(new FeishuEnd());
      case "/open-apis/auth/v3/tenant_access_token/internal" ->
          ok("{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-proxied\",\"expire\":7200}");
      case "/wecom" -> upgrade(new WeComEnd());
      default -> {
        replies.add(r.getTarget());
        yield ok(
            path.startsWith("/open-apis/")
                ? "{\"code\":0,\"msg\":\"success\",\"data\":{}}"
                : "{\"errcode\":0,\"errmsg\":\"ok\"}");
      }
    };
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).body(body).build();
  }

  private static MockResponse upgrade(WebSocketListener end) {
    return new MockResponse.Builder().webSocketUpgrade(end).build();
  }

  /** A DingTalk CALLBACK frame with a robot message. */
  static String dingTalkBotFrame(String frameId, String robotMessage) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("specVersion", "1.0");
    f.put("type", "CALLBACK");
    f.put(
        "headers",
        Map.of(
            "topic", "/v1.0/im/bot/messages/get",
            "messageId", frameId,
            "contentType", "application/json",
            "time", "1795831200000"));
    f.put("data", robotMessage);
    try {
      return new ObjectMapper().writeValueAsString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Feishu data frame (one part) carrying an event. */
  static ByteString feishuEvent(String frameId, String event) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("type", "event");
    h.put("message_id", frameId);
    h.put("sum", "1");
    h.put("seq", "0");
    h.put("trace_id", "trace-" + frameId);
    return ByteString.of(encode(1001, FS_SERVICE, 1, h, event.getBytes()));
  }

  /** A WeCom message callback frame. */
  static String weComMessage(String reqId, String body) {
    return "{\"cmd\":\"aibot_msg_callback\",\"headers\":{\"req_id\":\""
        + reqId
        + "\"},\"body\":"
        + body
        + "}";
  }

  /** Encodes a pbbp2 Frame (fields 1 SeqID, 2 LogID, 3 service, 4 method, 5 headers, 8 payload). */
  static byte[] encode(
      long seq, int service, int method, Map<String, String> headers, byte[] payload) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeUInt64(1, seq);
      out.writeUInt64(2, 77_000L);
      out.writeInt32(3, service);
      out.writeInt32(4, method);
      for (Map.Entry<String, String> e : headers.entrySet()) {
        ByteArrayOutputStream hb = new ByteArrayOutputStream();
        CodedOutputStream h = CodedOutputStream.newInstance(hb);
        h.writeString(1, e.getKey());
        h.writeString(2, e.getValue());
        h.flush();
        out.writeByteArray(5, hb.toByteArray());
      }
      if (payload != null) {
        out.writeByteArray(8, payload);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PbFrame decode(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    int method = 0;
    Map<String, String> headers = new LinkedHashMap<>();
    byte[] payload = new byte[0];
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 4 -> method = in.readInt32();
        case 5 -> {
          CodedInputStream h = CodedInputStream.newInstance(in.readByteArray());
          String key = "";
          String value = "";
          for (int t = h.readTag(); t != 0; t = h.readTag()) {
            switch (WireFormat.getTagFieldNumber(t)) {
              case 1 -> key = h.readString();
              case 2 -> value = h.readString();
              default -> h.skipField(t);
            }
          }
          headers.put(key, value);
        }
        case 8 -> payload = in.readByteArray();
        default -> in.skipField(tag);
      }
    }
    return new PbFrame(method, headers, payload);
  }

  /**
   * Closes the server once the clients have closed their ends (a server-side close would wait a
   * minute for a peer that is gone).
   */
  void stop() throws IOException, InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (ended.size() < opened.get() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    System.out.printf("tls gateways: %d sockets opened, ended: %s%n", opened.get(), ended);
    server.close();
  }

  private JsonNode read(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final class DingTalkEnd extends WebSocketListener {
    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      ws.close(1000, null);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      ended.add("dingtalk closed");
    }

    @Override
    public void onFailure(WebSocket ws, Throwable t, Response response) {
      ended.add("dingtalk failed");
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
      opened.incrementAndGet();
      dingTalk.add(ws);
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
      dingTalkAcks.add(read(text));
    }
  }

  private final class FeishuEnd extends WebSocketListener {
    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      ws.close(1000, null);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      ended.add("feishu closed");
    }

    @Override
    public void onFailure(WebSocket ws, Throwable t, Response response) {
      ended.add("feishu failed");
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
      opened.incrementAndGet();
      feishu.add(ws);
    }

    @Override
    public void onMessage(WebSocket ws, ByteString bytes) {
      PbFrame f;
      try {
        f = decode(bytes.toByteArray());
      } catch (IOException e) {
        throw new IllegalStateException("a frame protobuf cannot read", e);
      }
      if (f.method() == 0) {
        ws.send(ByteString.of(encode(0, FS_SERVICE, 0, Map.of("type", "pong"), null)));
      } else {
        feishuAcks.add(f);
      }
    }
  }

  private final class WeComEnd extends WebSocketListener {
    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      ws.close(1000, null);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      ended.add("wecom closed");
    }

    @Override
    public void onFailure(WebSocket ws, Throwable t, Response response) {
      ended.add("wecom failed");
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
      opened.incrementAndGet();
      weCom.add(ws);
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
      JsonNode frame = read(text);
      String cmd = frame.path("cmd").asText();
      if (!cmd.equals("aibot_subscribe") && !cmd.equals("ping")) {
        weComSent.add(frame);
      }
      ws.send(
          "{\"headers\":{\"req_id\":\""
              + frame.path("headers").path("req_id").asText()
              + "\"},\"errcode\":0,\"errmsg\":\"ok\"}");
    }
  }
}
