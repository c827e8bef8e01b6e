package io.duban.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Counts the statements the database itself executed (H2's {@code QUERY_STATISTICS}): every
 * statement, whoever sent it (Hibernate, plain JDBC, Flyway), each statement of a JDBC batch once.
 * Only on H2; {@link #supported} says whether the test's database is one.
 */
public final class SqlCounter {
  private final DataSource ds;

  public SqlCounter(DataSource ds) {
    this.ds = ds;
  }

  public boolean supported() {
    try (Connection c = ds.getConnection()) {
      return c.getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
    } catch (SQLException e) {
      return false;
    }
  }

  /** Starts counting afresh. */
  public void reset() {
    run("SET QUERY_STATISTICS FALSE");
    run("SET QUERY_STATISTICS_MAX_ENTRIES 10000");
    run("SET QUERY_STATISTICS TRUE");
  }

  /** Each statement executed since {@link #reset}, with how often (the counter's own left out). */
  public Map<String, Integer> statements() {
    Map<String, Integer> out = new LinkedHashMap<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
      while (r.next()) {
        String sql = r.getString(1);
        if (sql.contains("QUERY_STATISTICS")) {
          continue;
        }
        out.merge(sql, r.getInt(2), Integer::sum);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  public int count() {
    return statements().values().stream().mapToInt(Integer::intValue).sum();
  }

  private void run(String sql) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
