package io.duban.command;

/** Something of the plan a message names: a 实事, 工程, target, checklist item or unit. */
public sealed interface Ref {
  /** The name to show the user. */
  String label();

  /** The canonical text that names it unambiguously in a new message. */
  String canonical();

  /** A 实事 by number. */
  record CategoryRef(int number, String name) implements Ref {
    @Override
    public String label() {
      return name;
    }

    @Override
    public String canonical() {
      return name;
    }
  }

  /** A 工程. */
  record ProjectRef(String name) implements Ref {
    @Override
    public String label() {
      return name;
    }

    @Override
    public String canonical() {
      return name;
    }
  }

  /** A target by its stable id; {@code project} tells apart names that repeat across 工程. */
  record TargetRef(String code, String name, String project) implements Ref {
    @Override
    public String label() {
      return name;
    }

    @Override
    public String canonical() {
      return name + "（" + project + "）";
    }
  }

  /** A checklist item of a target. */
  record ItemRef(String targetCode, String targetName, String name) implements Ref {
    @Override
    public String label() {
      return name;
    }

    @Override
    public String canonical() {
      return name + "（" + targetName + "）";
    }
  }

  /** A unit. */
  record UnitRef(String name) implements Ref {
    @Override
    public String label() {
      return name;
    }

    @Override
    public String canonical() {
      return name;
    }
  }
}
