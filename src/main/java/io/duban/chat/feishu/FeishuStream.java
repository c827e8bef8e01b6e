package io.duban.chat.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.feishu.FeishuEndpoint.ClientConfig;
import io.duban.chat.feishu.FeishuEndpoint.Endpoint;
import io.duban.chat.feishu.FeishuEndpoint.EndpointException;
import io.duban.chat.outbox.Secrets;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.chat.stream.StreamClient;
import io.duban.common.DaemonThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.jboss.logging.Logger;

/**
 * A Feishu app bot's long connection (docs/stream-and-cards.md, larksuite/oapi-sdk-go ws/): asks
 * for an endpoint, dials it, pings every PingInterval with the URL's service_id, applies the
 * ClientConfig a pong may carry, reassembles split data frames, hands each event to {@link
 * FeishuStreamEvents} (stored in the inbox before the ack) and acks it on the same connection with
 * {@code biz_rt}. After a loss it waits a random 0..ReconnectNonce, then every ReconnectInterval,
 * each time with a fresh endpoint; a client error (bad app credentials, too many connections) is
 * retried only every {@link #CLIENT_ERROR_WAIT}. Connecting, pinging and reconnecting run on one
 * control thread; data frames on one worker thread, in order.
 */
final class FeishuStream implements StreamClient {
  private static final Logger LOG = Logger.getLogger(FeishuStream.class);

  /** Every wait is multiplied by this (tests shrink it; production keeps 1). */
  static volatile double timeScale = 1.0;

  static final Duration CLIENT_ERROR_WAIT = Duration.ofMinutes(10);

  /** Parts of a split message still incomplete after this are dropped (the SDK keeps 5 s). */
  static final Duration PARTS_TTL = Duration.ofSeconds(30);

  /** A connection silent this long (no pong, nothing) is taken for dead, never less than 30 s. */
  static final int DEAD_AFTER_PINGS = 3;

  /** Larger frames are dropped unread (Feishu splits large messages into parts). */
  static final int MAX_FRAME = 4 * 1024 * 1024;

  static final String HANDSHAKE_STATUS = "Handshake-Status";
  static final String HANDSHAKE_MSG = "Handshake-Msg";
  static final String HANDSHAKE_AUTH_CODE = "Handshake-Autherrcode";
  static final String TOO_MANY_CONNECTIONS = "1000040350";

  private final BotSpec bot;
  private final ConnectionStatus status;
  private final OkHttpClient http;
  private final ObjectMapper json;
  private final FeishuStreamEvents events;
  private final FeishuParts parts;
  private final ScheduledExecutorService control;
  private final ExecutorService worker;

  private volatile boolean stopped;
  private volatile Connection current;
  private volatile ClientConfig config = ClientConfig.DEFAULT;

  /** Control thread only. */
  private ScheduledFuture<?> pingTask;

  /** Failed attempts since the last open connection; control thread only. */
  private int failures;

  private boolean everConnected;

