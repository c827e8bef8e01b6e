package io.duban.evidence;

import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.InboundFile;
import io.duban.chat.MediaFetcher;
import io.duban.chat.MediaFetcher.MediaException;
import io.duban.chat.Platform;
import io.duban.chat.Route;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.Outbox;
import io.duban.config.DubanConfig;
import io.duban.config.NotReady;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Downloads the pictures and files platform messages referred to ({@link AttachmentFetch}), through
 * each platform's {@link MediaFetcher}, outside any transaction, and attaches them. A row is
 * claimed before its download (another instance skips it; a claim older than {@link #STALE} is
 * taken again after a crash); a failure that may pass is tried again (up to {@link #MAX_ATTEMPTS},
 * after 10 s, 20 s, 40 s…); one that will not is told to the sender's chat with the reason. Kept
 * files are not announced again: the reply to the message already said they were coming.
 */
@ApplicationScoped
public class EvidenceFetcher {
  private static final Logger LOG = Logger.getLogger(EvidenceFetcher.class);
  static final int MAX_ATTEMPTS = 5;
  static final Duration STALE = Duration.ofMinutes(5);
  static final String FETCHING = "FETCHING";
  static final String DONE = "DONE";
  static final String FAILED = "FAILED";

  @Inject EntityManager em;
  @Inject Clock wall;
  @Inject Evidence evidence;
  @Inject BotRegistry bots;
  @Inject Instance<MediaFetcher> fetchers;
  @Inject Outbox outbox;
  @Inject DubanConfig config;

  @Scheduled(
      every = "${duban.attachments.interval:2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NotReady.class)
  void tick() {
    try {
      runDue();
    } catch (RuntimeException e) {
      LOG.errorf(e, "下载附件失败");
    }
  }

  /** Downloads and attaches what is due now; how many rows were handled (tests call it). */
  public int runDue() {
    int handled = 0;
    for (int round = 0; round < 10; round++) {
      List<Long> claimed = QuarkusTransaction.requiringNew().call(this::claim);
      if (claimed.isEmpty()) {
        break;
      }
      for (long id : claimed) {
        fetchOne(id);
        handled++;
      }
    }
    return handled;
  }

  private List<Long> claim() {
    Instant now = wall.instant();
    List<Long> ids =
        ((List<?>)
                em.createNativeQuery(
                        "SELECT id FROM attachment_fetch WHERE (status = 'PENDING' AND"
                            + " next_attempt_at <= :now) OR (status = 'FETCHING' AND claimed_at <"
                            + " :stale) ORDER BY id FETCH FIRST 10 ROWS ONLY FOR UPDATE SKIP LOCKED")
                    .setParameter("now", now)
                    .setParameter("stale", now.minus(STALE))
                    .getResultList())
            .stream().map(o -> ((Number) o).longValue()).toList();
    for (long id : ids) {
      AttachmentFetch q = em.find(AttachmentFetch.class, id);
      q.status = FETCHING;
      q.claimedAt = now;
      q.attempts++;
    }
    return ids;
  }

  private void fetchOne(long id) {
    AttachmentFetch q = QuarkusTransaction.requiringNew().call(() -> copy(id));
    String failure;
    boolean retry = false;
    MediaFetcher.Fetched fetched = null;
    Optional<BotSpec> bot = bots.bot(q.botId);
    Optional<MediaFetcher> fetcher = fetcherOf(q.platform);
    if (bot.isEmpty() || fetcher.isEmpty()) {
      failure = "机器人未配置或已停用，无法下载";
    } else {
      try {
        fetched =
            fetcher
                .get()
                .fetch(
                    bot.get(),
                    new InboundFile(InboundFile.Kind.valueOf(q.kind), q.fileName, q.ref),
                    config.attachments().maxBytes());
        failure = null;
      } catch (MediaException e) {
        failure = e.getMessage();
        retry = e.retryable() && q.attempts < MAX_ATTEMPTS;
      } catch (RuntimeException e) {
        LOG.errorf(e, "下载附件 #%d 时出错", id);
        failure = "下载出错";
        retry = q.attempts < MAX_ATTEMPTS;
      }
    }
    MediaFetcher.Fetched got = fetched;
    String why = failure;
    boolean again = retry;
    QuarkusTransaction.requiringNew().run(() -> finish(id, got, why, again));
  }

  private AttachmentFetch copy(long id) {
    AttachmentFetch q = em.find(AttachmentFetch.class, id);
    em.detach(q);
    return q;
  }

  private void finish(long id, MediaFetcher.Fetched fetched, String failure, boolean retry) {
    AttachmentFetch q = em.find(AttachmentFetch.class, id);
    Instant now = wall.instant();
    String refusal =
        fetched == null ? null : evidence.keepFetched(q, fetched.bytes(), fetched.fileName());
    if (fetched != null && refusal == null) {
      q.status = DONE;
      q.error = null;
      return;
    }
    if (retry) {
      q.status = Evidence.PENDING;
      q.error = cut(failure);
      q.nextAttemptAt = now.plusSeconds(10L << Math.min(q.attempts - 1, 6));
      return;
    }
    q.status = FAILED;
    String called =
        q.fileName != null ? "“" + q.fileName + "”" : "IMAGE".equals(q.kind) ? "图片" : "文件";
    String text =
        refusal != null
            ? refusal
            : called + "未能附到 " + evidence.reportNames(q) + "：" + failure + "。上报的数不受影响，可重新发送。";
    q.error = cut(text);
    outbox.enqueue(
        Outbox.Draft.of(new Route(q.botId, q.chatId), MessageKind.REPLY, text)
            .dedupe("attachment-failed:" + q.id)
            .fresh());
  }

  private Optional<MediaFetcher> fetcherOf(String platform) {
    Optional<Platform> p = Platform.fromKey(platform);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    return fetchers.stream().filter(f -> f.platform() == p.get()).findFirst();
  }

  private static String cut(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 500);
  }
}
