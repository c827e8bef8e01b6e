package io.duban.planimport;

import io.duban.planimport.SourceTable.Category;
import io.duban.planimport.SourceTable.Project;
import io.duban.planimport.SourceTable.ProjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of a responsibility table (序号, 实事名称, 项目概况, 牵头单位), as copied from its PDF or Word
 * file: the cells of the four columns come interleaved, line by line. A 工程 starts at "<name>工程："
 * and its 项目概况 runs on until its units; a unit is a known unit's name or alias, or a word shaped
 * like one after the overview's last sentence; a 序号 is a number alone on its line (or after a
 * unit), followed by the short fragments of its 实事's name.
 *
 * <p>Which 工程 belong to which 实事: where the first 序号 comes before any 工程, each 实事 runs from its 序号
 * to the next. In the scanned layout the merged 序号 cell is printed in its rows' middle; the text
 * then has it just before its 实事's last 工程 (so it is read that way, and said in the notes).
 */
final class TableTextReader {
  private static final Pattern HEADER =
      Pattern.compile("^([\\p{IsHan}A-Za-z0-9（）()“”\"·]{2,30}?(?:工程|行动|项目|计划))[：:](.*)$");
  private static final Pattern NUMBER = Pattern.compile("^\\d{1,2}$");
  private static final Pattern FRAGMENT = Pattern.compile("^[\\p{IsHan}]{2,10}$");
  private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");

  private TableTextReader() {}

  /** A 序号 met in the text, the 工程 started before it, and the name fragments after it. */
  private static final class Marker {
    final int number;
    final int projectsBefore;
    final StringBuilder name = new StringBuilder();

    Marker(int number, int projectsBefore) {
      this.number = number;
      this.projectsBefore = projectsBefore;
    }
  }

