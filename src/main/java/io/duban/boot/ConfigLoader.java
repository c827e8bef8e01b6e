package io.duban.boot;

import io.duban.audit.Audit;
import io.duban.calendar.CalendarFileException;
import io.duban.calendar.CalendarFiles;
import io.duban.calendar.CalendarService;
import io.duban.calendar.WorkCalendar;
import io.duban.chat.BotRegistry;
import io.duban.chat.BotsFile;
import io.duban.command.VocabularyService;
import io.duban.common.Locks;
import io.duban.common.Settings;
import io.duban.config.ConfigFileException;
import io.duban.config.ConfigFingerprint;
import io.duban.config.DubanConfig;
import io.duban.config.YamlNode;
import io.duban.contact.ContactFile;
import io.duban.contact.ContactService;
import io.duban.contact.ContactService.ContactException;
import io.duban.contact.ContactSpec.ContactsFile;
import io.duban.plan.Plan;
import io.duban.plan.PlanSpec;
import io.duban.plan.Unit;
import io.duban.progress.PlanStructure;
import io.duban.reminder.ReminderRules;
import io.duban.reminder.ReminderRulesHolder;
import io.duban.time.PlanClock;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Loads the configuration folder (plan, contacts, bots) into the database and the bot registry,
 * serialised across instances by the {@code config} lock so that two instances starting together
 * leave the same rows as one.
 */
@ApplicationScoped
public class ConfigLoader {
  private static final Logger LOG = Logger.getLogger(ConfigLoader.class);

  @Inject DubanConfig config;
  @Inject Settings settings;
  @Inject EntityManager em;
  @Inject Locks locks;
  @Inject PlanSync planSync;
  @Inject ContactService contacts;
  @Inject BotRegistry botRegistry;
  @Inject CalendarService calendars;
  @Inject ReminderRulesHolder reminderRulesHolder;

  private void reminderRules(ReminderRules rules) {
    reminderRulesHolder.set(rules);
  }

  @Inject VocabularyService vocabulary;
  @Inject PlanClock planClock;
  @Inject Audit audit;

  /** What the last load did, for the log and the tests. */
  public record Summary(
      PlanSync.Result plan, int contactsChanged, int bots, List<String> warnings) {}

  public Path configDir() {
    return Path.of(config.configDir());
  }

  @Transactional
  @TransactionConfiguration(timeout = 600)
  public Summary loadAll() {
    return loadAll(configDir(), ConfigLoader::lookupEnv);
  }

  /**
   * Start-up's load: skipped (only the in-memory part is set up) when the folder's files and the
   * application are those of the last full load, a full {@link #loadFrom} otherwise.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  Summary loadAll(Path dir, Function<String, String> env) {
    if (!Files.isDirectory(dir)) {
      throw new ConfigFileException(dir + ": 配置目录不存在（用 DUBAN_CONFIG_DIR 指定）");
    }
    // hashed before reading: a file changed meanwhile makes the next start load again
    String fingerprint = fingerprint(dir);
    if (settings.get(ConfigFingerprint.KEY).filter(fingerprint::equals).isPresent()) {
      Optional<Summary> unchanged = loadUnchanged(dir, env);
      if (unchanged.isPresent()) {
        return unchanged.get();
      }
    }
    Summary summary = loadFrom(dir, env);
    settings.put(ConfigFingerprint.KEY, fingerprint);
    return summary;
  }

  /**
   * The files and the application are those of the last full load, so the database already holds
   * what they say: only what lives in memory is set up again (bots, calendar, reminder rules).
   * bots.yaml is parsed at every start, its secrets come from the environment. The generation
   * setting stays as it is. Empty when the database has no active plan (then a full load runs).
   */
  private Optional<Summary> loadUnchanged(Path dir, Function<String, String> env) {
    Plan plan = Plan.findActive();
    if (plan == null) {
      return Optional.empty();
    }
    Set<String> units =
        new HashSet<>(em.createQuery("select u.name from Unit u", String.class).getResultList());
    BotsFile.Bots bots = readBots(dir, env, units);
    ReminderRules rules = readReminders(dir);
    WorkCalendar calendar = readCalendar(dir);
    List<String> warnings = new ArrayList<>(bots.warnings());
    missingCalendarYears(calendar, plan.periodStart, plan.periodEnd).ifPresent(warnings::add);
    botRegistry.set(bots);
    botsHash = fileHash(dir.resolve("bots.yaml"));
    calendars.set(calendar);
    reminderRules(rules);
    warnings.addAll(contacts.unprovenBindings());
    for (String warning : warnings) {
      LOG.warn(warning);
    }
    LOG.infof(
        "配置文件与程序版本同上次加载，未重新同步：计划 %s（%d 年）；机器人 %d 个",
        plan.sourceFile, plan.year, bots.bots().size());
    return Optional.of(
        new Summary(new PlanSync.Result(0, 0, 0, 0, 0), 0, bots.bots().size(), warnings));
  }

