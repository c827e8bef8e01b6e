package io.duban.evidence;

import io.duban.config.DubanConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where the bytes of 佐证材料 live, once per content hash: in the database ({@code attachment_blob}
 * content, the default) or, with {@code duban.attachments.directory} set, as files under that
 * directory ({@code <dir>/<first two hex digits>/<sha256>}) with the row keeping hash and size
 * only. A file is written beside its final name and moved into place, so a reader never sees half
 * of one; a stored file is checked against its hash when read.
 */
@ApplicationScoped
public class BlobStore {
  private static final Logger LOG = Logger.getLogger(BlobStore.class);

  @Inject DubanConfig config;
  @Inject EntityManager em;
  @Inject Clock wall;

  /** Fails the start when a configured directory cannot be created or written. */
  void check(@Observes StartupEvent start) {
    directory()
        .ifPresent(
            dir -> {
              try {
                Files.createDirectories(dir);
              } catch (IOException e) {
                throw new IllegalStateException("附件存储目录 " + dir + " 无法创建：" + e.getMessage(), e);
              }
              if (!Files.isWritable(dir)) {
                throw new IllegalStateException("附件存储目录 " + dir + " 不可写");
              }
              LOG.infof("佐证材料存放在目录 %s", dir);
            });
  }

  /** The configured directory, if any. */
  Optional<Path> directory() {
    return config
        .attachments()
        .directory()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(Path::of);
  }

  /**
   * Keeps {@code bytes} under {@code hash} unless they are kept already; false (logged, nothing
   * written to the table) when the directory could not take them.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean keep(String hash, byte[] bytes) {
    if (em.find(AttachmentBlob.class, hash) != null) {
      return true;
    }
    Optional<Path> dir = directory();
    if (dir.isPresent()) {
      try {
        write(dir.get(), hash, bytes);
      } catch (IOException e) {
        LOG.warnf("附件 %s 无法写入存储目录 %s：%s", hash, dir.get(), e.toString());
        return false;
      }
    }
    AttachmentBlob blob = new AttachmentBlob();
    blob.sha256 = hash;
    blob.sizeBytes = bytes.length;
    blob.content = dir.isPresent() ? null : bytes;
    blob.createdAt = wall.instant();
    em.persist(blob);
    return true;
  }

  /** The bytes kept under {@code hash}; empty when neither the table nor the directory has them. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<byte[]> read(String hash) {
    AttachmentBlob blob = em.find(AttachmentBlob.class, hash);
    if (blob == null) {
      return Optional.empty();
    }
    if (blob.content != null) {
      return Optional.of(blob.content);
    }
    Optional<Path> dir = directory();
    if (dir.isEmpty()) {
      LOG.warnf("附件 %s 存在目录中，但未配置 duban.attachments.directory", hash);
      return Optional.empty();
    }
    Path file = file(dir.get(), hash);
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (!hash.equals(Evidence.sha256(bytes))) {
        LOG.warnf("附件文件 %s 与其哈希不符，未提供", file);
        return Optional.empty();
      }
      return Optional.of(bytes);
    } catch (IOException e) {
      LOG.warnf("附件文件 %s 无法读取：%s", file, e.toString());
      return Optional.empty();
    }
  }

  static Path file(Path dir, String hash) {
    return dir.resolve(hash.substring(0, 2)).resolve(hash);
  }

  private static void write(Path dir, String hash, byte[] bytes) throws IOException {
    Path target = file(dir, hash);
    {
      if (Files.isRegularFile(target)
          && Files.size(target) == bytes.length
          && hash.equals(Evidence.sha256(Files.readAllBytes(target)))) {
        return; // the same content, kept before (a transaction that rolled back left it)
      }
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), hash.substring(0, 8), ".part");
      try {
        Files.write(tmp, bytes);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
