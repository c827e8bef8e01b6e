package io.duban.contact;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A contact's id on one platform, for every bot ({@code botId} "") or for one Feishu app. */
@Entity
@EntityListeners(SenderDirectory.Changes.class)
@Table(name = "contact_identity")
public class ContactIdentity extends BaseEntity {
  /** Set when the id holds for every bot of the platform. */
  public static final String ANY_BOT = "";

  @ManyToOne(optional = false)
  @JoinColumn(name = "contact_id")
  public Contact contact;

  @Column(nullable = false, length = 16)
  public String platform;

  @Column(name = "bot_id", nullable = false, length = 64)
  public String botId;

  @Column(name = "external_id", nullable = false, length = 128)
  public String externalId;

  /** FILE (contacts.yaml), BIND (learned by 绑定) or API. */
  @Column(nullable = false, length = 10)
  public String origin;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** The approval request that proved a 绑定 (null: listed in a file or the API, or legacy). */
  @Column(name = "approval_id")
  public Long approvalId;
}
