package io.duban.contact;

import java.util.Locale;
import java.util.Optional;

/** What a contact may do: report for their unit, read everything, or administer. */
public enum Role {
  REPORTER("reporter", "填报人"),
  LEADER("leader", "领导"),
  ADMIN("admin", "管理员");

  private final String key;
  private final String label;

  Role(String key, String label) {
    this.key = key;
    this.label = label;
  }

  /** The lower-case name used in contacts.yaml and the API. */
  public String key() {
    return key;
  }

  /** The Chinese label shown to users. */
  public String label() {
    return label;
  }

  public static Optional<Role> fromKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    String k = key.trim().toLowerCase(Locale.ROOT);
    for (Role r : values()) {
      if (r.key.equals(k) || r.label.equals(key.trim())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