  FeishuStream(
      BotSpec bot,
      ConnectionStatus status,
      OkHttpClient http,
      ObjectMapper json,
      FeishuStreamEvents events) {
    this.bot = bot;
    this.status = status;
    this.http = http;
    this.json = json;
    this.events = events;
    this.parts = new FeishuParts(scaled(PARTS_TTL).toNanos());
    this.control =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("feishu-stream-" + bot.id()));
    this.worker =
        Executors.newSingleThreadExecutor(DaemonThreads.named("feishu-events-" + bot.id()));
  }

  @Override
  public void start() {
    onControl(this::connect);
  }

  @Override
  public void stop() {
    stopped = true;
    Connection c = current;
    current = null;
    if (c != null && c.ws != null) {
      c.ws.close(1000, "stop");
    }
    control.shutdownNow();
    worker.shutdown();
    try {
      // a message being stored finishes, so that its ack goes out or Feishu resends it
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    status.stopped(null);
  }

  /** The settings in force (tests). */
  ClientConfig config() {
    return config;
  }

  /** One attempt: a fresh endpoint, then the socket. Control thread. */
  private void connect() {
    if (stopped) {
      return;
    }
    if (everConnected || failures > 0) {
      status.reconnecting();
    } else {
      status.connecting();
    }
    Endpoint endpoint;
    try {
      endpoint = FeishuEndpoint.fetch(http, json, bot, config);
    } catch (EndpointException e) {
      failed(e.getMessage(), e.clientError);
      return;
    }
    config = endpoint.config();
    HttpUrl url = HttpUrl.parse(endpoint.url().replaceFirst("^(?i)ws", "http"));
    if (url == null) {
      failed("飞书返回的长连接地址无效", false);
      return;
    }
    int service;
    try {
      service = Integer.parseInt(url.queryParameter("service_id"));
    } catch (NumberFormatException e) {
      service = 0;
    }
    Connection c = new Connection(service, url.host());
    current = c;
    // the URL carries a ticket: only its host is ever logged
    c.ws = http.newWebSocket(new Request.Builder().url(url).build(), c);
  }

  /** The attempt failed or the connection was lost: say why and try again later. */
  private void failed(String why, boolean clientError) {
    status.down(why);
    if (stopped) {
      return;
    }
    failures++;
    ClientConfig c = config;
    Duration wait;
    if (clientError) {
      wait = CLIENT_ERROR_WAIT;
    } else if (failures == 1) {
      // the first retry after a loss is spread over ReconnectNonce, so that not all apps return
      // at once
      wait =
          Duration.ofMillis(ThreadLocalRandom.current().nextLong(c.reconnectNonce() * 1000L + 1));
    } else {
      wait = Duration.ofSeconds(c.reconnectInterval());
    }
    LOG.warnf("飞书长连接（机器人 %s）：%s；%d 毫秒后重连", bot.id(), why, scaled(wait).toMillis());
    try {
      control.schedule(this::connect, scaled(wait).toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopped meanwhile
    }
  }

  private void opened(Connection c) {
    if (c != current || stopped) {
      c.ws.close(1000, "superseded");
      return;
    }
    c.open = true;
    c.lastFrameNanos = System.nanoTime();
    failures = 0;
    everConnected = true;
    status.connected();
    LOG.infof("飞书长连接已建立（机器人 %s，%s）", bot.id(), c.host);
    schedulePing(0);
  }

  private void lost(Connection c, String why, boolean clientError) {
    if (c != current) {
      return;
    }
    current = null;
    c.open = false;
    if (pingTask != null) {
      pingTask.cancel(false);
    }
    if (!stopped) {
      failed(why, clientError);
    }
  }

  private void schedulePing(long delayMillis) {
    if (pingTask != null) {
      pingTask.cancel(false);
    }
    try {
      pingTask = control.schedule(this::ping, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopped meanwhile
    }
  }

  private void ping() {
    Connection c = current;
    if (c == null || !c.open) {
      return;
    }
    long every = scaled(Duration.ofSeconds(config.pingInterval())).toMillis();
    long deadAfter = Math.max(30_000, DEAD_AFTER_PINGS * every);
    if (System.nanoTime() - c.lastFrameNanos > TimeUnit.MILLISECONDS.toNanos(deadAfter)) {
      c.ws.cancel(); // onFailure reports the loss
      return;
    }
    c.ws.send(ByteString.of(FeishuFrameCodec.encode(FeishuFrame.ping(c.service))));
    schedulePing(every);
  }

  /** A pong's ClientConfig: applied; a new PingInterval takes effect at once. */
  private void configure(JsonNode clientConfig) {
    ClientConfig before = config;
    config = before.with(clientConfig);
    if (config.pingInterval() != before.pingInterval() && current != null && current.open) {
      schedulePing(scaled(Duration.ofSeconds(config.pingInterval())).toMillis());
    }
  }

  private void received(Connection c, ByteString bytes) {
    status.frame();
    c.lastFrameNanos = System.nanoTime();
    if (bytes.size() > MAX_FRAME) {
      LOG.warnf("飞书长连接收到 %d 字节的帧（机器人 %s），超过上限，已丢弃", bytes.size(), bot.id());
      return;
    }
    FeishuFrame frame;
    try {
      frame = FeishuFrameCodec.decode(bytes.toByteArray());
    } catch (FeishuFrameException e) {
      LOG.warnf("飞书长连接收到无法解析的帧（机器人 %s）：%s", bot.id(), e.getMessage());
      return;
    }
    if (frame.method() == FeishuFrame.CONTROL) {
      byte[] p = frame.payload();
      if ("pong".equals(frame.header("type")) && p != null && p.length > 0) {
        try {
          JsonNode conf = json.readTree(p);
          onControl(() -> configure(conf));
        } catch (IOException e) {
          LOG.warnf("飞书长连接的 pong 带有无法解析的 ClientConfig（机器人 %s）", bot.id());
        }
      }
    } else if (frame.method() == FeishuFrame.DATA) {
      try {
        worker.execute(() -> data(c, frame));
      } catch (RejectedExecutionException e) {
        // stopping: no ack, Feishu delivers it again
      }
    }
  }

  /** A data frame: event or card, possibly one part of several. Worker thread. */
  private void data(Connection c, FeishuFrame frame) {
    String type = frame.header("type");
    if (!"event".equals(type) && !"card".equals(type)) {
      return; // the vendor SDK answers nothing else either
    }
    long start = System.nanoTime();
    byte[] payload = frame.payload() == null ? new byte[0] : frame.payload();
    int sum = frame.intHeader("sum", 1);
    if (sum > 1) {
      payload =
          parts.add(frame.header("message_id"), sum, frame.intHeader("seq", 0), payload, start);
      if (payload == null) {
        return; // more parts to come; the last part is the one acked
      }
    }
    byte[] answer = events.answer(type, payload);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    byte[] ack = FeishuFrameCodec.encode(frame.answer("biz_rt", Long.toString(ms), answer));
    if (!c.ws.send(ByteString.of(ack))) {
      LOG.warnf("飞书长连接已断开，确认未能发出（机器人 %s）；飞书会重发，收件箱按消息 ID 去重", bot.id());
    }
  }

  private void onControl(Runnable r) {
    try {
      control.execute(r);
    } catch (RejectedExecutionException e) {
      // stopped
    }
  }

  static Duration scaled(Duration d) {
    return Duration.ofMillis(Math.round(d.toMillis() * timeScale));
  }

  /** Why a handshake was refused, from Feishu's headers; whether retrying soon is pointless. */
  static String refusal(Response r) {
    StringBuilder why = new StringBuilder("长连接握手被拒绝（HTTP ").append(r.code());
    String st = r.header(HANDSHAKE_STATUS);
    String auth = r.header(HANDSHAKE_AUTH_CODE);
    String msg = r.header(HANDSHAKE_MSG);
    if (st != null) {
      why.append("，Handshake-Status ").append(st);
    }
    if (auth != null) {
      why.append("，Handshake-Autherrcode ").append(auth);
    }
    why.append('）');
    if (msg != null && !msg.isBlank()) {
      why.append("：").append(msg);
    }
    if (TOO_MANY_CONNECTIONS.equals(auth)) {
      why.append("；该应用的长连接数已达上限（每个应用最多 50 个）");
    }
    return Secrets.scrub(why.toString());
  }

  /** 403 (forbidden), or 514 with too many connections: the vendor SDK stops retrying. */
  static boolean clientRefusal(Response r) {
    String st = r.header(HANDSHAKE_STATUS);
    return "403".equals(st)
        || ("514".equals(st) && TOO_MANY_CONNECTIONS.equals(r.header(HANDSHAKE_AUTH_CODE)));
  }

  /** One socket; callbacks of a socket no longer current are ignored. */
  private final class Connection extends WebSocketListener {
    final int service;
    final String host;
    volatile WebSocket ws;
    volatile boolean open;
    volatile long lastFrameNanos;

    Connection(int service, String host) {
      this.service = service;
      this.host = host;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      ws = webSocket;
      onControl(() -> opened(this));
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      received(this, bytes);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      status.frame(); // Feishu sends binary frames only
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
      onControl(() -> lost(this, "连接被飞书关闭（" + code + "）", false));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      String why;
      boolean clientError = false;
      if (response != null && response.code() != 101) {
        why = refusal(response);
        clientError = clientRefusal(response);
      } else {
        why = "连接中断：" + Secrets.scrub(String.valueOf(t));
      }
      boolean client = clientError;
      onControl(() -> lost(this, why, client));
    }
  }
}
