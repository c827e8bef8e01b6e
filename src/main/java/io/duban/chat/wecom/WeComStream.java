package io.duban.chat.wecom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.duban.chat.BotSpec;
import io.duban.chat.inbox.Callback;
import io.duban.chat.outbox.Secrets;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.chat.stream.StreamClient;
import io.duban.common.DaemonThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.jboss.logging.Logger;

/**
 * One WeCom 智能机器人's long connection (docs/stream-and-cards.md, WecomTeam/aibot-node-sdk src/ws.ts):
 * while this instance holds the bot's lease it connects to {@code ws-url}, subscribes with bot-id
 * and secret, pings every 30 s (two pings without an ack: dead, reconnect with {@link
 * io.duban.chat.stream.Reconnects#WECOM}), hands each {@code aibot_msg_callback} to the inbox, and
 * carries the adapter's replies and pushes, matching each ack by its req_id; a {@code
 * template_card_event} (a tap on one of our cards) goes to {@link WeComCardClicks}. A {@code
 * disconnected_event} (a newer connection of the bot took over) stops it for good. Without the
 * lease it waits in standby and asks again every renewal.
 */
public final class WeComStream implements StreamClient {
  static final String DEFAULT_URL = "wss://openws.work.weixin.qq.com";

  static final int BAD_CREDENTIALS = 853000;

  /** Inbox attempts for one received message (the platform is not known to deliver it again). */
  static final int STORE_ATTEMPTS = 3;

  private static final Logger LOG = Logger.getLogger(WeComStream.class);

  private final BotSpec bot;
  private final ConnectionStatus status;
  private final WeComStreamFactory f;
  private final WeComLeases.Holder lease;
  private final ScheduledExecutorService timer;
  private final ExecutorService inbound;
  private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private WebSocket socket;
  private int generation;
  private boolean subscribed;
  private boolean authFailed;
  private boolean reconnectPending;
  private int attempts;
  private int missedPings;
  private volatile boolean stopped;
  private volatile boolean takenOver;
  private ScheduledFuture<?> pings;
  private ScheduledFuture<?> leaseTicks;

