package io.duban.command;

import static io.duban.command.ParseKit.clarify;
import static io.duban.command.ParseKit.hasNumeral;

import io.duban.command.ParsedCommand.Clarify;
import io.duban.command.ParsedCommand.Clarify.Option;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.PeriodWord.Relative;
import io.duban.command.Ref.TargetRef;
import io.duban.command.commands.ReportCommand.Figure;
import io.duban.command.commands.ReportCommand.Report;
import io.duban.command.match.Candidate;
import io.duban.command.match.MatchMethod;
import io.duban.command.match.MatchResult;
import io.duban.command.match.NameMatcher.Found;
import io.duban.command.match.NameMatcher.Prefix;
import io.duban.text.QuantityParser;
import io.duban.text.QuantityParser.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the figures of 上报, 更正 and 代报: one target and its figure in either order, or several
 * target–figure pairs in one message (all read, or a refusal naming the unclear pair: a figure is
 * never dropped without a word), with the period they count for ("5月", "截至5月底", "上月") and the
 * increment words ("本月新增 3200") taken out first so that a date is never read as the figure.
 */
final class ReportReading {
  private static final Pattern TOTAL_WORDS = Pattern.compile("(累计|合计|共计|总计|一共)(为|是|达到|达)?");

  /** "2.4w" is how many type 2.4万. */
  private static final Pattern WAN_LETTER = Pattern.compile("([0-9])\\s*[wW](?![a-zA-Z])");

  private static final String SEPARATORS = " ，,、;；。和及与另外还有其中";

  private final Vocabulary vocab;

  ReportReading(Vocabulary vocab) {
    this.vocab = vocab;
  }

  ParsedCommand read(CommandSpec spec, String args, boolean correction) {
    PeriodWords.Taken taken = PeriodWords.take(args, this::incrementIsPartOfName);
    if (taken.periods().stream().map(PeriodWord::describe).distinct().count() > 1) {
      List<String> written = taken.periods().stream().map(PeriodWord::written).toList();
      return new Invalid(
          spec, "一条消息只能报一个时期（写了 " + String.join("、", written) + "），请每个时期分开发送。未记录任何数。");
    }
    String text =
        WAN_LETTER
            .matcher(TOTAL_WORDS.matcher(taken.rest()).replaceAll(" "))
            .replaceAll("$1万")
            .replaceAll("\\s+", " ")
            .trim();
    if (text.isEmpty() || !hasNumeral(text)) {
      Optional<Prefix<TargetRef>> named = vocab.targets().longestNameAtStart(text);
      if (text.isEmpty() || named.isEmpty()) {
        return new Invalid(spec, text.isEmpty() ? "缺少目标名称和累计数。" : "缺少累计数。");
      }
      TargetRef t = named.get().item();
      if (vocab.isTask(t.code())) {
        return new Invalid(spec, "“" + t.name() + "”是任务类目标，请报进展：进展 " + t.name() + " <进展说明> 推进中。");
      }
      Optional<String> item = vocab.firstItem(t.code());
      if (item.isPresent()) {
        return new Invalid(spec, "“" + t.name() + "”是清单类目标，请逐项报完成：完成 " + item.get() + "。");
      }
      return new Invalid(spec, "缺少累计数（" + t.name() + "）。");
    }
    if (vocab.targets().findAll(text).isEmpty()
        && vocab.targets().longestNameAtStart(text).isEmpty()
        && Character.isDigit(text.charAt(0))) {
      return new Invalid(spec, "缺少目标名称（" + text + " 是哪个目标的数？）。");
    }
    List<Span> spans = figureSpans(text);
    ParsedCommand read =
        spans.size() >= 2 ? pairs(spec, text, spans, correction) : single(spec, text, correction);
    return withPeriod(spec, read, taken);
  }

  /** "本月新增就业岗位 3200": the 新增 begins the target's name, so 本月 stands alone. */
  private boolean incrementIsPartOfName(String after) {
    return vocab
            .targets()
            .longestNameAtStart(after)
            .map(p -> p.matched().length() > 2)
            .orElse(false)
        && after.startsWith("新增");
  }

  /** The quantities of the text that are not inside a target's name. */
  private List<Span> figureSpans(String text) {
    List<Found<TargetRef>> names = vocab.targets().findAll(text);
    List<Span> out = new ArrayList<>();
    for (Span s : QuantityParser.spans(text)) {
      boolean insideName =
          names.stream().anyMatch(n -> s.start() >= n.start() && s.end() <= n.end());
      if (!insideName) {
        out.add(s);
      }
    }
    return out;
  }

