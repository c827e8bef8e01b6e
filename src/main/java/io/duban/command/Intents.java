package io.duban.command;

import io.duban.command.match.MatchResult;
import io.duban.command.match.NameMatcher.Prefix;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The questions and phrasings people actually type, in front of the grammar: each rule turns a
 * natural sentence ("交通局报了吗", "人社局排第几", "上个月谁没报", "帮民政局报一下 …", "不对，刚才报错了") into the command text
 * the grammar reads ("未报 交通局", "排名 人社局", "未报 上月", "代报 民政局 …", "报错了"). Pure: names are checked
 * against the plan's vocabulary, nothing else is looked up. A rule whose name does not fit (not a
 * unit, say) leaves the message to the grammar.
 */
final class Intents {
  private static final String ASK = "(?:吗|么|没|没有|了吗|了没|了没有|呢)?";
  private static final String MONTH = "(上个?月|本月|这个月|(?:" + PeriodWords.MONTH_NUMBER + ")月)份?";

  private record Rule(Pattern pattern, BiFunction<Matcher, Vocabulary, String> rewrite) {}

  private static Rule rule(String regex, BiFunction<Matcher, Vocabulary, String> rewrite) {
    return new Rule(Pattern.compile(regex), rewrite);
  }

  private static final List<Rule> RULES =
      List.of(
          // 帮民政局报一下 困难群众 5000人次 / 替 人社局 上报 …
          rule(
              "^(?:帮|替|给|代)\\s*(.+?)\\s*(?:报一下|报个数|报下|上报一下|上报|报)\\s*(.+)$",
              (m, v) -> unit(v, m.group(1)) ? "代报 " + m.group(1) + " " + m.group(2) : null),
          // 我们单位还有哪些没报 / 我还有什么没报
          rule(
              "^(?:我们单位|我们|本单位|我单位|我)(?:还有|还)?(?:哪些|什么|哪几项|哪个)(?:目标|项)?(?:没报|未报|没有报|还没报|没上报)$",
              (m, v) -> "我的"),
          // 上个月谁没报 / 5月哪些单位没报 / 上月未报
          rule(
              "^" + MONTH + "(?:有)?(?:谁|哪些单位|哪些|哪个单位|哪几个单位)?(?:没|没有|未|还没)(?:报|上报)(?:的)?(?:单位)?$",
              (m, v) -> "未报 " + m.group(1)),
          rule(
              "^(?:谁|哪些单位|哪个单位|哪几个单位)(?:还)?(?:没|没有|未)(?:报|上报)(?:" + MONTH + ")?(?:的)?$",
              (m, v) -> m.group(1) == null ? "未报" : "未报 " + m.group(1)),
          // 交通局报了吗 / 交通局上报了没有
          rule(
              "^(.+?)(?:本月|这个月)?(?:上报|报)(?:了|过)" + ASK + "$",
              (m, v) -> unit(v, m.group(1)) ? "未报 " + m.group(1) : null),
          rule(
              "^(.+?)(?:本月|这个月)?(?:报没报|报了没|有没有报|上报了没有)$",
              (m, v) -> unit(v, m.group(1)) ? "未报 " + m.group(1) : null),
          // 人社局排第几 / 人社局第几名 / 人社局排名
          rule(
              "^(.+?)(?:排第几|排在第几|排名第几|第几名|排名怎么样|排名如何|的排名|排名)" + ASK + "$",
              (m, v) -> unit(v, m.group(1)) ? "排名 " + m.group(1) : null),
          // 总工会的情况 / 人社局情况怎么样
          rule(
              "^(.+?)(?:的)?(?:情况|工作情况|完成情况)(?:怎么样|如何|咋样)?" + ASK + "$",
              (m, v) -> unit(v, m.group(1)) ? "进度 " + m.group(1) : null),
          // 全区怎么样了 / 整体情况如何 / 全区整体咋样了 / 今年实事完成得怎么样
          rule(
              "^(?:全区|全部|总体|整体|全区的|所有项目|今年|今年的|全年|为民办实事|办实事|实事|项目)+(?:的)?"
                  + "(?:情况|进度|进展|工作)?(?:完成得|推进得|做得|进展得|干得)?(?:怎么样|如何|咋样|怎样)(?:了)?"
                  + ASK
                  + "$",
              (m, v) -> "全区进度"),
          // 就业这块怎么样 / 就业方面进展如何 / 教育那边咋样了 / 就业完成得怎么样
          rule(
              "^(.+?)(?:这一?块|那一?块|这边|那边|这方面|方面|板块|领域|完成得|推进得|做得|干得)(?:的)?"
                  + "(?:工作|情况)?(?:进度|进展)?(?:怎么样|如何|咋样|怎样)(?:了)?"
                  + ASK
                  + "$",
              (m, v) -> subject(v, m.group(1))),
          // 怎么上报 / 如何代报
          rule(
              "^(?:怎么|如何|咋|怎样)(上报|报数|报送|填报|代报|绑定|更正|撤销|完成|进展)(?:呢|啊)?$",
              (m, v) ->
                  "帮助 "
                      + (m.group(1).startsWith("报") || m.group(1).equals("填报")
                          ? "上报"
                          : m.group(1))),
          // 哪些项目慢了 / 哪些目标落后 / 慢序时 / 滞后的项目
          rule(
              "^(?:哪些|哪几个|有哪些|有什么|谁|哪个|哪个单位|哪些单位)?(?:项目|目标|工程|实事)?(?:在)?"
                  + "(?:慢了|慢|落后了|落后|滞后了|滞后|拖后腿|拖了后腿|没跟上序时)(?:了)?(?:的)?(?:项目|目标|工程)?"
                  + ASK
                  + "$",
              (m, v) -> "慢序时"),
          rule("^(?:落后|滞后|慢于序时)(?:的)?(?:项目|目标|工程)$", (m, v) -> "慢序时"),
          // 哪个工程最慢 / 最落后的是哪个 / 哪些项目最差 / 谁最慢
          rule(
              "^(?:哪个|哪些|哪几个|谁)(?:项目|目标|工程|实事)?(?:最慢|最落后|最差|最滞后|进度最慢)(?:了)?" + ASK + "$",
              (m, v) -> "慢序时"),
          rule(
              "^(?:最慢|最落后|最差|最滞后|进度最慢)(?:的)?(?:项目|目标|工程)?(?:是)?(?:哪个|哪些|哪几个|是什么|有哪些)" + ASK + "$",
              (m, v) -> "慢序时"),

          // 哪些单位逾期了 / 逾期单位 / 谁逾期了
          rule(
              "^(?:哪些|哪几个|有哪些|谁|哪个)?(?:单位)?(?:逾期|超期|过期|超时)(?:了|未报|没报)?(?:的)?(?:单位)?(?:有哪些|是哪些)?$",
              (m, v) -> "逾期"),
          // 本月通报 / 5月的通报 / 看看通报
          rule(
              "^(?:看看|看一下|发一下|发个|发)?(?:" + MONTH + ")?(?:的)?(?:月度)?通报$",
              (m, v) ->
                  m.group(1) == null
                          || !Character.isDigit(m.group(1).charAt(0))
                              && "一二三四五六七八九十".indexOf(m.group(1).charAt(0)) < 0
                      ? "通报"
                      : "通报 " + m.group(1)),
          // 就业工程进度如何: a 工程 written short, its characters in order
          rule(
              "^(.+?)(?:的)?(?:进度|进展)(?:如何|怎么样|咋样|怎样)?$",
              (m, v) -> spelled(v, m.group(1)).map(r -> "进度 " + r.canonical()).orElse(null)),
          // 不对，刚才报错了 / 填错了 / 报错数了
          rule(
              "^(?:不对|不好意思|抱歉|哎|啊)?[，,\\s]*(?:刚才|刚刚|上次|之前)?(?:的)?(?:数)?(?:报错|填错|写错|搞错|弄错|报错数|输错)(?:了)?(?:数)?(?:了)?(?:怎么办|怎么改|咋改)?$",
              (m, v) -> "报错了"),
          rule("^(?:刚才|刚刚)?(?:的)?(?:数)?不对(?:了)?$", (m, v) -> "报错了"),
          rule("^(?:怎么|如何|咋)(?:改|更正|修改|撤回|撤销)(?:数|数据|上报)?$", (m, v) -> "报错了"),
          // 新增就业岗位的历史 / 新增就业岗位上报记录
          rule(
              "^(.+?)(?:的)?(?:历史记录|上报记录|上报历史|历史)$",
              (m, v) -> named(v, m.group(1)) ? "历史 " + m.group(1) : null),
          // 新增岗位 1.9万个 上报 / 城镇就业报一下 2.4万 / 报一下见习 1800人
          rule(
              "^(.+?)\\s*(?:上报|报送|填报)$",
              (m, v) -> ParseKit.hasNumeral(m.group(1)) ? "上报 " + m.group(1) : null),
          rule(
              "^(?:报一下|报个数|报下|报)\\s*(.+)$",
              (m, v) -> ParseKit.hasNumeral(m.group(1)) ? "上报 " + m.group(1) : null),
          rule(
              "^(.+?)\\s*(?:报一下|报个数|报下)\\s*(.+)$",
              (m, v) ->
                  ParseKit.hasNumeral(m.group(2)) ? "上报 " + m.group(1) + " " + m.group(2) : null));

