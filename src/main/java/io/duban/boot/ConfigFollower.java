package io.duban.boot;

import io.duban.command.VocabularyService;
import io.duban.common.Settings;
import io.duban.config.ConfigFileException;
import io.duban.config.DubanConfig;
import io.duban.config.NoOtherInstance;
import io.duban.config.ReadyFlag;
import io.duban.progress.PlanStructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * What another instance's load or edit changes in this instance's memory: when the configuration
 * generation moves, the command vocabulary (names and aliases) is rebuilt and the reminder rules
 * and calendar are read again from the folder (the plan structure follows by itself, see
 * PlanStructure). With {@code duban.plan.watch}, a change of the folder's files reloads it.
 */
@ApplicationScoped
public class ConfigFollower {
  private static final Logger LOG = Logger.getLogger(ConfigFollower.class);

  @Inject Settings settings;
  @Inject VocabularyService vocabulary;
  @Inject ConfigLoader loader;
  @Inject ConfigReload reload;

  private volatile String seenGeneration;
  private volatile String seenFiles;
  private volatile String refusedFiles;

  @Scheduled(
      every = "${duban.read-model.poll-interval:2s}",
      delayed = "3s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NoOtherInstance.class)
  void follow() {
    String generation =
        QuarkusTransaction.requiringNew()
            .call(() -> settings.get(PlanStructure.GENERATION).orElse(""));
    String seen = seenGeneration;
    seenGeneration = generation;
    if (seen == null || seen.equals(generation)) {
      return;
    }
    vocabulary.rebuild();
    try {
      loader.readMemoryFiles(loader.configDir());
    } catch (ConfigFileException e) {
      LOG.warnf("另一实例加载了配置，本实例重读提醒规则和日历失败：%s", e.getMessage());
    }
  }

  @Scheduled(
      every = "5s",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = WatchOff.class)
  void watch() {
    String files = loader.fingerprint(loader.configDir());
    String seen = seenFiles;
    seenFiles = files;
    if (seen == null || seen.equals(files) || files.equals(refusedFiles)) {
      return;
    }
    try {
      ConfigReload.Diff d = reload.reload(false, "配置文件监视");
      LOG.infof(
          "配置文件已改动，已重新加载：目标新增 %d，更新 %d，退役 %d，删除 %d；联系人变更 %d",
          d.added(), d.updated(), d.retired(), d.deleted(), d.contactsChanged());
      refusedFiles = null;
    } catch (ConfigFileException e) {
      refusedFiles = files; // said once per version of the files
      LOG.warnf("配置文件已改动，但未重新加载：%s", e.getMessage());
    }
  }

  /** Skips the watch unless {@code duban.plan.watch} is on and start-up is done. */
  @Singleton
  public static class WatchOff implements Scheduled.SkipPredicate {
    @Inject DubanConfig config;
    @Inject ReadyFlag readiness;

    @Override
    public boolean test(ScheduledExecution execution) {
      return !config.plan().watch() || !readiness.isReady();
    }
  }
}
