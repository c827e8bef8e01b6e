package io.duban.chat.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.duban.chat.BotSpec;
import io.duban.chat.inbox.Callback;
import io.duban.chat.inbox.Inbox;
import io.duban.chat.outbox.AdminAlerts;
import io.duban.chat.outbox.Secrets;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.chat.stream.Reconnects;
import io.duban.chat.stream.StreamClient;
import io.duban.common.DaemonThreads;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.jboss.logging.Logger;

/**
 * A DingTalk app robot's Stream-mode connection (stream-and-cards.md): a ticket from {@code POST
 * {api-base-url}/v1.0/gateway/connections/open}, a WebSocket to {@code endpoint?ticket=...}, every
 * frame acknowledged; a robot message is stored in the inbox (tried a few times: DingTalk never
 * delivers it again) before its acknowledgement. A lost or refused connection is retried with
 * {@link Reconnects#DINGTALK}, each time with a new ticket; a SYSTEM {@code disconnect} is followed
 * by a new connection at once. Neither the secret nor a ticket is ever logged or shown.
 */
final class DingTalkStream implements StreamClient {
  private static final Logger LOG = Logger.getLogger(DingTalkStream.class);
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  static final String UA = "duban/1.0 (okhttp)";

  /** How the client waits and retries; tests shorten them. */
  record Timings(Reconnects backoff, Duration pingInterval, int storeTries, Duration storePause) {
    /**
     * OkHttp pings every 30 s and fails the connection when a pong has not come by the next ping
     * (the SDK: a ping after 60 s idle, closed without a pong).
     */
    static final Timings DEFAULT =
        new Timings(Reconnects.DINGTALK, Duration.ofSeconds(30), 3, Duration.ofMillis(500));
  }

  private final BotSpec bot;
  private final ConnectionStatus status;
  private final OkHttpClient http;
  private final OkHttpClient sockets;
  private final ObjectMapper json;
  private final Inbox inbox;
  private final AdminAlerts alerts;
  private final Clock wall;
  private final Timings timings;
  private final ScheduledExecutorService control;
  private final ExecutorService worker;

  private volatile boolean stopped;
  private volatile Session current; // written under this
  private int failures; // control thread only
  private Instant lostSince; // worker thread only
  private boolean lostTold; // worker thread only

