package io.duban.evidence;

import io.duban.audit.Audit;
import io.duban.chat.InboundFile;
import io.duban.chat.IncomingMessage;
import io.duban.config.DubanConfig;
import io.duban.contact.Contact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * 佐证材料: pictures and files a reporter sends with a report, or within {@code
 * duban.attachments.window} (10 minutes) after it, are attached to that report (and to the other
 * figures of its message). Each file is checked by its content (pictures, PDF, Office: {@link
 * FileTypes}) and size ({@code duban.attachments.max-bytes}); the bytes are kept once per content
 * hash in the database. A file that is not kept says why; the report stays as it is.
 */
@ApplicationScoped
public class Evidence {
  @Inject EntityManager em;
  @Inject Clock wall;
  @Inject Audit audit;
  @Inject DubanConfig config;

  /** One report files may attach to: its id, target name and period key. */
  public record ReportRef(long id, String target, String periodKey) {}

  /**
   * Attaches the message's files to the sender's latest report within the window (and the other
   * reports of its message), in the caller's transaction; the sentence for the sender.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public String attachToRecent(IncomingMessage m, Contact sender) {
    List<ReportRef> reports = recentReports(sender);
    if (reports.isEmpty()) {
      return "收到"
          + count(m.files())
          + "，但"
          + minutes()
          + " 分钟内没有您的上报可以附上，未保存。请在上报的同一条消息里附上，或上报后 "
          + minutes()
          + " 分钟内发送。";
    }
    return attach(m, reports);
  }

  /** Attaches the message's files to these reports; the sentence for the sender. */
  @Transactional(Transactional.TxType.MANDATORY)
  public String attach(IncomingMessage m, List<ReportRef> reports) {
    int images = 0;
    int files = 0;
    List<String> refused = new ArrayList<>();
    Instant now = wall.instant();
    for (InboundFile f : m.files()) {
      Optional<Kept> kept = keep(f, refused);
      if (kept.isEmpty()) {
        continue;
      }
      for (ReportRef r : reports) {
        persist(m, r, kept.get(), now);
      }
      if (kept.get().type().image()) {
        images++;
      } else {
        files++;
      }
    }
    StringBuilder sb = new StringBuilder();
    if (images + files > 0) {
      sb.append("已附 ")
          .append(what(images, files))
          .append("到 ")
          .append(reportNames(reports))
          .append("。");
      audit.record(
          m.platform().key() + ":" + m.senderId(),
          "attachment.add",
          reportNames(reports),
          what(images, files) + (m.messageId() == null ? "" : "，消息 " + m.messageId()));
    }
    for (String why : refused) {
      sb.append(sb.length() == 0 ? "" : "\n").append(why);
    }
    return sb.toString();
  }

  private record Kept(String sha256, FileTypes.Type type, long size, String name) {}

  /** The file's content checked and stored once per hash; empty (with the reason) if refused. */
  private Optional<Kept> keep(InboundFile f, List<String> refused) {
    String name = f.name() == null || f.name().isBlank() ? null : cut(f.name().strip(), 200);
    String called =
        name == null ? (f.kind() == InboundFile.Kind.IMAGE ? "图片" : "文件") : "“" + name + "”";
    Optional<InboundFile.Inline> inline = f.content();
    if (inline.isEmpty()) {
      refused.add(called + "未保存：暂不能从该平台下载附件。上报的数不受影响。");
      return Optional.empty();
    }
    byte[] bytes = inline.get().bytes();
    long max = config.attachments().maxBytes();
    if (bytes.length > max) {
      refused.add(called + "未保存：超过 " + size(max) + " 上限。上报的数不受影响。");
      return Optional.empty();
    }
    Optional<FileTypes.Type> type = FileTypes.recognise(bytes, name);
    if (type.isEmpty()) {
      refused.add(called + "未保存：只收图片、PDF 和 Office 文件。上报的数不受影响。");
      return Optional.empty();
    }
    String hash = sha256(bytes);
    if (em.find(AttachmentBlob.class, hash) == null) {
      AttachmentBlob blob = new AttachmentBlob();
      blob.sha256 = hash;
      blob.sizeBytes = bytes.length;
      blob.content = bytes;
      blob.createdAt = wall.instant();
      em.persist(blob);
    }
    return Optional.of(new Kept(hash, type.get(), bytes.length, name));
  }