  /** Loads a given folder; {@code env} resolves {@code ${VAR}} references in bots.yaml. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Summary loadFrom(Path dir, Function<String, String> env) {
    return loadFrom(dir, env, Mode.START);
  }

  /**
   * How a load treats what lives in memory: at start everything is set; a reload keeps the bots
   * (bots.yaml needs a restart); a dry run sets nothing (its transaction is rolled back).
   */
  public enum Mode {
    START,
    RELOAD,
    DRY_RUN
  }

  @Transactional(Transactional.TxType.MANDATORY)
  Summary loadFrom(Path dir, Function<String, String> env, Mode mode) {
    if (!Files.isDirectory(dir)) {
      throw new ConfigFileException(dir + ": 配置目录不存在（用 DUBAN_CONFIG_DIR 指定）");
    }
    Folder folder = read(dir, env);
    // a reload does not apply bots.yaml, so its warnings are the start's, not the reload's
    List<String> warnings =
        new ArrayList<>(mode == Mode.START ? folder.bots().warnings() : List.of());
    missingCalendarYears(folder.calendar(), folder.plan().start(), folder.plan().end())
        .ifPresent(warnings::add);

    // every file is readable and consistent: now apply, one instance at a time
    locks.acquire("config");
    // a load of whatever folder: the next start loads again unless loadAll stores the new value
    settings.put(ConfigFingerprint.KEY, ConfigFingerprint.NONE);
    String actor = "配置文件 " + folder.planName();
    // "first loaded" is remembered by the plan row itself: a restart or reload finds it
    boolean firstLoad = Plan.count("year", folder.plan().year()) == 0;
    Stored stored = store(dir, folder, actor);
    if (firstLoad) {
      trackingFromNotice(folder, actor).ifPresent(warnings::add);
    }
    if (mode == Mode.START) {
      botRegistry.set(folder.bots());
      botsHash = fileHash(dir.resolve("bots.yaml"));
    }
    if (mode != Mode.DRY_RUN) {
      calendars.set(folder.calendar());
      reminderRules(folder.reminderRules());
    }
    em.flush();
    settings.put(PlanStructure.GENERATION, UUID.randomUUID().toString());
    if (mode != Mode.DRY_RUN) {
      vocabulary.rebuild();
    }
    warnings.addAll(contacts.unprovenBindings());
    for (String warning : warnings) {
      LOG.warn(warning);
    }
    PlanSync.Result result = stored.plan();
    LOG.infof(
        "已加载计划 %s（%d 年）：新增目标 %d，更新 %d，退役 %d，删除 %d；联系人变更 %d；机器人 %d 个",
        folder.planName(),
        folder.plan().year(),
        result.added(),
        result.updated(),
        result.retired(),
        result.deleted(),
        stored.contactsChanged(),
        folder.bots().bots().size());
    return new Summary(result, stored.contactsChanged(), folder.bots().bots().size(), warnings);
  }

  /** Every file of the configuration folder, read and checked before anything is written. */
  private record Folder(
      Path planPath,
      String planName,
      PlanSpec plan,
      List<PlanOverlay.Dropped> droppedEdits,
      Path contactsPath,
      ContactsFile contactsFile,
      BotsFile.Bots bots,
      ReminderRules reminderRules,
      WorkCalendar calendar) {}

