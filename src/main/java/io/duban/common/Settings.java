package io.duban.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/** Reads and writes {@link AppSetting} rows inside the caller's transaction. */
@ApplicationScoped
public class Settings {
  private static final ChangeCounter WRITES = new ChangeCounter();

  @Inject Clock wall;

  /** This instance's writes of settings so far (a copy read at n is stale once it moved). */
  public static long writes() {
    return WRITES.get();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<String> get(String name) {
    AppSetting s = AppSetting.findById(name);
    return s == null ? Optional.empty() : Optional.of(s.value);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void put(String name, String value) {
    WRITES.changed();
    AppSetting s = AppSetting.findById(name);
    if (s == null) {
      s = new AppSetting();
      s.name = name;
      s.value = value;
      s.updatedAt = wall.instant();
      s.persist();
    } else if (!s.value.equals(value)) {
      s.value = value;
      s.updatedAt = wall.instant();
    }
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void remove(String name) {
    WRITES.changed();
    AppSetting.deleteById(name);
  }
}