  private static final Pattern WITH_PROJECT = Pattern.compile("^(.+)[（(](.+)[）)]$");
  private static final Pattern MEASURE_NOUN = Pattern.compile("(人数|人次数|个数|数量|数据|数字|总数|的|人)+$");

  /** A target's name as written, or without a trailing measure noun ("见习人数" is 见习). */
  private MatchResult<TargetRef> match(String name) {
    java.util.regex.Matcher ctx = WITH_PROJECT.matcher(name);
    if (ctx.matches()) {
      for (var e : vocab.targets().entries()) {
        TargetRef t = e.item();
        if (t.name().equals(ctx.group(1).trim()) && t.project().equals(ctx.group(2).trim())) {
          return new MatchResult<>(
              MatchResult.Kind.UNIQUE,
              List.of(
                  new Candidate<>(
                      t, t.name(), t.project(), name, MatchMethod.EXACT, 100, t.label())));
        }
      }
    }
    MatchResult<TargetRef> m = vocab.targets().match(name);
    String bare = MEASURE_NOUN.matcher(name).replaceAll("");
    if (m.kind() == MatchResult.Kind.NONE && !bare.isEmpty() && !bare.equals(name)) {
      return vocab.targets().match(bare);
    }
    return m;
  }

  // ---------------------------------------------------------------- one figure

  private ParsedCommand single(CommandSpec spec, String args, boolean correction) {
    Optional<Prefix<TargetRef>> atStart = vocab.targets().longestNameAtStart(args);
    if (atStart.isPresent() && hasNumeral(atStart.get().rest())) {
      String value = dropContext(atStart.get().rest(), atStart.get());
      Invalid twoNames = oneFigureTwoNames(spec, atStart.get(), value);
      return twoNames != null ? twoNames : reportWith(spec, atStart.get(), value, correction);
    }
    Optional<Prefix<TargetRef>> atEnd = vocab.targets().longestNameAtEnd(args);
    if (atEnd.isPresent() && hasNumeral(atEnd.get().rest())) {
      Invalid twoNames = oneFigureTwoNames(spec, atEnd.get(), atEnd.get().rest());
      return twoNames != null
          ? twoNames
          : reportWith(spec, atEnd.get(), atEnd.get().rest(), correction);
    }
    String[] split = ParseKit.splitNameAndValue(args);
    if (split[0].isEmpty()) {
      return new Invalid(spec, "缺少目标名称。");
    }
    if (split[1].isEmpty()) {
      return new Invalid(spec, "缺少累计数。");
    }
    String name = split[0];
    String valueText = split[1];
    QuantityParser.Result q = QuantityParser.parse(valueText);
    if (q instanceof QuantityParser.Result.Failed f) {
      return new Invalid(spec, f.reasonZh());
    }
    MatchResult<TargetRef> m = match(name);
    if (m.kind() == MatchResult.Kind.NONE) {
      return new Invalid(spec, "没有找到目标“" + name + "”。发送“我的”查看本单位的目标。");
    }
    if (m.kind() == MatchResult.Kind.AMBIGUOUS) {
      return clarify(
          "“" + name + "”可能是：",
          m.candidates(),
          c -> spec.name() + " " + c.item().canonical() + " " + valueText);
    }
    return new Report(
        m.candidates().get(0).item(), ((QuantityParser.Result.Ok) q).quantity(), correction);
  }

  /**
   * "城镇就业 新增就业岗位 2.4万": two targets and one figure. Whose figure it is cannot be told, so nothing
   * is read (the quantity reader would otherwise skip the second name).
   */
  private Invalid oneFigureTwoNames(CommandSpec spec, Prefix<TargetRef> named, String valueText) {
    for (Found<TargetRef> other : vocab.targets().findAll(valueText)) {
      if (!other.item().code().equals(named.item().code())) {
        return new Invalid(
            spec,
            "这条消息写了“"
                + named.matched()
                + "”和“"
                + other.matched()
                + "”两个目标，却只有一个数，不知道是哪个目标的，未记录任何数。请按“目标 数值”成对书写。");
      }
    }
    return null;
  }

