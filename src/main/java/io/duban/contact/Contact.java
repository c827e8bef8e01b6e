package io.duban.contact;

import io.duban.common.BaseEntity;
import io.duban.plan.Unit;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A person who reports for a unit, leads, or administers, with their platform ids. */
@Entity
@EntityListeners(SenderDirectory.Changes.class)
@Table(name = "contact")
public class Contact extends BaseEntity {
  /** Stable id from contacts.yaml or chosen through the API. */
  @Column(nullable = false, length = 64)
  public String code;

  @Column(nullable = false, length = 100)
  public String name;

  @ManyToOne(optional = false)
  @JoinColumn(name = "unit_id")
  public Unit unit;

  /** Role keys separated by commas (reporter,leader,admin). */
  @Column(nullable = false, length = 100)
  public String roles;

  @Column(length = 32)
  public String mobile;

  @Column(nullable = false)
  public boolean active;

  /** FILE when contacts.yaml defines the person, API when created through the API. */
  @Column(nullable = false, length = 10)
  public String origin;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @OneToMany(mappedBy = "contact", cascade = CascadeType.ALL, orphanRemoval = true)
  public List<ContactIdentity> identities = new ArrayList<>();

  public Set<Role> roleSet() {
    Set<Role> set = EnumSet.noneOf(Role.class);
    for (String r : roles.split(",")) {
      Role.fromKey(r).ifPresent(set::add);
    }
    return set;
  }

  public void setRoles(Set<Role> set) {
    List<String> keys = new ArrayList<>();
    for (Role r : Role.values()) {
      if (set.contains(r)) {
        keys.add(r.key());
      }
    }
    roles = String.join(",", keys);
  }

  public boolean has(Role role) {
    return roleSet().contains(role);
  }

  public static Contact findByCode(String code) {
    return find("code", code).firstResult();
  }
}
