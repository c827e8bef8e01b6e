package io.duban.contact;

import io.duban.chat.Platform;
import io.duban.common.ChangeCounter;
import io.duban.config.NoOtherInstance;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a platform id belongs to, in memory: every active contact with its unit and ids, read in one
 * query and kept until a contact or an id changes. A change written by this instance (any insert,
 * update or delete of a {@link Contact} or {@link ContactIdentity} through the ORM) drops the copy
 * when its transaction ends; a change written by another instance is seen by a fingerprint of both
 * tables read every {@code duban.directory.poll-interval} (2 s), and the copy is never older than a
 * minute. The contacts it returns are detached, read-only snapshots (unit and ids loaded).
 */
@ApplicationScoped
public class SenderDirectory {
  static final Duration MAX_AGE = Duration.ofMinutes(1);
  private static final ChangeCounter LOCAL_CHANGES = new ChangeCounter();

  @Inject EntityManager em;
  @Inject Clock wall;

  private record Copy(
      long changes, Instant readAt, Map<String, Contact> byId, Map<Long, List<Contact>> byUnit) {}

  private volatile Copy copy;
  private volatile String fingerprint;

  /**
   * The active contact behind a platform user id reaching us through a bot (null: unknown,
   * inactive, or no sender id); a null bot matches only ids stored for every bot (see {@link
   * Identities#holdsFor}).
   */
  public Contact activeContact(Platform platform, String botId, String externalId) {
    if (externalId == null || externalId.isEmpty()) {
      return null;
    }
    Map<String, Contact> byId = current().byId();
    Contact c = byId.get(key(platform.key(), ContactIdentity.ANY_BOT, externalId));
    if (c == null && botId != null) {
      c = byId.get(key(platform.key(), botId, externalId));
    }
    return c;
  }

  private Copy current() {
    Copy c = copy;
    Instant now = wall.instant();
    if (c != null && c.changes() == LOCAL_CHANGES.get() && c.readAt().plus(MAX_AGE).isAfter(now)) {
      return c;
    }
    synchronized (this) {
      c = copy;
      if (c != null
          && c.changes() == LOCAL_CHANGES.get()
          && c.readAt().plus(MAX_AGE).isAfter(now)) {
        return c;
      }
      long changes = LOCAL_CHANGES.get();
      List<Contact> contacts = QuarkusTransaction.requiringNew().call(this::read);
      c = new Copy(changes, now, byId(contacts), byUnit(contacts));
      copy = c;
      return c;
    }
  }

  /**
   * Every active contact of every unit, ordered by code, with its ids (read-only snapshots shared
   * by every caller: 未报, reminders and 通报 list them for every unit).
   */
  public Map<Long, List<Contact>> activeByUnit() {
    return current().byUnit();
  }

  private List<Contact> read() {
    List<Contact> contacts =
        em.createQuery(
                "select distinct c from Contact c join fetch c.unit left join fetch c.identities"
                    + " where c.active = true order by c.id",
                Contact.class)
            .getResultList();
    contacts.forEach(em::detach);
    return contacts;
  }

  private static Map<Long, List<Contact>> byUnit(List<Contact> contacts) {
    Map<Long, List<Contact>> out = new HashMap<>();
    contacts.stream()
        .sorted(Comparator.comparing((Contact c) -> c.code))
        .forEach(c -> out.computeIfAbsent(c.unit.id, k -> new ArrayList<>()).add(c));
    out.replaceAll((unit, list) -> List.copyOf(list));
    return Map.copyOf(out);
  }

  private static Map<String, Contact> byId(List<Contact> contacts) {
    Map<String, Contact> byId = new HashMap<>();
    for (Contact c : contacts) {
      for (ContactIdentity i : c.identities) {
        // the first active contact holding an id answers for it, as the query did
        byId.putIfAbsent(key(i.platform, i.botId, i.externalId), c);
      }
    }
    return byId;
  }

  /** Another instance's changes: a fingerprint of both tables, compared with the last one. */
  @Scheduled(
      every = "${duban.read-model.poll-interval:2s}",
      delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NoOtherInstance.class)
  void poll() {
    String now =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    String.valueOf(
                        em.createNativeQuery(
                                "SELECT CONCAT((SELECT COUNT(*) FROM contact), '/',"
                                    + " (SELECT MAX(updated_at) FROM contact), '/',"
                                    + " (SELECT COUNT(*) FROM contact_identity), '/',"
                                    + " (SELECT MAX(id) FROM contact_identity))")
                            .getSingleResult()));
    if (fingerprint != null && !fingerprint.equals(now)) {
      LOCAL_CHANGES.changed();
    }
    fingerprint = now;
  }

  private static String key(String platform, String bot, String externalId) {
    return platform + '\u0000' + bot + '\u0000' + externalId;
  }

  /** Drops every instance-local copy now (a bulk write that bypassed the ORM's events). */
  public static void changed() {
    LOCAL_CHANGES.changed();
  }

  /**
   * Entity listener of {@link Contact} and {@link ContactIdentity}: the copy is dropped when the
   * writing transaction ends (and at once, so a reader in between reads again after the end).
   */
  public static class Changes {
    @PostPersist
    @PostUpdate
    @PostRemove
    void touched(Object entity) {
      LOCAL_CHANGES.changed();
    }
  }
}