  private void persist(IncomingMessage m, ReportRef r, Kept k, Instant now) {
    Number last =
        (Number)
            em.createQuery("select coalesce(max(a.seq), 0) from Attachment a where a.reportId = :r")
                .setParameter("r", r.id())
                .getSingleResult();
    Attachment a = new Attachment();
    a.reportId = r.id();
    a.seq = last.intValue() + 1;
    a.kind = k.type().image() ? "IMAGE" : "FILE";
    a.fileName = k.name();
    a.contentType = k.type().contentType();
    a.sizeBytes = k.size();
    a.sha256 = k.sha256();
    a.platform = m.platform().key();
    a.chatId = cut(m.chatId(), 128);
    a.senderId = cut(m.senderId(), 128);
    a.messageId = cut(m.messageId(), 128);
    a.createdAt = now;
    em.persist(a);
  }

  /**
   * The sender's latest report within the window, with the other reports of its message (a message
   * may carry several figures); withdrawn ones are left out.
   */
  public List<ReportRef> recentReports(Contact sender) {
    if (sender == null) {
      return List.of();
    }
    Instant since = wall.instant().minus(config.attachments().window());
    List<?> rows =
        em.createNativeQuery(
                "SELECT r.id, t.name, r.period_key, r.message_id FROM report r JOIN target t ON"
                    + " t.id = r.target_id WHERE r.contact_id = :c AND r.withdrawn = FALSE AND"
                    + " r.recorded_at >= :since ORDER BY r.id DESC FETCH FIRST 20 ROWS ONLY")
            .setParameter("c", sender.id)
            .setParameter("since", since)
            .getResultList();
    List<ReportRef> out = new ArrayList<>();
    Object message = null;
    for (Object o : rows) {
      Object[] row = (Object[]) o;
      if (out.isEmpty()) {
        message = row[3];
      } else if (message == null || !message.equals(row[3])) {
        break;
      }
      out.add(new ReportRef(((Number) row[0]).longValue(), (String) row[1], (String) row[2]));
    }
    return out;
  }

  /** A report's attachments in order. */
  public List<Attachment> of(long reportId) {
    return Attachment.list("reportId = ?1 order by seq", reportId);
  }

  private int minutes() {
    return (int) config.attachments().window().toMinutes();
  }

  private static String reportNames(List<ReportRef> reports) {
    Set<String> names = new LinkedHashSet<>();
    for (ReportRef r : reports) {
      names.add(r.target() + " " + periodLabel(r.periodKey()) + "上报");
    }
    return String.join("、", names);
  }

  /** "2018-06" → "6月"; other period keys as they are. */
  static String periodLabel(String key) {
    if (key != null && key.matches("\\d{4}-\\d{2}")) {
      return Integer.parseInt(key.substring(5)) + "月";
    }
    return key == null ? "" : key + " ";
  }

  private static String count(List<InboundFile> files) {
    long images = files.stream().filter(f -> f.kind() == InboundFile.Kind.IMAGE).count();
    return what((int) images, files.size() - (int) images);
  }

  private static String what(int images, int files) {
    if (files == 0) {
      return images + " 张图片";
    }
    if (images == 0) {
      return files + " 个文件";
    }
    return images + " 张图片和 " + files + " 个文件";
  }

  /** "20 MB", or "100 KB" below a megabyte. */
  static String size(long bytes) {
    long mb = 1024 * 1024;
    return bytes >= mb ? (bytes / mb) + " MB" : Math.max(1, bytes / 1024) + " KB";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
