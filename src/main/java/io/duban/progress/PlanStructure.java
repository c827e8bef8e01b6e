package io.duban.progress;

import io.duban.common.Settings;
import io.duban.config.NoOtherInstance;
import io.duban.plan.Plan;
import io.duban.plan.Project;
import io.duban.plan.Target;
import io.duban.plan.Unit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active plan's structure (projects, targets with owners, checklist items, units), which only
 * changes when the configuration is loaded: kept in memory and rebuilt when the configuration
 * generation in the database changes (one primary-key read per view), so a view of 10,000 targets
 * reads only the current figures.
 */
@ApplicationScoped
public class PlanStructure {
  /** Settings key written at every configuration load. */
  public static final String GENERATION = "config.generation";

  @Inject EntityManager em;
  @Inject Settings settings;

  /** A checklist item's identity (its done date is read per view). */
  public record Item(long id, String name) {}

  /** The structure of one configuration generation; entities are detached, read-only. */
  public record Structure(
      String generation,
      Plan plan,
      List<Project> projects,
      List<Target> targets,
      Map<Long, List<Item>> items,
      List<Unit> units) {}

  private volatile Structure cached;

  /**
   * {@link Settings#writes} when {@link #cached} was last checked against the stored generation.
   */
  private volatile long checkedAtWrites = -1;

  /**
   * The structure of the loaded configuration; null when no plan is active. Reads nothing while
   * this instance wrote no setting since the last check and the poll saw no other generation.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Structure current() {
    Structure s = cached;
    if (s != null && checkedAtWrites == Settings.writes()) {
      return s;
    }
    long writes = Settings.writes();
    String generation = settings.get(GENERATION).orElse("");
    if (s != null && s.generation().equals(generation)) {
      checkedAtWrites = writes;
      return s;
    }
    synchronized (this) {
      s = cached;
      if (s == null || !s.generation().equals(generation)) {
        s = load(generation);
        cached = s;
      }
      checkedAtWrites = writes;
      return s;
    }
  }

  /** Another instance's configuration load: the stored generation, read every 2 s. */
  @Scheduled(
      every = "${duban.read-model.poll-interval:2s}",
      delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NoOtherInstance.class)
  void poll() {
    Structure s = cached;
    if (s == null) {
      return;
    }
    String generation =
        QuarkusTransaction.requiringNew().call(() -> settings.get(GENERATION).orElse(""));
    if (!s.generation().equals(generation)) {
      checkedAtWrites = -1;
    }
  }

  /** Other years' structures, each of the generation it was read in. */
  private final Map<Integer, Structure> otherYears = new ConcurrentHashMap<>();

  /**
   * The structure of the plan of {@code year}: {@link #current} for the active plan, another year's
   * (read-only, kept until the configuration changes) otherwise; null when the database holds no
   * plan of that year.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Structure ofYear(int year) {
    Structure active = current();
    if (active.plan() != null && active.plan().year == year) {
      return active;
    }
    Structure s = otherYears.get(year);
    if (s != null && s.generation().equals(active.generation())) {
      return s;
    }
    Plan plan = Plan.find("year", year).firstResult();
    if (plan == null) {
      otherYears.remove(year);
      return null;
    }
    s = load(active.generation(), plan);
    otherYears.put(year, s);
    return s;
  }

  /** The years of every plan the database holds, in order. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Integer> years() {
    return em.createQuery("select p.year from Plan p order by p.year", Integer.class)
        .getResultList();
  }

  private Structure load(String generation) {
    return load(generation, Plan.findActive());
  }

  private Structure load(String generation, Plan plan) {
    if (plan == null) {
      return new Structure(generation, null, List.of(), List.of(), Map.of(), List.of());
    }
    List<Project> projects =
        em.createQuery(
                "select distinct p from Project p join fetch p.category left join fetch p.leadUnits"
                    + " where p.plan = :plan and p.retired = false",
                Project.class)
            .setParameter("plan", plan)
            .getResultList();
    projects = new ArrayList<>(projects);
    projects.sort((a, b) -> Integer.compare(a.sortOrder, b.sortOrder));
    List<Target> targets =
        em.createQuery(
                "select distinct t from Target t join fetch t.project left join fetch t.owners"
                    + " where t.plan = :plan and t.retired = false",
                Target.class)
            .setParameter("plan", plan)
            .getResultList();
    targets = new ArrayList<>(targets);
    targets.sort((a, b) -> Integer.compare(a.sortOrder, b.sortOrder));
    Map<Long, List<Item>> items = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "select i.target.id, i.id, i.name from ChecklistItem i where i.target.plan = :plan"
                    + " and i.retired = false order by i.sortOrder",
                Object[].class)
            .setParameter("plan", plan)
            .getResultList()) {
      items
          .computeIfAbsent((Long) row[0], k -> new ArrayList<>())
          .add(new Item((Long) row[1], (String) row[2]));
    }
    List<Unit> units = Unit.list("order by sortOrder, id");
    return new Structure(
        generation, plan, List.copyOf(projects), List.copyOf(targets), items, List.copyOf(units));
  }
}
