package io.duban.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Active contacts by unit (未报, reminders and 通报 list them for every unit), from {@link
 * SenderDirectory}'s copy in memory: detached, read-only snapshots ordered by code, with their ids.
 */
@ApplicationScoped
public class ContactDirectory {
  @Inject SenderDirectory senders;

  private record Reporters(Map<Long, List<Contact>> from, Map<Long, List<Contact>> reporters) {}

  private volatile Reporters reporters;

  /** Active contacts of every unit, with their platform ids, ordered by code. */
  public Map<Long, List<Contact>> activeByUnit() {
    return senders.activeByUnit();
  }

  /** The active reporters of every unit (worked out once per copy of the directory). */
  public Map<Long, List<Contact>> reportersByUnit() {
    Map<Long, List<Contact>> active = senders.activeByUnit();
    Reporters r = reporters;
    if (r != null && r.from() == active) {
      return r.reporters();
    }
    Map<Long, List<Contact>> out = new HashMap<>();
    active.forEach(
        (unit, contacts) -> {
          List<Contact> list = contacts.stream().filter(c -> c.has(Role.REPORTER)).toList();
          if (!list.isEmpty()) {
            out.put(unit, list);
          }
        });
    r = new Reporters(active, Map.copyOf(out));
    reporters = r;
    return r.reporters();
  }
}