  private static ParsedCommand reportWith(
      CommandSpec spec, Prefix<TargetRef> name, String valueText, boolean correction) {
    QuantityParser.Result q = QuantityParser.parse(valueText);
    if (q instanceof QuantityParser.Result.Failed f) {
      return new Invalid(spec, f.reasonZh());
    }
    if (name.ambiguous()) {
      List<Candidate<TargetRef>> options = new ArrayList<>();
      options.add(name.candidate());
      options.addAll(name.alternatives());
      return clarify(
          "“" + name.matched() + "”有多个：",
          options,
          c -> spec.name() + " " + c.item().canonical() + " " + valueText);
    }
    return new Report(name.item(), ((QuantityParser.Result.Ok) q).quantity(), correction);
  }

  /** Removes a "（工程）" right after a name, as written by our own numbered options. */
  private static String dropContext(String rest, Prefix<TargetRef> name) {
    String r = rest.trim();
    String context = name.item().project();
    for (String open : List.of("(", "（")) {
      if (r.startsWith(open)) {
        int close = Math.max(r.indexOf(')'), r.indexOf('）'));
        if (close > 0 && r.substring(1, close).trim().equals(context)) {
          return r.substring(close + 1).trim();
        }
      }
    }
    return r;
  }

  // ---------------------------------------------------------------- several figures

  /** One name and one figure as written, before the name is matched. */
  private record Pair(String name, String value) {
    String written() {
      return (name + " " + value).trim();
    }
  }