  WeComStream(
      BotSpec bot, ConnectionStatus status, WeComStreamFactory factory, WeComLeases.Holder lease) {
    this.bot = bot;
    this.status = status;
    this.f = factory;
    this.lease = lease;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("wecom-stream-" + bot.id()));
    this.inbound =
        Executors.newSingleThreadExecutor(DaemonThreads.named("wecom-inbound-" + bot.id()));
  }

  @Override
  public void start() {
    leaseTicks =
        timer.scheduleWithFixedDelay(
            this::leaseTick, 0, f.leases.renewEvery().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    stopped = true;
    halt();
    try {
      lease.release(bot.id());
    } catch (RuntimeException e) {
      LOG.warnf("释放 %s 的长连接租约失败：%s", bot.id(), Secrets.scrub(e.toString()));
    }
    status.stopped(null);
  }

  /** Stops everything without releasing the lease (shutdown, or a test's dead instance). */
  void halt() {
    stopped = true;
    if (leaseTicks != null) {
      leaseTicks.cancel(false);
    }
    synchronized (this) {
      dropSocket(1000, "shutdown");
    }
    timer.shutdownNow();
    inbound.shutdown();
  }

  /** Whether the connection is open and subscribed. */
  public synchronized boolean connected() {
    return socket != null && subscribed;
  }

  /** Whether a newer connection of the bot took over ({@code disconnected_event}). */
  boolean takenOver() {
    return takenOver;
  }

  /** Renews (or tries to take) the lease; connects once held, drops the connection once lost. */
  private void leaseTick() {
    try {
      renew();
    } catch (RuntimeException e) {
      // an exception would end the periodic task for good: report it, try again next tick
      LOG.errorf("企业微信长连接（机器人 %s）出错：%s", bot.id(), Secrets.scrub(e.toString()));
      status.down("内部错误：" + e.getClass().getSimpleName());
    }
  }

  private void renew() {
    if (stopped) {
      return;
    }
    boolean held;
    try {
      held = lease.take(bot.id());
    } catch (RuntimeException e) {
      // the database is unreachable: keep what the last renewal gave us, until it runs out
      LOG.warnf("续约 %s 的长连接租约失败：%s", bot.id(), Secrets.scrub(e.toString()));
      held = lease.holds(bot.id());
    }
    synchronized (this) {
      if (!held) {
        dropSocket(1000, "standby");
        reconnectPending = false;
        if (!takenOver) {
          status.standby();
        }
      } else if (socket == null && !reconnectPending && !takenOver) {
        connect();
      }
    }
  }

  private synchronized void connect() {
    if (stopped || takenOver) {
      return;
    }
    reconnectPending = false;
    if (attempts == 0) {
      status.connecting();
    } else {
      status.reconnecting();
    }
    int gen = ++generation;
    subscribed = false;
    missedPings = 0;
    Request request = new Request.Builder().url(bot.valueOr("ws-url", DEFAULT_URL)).build();
    socket = f.http.newWebSocket(request, new Listener(gen));
  }

  /** The connection of generation {@code gen} is gone: reconnect unless told not to. */
  private synchronized void lost(int gen, String why) {
    if (gen != generation || socket == null) {
      return;
    }
    socket = null;
    subscribed = false;
    cancelPings();
    failPending(why);
    if (stopped) {
      return;
    }
    if (takenOver) {
      return;
    }
    status.down(why);
    Duration wait = f.reconnects.delay(++attempts);
    if (authFailed && wait.compareTo(f.authRetry) < 0) {
      wait = f.authRetry; // wrong credentials stay wrong: retry slowly
    }
    reconnectPending = true;
    LOG.infof("企业微信长连接断开（机器人 %s）：%s；%d 毫秒后重连", bot.id(), why, wait.toMillis());
    timer.schedule(this::reconnect, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void reconnect() {
    synchronized (this) {
      if (!reconnectPending || socket != null) {
        return;
      }
    }
    if (lease.holds(bot.id())) {
      try {
        connect();
      } catch (RuntimeException e) {
        LOG.errorf("企业微信长连接（机器人 %s）无法重连：%s", bot.id(), Secrets.scrub(e.toString()));
        synchronized (this) {
          reconnectPending = false; // the next lease tick tries again
        }
      }
    } else {
      synchronized (this) {
        reconnectPending = false; // the lease tick decides
      }
    }
  }

  private void dropSocket(int code, String why) {
    WebSocket s = socket;
    socket = null;
    subscribed = false;
    cancelPings();
    failPending(why);
    if (s != null) {
      s.close(code, why);
      s.cancel();
    }
  }

  private void cancelPings() {
    if (pings != null) {
      pings.cancel(false);
      pings = null;
    }
  }

  private void failPending(String why) {
    for (Map.Entry<String, CompletableFuture<JsonNode>> e : pending.entrySet()) {
      e.getValue().completeExceptionally(new IllegalStateException("长连接已断开：" + why));
    }
    pending.clear();
  }

  private synchronized void ping(int gen) {
    if (gen != generation || socket == null) {
      return;
    }
    if (missedPings >= 2) {
      WebSocket s = socket;
      lost(gen, "连续两次心跳没有回应");
      s.cancel();
      return;
    }
    missedPings++;
    send(socket, "ping", WeComReplyHandle.newReqId("ping"), null);
  }

  private void send(WebSocket to, String cmd, String reqId, Object body) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("cmd", cmd);
    frame.put("headers", Map.of("req_id", reqId));
    if (body != null) {
      frame.put("body", body);
    }
    try {
      to.send(f.json.writeValueAsString(frame));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends {@code cmd} with {@code reqId} over the open connection; completes with the ack frame
   * carrying the same req_id (exceptionally when not connected or when the connection drops).
   */
  CompletableFuture<JsonNode> call(String cmd, String reqId, Object body) {
    CompletableFuture<JsonNode> ack = new CompletableFuture<>();
    synchronized (this) {
      if (socket == null || !subscribed) {
        ack.completeExceptionally(new IllegalStateException("长连接未建立"));
        return ack;
      }
      pending.put(reqId, ack);
      send(socket, cmd, reqId, body);
    }
    return ack;
  }

  /** Forgets a call that timed out (its late ack is then ignored). */
  void forget(String reqId) {
    pending.remove(reqId);
  }

  private void onFrame(int gen, String text) {
    JsonNode frame;
    try {
      frame = f.json.readTree(text);
    } catch (IOException e) {
      LOG.warnf("企业微信长连接收到无法解析的帧（机器人 %s）", bot.id());
      return;
    }
    status.frame();
    String cmd = frame.path("cmd").asText("");
    String reqId = frame.path("headers").path("req_id").asText("");
    switch (cmd) {
      case "aibot_msg_callback" -> receive(frame.path("body"), reqId);
      case "aibot_event_callback" -> onEvent(gen, frame.path("body"), reqId);
      case "" -> onAck(gen, reqId, frame);
      default -> LOG.debugf("企业微信长连接：忽略 %s", cmd);
    }
  }

  private synchronized void onAck(int gen, String reqId, JsonNode frame) {
    if (gen != generation) {
      return;
    }
    int code = frame.path("errcode").asInt(-1);
    if (reqId.startsWith("aibot_subscribe")) {
      subscribed(gen, code, frame.path("errmsg").asText(""));
    } else if (reqId.startsWith("ping")) {
      if (code == 0) {
        missedPings = 0;
      }
    } else {
      CompletableFuture<JsonNode> call = pending.remove(reqId);
      if (call != null) {
        call.complete(frame);
      }
    }
  }

  private void subscribed(int gen, int code, String message) {
    if (code == 0) {
      subscribed = true;
      authFailed = false;
      attempts = 0;
      status.connected();
      long every = f.pingInterval.toMillis();
      pings = timer.scheduleAtFixedRate(() -> ping(gen), every, every, TimeUnit.MILLISECONDS);
      LOG.infof("企业微信长连接已订阅（机器人 %s）", bot.id());
      return;
    }
    authFailed = code == BAD_CREDENTIALS;
    String why =
        authFailed
            ? "Bot ID 或 Secret 不正确（errcode 853000），请核对 bots.yaml 的 bot-id 和 secret"
            : "订阅失败：errcode " + code + " " + Secrets.scrub(message);
    WebSocket s = socket;
    lost(gen, why);
    if (s != null) {
      s.cancel();
    }
  }

  private void onEvent(int gen, JsonNode body, String reqId) {
    String type = body.path("event").path("eventtype").asText("");
    if (WeComCardClicks.isClick(body)) {
      try {
        inbound.execute(
            () -> WeComCardClicks.click(bot, this, f.inbox, body, reqId, f.ackTimeout()));
      } catch (RejectedExecutionException e) {
        LOG.warnf("企业微信长连接正在关闭，一次卡片点击未处理（机器人 %s）", bot.id());
      }
      return;
    }
    if (!"disconnected_event".equals(type)) {
      // enter_chat, feedback_event: nothing to answer
      LOG.debugf("企业微信长连接：事件 %s 暂不处理（机器人 %s）", type, bot.id());
      return;
    }
    synchronized (this) {
      if (gen != generation) {
        return;
      }
      takenOver = true;
      dropSocket(1000, "taken over");
    }
    status.stopped("企业微信通知：该机器人已有新的长连接（disconnected_event），本连接不再重连");
    LOG.warnf("企业微信机器人 %s 的长连接被新的连接接管，本实例不再重连", bot.id());
  }

  /** Hands a message to the inbound thread: in order, and off the socket's reader thread. */
  private void receive(JsonNode body, String reqId) {
    try {
      inbound.execute(() -> store(body, reqId));
    } catch (RejectedExecutionException e) {
      // stopping: the message arrived after the shutdown began
      status.unstoredMessage();
      LOG.warnf("企业微信长连接正在关闭，一条消息未保存（机器人 %s）", bot.id());
    }
  }

  /** Stores a received message (retrying in-process); counted as unstored when it cannot be. */
  private void store(JsonNode body, String reqId) {
    Callback c = WeComCallbacks.aiBotMessage(bot, body, reqId, f.wall.instant());
    if (!(c instanceof Callback.Message m)) {
      return;
    }
    String id = m.message().messageId();
    if (id.isBlank() || id.length() > 128) {
      LOG.warnf("企业微信长连接：消息 ID 缺失或过长，已忽略（机器人 %s）", bot.id());
      return;
    }
    for (int attempt = 1; attempt <= STORE_ATTEMPTS; attempt++) {
      try {
        f.inbox.receive(m);
        return;
      } catch (RuntimeException e) {
        LOG.warnf("保存企业微信消息 %s 失败（第 %d 次）：%s", id, attempt, Secrets.scrub(e.toString()));
        sleepQuietly(f.storeRetryWait.multipliedBy(attempt));
      }
    }
    status.unstoredMessage();
    LOG.errorf("企业微信消息 %s（机器人 %s）多次保存失败，已丢失", id, bot.id());
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One connection's callbacks, ignored once a newer connection replaced it. */
  private final class Listener extends WebSocketListener {
    private final int gen;

    Listener(int gen) {
      this.gen = gen;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("bot_id", bot.value("bot-id").orElse(""));
      body.put("secret", bot.value("secret").orElse(""));
      send(webSocket, "aibot_subscribe", WeComReplyHandle.newReqId("aibot_subscribe"), body);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      onFrame(gen, text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
      lost(gen, "连接被关闭（" + code + "）");
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      lost(gen, "连接被关闭（" + code + "）");
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      String why =
          response != null
              ? "握手失败（HTTP " + response.code() + "）"
              : "连接失败：" + t.getClass().getSimpleName();
      lost(gen, why);
    }
  }
}
