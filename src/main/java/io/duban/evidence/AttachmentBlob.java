package io.duban.evidence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The bytes of an attachment, once per content (SHA-256): the same picture sent twice is kept once.
 * See {@link BlobStore} for where they are.
 */
@Entity
@Table(name = "attachment_blob")
public class AttachmentBlob extends PanacheEntityBase {
  @Id
  @Column(length = 64)
  public String sha256;

  @Column(name = "size_bytes", nullable = false)
  public long sizeBytes;

  /** The bytes, or null when they are a file under {@code duban.attachments.directory}. */
  public byte[] content;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
