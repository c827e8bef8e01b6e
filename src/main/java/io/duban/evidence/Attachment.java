package io.duban.evidence;

import io.duban.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** One picture or file attached to one report as 佐证材料; its bytes are in {@link AttachmentBlob}. */
@Entity
@Table(name = "attachment")
public class Attachment extends BaseEntity {
  @Column(name = "report_id", nullable = false)
  public Long reportId;

  /** 1, 2, … within the report (the n of the download path). */
  @Column(nullable = false)
  public int seq;

  /** IMAGE or FILE, as the content was recognised (not as it was declared). */
  @Column(nullable = false, length = 8)
  public String kind;

  @Column(name = "file_name", length = 200)
  public String fileName;

  @Column(name = "content_type", nullable = false, length = 100)
  public String contentType;

  @Column(name = "size_bytes", nullable = false)
  public long sizeBytes;

  @Column(nullable = false, length = 64)
  public String sha256;

  @Column(nullable = false, length = 16)
  public String platform;

  @Column(name = "chat_id", length = 128)
  public String chatId;

  @Column(name = "sender_id", nullable = false, length = 128)
  public String senderId;

  @Column(name = "message_id", length = 128)
  public String messageId;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