  /** What {@link #store} changed in the database. */
  private record Stored(PlanSync.Result plan, int contactsChanged) {}

  /** Reads the plan, contacts, bots, reminders and calendar files, in that order. */
  private Folder read(Path dir, Function<String, String> env) {
    Path planPath = planFile(dir);
    String planName = display(dir, planPath);
    PlanOverlay.Overlaid overlaid =
        PlanOverlay.read(readText(planPath, planName), planName, PlanEdit::ofYear);
    PlanSpec plan = overlaid.spec();

    Path contactsPath = dir.resolve("contacts.yaml");
    Set<String> planUnits = new HashSet<>();
    plan.units().forEach(u -> planUnits.add(u.name()));
    ContactsFile contactsFile =
        Files.isRegularFile(contactsPath)
            ? ContactFile.parse(YamlNode.read(contactsPath, display(dir, contactsPath)), planUnits)
            : new ContactsFile(List.of(), List.of());
    Set<String> allUnits = new HashSet<>(planUnits);
    allUnits.addAll(contactsFile.extraUnits());

    BotsFile.Bots bots = readBots(dir, env, allUnits);
    ReminderRules reminderRules = readReminders(dir);
    WorkCalendar calendar = readCalendar(dir);
    return new Folder(
        planPath,
        planName,
        plan,
        overlaid.dropped(),
        contactsPath,
        contactsFile,
        bots,
        reminderRules,
        calendar);
  }

  private static BotsFile.Bots readBots(
      Path dir, Function<String, String> env, Set<String> knownUnits) {
    Path botsPath = dir.resolve("bots.yaml");
    return Files.isRegularFile(botsPath)
        ? BotsFile.parse(YamlNode.read(botsPath, display(dir, botsPath)), env, knownUnits)
        : BotsFile.parse(YamlNode.parse(new StringReader("{}"), "bots.yaml"), env, knownUnits);
  }

  private static ReminderRules readReminders(Path dir) {
    Path remindersPath = dir.resolve("reminders.yaml");
    return Files.isRegularFile(remindersPath)
        ? ReminderRules.parse(YamlNode.read(remindersPath, display(dir, remindersPath)))
        : ReminderRules.defaults();
  }

  private static WorkCalendar readCalendar(Path dir) {
    try {
      return CalendarFiles.loadCalendar(dir.resolve("calendar"));
    } catch (CalendarFileException e) {
      throw new ConfigFileException(e.getMessage());
    }
  }

  /** The one-time notice of a plan first loaded late without tracking-from, audited. */
  private Optional<String> trackingFromNotice(Folder folder, String actor) {
    Optional<String> notice =
        TrackingFromNotice.of(
            folder.planName(), folder.plan(), folder.calendar(), planClock.today());
    notice.ifPresent(
        n -> audit.record(actor, "plan.tracking-from.missing", "计划 " + folder.plan().year(), n));
    return notice;
  }

