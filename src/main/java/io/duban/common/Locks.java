package io.duban.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Cluster-wide mutual exclusion for start-up work: a row of {@code app_lock} locked until the
 * caller's transaction ends, the same on H2 and PostgreSQL.
 */
@ApplicationScoped
public class Locks {
  @Inject EntityManager em;

  @Transactional(Transactional.TxType.MANDATORY)
  public void acquire(String name) {
    em.createNativeQuery("SELECT name FROM app_lock WHERE name = :name FOR UPDATE")
        .setParameter("name", name)
        .getResultList();
  }
}
