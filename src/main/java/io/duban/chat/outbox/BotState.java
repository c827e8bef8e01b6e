package io.duban.chat.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A bot's recent sends and pause, shared by every instance so pacing holds cluster-wide. */
@Entity
@Table(name = "bot_state")
public class BotState extends PanacheEntityBase {
  @Id
  @Column(name = "bot_id", length = 64)
  public String botId;

  /** Epoch milliseconds of the sends of the last minute, comma-separated. */
  @Column(name = "recent_sends", length = 4000)
  public String recentSends;

  @Column(name = "paused_until")
  public Instant pausedUntil;

  @Column(name = "pause_reason", length = 500)
  public String pauseReason;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
