package io.duban.imports;

import io.duban.imports.FigureImport.Outcome;
import io.duban.imports.FigureImport.RowResult;
import java.util.List;

/** What the import page's preview or result shows, already worded (the template lays it out). */
public record ImportView(
    String file,
    String layout,
    boolean applied,
    int recorded,
    int unchanged,
    int held,
    int refused,
    List<Line> rows,
    String upload,
    String csrf) {

  /** One row: the status as a word and a class for its colour; {@code id} for a held row. */
  public record Line(
      int row,
      String target,
      String unit,
      String figure,
      String status,
      String css,
      String reason,
      String id) {}

  static ImportView of(Outcome o, String upload, String csrf) {
    List<Line> lines = o.rows().stream().map(r -> line(r, o.applied())).toList();
    return new ImportView(
        o.file(),
        o.layout(),
        o.applied(),
        o.counts().get("recorded"),
        o.counts().get("unchanged"),
        o.counts().get("held"),
        o.counts().get("refused"),
        lines,
        upload,
        csrf);
  }

  private static Line line(RowResult r, boolean applied) {
    String word =
        switch (r.status()) {
          case "recorded" -> applied ? "已记录" : "将记录";
          case "unchanged" -> "未变";
          case "held" -> applied ? "未确认，未记录" : "需核对";
          default -> "不能记录";
        };
    String css =
        switch (r.status()) {
          case "recorded" -> "ok";
          case "held" -> "held";
          case "refused" -> "late";
          default -> "note";
        };
    return new Line(r.row(), r.target(), r.unit(), r.figure(), word, css, r.reason(), r.id());
  }

  /** Whether any row waits for a tick before it can be applied. */
  public boolean hasHeld() {
    return held > 0;
  }

  /** Whether the apply would record anything (a row to record or one to confirm). */
  public boolean canApply() {
    return !applied && (recorded > 0 || held > 0);
  }
}
