package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.security.Access.Level;
import io.duban.security.AccessFilter.Granted;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** The decision table, including the open-reads case (no read token set). */
class AccessDecisionTest {
  static Integer status(Level needed, Granted granted, boolean readProtected) {
    Response r = AccessFilter.decide(needed, granted, readProtected);
    return r == null ? 200 : r.getStatus();
  }

  @Test
  void readsAreOpenWithoutAReadToken() {
    assertThat(status(Level.READ, Granted.NONE, false)).isEqualTo(200);
    assertThat(status(Level.READ, Granted.INVALID, false)).isEqualTo(401);
    assertThat(status(Level.ADMIN, Granted.NONE, false)).isEqualTo(401);
  }

  @Test
  void readsNeedATokenWhenOneIsSet() {
    assertThat(status(Level.READ, Granted.NONE, true)).isEqualTo(401);
    assertThat(status(Level.READ, Granted.READ, true)).isEqualTo(200);
    assertThat(status(Level.READ, Granted.ADMIN, true)).isEqualTo(200);
  }

  @Test
  void adminNeedsTheAdminToken() {
    assertThat(status(Level.ADMIN, Granted.READ, true)).isEqualTo(403);
    assertThat(status(Level.ADMIN, Granted.READ, false)).isEqualTo(403);
    assertThat(status(Level.ADMIN, Granted.ADMIN, true)).isEqualTo(200);
    assertThat(status(Level.ADMIN, Granted.INVALID, true)).isEqualTo(401);
  }
}
