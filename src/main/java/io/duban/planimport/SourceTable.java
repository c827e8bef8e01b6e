package io.duban.planimport;

import io.duban.plan.TargetKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The responsibility table as read from its text or its workbook, before any target is worked out:
 * 实事 with their 工程, each 工程's 项目概况 and 牵头单位, and, from a workbook that has them, the targets row by
 * row. {@code notes} are remarks on the whole reading (how the 实事 were assigned).
 */
record SourceTable(String title, Integer year, List<Category> categories, List<String> notes) {

  /** A 实事: its 序号 and name, {@code flag} a doubt about it (null: none). */
  record Category(int number, String name, String flag, List<Project> projects) {}

  /**
   * A 工程 as the table writes it; {@code leadFlag} a doubt about its lead units (null: none); {@code
   * rows} the workbook's targets of the project (empty when read from text).
   */
  record Project(
      String name, String overview, List<String> leadUnits, String leadFlag, List<Row> rows) {}

  /**
   * One target row of a workbook in the export's layout: 目标 (its qualifier split off), 责任单位, 目标值 in
   * the unit shown, that unit; {@code kind} read from the cells (a task has no value, a checklist's
   * 累计完成 lists its items done).
   */
  record Row(
      String name,
      List<String> owners,
      BigDecimal value,
      String unit,
      String qualifier,
      TargetKind kind) {}

  /** A 工程 being read: text and units are added as the reader meets them. */
  static final class ProjectBuilder {
    final String name;
    final StringBuilder overview = new StringBuilder();
    final List<String> leads = new ArrayList<>();
    final List<Row> rows = new ArrayList<>();
    String leadFlag;

    ProjectBuilder(String name) {
      this.name = name;
    }

    Project build() {
      return new Project(
          name, overview.toString().strip(), List.copyOf(leads), leadFlag, List.copyOf(rows));
    }
  }
}