  private ParsedCommand pairs(CommandSpec spec, String text, List<Span> spans, boolean correction) {
    List<Pair> pairs = split(text, spans);
    if (pairs == null) {
      return new Invalid(
          spec, "这条消息里有 " + spans.size() + " 个数，但没能和目标一一对应，未记录任何数。请按“目标 数值”成对书写，每对之间用逗号隔开。");
    }
    List<Figure> figures = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < pairs.size(); i++) {
      Pair p = pairs.get(i);
      QuantityParser.Result q = QuantityParser.parse(p.value());
      if (q instanceof QuantityParser.Result.Failed f) {
        return unclear(spec, pairs, i, f.reasonZh());
      }
      List<String> named = distinctNames(p.name());
      if (named.size() > 1) {
        return unclear(
            spec, pairs, i, "写了“" + String.join("”和“", named) + "”几个目标，却只有一个数，不知道是哪个目标的");
      }
      MatchResult<TargetRef> m = match(p.name());
      if (p.name().isEmpty() || m.kind() == MatchResult.Kind.NONE) {
        return unclear(spec, pairs, i, p.name().isEmpty() ? "缺少目标名称" : "没有找到这个目标");
      }
      if (m.kind() == MatchResult.Kind.AMBIGUOUS) {
        return clarifyPair(spec, pairs, i, m);
      }
      TargetRef target = m.candidates().get(0).item();
      if (!codes.add(target.code())) {
        return unclear(spec, pairs, i, "与前面的目标重复");
      }
      figures.add(new Figure(target, ((QuantityParser.Result.Ok) q).quantity()));
    }
    return new Report(figures, correction);
  }

  /** The names of different targets written in one pair's name ("城镇就业 新增就业岗位"). */
  private List<String> distinctNames(String name) {
    List<String> out = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (Found<TargetRef> f : vocab.targets().findAll(name)) {
      if (codes.add(f.item().code())) {
        out.add(f.matched());
      }
    }
    return out;
  }

  /** Name-first ("城镇就业 2.4万，见习 1800人") or figure-first ("2.4万 城镇就业，1800人 见习"). */
  private static List<Pair> split(String text, List<Span> spans) {
    String head = trimSeparators(text.substring(0, spans.get(0).start()));
    String tail = trimSeparators(text.substring(spans.get(spans.size() - 1).end()));
    List<Pair> out = new ArrayList<>();
    if (!head.isEmpty() && tail.isEmpty()) {
      int from = 0;
      for (Span s : spans) {
        out.add(
            new Pair(
                trimSeparators(text.substring(from, s.start())),
                text.substring(s.start(), s.end()).trim()));
        from = s.end();
      }
      return out;
    }
    if (head.isEmpty() && !tail.isEmpty()) {
      for (int i = 0; i < spans.size(); i++) {
        int to = i + 1 < spans.size() ? spans.get(i + 1).start() : text.length();
        out.add(
            new Pair(
                trimSeparators(text.substring(spans.get(i).end(), to)),
                text.substring(spans.get(i).start(), spans.get(i).end()).trim()));
      }
      return out;
    }
    return null;
  }

  private static String trimSeparators(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && SEPARATORS.indexOf(s.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && SEPARATORS.indexOf(s.charAt(b - 1)) >= 0) {
      b--;
    }
    return s.substring(a, b).trim();
  }

  private static Invalid unclear(CommandSpec spec, List<Pair> pairs, int i, String why) {
    return new Invalid(
        spec,
        "这条消息有 "
            + pairs.size()
            + " 个数，第 "
            + (i + 1)
            + " 个“"
            + pairs.get(i).written()
            + "”"
            + why
            + "，所以一个也没有记录。请改正后整条重发，或每个目标单独发送。");
  }

  /** One pair's name fits several targets: each option is the whole message with it resolved. */
  private static Clarify clarifyPair(
      CommandSpec spec, List<Pair> pairs, int i, MatchResult<TargetRef> m) {
    return clarify(
        "第 " + (i + 1) + " 个“" + pairs.get(i).name() + "”可能是：",
        m.candidates(),
        c -> {
          StringBuilder sb = new StringBuilder(spec.name());
          for (int k = 0; k < pairs.size(); k++) {
            Pair p = pairs.get(k);
            sb.append(k == 0 ? " " : "，")
                .append(k == i ? c.item().canonical() : p.name())
                .append(' ')
                .append(p.value());
          }
          return sb.toString();
        });
  }

  // ---------------------------------------------------------------- the period

  private static ParsedCommand withPeriod(
      CommandSpec spec, ParsedCommand read, PeriodWords.Taken taken) {
    PeriodWord period = taken.period();
    if (period == null) {
      return read;
    }
    String periodText = period.written() + (taken.increment() ? "新增" : "");
    if (read instanceof Clarify c) {
      List<Option> options = new ArrayList<>();
      for (Option o : c.options()) {
        options.add(new Option(o.label(), insertAfterVerb(o.message(), periodText)));
      }
      return new Clarify(c.question(), options);
    }
    if (!(read instanceof Report r)) {
      return read;
    }
    if (isBareRunning(period, taken.increment()) && r.figures().size() == 1) {
      Figure f = r.figures().get(0);
      String value = f.quantity().text();
      String name = f.target().canonical();
      String word = period.span() == PeriodWord.Span.MONTH ? "本月" : "本季度";
      return new Clarify(
          "“" + word + " " + value + "”是年度累计数，还是" + word + "新增？",
          List.of(
              new Option("年度累计 " + value, spec.name() + " " + name + " " + value),
              new Option(
                  word + "新增 " + value, spec.name() + " " + name + " " + word + "新增 " + value)));
    }
    List<Figure> figures = new ArrayList<>();
    for (Figure f : r.figures()) {
      if (taken.increment() && f.quantity().additive()) {
        return new Invalid(spec, "“新增”和“+”只能写一个。");
      }
      figures.add(new Figure(f.target(), f.quantity(), period, taken.increment()));
    }
    if (isBareRunning(period, taken.increment())
        && figures.stream().noneMatch(f -> f.quantity().additive())) {
      // "本月 3200，城镇就业 100": the same question as for one figure, for all of them
      String word = period.span() == PeriodWord.Span.MONTH ? "本月" : "本季度";
      List<Figure> increments =
          figures.stream().map(f -> new Figure(f.target(), f.quantity(), period, true)).toList();
      return new Clarify(
          "“" + period.written() + "”后的 " + figures.size() + " 个数是年度累计数，还是" + word + "新增？",
          List.of(
              new Option("都是年度累计", r.asMessage()),
              new Option("都是" + word + "新增", new Report(increments, r.correction()).asMessage())));
    }
    return new Report(figures, r.correction());
  }

  /** "本月 3200" without 新增, 截至 or 底: cumulative or this month's increment? */
  private static boolean isBareRunning(PeriodWord p, boolean increment) {
    return p.relative() == Relative.THIS
        && !increment
        && !p.written().matches(".*(截至|截止|到|底|末|止|累计|共).*");
  }

  private static String insertAfterVerb(String message, String periodText) {
    int space = message.indexOf(' ');
    return space < 0
        ? message + " " + periodText
        : message.substring(0, space) + " " + periodText + message.substring(space);
  }
}
