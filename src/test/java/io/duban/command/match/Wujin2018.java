package io.duban.command.match;

import io.duban.command.match.NameMatcher.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real names of the 2018 plan of 武进区, used as test fixtures. */
final class Wujin2018 {

  private Wujin2018() {}

  enum Kind {
    CATEGORY,
    PROJECT,
    UNIT,
    TARGET
  }

  /** Test item: distinct per kind, name and context, so repeated names stay separate items. */
  record Item(Kind kind, String name, String context) {}

  static final List<String> PROJECTS =
      List.of(
          "就业助推工程",
          "创业护航工程",
          "阳光帮扶工程",
          "慈善惠民工程",
          "康复救助工程",
          "职工关爱工程",
          "交通便民工程",
          "人居环境改善工程",
          "公积金扩面工程",
          "医疗资源普惠工程",
          "群众健康守护工程",
          "教育资源均衡配置工程",
          "文化共享工程",
          "全民健身工程",
          "水污染防治工程",
          "生态共建光彩工程",
          "垃圾处置工程",
          "食品安全工程",
          "技防城升级工程",
          "政务服务体系完善工程",
          "审批效能提速工程",
          "安置房办证工程");

  static final List<String> CATEGORIES =
      List.of(
          "促进就业创业",
          "促进社会关爱",
          "优化群众生活环境",
          "优化医疗卫生服务",
          "优化基本公共服务",
          "提升生态环境质量",
          "提升公共安全水平",
          "提升政务服务水平");

  static final List<String> UNITS =
      List.of(
          "人社局", "总工会", "农业局", "统战部", "农工办", "民政局", "慈善总会", "残联", "红十字会", "交通局", "住建局", "经开区",
          "公积金中心", "卫计局", "教育局", "宣传部", "文广新局", "体育局", "水利局", "生态办", "城管局", "市场监管局", "公安局", "综治办",
          "行政审批局");

  /** Target name → the 工程 it belongs to; 募集光彩基金 deliberately appears under two 工程. */
  static final List<Map.Entry<String, String>> TARGETS =
      List.of(
          Map.entry("新增就业岗位", "就业助推工程"),
          Map.entry("城镇就业", "就业助推工程"),
          Map.entry("公益性岗位", "就业助推工程"),
          Map.entry("大学生就业见习", "就业助推工程"),
          Map.entry("职工技能培训", "就业助推工程"),
          Map.entry("新型职业农民", "就业助推工程"),
          Map.entry("募集光彩基金", "阳光帮扶工程"),
          Map.entry("募集光彩基金", "生态共建光彩工程"),
          Map.entry("慈善救助金", "慈善惠民工程"),
          Map.entry("惠及困难群众", "慈善惠民工程"),
          Map.entry("新增住房公积金缴存职工", "公积金扩面工程"),
          Map.entry("住房低息贷款", "公积金扩面工程"),
          Map.entry("解决家庭购房资金需求", "公积金扩面工程"),
          Map.entry("职工健康体检", "职工关爱工程"),
          Map.entry("意外伤害保险", "职工关爱工程"),
          Map.entry("爱心母婴室", "职工关爱工程"));

  static List<Entry<Item>> projects() {
    return simple(Kind.PROJECT, PROJECTS);
  }

  static List<Entry<Item>> categories() {
    return simple(Kind.CATEGORY, CATEGORIES);
  }

  static List<Entry<Item>> units() {
    List<Entry<Item>> out = new ArrayList<>();
    for (String name : UNITS) {
      // Aliases as staff actually write them.
      List<String> aliases =
          switch (name) {
            case "人社局" -> List.of("人力资源和社会保障局");
            case "卫计局" -> List.of("卫生计生局", "卫计委");
            case "经开区" -> List.of("武进经济开发区");
            default -> List.of();
          };
      out.add(new Entry<>(new Item(Kind.UNIT, name, null), name, aliases, null));
    }
    return out;
  }

  static List<Entry<Item>> targets() {
    List<Entry<Item>> out = new ArrayList<>();
    for (Map.Entry<String, String> t : TARGETS) {
      out.add(Entry.of(new Item(Kind.TARGET, t.getKey(), t.getValue()), t.getKey(), t.getValue()));
    }
    return out;
  }

  @SafeVarargs
  static NameMatcher<Item> matcher(List<Entry<Item>>... parts) {
    List<Entry<Item>> all = new ArrayList<>();
    for (List<Entry<Item>> p : parts) {
      all.addAll(p);
    }
    return NameMatcher.of(all);
  }

  static NameMatcher<Item> everything() {
    return matcher(projects(), categories(), units(), targets());
  }

  private static List<Entry<Item>> simple(Kind kind, List<String> names) {
    return names.stream().map(n -> Entry.of(new Item(kind, n, null), n)).toList();
  }
}
