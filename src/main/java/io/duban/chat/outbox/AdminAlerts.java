package io.duban.chat.outbox;

import io.duban.chat.BotRegistry;
import io.duban.time.PlanClock;
import io.duban.time.Zones;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the admins are told on the admin route: delivery failures and configuration warnings (once a
 * day each, so restarts do not repeat them).
 */
@ApplicationScoped
public class AdminAlerts {
  @Inject Outbox outbox;
  @Inject BotRegistry bots;
  @Inject Clock wall;
  @Inject PlanClock planClock;

  @Transactional(Transactional.TxType.MANDATORY)
  public void deliveryFailed(String botId, String chatId, String text, String error) {
    String excerpt = text.length() > 60 ? text.substring(0, 60) + "…" : text;
    outbox.enqueue(
        Outbox.Draft.of(
            bots.adminRoute(),
            MessageKind.ADMIN_ALERT,
            "【督办】消息发送失败：机器人 "
                + botId
                + (chatId == null ? "" : "，群 " + chatId)
                + "。原因："
                + error
                + "\n内容：“"
                + excerpt.replace("\n", " ")
                + "”"));
  }

  /** A bot's long connection has been down since {@code since} (once per outage). */
  public void streamDown(String botId, Instant since, String error) {
    String text =
        "【督办】机器人 "
            + botId
            + " 的长连接自 "
            + java.time.format.DateTimeFormatter.ofPattern("M月d日 HH:mm")
                .format(since.atZone(Zones.SHANGHAI))
            + " 起断开，正在重连；期间该机器人收不到消息。"
            + (error == null ? "" : "原因：" + error);
    tell(text, "stream-down:" + botId + ":" + since.toEpochMilli());
  }

  /** A bot's long connection is back after an outage told at {@code alertedAt}. */
  public void streamBack(String botId, Instant alertedAt) {
    String text = "【督办】机器人 " + botId + " 的长连接已恢复。";
    tell(text, "stream-back:" + botId + ":" + alertedAt.toEpochMilli());
  }

  /**
   * Messages received over a bot's long connection since {@code since} could not be stored (the
   * platform does not deliver them again); once per such outage.
   */
  public void streamMessagesLost(String botId, Instant since) {
    String text = "【督办】机器人 " + botId + " 通过长连接收到的消息无法保存（数据库不可用？），平台不会重发，这些消息已丢失；请查看日志。";
    tell(text, "stream-unstored:" + botId + ":" + since.toEpochMilli());
  }

  /** Configuration warnings, at most once per day per distinct text. */
  public void configWarnings(List<String> warnings) {
    if (warnings.isEmpty()) {
      return;
    }
    String text = "【督办】配置提醒：\n· " + String.join("\n· ", warnings);
    LocalDate day = wall.instant().atZone(Zones.SHANGHAI).toLocalDate();
    tell(text, "config:" + day + ":" + Integer.toHexString(text.hashCode()));
  }

  /** Enqueues one alert to the admin route in its own transaction, once per dedupe key. */
  private void tell(String text, String dedupeKey) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                outbox.enqueue(
                    Outbox.Draft.of(bots.adminRoute(), MessageKind.ADMIN_ALERT, text)
                        .dedupe(dedupeKey)));
  }
}
