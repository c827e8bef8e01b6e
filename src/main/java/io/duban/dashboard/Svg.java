package io.duban.dashboard;

import java.math.BigDecimal;
import java.util.List;

/**
 * Small server-rendered SVG charts (no script, no CDN): completion against 序时进度 per 实事, and a
 * target's figure over the months.
 */
public final class Svg {
  private Svg() {}

  /** One bar: its label, completion and 序时进度 as fractions, and its status CSS class. */
  public record Bar(String label, BigDecimal completion, BigDecimal schedule, String css) {}

  /** Horizontal bars, one per 实事, with the 序时进度 marked on each. */
  public static String bars(List<Bar> bars) {
    int rowHeight = 34;
    int labelWidth = 170;
    int chartWidth = 560;
    int height = bars.size() * rowHeight + 30;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"chart\" role=\"img\" aria-label=\"各实事完成率与序时进度\" viewBox=\"0 0 ")
        .append(labelWidth + chartWidth + 70)
        .append(' ')
        .append(height)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = i * rowHeight + 8;
      double c = fraction(b.completion());
      double s = fraction(b.schedule());
      sb.append("<text x=\"")
          .append(labelWidth - 8)
          .append("\" y=\"")
          .append(y + 17)
          .append("\" text-anchor=\"end\" class=\"lbl\">")
          .append(esc(b.label()))
          .append("</text>");
      sb.append("<rect x=\"")
          .append(labelWidth)
          .append("\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(chartWidth)
          .append("\" height=\"22\" rx=\"4\" class=\"track\"/>");
      sb.append("<rect x=\"")
          .append(labelWidth)
          .append("\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(round(chartWidth * Math.min(c, 1)))
          .append("\" height=\"22\" rx=\"4\" class=\"bar ")
          .append(b.css())
          .append("\"><title>")
          .append(esc(b.label()))
          .append(" ")
          .append(pct(c))
          .append("</title></rect>");
      double sx = labelWidth + chartWidth * Math.min(s, 1);
      sb.append("<line x1=\"")
          .append(round(sx))
          .append("\" x2=\"")
          .append(round(sx))
          .append("\" y1=\"")
          .append(y - 3)
          .append("\" y2=\"")
          .append(y + 25)
          .append("\" class=\"sched\"/>");
      sb.append("<text x=\"")
          .append(labelWidth + chartWidth + 8)
          .append("\" y=\"")
          .append(y + 17)
          .append("\" class=\"val\">")
          .append(pct(c))
          .append("</text>");
    }
    sb.append("<text x=\"")
        .append(labelWidth)
        .append("\" y=\"")
        .append(height - 4)
        .append("\" class=\"note\">竖线：序时进度</text>");
    sb.append("</svg>");
    return sb.toString();
  }

  /** A point of a figure over time. */
  public record Point(String label, BigDecimal value) {}

  /** A line of a figure over the months, with the target and the 序时 line for comparison. */
  public static String line(
      List<Point> points, BigDecimal target, List<BigDecimal> schedule, String unit) {
    int width = 640;
    int height = 220;
    int left = 60;
    int bottom = 30;
    double max = target == null ? 1 : target.doubleValue();
    for (Point p : points) {
      if (p.value() != null) {
        max = Math.max(max, p.value().doubleValue());
      }
    }
    if (max <= 0) {
      max = 1;
    }
    int n = Math.max(points.size(), 2);
    double step = (width - left - 20) / (double) (n - 1);
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"chart\" role=\"img\" aria-label=\"累计完成逐月变化\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    double plot = height - bottom - 10;
    if (target != null) {
      double ty = 10 + plot * (1 - target.doubleValue() / max);
      sb.append("<line x1=\"")
          .append(left)
          .append("\" x2=\"")
          .append(width - 20)
          .append("\" y1=\"")
          .append(round(ty))
          .append("\" y2=\"")
          .append(round(ty))
          .append("\" class=\"goal\"/>");
      sb.append("<text x=\"")
          .append(left - 6)
          .append("\" y=\"")
          .append(round(ty) + 4)
          .append("\" text-anchor=\"end\" class=\"note\">目标</text>");
    }
    if (target != null && schedule.size() == points.size()) {
      StringBuilder sched = new StringBuilder();
      for (int i = 0; i < schedule.size(); i++) {
        double y = 10 + plot * (1 - target.doubleValue() * schedule.get(i).doubleValue() / max);
        sched.append(i == 0 ? "" : " ").append(round(left + i * step)).append(',').append(round(y));
      }
      sb.append("<polyline points=\"").append(sched).append("\" class=\"schedline\"/>");
    }
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      double x = left + i * step;
      sb.append("<text x=\"")
          .append(round(x))
          .append("\" y=\"")
          .append(height - 8)
          .append("\" text-anchor=\"middle\" class=\"note\">")
          .append(esc(p.label()))
          .append("</text>");
      if (p.value() == null) {
        continue;
      }
      double y = 10 + plot * (1 - p.value().doubleValue() / max);
      path.append(path.length() == 0 ? "" : " ").append(round(x)).append(',').append(round(y));
      sb.append("<circle cx=\"")
          .append(round(x))
          .append("\" cy=\"")
          .append(round(y))
          .append("\" r=\"3.5\" class=\"dot\"><title>")
          .append(
              esc(p.label() + "：" + p.value().stripTrailingZeros().toPlainString() + " " + unit))
          .append("</title></circle>");
    }
    sb.append("<polyline points=\"").append(path).append("\" class=\"figline\"/>");
    sb.append("</svg>");
    return sb.toString();
  }

  static double fraction(BigDecimal v) {
    return v == null ? 0 : Math.max(0, v.doubleValue());
  }

  static String pct(double f) {
    return String.format("%.1f%%", f * 100);
  }

  static String round(double v) {
    return String.format("%.1f", v);
  }

  /** Escapes text for SVG/XML. */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