  private Intents() {}

  /** The command text a natural sentence stands for, or empty when no rule fits. */
  static Optional<String> rewrite(String text, Vocabulary vocab) {
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(text);
      if (m.matches()) {
        String out = r.rewrite().apply(m, vocab);
        if (out != null && !out.equals(text)) {
          return Optional.of(out);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The one name of the plan whose characters contain {@code text}'s in order, starting with the
   * same one ("就业工程" → 就业助推工程), for names written short; empty when none or several fit.
   */
  static Optional<Ref> spelled(Vocabulary v, String text) {
    if (text.length() < 3
        || text.length() > 12
        || v.subjects().match(text).kind() != MatchResult.Kind.NONE) {
      return Optional.empty();
    }
    Ref found = null;
    for (var e : v.subjects().entries()) {
      if (inOrder(text, e.name())) {
        if (found != null && !found.equals(e.item())) {
          return Optional.empty();
        }
        found = e.item();
      }
    }
    return Optional.ofNullable(found);
  }

  private static boolean inOrder(String part, String name) {
    int at = 0;
    for (int i = 0; i < name.length() && at < part.length(); i++) {
      if (name.charAt(i) == part.charAt(at)) {
        at++;
      }
    }
    return at == part.length() && part.charAt(0) == name.charAt(0);
  }

  private static boolean unit(Vocabulary v, String name) {
    String n = name.trim();
    if (n.isEmpty() || n.length() > 20) {
      return false;
    }
    MatchResult<Ref.UnitRef> m = v.units().match(n);
    return m.kind() == MatchResult.Kind.UNIQUE && m.candidates().get(0).score() >= 80;
  }

  /**
   * "进度 <名称>" when {@code text} names something of the plan (several things too: the grammar then
   * asks which), or is one name written short; else null (the grammar reads the message).
   */
  private static String subject(Vocabulary v, String text) {
    String t = text.trim();
    if (t.isEmpty() || t.length() > 20) {
      return null;
    }
    if (v.subjects().match(t).kind() != MatchResult.Kind.NONE || unit(v, t)) {
      return "进度 " + t;
    }
    return spelled(v, t).map(r -> "进度 " + r.canonical()).orElse(null);
  }

  /** Whether the text starts with, or is, a name of the plan (a target, project or unit). */
  private static boolean named(Vocabulary v, String text) {
    Optional<Prefix<Ref.TargetRef>> t = v.targets().longestNameAtStart(text.trim());
    return t.isPresent() || v.subjects().match(text.trim()).kind() != MatchResult.Kind.NONE;
  }
}