  /** The warning for plan years the calendar folder has no file for, if any. */
  private static Optional<String> missingCalendarYears(
      WorkCalendar calendar, LocalDate start, LocalDate end) {
    List<Integer> missing = calendar.missingYears(start, end);
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "工作日历缺少 "
            + missing.stream().map(String::valueOf).collect(Collectors.joining("、"))
            + " 年的文件（calendar/<年份>.yaml），这些年份按周一至周五上班处理");
  }

  /** Writes the plan, the extra units and the contacts; the caller holds the config lock. */
  private Stored store(Path dir, Folder folder, String actor) {
    PlanSpec plan = folder.plan();
    // The lookups below read rows this load does not change (or check what it changed in memory),
    // so they need not flush: with Hibernate's default every query dirty-checks every entity
    // loaded so far, which makes a plan of 10,000 targets take minutes instead of seconds.
    Session session = em.unwrap(Session.class);
    FlushMode flushMode = session.getHibernateFlushMode();
    session.setHibernateFlushMode(FlushMode.COMMIT);
    try {
      PlanSync.Result result =
          planSync.apply(plan, folder.planName(), sha256(folder.planPath()), actor);
      PlanEdits.dropOverridden(folder.droppedEdits(), actor, audit);
      int order = plan.units().size();
      for (String extra : folder.contactsFile().extraUnits()) {
        if (Unit.findByName(extra) == null) {
          Unit unit = new Unit();
          unit.name = extra;
          unit.sortOrder = order++;
          unit.persist();
        }
      }
      em.flush();
      int contactsChanged;
      try {
        contactsChanged = contacts.syncFile(folder.contactsFile().contacts(), "配置文件 contacts.yaml");
      } catch (ContactException e) {
        throw new ConfigFileException(display(dir, folder.contactsPath()) + ": " + e.getMessage());
      }
      return new Stored(result, contactsChanged);
    } finally {
      session.setHibernateFlushMode(flushMode);
    }
  }

  /** SHA-256 of bots.yaml as the running bots were read from ("" when there is none). */
  private volatile String botsHash = "";

  /** Whether bots.yaml changed since the bots were set up (a reload does not apply it). */
  boolean botsChangedSinceStart(Path dir) {
    return !botsHash.equals(fileHash(dir.resolve("bots.yaml")));
  }

  /** The reminder rules in effect, compared by a reload with the file's. */
  ReminderRules reminderRulesNow() {
    return reminderRulesHolder.get();
  }

  ReminderRules readRemindersNow(Path dir) {
    return readReminders(dir);
  }

  /** Another instance loaded the folder: the reminder rules and calendar read again from it. */
  void readMemoryFiles(Path dir) {
    ReminderRules rules = readReminders(dir);
    WorkCalendar calendar = readCalendar(dir);
    reminderRules(rules);
    calendars.set(calendar);
  }

  /** The folder's fingerprint as start-up's load stores it. */
  String fingerprint(Path dir) {
    return ConfigFingerprint.of(
        dir, ConfigFingerprint.build(), "plan.year=" + config.plan().year());
  }

  private static String fileHash(Path path) {
    return Files.isRegularFile(path) ? sha256(path) : "";
  }

  static String readText(Path path, String displayName) {
    if (!Files.isRegularFile(path)) {
      throw new ConfigFileException(displayName + ": 文件不存在");
    }
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigFileException(displayName + ": 无法读取（" + e.getMessage() + "）");
    }
  }

  /** The plan file the folder's active year reads. */
  Path planFile(Path dir) {
    Path single = dir.resolve("plan.yaml");
    Path plans = dir.resolve("plans");
    if (Files.isDirectory(plans)) {
      if (config.plan().year().isPresent()) {
        Path p = plans.resolve(config.plan().year().getAsInt() + ".yaml");
        if (!Files.isRegularFile(p)) {
          throw new ConfigFileException(display(dir, p) + ": 文件不存在（duban.plan.year 指定的年份）");
        }
        return p;
      }
      try (Stream<Path> files = Files.list(plans)) {
        Path latest =
            files
                .filter(p -> p.getFileName().toString().matches("\\d{4}\\.yaml"))
                .max(Path::compareTo)
                .orElse(null);
        if (latest != null) {
          return latest;
        }
      } catch (IOException e) {
        throw new ConfigFileException(display(dir, plans) + ": 无法读取（" + e.getMessage() + "）");
      }
    }
    if (!Files.isRegularFile(single)) {
      throw new ConfigFileException(display(dir, single) + ": 文件不存在（计划文件是必需的）");
    }
    return single;
  }

  static String display(Path dir, Path file) {
    Path name = dir.getFileName();
    return (name == null ? dir.toString() : name.toString()) + "/" + dir.relativize(file);
  }

  static String sha256(Path path) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path));
      return HexFormat.of().formatHex(digest);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new ConfigFileException(path + ": 无法读取");
    }
  }

  /** Environment variables first, then any other configuration source (system properties). */
  static String lookupEnv(String name) {
    String v = System.getenv(name);
    if (v != null && !v.isEmpty()) {
      return v;
    }
    return ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse(null);
  }
}
