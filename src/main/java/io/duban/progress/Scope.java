package io.duban.progress;

import io.duban.progress.UnitReporting.Pending;

/** What a 未报 list is limited to: one unit, one 工程 or one 实事; {@link #ALL} for the whole plan. */
public record Scope(Kind kind, String label, String name, int categoryNumber) {
  /** The part of the plan a scope names. */
  public enum Kind {
    ALL,
    UNIT,
    PROJECT,
    CATEGORY,
    /** Any other name (a checklist item): every unit's pending targets, counted as a part. */
    OTHER
  }

  public static final Scope ALL = new Scope(Kind.ALL, "全部单位", null, 0);

  public static Scope unit(String name) {
    return new Scope(Kind.UNIT, name, name, 0);
  }

  public static Scope project(String name) {
    return new Scope(Kind.PROJECT, name, name, 0);
  }

  public static Scope other(String label) {
    return new Scope(Kind.OTHER, label, null, 0);
  }

  public static Scope category(int number, String label) {
    return new Scope(Kind.CATEGORY, label, null, number);
  }

  boolean covers(Pending p) {
    return switch (kind) {
      case ALL, UNIT, OTHER -> true;
      case PROJECT -> p.target().projectName().equals(name);
      case CATEGORY -> p.target().target().project.category.number == categoryNumber;
    };
  }
}