  /** The table of a text; a {@link LayoutException} when it has no 工程 or no 序号. */
  static SourceTable read(String text, KnownUnits known) {
    if (text == null || text.isBlank()) {
      throw LayoutException.unreadable("内容为空：请上传责任分解表的 xlsx 文件，或以 text/plain 发送表格文字");
    }
    List<ProjectBuilder> projects = new ArrayList<>();
    List<Marker> markers = new ArrayList<>();
    String title = null;
    Marker naming = null;
    for (String rawLine : text.replace('\u3000', ' ').split("\\R")) {
      String line = rawLine.strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] tokens = line.split("\\s+");
      ProjectBuilder current = projects.isEmpty() ? null : projects.get(projects.size() - 1);
      if (current == null && title == null && YEAR.matcher(line).find() && naming == null) {
        title = line.replaceAll("\\s+", "").replaceFirst("(责任分解表|任务分解表|分解表)$", "");
        continue;
      }
      for (int i = 0; i < tokens.length; i++) {
        String tok = tokens[i];
        boolean lone = tokens.length == 1;
        boolean afterUnit = i == tokens.length - 1 && i > 0 && known.looksLikeUnit(tokens[i - 1]);
        Matcher h = HEADER.matcher(tok);
        if (h.matches()) {
          ProjectBuilder p = new ProjectBuilder(h.group(1));
          p.overview.append(h.group(2));
          projects.add(p);
          current = p;
          naming = null;
        } else if (NUMBER.matcher(tok).matches() && (lone || afterUnit)) {
          naming = new Marker(Integer.parseInt(tok), projects.size());
          markers.add(naming);
        } else if (naming != null && FRAGMENT.matcher(tok).matches() && !known.looksLikeUnit(tok)) {
          naming.name.append(tok);
        } else if (current != null && isUnit(tok, current, known)) {
          current.leads.add(known.canonical(tok));
          naming = null;
        } else if (current != null) {
          appendText(current, tok, i == 0);
          naming = null;
        }
      }
    }
    if (projects.isEmpty()) {
      throw LayoutException.unreadable("没有找到“××工程：”开头的项目概况：这不像责任分解表的文字（应有序号、实事名称、项目概况、牵头单位四列）");
    }
    if (markers.isEmpty()) {
      throw LayoutException.unreadable("没有找到实事的序号（1、2、3……）：无法把工程归入实事");
    }
    List<String> notes = new ArrayList<>();
    List<Category> categories = categories(projects, markers, notes);
    return new SourceTable(title, year(title), categories, notes);
  }

  static Integer year(String title) {
    if (title == null) {
      return null;
    }
    Matcher m = YEAR.matcher(title);
    return m.find() ? Integer.parseInt(m.group(1)) : null;
  }

  /** A unit token: a known unit, or one shaped like a unit once the overview has ended. */
  private static boolean isUnit(String tok, ProjectBuilder p, KnownUnits known) {
    if (known.resolve(tok) != null) {
      return true;
    }
    String text = p.overview.toString().strip();
    boolean ended =
        !p.leads.isEmpty() || text.endsWith("。") || text.endsWith("；") || text.endsWith(".");
    return ended && FRAGMENT.matcher(tok).matches() && known.looksLikeUnit(tok);
  }

  /** Overview text: lines of one cell are joined without a gap, words of one line with a space. */
  private static void appendText(ProjectBuilder p, String tok, boolean lineStart) {
    if (!lineStart && p.overview.length() > 0) {
      p.overview.append(' ');
    }
    p.overview.append(tok);
  }

  /** The 实事 with their 工程 (see the class comment for the two layouts). */
  private static List<Category> categories(
      List<ProjectBuilder> builders, List<Marker> markers, List<String> notes) {
    List<Project> projects = new ArrayList<>();
    List<String> shared = sharedLeads(builders);
    for (ProjectBuilder b : builders) {
      projects.add(b.build());
    }
    boolean before = markers.get(0).projectsBefore == 0;
    List<int[]> ranges = new ArrayList<>();
    int from = 0;
    for (int k = 0; k < markers.size(); k++) {
      int start = before ? markers.get(k).projectsBefore : from;
      int end =
          before
              ? (k + 1 < markers.size() ? markers.get(k + 1).projectsBefore : projects.size())
              : (k + 1 < markers.size() ? markers.get(k).projectsBefore + 1 : projects.size());
      if (end <= start || end > projects.size()) {
        throw LayoutException.unreadable("无法确定实事“" + markers.get(k).number + "”下有哪些工程：序号的位置与工程对不上");
      }
      ranges.add(new int[] {start, end});
      from = end;
    }
    if (!before) {
      notes.add("扫描文本中序号印在合并单元格的中间，工程所属实事按“序号位于该实事最后一个工程之前”划分");
    }
    notes.addAll(shared);
    List<Category> out = new ArrayList<>();
    for (int k = 0; k < markers.size(); k++) {
      Marker m = markers.get(k);
      String name = m.name.toString();
      String flag = null;
      if (name.isEmpty()) {
        name = "实事" + m.number;
        flag = "没有读到实事名称，请填写";
      } else if (!before) {
        flag = "本实事的工程按序号位置推断，请核对";
      }
      out.add(
          new Category(m.number, name, flag, projects.subList(ranges.get(k)[0], ranges.get(k)[1])));
    }
    return out;
  }

  /** A 工程 without units shares the next 工程's cell (原表合并了牵头单位格); says which in notes. */
  private static List<String> sharedLeads(List<ProjectBuilder> builders) {
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < builders.size(); i++) {
      ProjectBuilder b = builders.get(i);
      if (!b.leads.isEmpty()) {
        continue;
      }
      ProjectBuilder from = null;
      for (int j = i + 1; j < builders.size() && from == null; j++) {
        from = builders.get(j).leads.isEmpty() ? null : builders.get(j);
      }
      for (int j = i - 1; j >= 0 && from == null; j--) {
        from = builders.get(j).leads.isEmpty() ? null : builders.get(j);
      }
      if (from == null) {
        b.leads.add("待定单位");
        b.leadFlag = "没有读到牵头单位，请填写";
      } else {
        b.leads.addAll(from.leads);
        b.leadFlag = "原表未单列牵头单位，按与“" + from.name + "”共用的单元格填写";
      }
    }
    return notes;
  }
}
