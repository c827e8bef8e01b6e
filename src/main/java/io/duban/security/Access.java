package io.duban.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an endpoint. Endpoints without it are admin-only, so a forgotten annotation fails
 * closed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Access {
  Level value();

  /** Access levels of docs/contract.md §6. */
  enum Level {
    /** No token (webhooks authenticate by the platform's signature). */
    OPEN,
    /** The read token or the admin token, when a read token is set; open otherwise. */
    READ,
    /**
     * The read token or the admin token (or the dashboard's session), even when no read token is
     * set: never anonymous (佐证材料 may show people and documents).
     */
    PRIVATE_READ,
    /** The admin token. */
    ADMIN,
    /**
     * The admin token, or on the dashboard's own forms the admin session cookie together with the
     * session's CSRF token (form field {@code csrf}) and a same-origin Origin (or Referer).
     */
    ADMIN_FORM
  }
}
