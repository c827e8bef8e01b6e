package io.duban.evidence;

import io.duban.audit.Audit;
import io.duban.chat.Downloads;
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
  static final String PENDING = "PENDING";

  @Inject EntityManager em;
  @Inject BlobStore blobs;
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
      return "收到 "
          + count(m.files())
          + "，但 "
          + minutes()
          + " 分钟内没有您的上报可以附上，未保存。请在上报的同一条消息里附上，或上报后 "
          + minutes()
          + " 分钟内发送（也可先发“附件 <目标>”）。";
    }
    return attach(m, reports);
  }

  /**
   * Attaches the message's files to these reports; the sentence for the sender. Content that came
   * with the message is kept at once; a platform's reference is queued for {@link EvidenceFetcher},
   * which downloads it after the commit and tells the sender only if it could not be kept.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public String attach(IncomingMessage m, List<ReportRef> reports) {
    int images = 0;
    int files = 0;
    int queuedImages = 0;
    int queued = 0;
    List<String> refused = new ArrayList<>();
    Instant now = wall.instant();
    for (InboundFile f : m.files()) {
      Optional<InboundFile.Inline> inline = f.content();
      if (inline.isEmpty()) {
        queue(m, reports, f, now);
        queued++;
        queuedImages += f.kind() == InboundFile.Kind.IMAGE ? 1 : 0;
        continue;
      }
      String name = name(f.name());
      Optional<Kept> kept = keep(inline.get().bytes(), name, called(f.kind(), name), refused);
      if (kept.isEmpty()) {
        continue;
      }
      for (ReportRef r : reports) {
        persist(m.platform().key(), m.chatId(), m.senderId(), m.messageId(), r.id(), kept.get());
      }
      if (kept.get().type().image()) {
        images++;
      } else {
        files++;
      }
    }
    StringBuilder sb = new StringBuilder();
    if (images + files > 0) {
      sb.append("已附 ").append(what(images, files)).append("到 ").append(reportNames(reports));
      sb.append("。");
      audit.record(
          m.platform().key() + ":" + m.senderId(),
          "attachment.add",
          reportNames(reports),
          what(images, files) + (m.messageId() == null ? "" : "，消息 " + m.messageId()));
    }
    if (queued > 0) {
      sb.append(sb.length() == 0 ? "" : "\n")
          .append("收到 ")
          .append(what(queuedImages, queued - queuedImages))
          .append("，正在附到 ")
          .append(reportNames(reports))
          .append("；未能保存时会另行告知。");
    }
    for (String why : refused) {
      sb.append(sb.length() == 0 ? "" : "\n").append(why);
    }
    return sb.toString();
  }

  private void queue(IncomingMessage m, List<ReportRef> reports, InboundFile f, Instant now) {
    AttachmentFetch q = new AttachmentFetch();
    q.reportIds = String.join(",", reports.stream().map(r -> Long.toString(r.id())).toList());
    q.platform = m.platform().key();
    q.botId = m.botId() == null ? "" : cut(m.botId(), 64);
    q.chatId = cut(m.chatId(), 128);
    q.senderId = cut(m.senderId(), 128);
    q.messageId = cut(m.messageId(), 128);
    q.kind = f.kind().name();
    q.fileName = name(f.name());
    q.ref = cut(f.ref() == null ? "" : f.ref(), 4000);
    q.status = PENDING;
    q.attempts = 0;
    q.nextAttemptAt = now;
    q.createdAt = now;
    q.persist();
  }

  /**
   * Keeps a downloaded file for its queued reports, in the caller's transaction: null when kept,
   * else the sentence for the sender.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public String keepFetched(AttachmentFetch q, byte[] bytes, String platformName) {
    String name = q.fileName != null ? q.fileName : name(platformName);
    InboundFile.Kind kind = InboundFile.Kind.valueOf(q.kind);
    List<String> refused = new ArrayList<>();
    Optional<Kept> kept = keep(bytes, name, called(kind, name), refused);
    if (kept.isEmpty()) {
      return refused.get(0);
    }
    List<String> targets = new ArrayList<>();
    for (String id : q.reportIds.split(",")) {
      persist(q.platform, q.chatId, q.senderId, q.messageId, Long.parseLong(id), kept.get());
      targets.add(id);
    }
    audit.record(
        q.platform + ":" + q.senderId,
        "attachment.add",
        "上报 #" + String.join("、#", targets),
        (kept.get().type().image() ? "1 张图片" : "1 个文件")
            + (q.messageId == null ? "" : "，消息 " + q.messageId));
    return null;
  }

  /** The reports a queued file was for, as the sender reads them. */
  String reportNames(AttachmentFetch q) {
    List<ReportRef> refs = new ArrayList<>();
    for (String id : q.reportIds.split(",")) {
      List<?> row =
          em.createNativeQuery(
                  "SELECT t.name, r.period_key FROM report r JOIN target t ON t.id = r.target_id"
                      + " WHERE r.id = :id")
              .setParameter("id", Long.parseLong(id))
              .getResultList();
      if (!row.isEmpty()) {
        Object[] r = (Object[]) row.get(0);
        refs.add(new ReportRef(Long.parseLong(id), (String) r[0], (String) r[1]));
      }
    }
    return reportNames(refs);
  }

  private record Kept(String sha256, FileTypes.Type type, long size, String name) {}

  private static String name(String raw) {
    return raw == null || raw.isBlank() ? null : cut(raw.strip(), 200);
  }

  private static String called(InboundFile.Kind kind, String name) {
    return name == null ? (kind == InboundFile.Kind.IMAGE ? "图片" : "文件") : "“" + name + "”";
  }

  /** The content checked and stored once per hash; empty (with the reason) if refused. */
  private Optional<Kept> keep(byte[] bytes, String name, String called, List<String> refused) {
    long max = config.attachments().maxBytes();
    if (bytes.length > max) {
      refused.add(called + "未保存：超过 " + Downloads.size(max) + " 上限。上报的数不受影响。");
      return Optional.empty();
    }
    Optional<FileTypes.Type> type = FileTypes.recognise(bytes, name);
    if (type.isEmpty()) {
      refused.add(called + "未保存：只收图片、PDF 和 Office 文件。上报的数不受影响。");
      return Optional.empty();
    }
    String hash = sha256(bytes);
    if (!blobs.keep(hash, bytes)) {
      refused.add(called + "未保存：服务器存储失败，请稍后重新发送。上报的数不受影响。");
      return Optional.empty();
    }
    return Optional.of(new Kept(hash, type.get(), bytes.length, name));
  }

  private void persist(
      String platform, String chatId, String senderId, String messageId, long reportId, Kept k) {
    Number last =
        (Number)
            em.createQuery("select coalesce(max(a.seq), 0) from Attachment a where a.reportId = :r")
                .setParameter("r", reportId)
                .getSingleResult();
    Attachment a = new Attachment();
    a.reportId = reportId;
    a.seq = last.intValue() + 1;
    a.kind = k.type().image() ? "IMAGE" : "FILE";
    a.fileName = k.name();
    a.contentType = k.type().contentType();
    a.sizeBytes = k.size();
    a.sha256 = k.sha256();
    a.platform = platform;
    a.chatId = cut(chatId, 128);
    a.senderId = cut(senderId, 128);
    a.messageId = cut(messageId, 128);
    a.createdAt = wall.instant();
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

  /** The unit's latest report on the target that is not withdrawn, if any. */
  public Optional<ReportRef> latestOf(long targetId, long unitId) {
    List<?> rows =
        em.createNativeQuery(
                "SELECT r.id, t.name, r.period_key FROM report r JOIN target t ON t.id ="
                    + " r.target_id WHERE r.target_id = :t AND r.unit_id = :u AND r.withdrawn ="
                    + " FALSE ORDER BY r.id DESC FETCH FIRST 1 ROWS ONLY")
            .setParameter("t", targetId)
            .setParameter("u", unitId)
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] row = (Object[]) rows.get(0);
    return Optional.of(
        new ReportRef(((Number) row[0]).longValue(), (String) row[1], (String) row[2]));
  }

  /** "新增就业岗位 6月上报" for a report, as replies name it. */
  public static String reportName(ReportRef r) {
    return r.target() + " " + periodLabel(r.periodKey()) + "上报";
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
      names.add(reportName(r));
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

  static String sha256(byte[] bytes) {
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
