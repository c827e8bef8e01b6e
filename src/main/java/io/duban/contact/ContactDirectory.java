package io.duban.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Active contacts by unit, in one query (未报 and reminders list them for every unit). */
@ApplicationScoped
public class ContactDirectory {
  @Inject EntityManager em;

  /** Active contacts of every unit, with their platform ids, ordered by code. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Map<Long, List<Contact>> activeByUnit() {
    Map<Long, List<Contact>> out = new HashMap<>();
    for (Contact c :
        em.createQuery(
                "select distinct c from Contact c left join fetch c.identities join fetch c.unit"
                    + " where c.active = true order by c.code",
                Contact.class)
            .getResultList()) {
      out.computeIfAbsent(c.unit.id, k -> new ArrayList<>()).add(c);
    }
    return out;
  }

  /** The active reporters of every unit. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Map<Long, List<Contact>> reportersByUnit() {
    Map<Long, List<Contact>> out = new HashMap<>();
    activeByUnit()
        .forEach(
            (unit, contacts) -> {
              List<Contact> reporters =
                  contacts.stream().filter(c -> c.has(Role.REPORTER)).toList();
              if (!reporters.isEmpty()) {
                out.put(unit, reporters);
              }
            });
    return out;
  }
}
