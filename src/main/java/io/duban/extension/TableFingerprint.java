package io.duban.extension;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

/**
 * How another instance's writes to an append-only table are noticed: its row count and highest id
 * ("12/340"), read in a transaction of its own. {@link Deadlines} and {@link Explanations} poll it.
 */
final class TableFingerprint {
  private TableFingerprint() {}

  /** The fingerprint of {@code table} (a constant of this package, never user input). */
  static String read(EntityManager em, String table) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                String.valueOf(
                    em.createNativeQuery(
                            "SELECT CONCAT(CAST(COUNT(*) AS VARCHAR(20)), '/',"
                                + " CAST(COALESCE(MAX(id), 0) AS VARCHAR(20)))"
                                + " FROM "
                                + table)
                        .getSingleResult()));
  }
}
