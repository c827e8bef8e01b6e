package io.duban.report;

import java.util.Optional;

/** The three states of a qualitative task. */
public enum TaskProgress {
  NOT_STARTED("未启动"),
  IN_PROGRESS("推进中"),
  DONE("已完成");

  private final String label;

  TaskProgress(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Optional<TaskProgress> fromLabel(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (TaskProgress p : values()) {
      if (p.label.equals(text) || p.name().equalsIgnoreCase(text)) {
        return Optional.of(p);
      }
    }
    return switch (text) {
      case "进行中", "在建", "推进", "实施中" -> Optional.of(IN_PROGRESS);
      case "完成", "完工", "已完工", "已建成" -> Optional.of(DONE);
      case "未开始", "没启动" -> Optional.of(NOT_STARTED);
      default -> Optional.empty();
    };
  }
}
