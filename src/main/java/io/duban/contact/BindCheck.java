package io.duban.contact;

import io.duban.approval.ApprovalRequest;
import io.duban.approval.ApprovalStatus;
import io.duban.approval.Approvals;
import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.Directories;
import io.duban.chat.Directory;
import io.duban.chat.Platform;
import io.duban.config.DubanConfig;
import io.duban.config.NotReady;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Path (a) of a 绑定: asks the platform's directory which user holds the contact's registered mobile,
 * outside any transaction (a slow platform never holds a callback or a lock), right after the
 * request commits and again on a schedule for requests a restart interrupted. The sender is bound
 * only when the directory names exactly them; any other answer, a timeout or an error hands the
 * request to the admins.
 */
@ApplicationScoped
public class BindCheck {
  /** A check that started this long ago and never finished (the instance died) is run again. */
  static final Duration STALE = Duration.ofMinutes(2);

  private static final Logger LOG = Logger.getLogger(BindCheck.class);

  @Inject EntityManager em;
  @Inject Approvals approvals;
  @Inject BindRequests binds;
  @Inject BotRegistry bots;
  @Inject Directories directories;
  @Inject DubanConfig config;
  @Inject Clock wall;

  private ExecutorService executor;

  @PostConstruct
  void start() {
    executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "duban-bind-check");
              t.setDaemon(true);
              return t;
            });
  }

  void stop(@Observes ShutdownEvent event) {
    executor.shutdownNow();
  }

  void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) BindRequests.CheckQueued e) {
    if (config.bind().checkOnRequest()) {
      executor.execute(() -> check(e.requestId()));
    }
  }

  @Scheduled(
      every = "${duban.bind.check-interval:30s}",
      delayed = "15s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NotReady.class)
  void sweep() {
    runDue();
  }

  /** Checks every request waiting for its directory check; returns how many were checked. */
  public int runDue() {
    Instant stale = wall.instant().minus(STALE);
    List<Long> ids =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createQuery(
                            "select r.id from ApprovalRequest r where r.status = :pending and"
                                + " (r.checkState = :queued or (r.checkState = :running and"
                                + " r.checkStartedAt < :stale)) order by r.id",
                            Long.class)
                        .setParameter("pending", ApprovalStatus.PENDING)
                        .setParameter("queued", BindRequests.CHECK_QUEUED)
                        .setParameter("running", BindRequests.CHECK_RUNNING)
                        .setParameter("stale", stale)
                        .setMaxResults(100)
                        .getResultList());
    int n = 0;
    for (Long id : ids) {
      if (check(id)) {
        n++;
      }
    }
    return n;
  }

  /** What one check needs, read when it is claimed. */
  private record Claimed(long id, String botId, String mobile, String senderId) {}

  /** Runs the check of one request unless another thread or instance has it; true if it ran. */
  boolean check(long id) {
    Optional<Claimed> claimed;
    try {
      claimed = QuarkusTransaction.requiringNew().call(() -> claim(id));
    } catch (RuntimeException e) {
      LOG.warnf("绑定申请 #%d 无法开始核实：%s", id, e.toString());
      return false;
    }
    if (claimed.isEmpty()) {
      return false;
    }
    Claimed c = claimed.get();
    Optional<BotSpec> bot = bots.bot(c.botId());
    Optional<Directory> directory = bot.flatMap(directories::forBot);
    Directory.Answer answer =
        directory.isEmpty()
            ? Directory.Answer.unavailable("机器人已停用或不再配置通讯录权限")
            : lookup(directory.get(), bot.get(), c.mobile());
    try {
      QuarkusTransaction.requiringNew().run(() -> apply(c, bot.orElse(null), answer));
    } catch (RuntimeException e) {
      LOG.warnf("绑定申请 #%d 核实结果无法保存：%s", id, e.toString());
      return false;
    }
    return true;
  }

  private static Directory.Answer lookup(Directory d, BotSpec bot, String mobile) {
    try {
      return d.userByMobile(bot, mobile);
    } catch (RuntimeException e) {
      return Directory.Answer.unavailable(e.getClass().getSimpleName());
    }
  }

  private Optional<Claimed> claim(long id) {
    ApprovalRequest r = em.find(ApprovalRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
    Instant now = wall.instant();
    boolean due =
        r != null
            && r.pending()
            && (BindRequests.CHECK_QUEUED.equals(r.checkState)
                || (BindRequests.CHECK_RUNNING.equals(r.checkState)
                    && r.checkStartedAt != null
                    && r.checkStartedAt.isBefore(now.minus(STALE))));
    if (!due) {
      return Optional.empty();
    }
    r.checkState = BindRequests.CHECK_RUNNING;
    r.checkStartedAt = now;
    return Optional.of(new Claimed(r.id, r.botId, r.subject, r.senderId));
  }

  private void apply(Claimed c, BotSpec bot, Directory.Answer answer) {
    ApprovalRequest r = em.find(ApprovalRequest.class, c.id(), LockModeType.PESSIMISTIC_WRITE);
    if (r == null || !r.pending() || !BindRequests.CHECK_RUNNING.equals(r.checkState)) {
      return;
    }
    Platform platform = Platform.fromKey(r.platform).orElse(Platform.CONSOLE);
    String book = platform.label() + "通讯录";
    if (answer.kind() == Directory.Kind.FOUND && c.senderId().equals(answer.userId())) {
      r.checkState = BindRequests.CHECK_VOUCHED;
      Approvals.Outcome o = approvals.approveByPlatform(r.id, book);
      if (o.done()) {
        binds.vouchedNotice(r, book);
        return;
      }
      r.checkState = BindRequests.CHECK_DOUBT;
      approvals.askAdmins(r, book + "已核实手机号属于申请人，但无法自动绑定：" + o.text());
      return;
    }
    r.checkState = BindRequests.CHECK_DOUBT;
    String why =
        switch (answer.kind()) {
          case FOUND -> book + "显示这个手机号属于另一个账号（不是申请人），请与本人核实后再决定。";
          case NOT_FOUND -> book + "中查不到这个手机号，请与本人核实后再决定。";
          case UNAVAILABLE -> "无法通过" + book + "核实（" + answer.detail() + "），请与本人核实后再批准。";
        };
    approvals.askAdmins(r, why);
  }
}
