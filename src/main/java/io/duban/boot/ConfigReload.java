package io.duban.boot;

import io.duban.audit.Audit;
import io.duban.audit.AuditEvent;
import io.duban.common.Settings;
import io.duban.config.ConfigFingerprint;
import io.duban.reminder.ReminderRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code POST /api/config/reload}: the configuration folder read again with start-up's merge rules
 * (plan with the pages' edits laid over it, contacts, reminder rules, calendar), or with {@code
 * dryRun} the same load in a transaction that is rolled back, so the diff it answers is exactly
 * what the load would change. bots.yaml is read at start only.
 */
@ApplicationScoped
public class ConfigReload {
  @Inject ConfigLoader loader;
  @Inject EntityManager em;
  @Inject Settings settings;
  @Inject Audit audit;

  /** One change a load makes, as its audit line says it. */
  public record Line(String action, String subject, String detail) {}

  /** What a reload changed (or would change): counts, lines, and notes for the operator. */
  public record Diff(
      boolean applied,
      int added,
      int updated,
      int retired,
      int deleted,
      int contactsChanged,
      boolean remindersChanged,
      List<Line> changes,
      List<String> notes) {}

  public Diff reload(boolean dryRun, String actor) {
    return reload(loader.configDir(), dryRun, actor);
  }

  /** A dry run is the same load in a transaction that is rolled back. */
  Diff reload(Path dir, boolean dryRun, String actor) {
    if (!dryRun) {
      return QuarkusTransaction.requiringNew().call(() -> load(dir, false, actor));
    }
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                throw new DryRun(load(dir, true, actor));
              });
    } catch (DryRun d) {
      return d.diff;
    }
    throw new IllegalStateException("a dry run always rolls back");
  }

  /** Carries a dry run's diff out of its transaction, which the throw rolls back. */
  private static final class DryRun extends RuntimeException {
    final transient Diff diff;

    DryRun(Diff diff) {
      super(null, null, false, false);
      this.diff = diff;
    }
  }

  private Diff load(Path dir, boolean dryRun, String actor) {
    Long before =
        em.createQuery("select max(e.id) from AuditEvent e", Long.class).getSingleResult();
    ReminderRules rulesBefore = loader.reminderRulesNow();
    ConfigLoader.Summary s =
        loader.loadFrom(
            dir,
            ConfigLoader::lookupEnv,
            dryRun ? ConfigLoader.Mode.DRY_RUN : ConfigLoader.Mode.RELOAD);
    em.flush();
    List<Line> lines = new ArrayList<>();
    for (AuditEvent e :
        AuditEvent.<AuditEvent>list("id > ?1 order by id", before == null ? 0L : before)) {
      lines.add(new Line(e.action, e.subject, e.detail));
    }
    List<String> notes = new ArrayList<>(s.warnings());
    if (loader.botsChangedSinceStart(dir)) {
      notes.add("bots.yaml 在启动后已改动：机器人和路由的修改需重启服务后生效");
    }
    boolean reminders = !Objects.equals(rulesBefore, loader.readRemindersNow(dir));
    if (!dryRun) {
      settings.put(ConfigFingerprint.KEY, loader.fingerprint(dir));
      audit.record(
          actor,
          "config.reloaded",
          "配置目录",
          "目标新增 "
              + s.plan().added()
              + "，更新 "
              + s.plan().updated()
              + "，退役 "
              + s.plan().retired()
              + "，删除 "
              + s.plan().deleted()
              + "；联系人变更 "
              + s.contactsChanged());
    }
    return new Diff(
        !dryRun,
        s.plan().added(),
        s.plan().updated(),
        s.plan().retired(),
        s.plan().deleted(),
        s.contactsChanged(),
        reminders,
        lines,
        notes);
  }
}
