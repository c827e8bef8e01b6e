package io.duban.command;

import io.duban.command.Ref.CategoryRef;
import io.duban.command.Ref.ItemRef;
import io.duban.command.Ref.ProjectRef;
import io.duban.command.Ref.TargetRef;
import io.duban.command.Ref.UnitRef;
import io.duban.command.match.NameMatcher;
import io.duban.command.match.NameMatcher.Entry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The names of one plan, indexed for forgiving matching: targets (told apart by their 工程),
 * checklist items, units, and everything a progress query may name.
 */
public final class Vocabulary {
  private final NameMatcher<TargetRef> targets;
  private final NameMatcher<ItemRef> items;
  private final NameMatcher<UnitRef> units;
  private final NameMatcher<Ref> subjects;
  private final NameMatcher<Ref> progressSubjects;
  private final List<String> botNames;
  private final Set<String> taskCodes;

  private Vocabulary(Builder b) {
    this.taskCodes = Set.copyOf(b.taskCodes);
    this.targets = NameMatcher.of(b.targets);
    this.items = NameMatcher.of(b.items);
    this.units = NameMatcher.of(b.units);
    List<Entry<Ref>> all = new ArrayList<>();
    List<Entry<Ref>> progress = new ArrayList<>();
    b.categories.forEach(e -> all.add(widen(e)));
    b.projects.forEach(
        e -> {
          all.add(widen(e));
          progress.add(widen(e));
        });
    b.targets.forEach(
        e -> {
          all.add(widen(e));
          progress.add(widen(e));
        });
    b.units.forEach(e -> all.add(widen(e)));
    this.subjects = NameMatcher.of(all);
    this.progressSubjects = NameMatcher.of(progress);
    this.botNames = List.copyOf(b.botNames);
  }

  private static <T extends Ref> Entry<Ref> widen(Entry<T> e) {
    return new Entry<>(e.item(), e.name(), e.aliases(), e.context());
  }

  public NameMatcher<TargetRef> targets() {
    return targets;
  }

  /** Whether the target is a task (reported with 进展, not a figure). */
  public boolean isTask(String code) {
    return taskCodes.contains(code);
  }

  /** The first checklist item of a target, if it is a checklist (reported with 完成). */
  public Optional<String> firstItem(String code) {
    return items.entries().stream()
        .filter(e -> e.item().targetCode().equals(code))
        .map(Entry::name)
        .findFirst();
  }

  public NameMatcher<ItemRef> items() {
    return items;
  }

  public NameMatcher<UnitRef> units() {
    return units;
  }

  /** 实事, 工程, targets and units: what 进度 may name. */
  public NameMatcher<Ref> subjects() {
    return subjects;
  }

  /** 工程 and targets: what 进展 may name. */
  public NameMatcher<Ref> progressSubjects() {
    return progressSubjects;
  }

  /** Display names of the bots, stripped when a message starts with "@name". */
  public List<String> botNames() {
    return botNames;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the plan's names. */
  public static final class Builder {
    private final List<Entry<CategoryRef>> categories = new ArrayList<>();
    private final List<Entry<ProjectRef>> projects = new ArrayList<>();
    private final List<Entry<TargetRef>> targets = new ArrayList<>();
    private final List<Entry<ItemRef>> items = new ArrayList<>();
    private final List<Entry<UnitRef>> units = new ArrayList<>();
    private final List<String> botNames = new ArrayList<>();
    private final Set<String> taskCodes = new HashSet<>();

    /** Marks a target as a task. */
    public Builder task(String code) {
      taskCodes.add(code);
      return this;
    }

    public Builder category(int number, String name, List<String> aliases) {
      categories.add(new Entry<>(new CategoryRef(number, name), name, aliases, null));
      return this;
    }

    public Builder project(String name, List<String> aliases) {
      projects.add(new Entry<>(new ProjectRef(name), name, aliases, null));
      return this;
    }

    public Builder target(String code, String name, List<String> aliases, String project) {
      targets.add(new Entry<>(new TargetRef(code, name, project), name, aliases, project));
      return this;
    }

    public Builder item(String targetCode, String targetName, String name) {
      items.add(
          new Entry<>(new ItemRef(targetCode, targetName, name), name, List.of(), targetName));
      return this;
    }

    public Builder unit(String name, List<String> aliases) {
      units.add(new Entry<>(new UnitRef(name), name, aliases, null));
      return this;
    }

    public Builder botName(String name) {
      if (name != null && !name.isBlank()) {
        botNames.add(name);
      }
      return this;
    }

    public Vocabulary build() {
      return new Vocabulary(this);
    }
  }
}