  DingTalkStream(
      BotSpec bot,
      ConnectionStatus status,
      OkHttpClient http,
      ObjectMapper json,
      Inbox inbox,
      AdminAlerts alerts,
      Clock wall,
      Timings timings) {
    this.bot = bot;
    this.status = status;
    this.http = http;
    this.sockets = http.newBuilder().pingInterval(timings.pingInterval()).build();
    this.json = json;
    this.inbox = inbox;
    this.alerts = alerts;
    this.wall = wall;
    this.timings = timings;
    String name = "duban-dingtalk-stream-" + bot.id();
    this.control = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name));
    this.worker = Executors.newSingleThreadExecutor(DaemonThreads.named(name + "-store"));
  }

  @Override
  public void start() {
    status.connecting();
    control.execute(this::connect);
  }

  @Override
  public void stop() {
    Session s;
    synchronized (this) {
      stopped = true;
      s = current;
      current = null;
    }
    control.shutdownNow();
    worker.shutdown();
    try {
      // a message being stored still gets its acknowledgement
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (s != null && s.socket != null) {
      s.socket.close(1000, "shutdown");
    }
    status.stopped(null);
  }

  /** Fetches a ticket and opens the socket (control thread). */
  private void connect() {
    if (stopped) {
      return;
    }
    String[] ticket;
    try {
      ticket = ticket();
    } catch (IOException e) {
      failed("获取连接凭证失败：" + describe(e));
      return;
    }
    if (ticket[0] == null) {
      failed(ticket[1]);
      return;
    }
    HttpUrl url = HttpUrl.parse(ticket[0].replaceFirst("^(?i)ws", "http"));
    if (url == null) {
      failed("连接凭证中的 endpoint 不是有效地址");
      return;
    }
    Request request =
        new Request.Builder()
            .url(url.newBuilder().addQueryParameter("ticket", ticket[1]).build())
            .build();
    synchronized (this) {
      if (stopped) {
        return;
      }
      Session s = new Session();
      current = s;
      s.socket = sockets.newWebSocket(request, s);
    }
  }

  /**
   * The ticket request: {@code {endpoint, ticket}}, or {@code {null, why}} when refused (HTTP
   * error, an error code, no ticket in the answer).
   */
  private String[] ticket() throws IOException {
    ObjectNode body = json.createObjectNode();
    body.put("clientId", bot.value("app-key").orElse(""));
    body.put("clientSecret", bot.value("app-secret").orElse(""));
    body.putArray("subscriptions")
        .add(json.createObjectNode().put("type", "EVENT").put("topic", "*"))
        .add(
            json.createObjectNode()
                .put("type", "CALLBACK")
                .put("topic", DingTalkFrames.BOT_MESSAGE_TOPIC));
    body.put("ua", UA);
    String api = bot.valueOr("api-base-url", DingTalkAdapter.DEFAULT_API).replaceAll("/+$", "");
    HttpUrl url = HttpUrl.parse(api + "/v1.0/gateway/connections/open");
    if (url == null) {
      return new String[] {null, "接口地址无效（api-base-url）"};
    }
    Request request =
        new Request.Builder()
            .url(url)
            .header("Accept", "application/json")
            .post(RequestBody.create(body.toString(), JSON_TYPE))
            .build();
    try (Response r = http.newCall(request).execute()) {
      String text = r.body().string();
      JsonNode answer;
      try {
        answer = json.readTree(text);
      } catch (IOException e) {
        answer = null;
      }
      String code = errorCode(answer);
      if (!r.isSuccessful()) {
        return new String[] {null, "获取连接凭证被拒绝：HTTP " + r.code() + code};
      }
      if (answer == null
          || !answer.hasNonNull("endpoint")
          || !answer.hasNonNull("ticket")
          || answer.get("ticket").asText().isEmpty()) {
        return new String[] {null, "获取连接凭证失败：应答中没有 endpoint 或 ticket" + code};
      }
      return new String[] {answer.get("endpoint").asText(), answer.get("ticket").asText()};
    }
  }

  /** The platform's error code of an answer, for the status text (never its other fields). */
  private static String errorCode(JsonNode answer) {
    if (answer == null || !answer.isObject()) {
      return "";
    }
    for (String field : new String[] {"code", "errcode"}) {
      JsonNode c = answer.get(field);
      if (c != null && !c.isNull() && !c.asText().equals("0")) {
        String v = c.asText();
        return "（" + field + " " + (v.length() > 60 ? v.substring(0, 60) : v) + "）";
      }
    }
    return "";
  }

  /** A failed attempt or a lost connection: down, and the next attempt after the backoff. */
  private void failed(String why) {
    if (stopped) {
      return;
    }
    status.down(why);
    failures++;
    Duration wait = timings.backoff().delay(failures);
    LOG.warnf("钉钉 Stream 连接断开或失败（机器人 %s）：%s；%d 毫秒后重连", bot.id(), why, wait.toMillis());
    control.schedule(this::reconnect, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void reconnect() {
    if (!stopped) {
      status.reconnecting();
      connect();
    }
  }

  private void lost(Session s, String why) {
    synchronized (this) {
      if (s != current || stopped) {
        return; // an old connection (after a disconnect) or shutdown
      }
      current = null;
    }
    failed(why);
  }

  /** SYSTEM disconnect: the old socket closes once its messages are stored; a new one now. */
  private void rotate(Session s) {
    synchronized (this) {
      if (s != current || stopped) {
        return;
      }
      current = null;
    }
    LOG.infof("钉钉 Stream 服务端要求断开（机器人 %s），换新连接", bot.id());
    submit(worker, () -> s.socket.close(1000, "disconnect"));
    reconnect();
  }

  /** Runs {@code task} on {@code executor} unless the client has stopped. */
  private static void submit(ExecutorService executor, Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // stopped meanwhile: nothing more to do on this connection
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : "：" + Secrets.scrub(m));
  }

  /** One socket's listener; callbacks come on OkHttp's threads. */
  private final class Session extends WebSocketListener {
    volatile WebSocket socket;

    @Override
    public void onOpen(WebSocket ws, Response response) {
      submit(
          control,
          () -> {
            if (current == this && !stopped) {
              failures = 0;
              status.connected();
              LOG.infof("钉钉 Stream 已连接（机器人 %s）", bot.id());
            }
          });
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
      status.frame();
      DingTalkFrames.Frame f = DingTalkFrames.parse(text, json);
      if (f == null || f.messageId() == null) {
        LOG.debugf("钉钉 Stream 收到无法识别的帧（机器人 %s），已忽略", bot.id());
        return;
      }
      switch (f.type()) {
        case SYSTEM -> {
          if (DingTalkFrames.PING.equals(f.topic())) {
            ws.send(DingTalkFrames.pong(f.messageId(), f.data(), json));
          } else if (DingTalkFrames.DISCONNECT.equals(f.topic())) {
            submit(control, () -> rotate(this));
          }
        }
        case EVENT -> ws.send(DingTalkFrames.eventAck(f.messageId(), json));
        case CALLBACK -> {
          if (DingTalkFrames.BOT_MESSAGE_TOPIC.equals(f.topic())) {
            submit(worker, () -> botMessage(ws, f));
          } else {
            ws.send(DingTalkFrames.botMessageAck(f.messageId(), json));
          }
        }
        default -> LOG.debugf("钉钉 Stream 收到未知类型的帧（机器人 %s），已忽略", bot.id());
      }
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      ws.close(1000, null);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      submit(control, () -> lost(this, "连接被关闭（" + code + "）"));
    }

    @Override
    public void onFailure(WebSocket ws, Throwable t, Response response) {
      String why =
          response != null && response.code() != 101
              ? "连接握手被拒绝：HTTP " + response.code()
              : "连接中断：" + describe(t);
      submit(control, () -> lost(this, why));
    }
  }

  /** A robot message: stored (or a duplicate), then acknowledged (worker thread). */
  private void botMessage(WebSocket ws, DingTalkFrames.Frame f) {
    JsonNode data;
    try {
      data = f.data() == null ? null : json.readTree(f.data());
    } catch (IOException e) {
      data = null;
    }
    Callback c = DingTalkCallbacks.message(bot, data, wall.instant(), null);
    if (!(c instanceof Callback.Message m) || m.message().messageId().length() > 128) {
      LOG.warnf("钉钉 Stream 消息无法读取（机器人 %s，帧 %s），已忽略", bot.id(), f.messageId());
      ws.send(DingTalkFrames.botMessageAck(f.messageId(), json));
      return;
    }
    ws.send(
        store(m)
            ? DingTalkFrames.botMessageAck(f.messageId(), json)
            : DingTalkFrames.failure(f.messageId(), json));
  }

  /** Stores a message, trying a few times; false (counted, logged, told) when it never was. */
  private boolean store(Callback.Message m) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= timings.storeTries(); attempt++) {
      try {
        inbox.receive(m);
        lostSince = null;
        lostTold = false;
        return true;
      } catch (RuntimeException e) {
        last = e;
      }
      if (attempt < timings.storeTries() && !pause()) {
        break;
      }
    }
    status.unstoredMessage();
    LOG.errorf(
        "钉钉 Stream 消息 %s（机器人 %s）%d 次都没能保存，钉钉不会重发，该消息已丢失：%s",
        m.message().messageId(),
        bot.id(),
        timings.storeTries(),
        last == null ? "已停止" : describe(last));
    if (lostSince == null) {
      lostSince = wall.instant();
    }
    if (!lostTold) {
      try {
        alerts.streamMessagesLost(bot.id(), lostSince);
        lostTold = true;
      } catch (RuntimeException e) {
        LOG.warnf("无法通知管理员（机器人 %s 的消息丢失）：%s", bot.id(), describe(e));
      }
    }
    return false;
  }

  private boolean pause() {
    try {
      Thread.sleep(timings.storePause().toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
