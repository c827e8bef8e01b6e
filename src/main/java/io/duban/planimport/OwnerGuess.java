package io.duban.planimport;

import io.duban.plan.TargetKind;
import io.duban.planimport.PlanDraft.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Chooses a target's owners among its 工程's 牵头单位, which is all the table says: a lead unit whose
 * name or alias the target's text names, or the duties its usual name stands for (人社局: 就业, 医保; 水利局:
 * 河道, 清淤 …), the best match winning and a tie keeping every matched unit. A target that names none
 * takes the owners of the target before it in the same sentence, else every lead unit. A list of
 * named places led by a functional unit and an area (经开区) goes to both, since the table does not
 * say where each place lies. With more than one lead unit the choice is always flagged 待核.
 */
final class OwnerGuess {
  /** Usual duties by the units' usual short names (a unit named otherwise matches by name only). */
  static final Map<String, List<String>> DUTIES =
      Map.ofEntries(
          Map.entry("人社局", List.of("就业", "岗位", "见习", "医保", "社保", "大病保险", "失业", "人才")),
          Map.entry("总工会", List.of("职工", "工会")),
          Map.entry("农业局", List.of("农民", "农业", "自然村", "农村")),
          Map.entry("农工办", List.of("农户", "低收入", "农村工作")),
          Map.entry("统战部", List.of("光彩", "千企", "企业", "民营", "工商联", "统战")),
          Map.entry("民政局", List.of("困难群众", "低保", "养老", "民政", "社会救助")),
          Map.entry("慈善总会", List.of("慈善")),
          Map.entry("残联", List.of("残疾", "精神病", "康复")),
          Map.entry("红十字会", List.of("红十字", "白血病", "癌", "献血", "救护")),
          Map.entry("交通局", List.of("交通", "公路", "桥", "高速", "高铁")),
          Map.entry("住建局", List.of("安置", "不动产", "住房", "物业")),
          Map.entry("公积金中心", List.of("公积金")),
          Map.entry("卫计局", List.of("卫生", "医院", "医生", "医联体", "诊断", "筛查", "疾病", "妇女", "新生儿", "计划生育")),
          Map.entry("教育局", List.of("学校", "小学", "中学", "初中", "幼儿园", "教育")),
          Map.entry("宣传部", List.of("宣传", "讲堂", "理论", "文明实践")),
          Map.entry("文广新局", List.of("文化", "演", "戏", "综艺", "图书", "电影", "广电", "新闻出版")),
          Map.entry("体育局", List.of("健身", "体育")),
          Map.entry("水利局", List.of("河道", "清淤", "水利", "排水", "积水", "雨水", "防汛")),
          Map.entry("生态办", List.of("生态", "污水管网", "主管网", "小流域")),
          Map.entry("城管局", List.of("垃圾", "转运站", "环卫", "城管")),
          Map.entry("市场监管局", List.of("食品", "市场监管")),
          Map.entry("公安局", List.of("公安", "治安", "视频监控", "警")),
          Map.entry("综治办", List.of("综合治理", "综治", "平安")),
          Map.entry("行政审批局", List.of("审批", "政务服务", "便民服务")));

  private static final Pattern AREA = Pattern.compile(".*(开发区|经开区|高新区|园区|街道|镇)$");

  private OwnerGuess() {}

  /** Sets the owners of a project's targets (in order) from its lead units. */
  static void assign(List<Target> targets, List<String> leads, KnownUnits known) {
    Target previous = null;
    for (Target t : targets) {
      if (!t.owners.isEmpty()) {
        previous = t;
        continue;
      }
      if (leads.size() == 1) {
        t.owners.add(leads.get(0));
        previous = t;
        continue;
      }
      String text = t.name + "，" + (t.source == null ? "" : t.source);
      List<String> matched = new ArrayList<>();
      List<String> words = new ArrayList<>();
      int best = 0;
      for (String lead : leads) {
        List<String> hits = hits(lead, text, known);
        int score = hits.stream().mapToInt(h -> namesOf(lead, known).contains(h) ? 2 : 1).sum();
        if (score > best) {
          best = score;
          matched.clear();
          words.clear();
        }
        if (score == best && score > 0) {
          matched.add(lead);
          words.addAll(hits);
        }
      }
      String why;
      if (!matched.isEmpty()) {
        why = "按职能关键词“" + String.join("、", words) + "”推断";
      } else if (previous != null && previous.sentence == t.sentence) {
        matched.addAll(previous.owners);
        why = "原文未点明，按同一句前一目标推断";
      } else {
        matched.addAll(leads);
        why = "原文未点明，暂列全部牵头单位";
      }
      if (t.kind == TargetKind.CHECKLIST) {
        for (String lead : leads) {
          if (AREA.matcher(lead).matches() && !matched.contains(lead)) {
            matched.add(lead);
            why += "；清单所列地点未说明在哪个辖区，" + lead + " 也列为责任单位";
          }
        }
      }
      t.owners.addAll(leads.stream().filter(matched::contains).toList());
      t.flag("owners", "原表只按工程列牵头单位（" + String.join("、", leads) + "），" + why);
      previous = t;
    }
  }

  private static List<String> hits(String lead, String text, KnownUnits known) {
    List<String> out = new ArrayList<>();
    for (String n : namesOf(lead, known)) {
      if (n.length() >= 2 && text.contains(n)) {
        out.add(n);
      }
    }
    for (String w : DUTIES.getOrDefault(lead, List.of())) {
      if (text.contains(w) && !out.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  /** A unit's names and its name stem (慈善总会 → 慈善, 水利局 → 水利). */
  private static List<String> namesOf(String lead, KnownUnits known) {
    List<String> names = new ArrayList<>(known.namesOf(lead));
    String stem = lead.replaceAll("(总会|中心|局|办|部|会|委)$", "");
    if (stem.length() >= 2 && !names.contains(stem)) {
      names.add(stem);
    }
    return names;
  }
}
