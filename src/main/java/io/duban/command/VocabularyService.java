package io.duban.command;

import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.plan.Category;
import io.duban.plan.ChecklistItem;
import io.duban.plan.Plan;
import io.duban.plan.Project;
import io.duban.plan.Target;
import io.duban.plan.TargetKind;
import io.duban.plan.Unit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parser over the loaded plan's names, built once after each configuration load (building the
 * name indexes is the expensive part; parsing is then cheap). The catalogue is built once from the
 * {@link Command} beans; two commands claiming one word fail the start.
 */
@ApplicationScoped
public class VocabularyService {
  @Inject BotRegistry bots;
  @Inject @Any Instance<CommandSyntax> commands;

  private CommandCatalog catalog;
  private volatile CommandParser parser;

  @PostConstruct
  void buildCatalog() {
    List<CommandSyntax> all = new ArrayList<>();
    commands.forEach(all::add);
    catalog = new CommandCatalog(all);
  }

  /** Every command, in 帮助's order. */
  public CommandCatalog catalog() {
    return catalog;
  }

  public CommandParser parser() {
    CommandParser p = parser;
    if (p == null) {
      p = rebuild();
    }
    return p;
  }

  /** Rebuilds from the database (called after the configuration is loaded). */
  @Transactional
  public synchronized CommandParser rebuild() {
    otherYears.clear();
    parser = build(Plan.findActive());
    return parser;
  }

  /** A parser of another year than the active one, with the plan content it was built over. */
  private record YearParser(long planId, String contentHash, CommandParser parser) {}

  private final Map<Integer, YearParser> otherYears = new ConcurrentHashMap<>();

  /**
   * The parser over the names of the plan of {@code year} (the active parser for the active year),
   * for questions about a past year ("进度 2018 就业助推工程"); null when no plan of that year is held.
   */
  @Transactional
  public CommandParser parserFor(int year) {
    Plan plan = Plan.find("year", year).firstResult();
    if (plan == null) {
      return null;
    }
    if (plan.active) {
      return parser();
    }
    YearParser held = otherYears.get(year);
    if (held != null
        && held.planId() == plan.id
        && java.util.Objects.equals(held.contentHash(), plan.contentHash)) {
      return held.parser();
    }
    CommandParser built = build(plan);
    otherYears.put(year, new YearParser(plan.id, plan.contentHash, built));
    return built;
  }

  private CommandParser build(Plan plan) {
    Vocabulary.Builder b = Vocabulary.builder();
    if (plan != null) {
      for (Category c :
          Category.<Category>list("plan = ?1 and retired = false order by number", plan)) {
        b.category(c.number, c.name, c.aliases);
      }
      for (Project p :
          Project.<Project>list("plan = ?1 and retired = false order by sortOrder", plan)) {
        b.project(p.name, p.aliases);
      }
      for (Target t :
          Target.<Target>list("plan = ?1 and retired = false order by sortOrder", plan)) {
        b.target(t.code, t.name, t.aliases, t.project.name);
        if (t.kind == TargetKind.TASK) {
          b.task(t.code);
        }
      }
      for (ChecklistItem i :
          ChecklistItem.<ChecklistItem>list(
              "target.plan = ?1 and target.retired = false and retired = false order by target.sortOrder, sortOrder",
              plan)) {
        b.item(i.target.code, i.target.name, i.name);
      }
    }
    for (Unit u : Unit.<Unit>list("order by sortOrder")) {
      b.unit(u.name, u.aliases);
    }
    for (BotSpec bot : bots.all()) {
      bot.value("name").ifPresent(b::botName);
    }
    b.botName("督办助手");
    b.botName("督办");
    return new CommandParser(catalog, b.build());
  }
}
