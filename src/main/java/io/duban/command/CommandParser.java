package io.duban.command;

import io.duban.command.CommandSpec.Placement;
import io.duban.command.ParsedCommand.Clarify;
import io.duban.command.ParsedCommand.Clarify.Option;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.ParsedCommand.Unknown;
import io.duban.command.Ref.ItemRef;
import io.duban.command.Ref.TargetRef;
import io.duban.command.Ref.UnitRef;
import io.duban.command.match.Candidate;
import io.duban.command.match.MatchResult;
import io.duban.command.match.NameMatcher;
import io.duban.command.match.NameMatcher.Entry;
import io.duban.command.match.NameMatcher.Prefix;
import io.duban.report.TaskProgress;
import io.duban.text.QuantityParser;
import io.duban.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one chat message into a {@link ParsedCommand}: no database, no HTTP. Command words may
 * stand first ("进度 就业助推工程"), last ("就业助推工程进度") or between a target and its value ("新增就业岗位上报1.2万");
 * names are matched forgivingly; anything else gets a question back.
 */
public final class CommandParser {
  /** Longer messages are refused rather than parsed. */
  public static final int MAX_LENGTH = 500;

  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s?？!！。.~～，,;；:：…]+$");
  private static final Pattern TRAILING_PARTICLE =
      Pattern.compile("(怎么样了|怎么样|咋样了|咋样|怎样|如何|情况如何|多少了|多少|吗|呢|吧|啊|呀|哈|了)$");
  private static final Pattern CHOICE =
      Pattern.compile("(?:第|选|选择)?\\s*([1-9]|[一二三四五六七八九])\\s*(?:个|号|项|条)?");
  private static final Pattern LEADING_BRACKET =
      Pattern.compile("[【\\[]\\s*([^】\\]]{1,8})\\s*[】\\]]\\s*");
  private static final Pattern MOBILE = Pattern.compile("1\\d{10}");
  private static final Pattern REQUEST_NUMBER =
      Pattern.compile(
          "(?:#|第|编号|申请)?\\s*#?\\s*(\\d{1,12})\\s*"
              + "(?:(?:号|项|个)(?=$|申请|[\\s,，:：;；。、]))?(?:申请)?(.*)");
  private static final Pattern VALUE_START = Pattern.compile("[+\\-−0-9]");
  private static final List<String> OVERALL_WORDS = List.of("全区", "全部", "总体", "整体", "全区的", "所有");
  private static final List<String> MINE_WORDS = List.of("我", "我的", "本单位", "我单位", "我们", "我们单位");
  private static final List<String> ALL_UNITS = List.of("全部", "所有", "全区", "所有单位", "全部单位");

  private final CommandCatalog catalog;
  private final Vocabulary vocab;
  private final List<Word> words;
  private final NameMatcher<CommandSpec> commandWords;

  /** A command word and its command. */
  private record Word(String text, CommandSpec spec) {}

  public CommandParser(CommandCatalog catalog, Vocabulary vocab) {
    this.catalog = catalog;
    this.vocab = vocab;
    List<Word> all = new ArrayList<>();
    List<Entry<CommandSpec>> entries = new ArrayList<>();
    for (CommandSpec spec : catalog.all()) {
      for (String w : spec.words()) {
        all.add(new Word(w, spec));
      }
      List<String> aliases = spec.aliases().stream().filter(a -> a.length() >= 2).toList();
      entries.add(new Entry<>(spec, spec.name(), aliases, null));
    }
    all.sort(Comparator.comparingInt((Word w) -> w.text().length()).reversed());
    this.words = List.copyOf(all);
    this.commandWords = NameMatcher.of(entries, List.of());
  }

  public CommandCatalog catalog() {
    return catalog;
  }

  /** Parses a raw message as it arrived from a platform. */
  public ParsedCommand parse(String raw) {
    String text = TextNormalizer.normalize(raw, vocab.botNames());
    if (text.isEmpty()) {
      return new ParsedCommand.Help(null);
    }
    if (text.length() > MAX_LENGTH) {
      return new Invalid(null, "消息太长（超过 " + MAX_LENGTH + " 个字），请一次只发一条命令。");
    }
    String core = stripTrailing(unwrapLeadingBracket(text));
    if (core.isEmpty()) {
      return new Unknown(null);
    }
    Matcher choice = CHOICE.matcher(core);
    if (choice.matches()) {
      return new ParsedCommand.Choice(digit(choice.group(1)));
    }
    Optional<CommandSpec> whole = catalog.byWord(core);
    if (whole.isPresent()) {
      return arguments(whole.get(), "", Placement.ALONE);
    }

    ParsedCommand firstFailure = null;
    // the command word first
    for (Word w : words) {
      if (core.startsWith(w.text()) && allows(w.spec().placement(), Placement.START)) {
        String rest = core.substring(w.text().length()).trim();
        ParsedCommand p = arguments(w.spec(), rest, Placement.START);
        if (succeeded(p)) {
          return p;
        }
        firstFailure = firstFailure == null ? p : firstFailure;
        break;
      }
    }
    // the command word last, after its subject
    for (Word w : words) {
      if (core.endsWith(w.text())
          && core.length() > w.text().length()
          && allows(w.spec().placement(), Placement.START_OR_END)) {
        String subject = stripTrailing(core.substring(0, core.length() - w.text().length()).trim());
        if (subject.endsWith("的")) {
          subject = subject.substring(0, subject.length() - 1).trim();
        }
        ParsedCommand p = arguments(w.spec(), subject, Placement.START_OR_END);
        if (succeeded(p)) {
          return p;
        }
        firstFailure = firstFailure == null ? p : firstFailure;
        break;
      }
    }
    // the command word between a target and its value
    for (Word w : words) {
      if (w.spec().placement() != Placement.START_OR_MIDDLE) {
        continue;
      }
      int at = core.indexOf(w.text());
      if (at > 0 && at + w.text().length() < core.length()) {
        String before = core.substring(0, at).trim();
        String after = core.substring(at + w.text().length()).trim();
        ParsedCommand p = report(w.spec(), before, after);
        if (succeeded(p)) {
          return p;
        }
        firstFailure = firstFailure == null ? p : firstFailure;
        break;
      }
    }
    if (firstFailure != null) {
      return firstFailure;
    }
    return noCommandWord(core);
  }

  private static boolean succeeded(ParsedCommand p) {
    return !(p instanceof Invalid) && !(p instanceof Unknown);
  }

  private static boolean allows(Placement placement, Placement wanted) {
    if (wanted == Placement.START) {
      return placement != Placement.ALONE;
    }
    return placement == Placement.START_OR_END;
  }

  private static int digit(String s) {
    int i = "一二三四五六七八九".indexOf(s);
    return i >= 0 ? i + 1 : Integer.parseInt(s);
  }

  /** "【上报】新增就业岗位 12000" and "[上报] …" are written in government chats. */
  static String unwrapLeadingBracket(String s) {
    Matcher m = LEADING_BRACKET.matcher(s);
    return m.lookingAt() ? (m.group(1) + " " + s.substring(m.end())).trim() : s;
  }

  static String stripTrailing(String s) {
    String out = s;
    for (int i = 0; i < 4; i++) {
      String before = out;
      out = TRAILING_PUNCTUATION.matcher(out).replaceAll("");
      out = TRAILING_PARTICLE.matcher(out).replaceAll("");
      if (out.equals(before)) {
        break;
      }
    }
    return out.trim();
  }

  private ParsedCommand arguments(CommandSpec spec, String args, Placement where) {
    return switch (spec.type()) {
      case REPORT, CORRECT -> report(spec, args);
      case CONFIRM, OVERALL, RANKING, MINE ->
          args.isEmpty() ? simple(spec) : new Invalid(spec, "“" + spec.name() + "”后面不用再写内容。");
      case COMPLETE -> complete(spec, args, where);
      case PROGRESS_NOTE -> progressNote(spec, args);
      case WITHDRAW -> withdraw(spec, args);
      case ON_BEHALF -> onBehalf(spec, args);
      case QUERY -> query(spec, args);
      case UNREPORTED -> unreported(spec, args);
      case HELP -> help(args);
      case BIND -> bind(spec, args);
      case PAUSE_REMINDERS, RESUME_REMINDERS -> reminders(spec, args);
      case NEXT_REMINDER -> nextReminder(spec, args);
      case APPROVE, REJECT -> decision(spec, args);
      case APPROVALS ->
          args.isEmpty()
              ? new ParsedCommand.Approvals()
              : new Invalid(spec, "“" + spec.name() + "”后面不用再写内容。");
    };
  }

  private static ParsedCommand simple(CommandSpec spec) {
    return switch (spec.type()) {
      case CONFIRM -> new ParsedCommand.Confirm();
      case OVERALL -> new ParsedCommand.Overall();
      case RANKING -> new ParsedCommand.Ranking();
      default -> new ParsedCommand.Mine();
    };
  }

  // ---------------------------------------------------------------- 上报 / 更正

  private ParsedCommand report(CommandSpec spec, String args) {
    if (args.isEmpty()) {
      return new Invalid(spec, "缺少目标名称和累计数。");
    }
    Optional<Prefix<TargetRef>> atStart = vocab.targets().longestNameAtStart(args);
    if (atStart.isPresent() && hasNumeral(atStart.get().rest())) {
      return reportWith(spec, atStart.get(), dropContext(atStart.get().rest(), atStart.get()));
    }
    Optional<Prefix<TargetRef>> atEnd = vocab.targets().longestNameAtEnd(args);
    if (atEnd.isPresent() && hasNumeral(atEnd.get().rest())) {
      return reportWith(spec, atEnd.get(), atEnd.get().rest());
    }
    String[] split = splitNameAndValue(args);
    if (split[0].isEmpty()) {
      return new Invalid(spec, "缺少目标名称。");
    }
    if (split[1].isEmpty()) {
      Optional<TargetRef> named = atStart.map(Prefix::item);
      return new Invalid(spec, "缺少累计数" + named.map(t -> "（" + t.name() + "）").orElse("") + "。");
    }
    return report(spec, split[0], split[1]);
  }

  /** Name and value already separated (a command word stood between them). */
  private ParsedCommand report(CommandSpec spec, String name, String valueText) {
    if (name.isEmpty()) {
      return new Invalid(spec, "缺少目标名称。");
    }
    if (valueText.isEmpty() || !hasNumeral(valueText)) {
      return new Invalid(spec, "缺少累计数。");
    }
    QuantityParser.Result q = QuantityParser.parse(valueText);
    if (q instanceof QuantityParser.Result.Failed f) {
      return new Invalid(spec, f.reasonZh());
    }
    MatchResult<TargetRef> m = vocab.targets().match(name);
    if (m.kind() == MatchResult.Kind.NONE) {
      return new Invalid(spec, "没有找到目标“" + name + "”。发送“我的”查看本单位的目标。");
    }
    if (m.kind() == MatchResult.Kind.AMBIGUOUS) {
      return clarify(
          "“" + name + "”可能是：",
          m.candidates(),
          c -> spec.name() + " " + c.item().canonical() + " " + valueText);
    }
    return new ParsedCommand.Report(
        m.candidates().get(0).item(),
        ((QuantityParser.Result.Ok) q).quantity(),
        spec.type() == CommandType.CORRECT);
  }

  private ParsedCommand reportWith(CommandSpec spec, Prefix<TargetRef> name, String valueText) {
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
    return new ParsedCommand.Report(
        name.item(), ((QuantityParser.Result.Ok) q).quantity(), spec.type() == CommandType.CORRECT);
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

  /** Splits "name value" where the value is the last token with a digit or starts at one. */
  static String[] splitNameAndValue(String args) {
    int space = args.lastIndexOf(' ');
    if (space > 0 && hasNumeral(args.substring(space + 1))) {
      return new String[] {args.substring(0, space).trim(), args.substring(space + 1).trim()};
    }
    Matcher m = VALUE_START.matcher(args);
    if (m.find() && m.start() > 0) {
      // a multiplier right before the digits belongs to the number ("万8" is 18000, not 8)
      int start = m.start();
      while (start > 0 && "万萬亿億千百".indexOf(args.charAt(start - 1)) >= 0) {
        start--;
      }
      if (start == 0) {
        start = m.start();
      }
      return new String[] {args.substring(0, start).trim(), args.substring(start).trim()};
    }
    if (space > 0) {
      return new String[] {args.substring(0, space).trim(), args.substring(space + 1).trim()};
    }
    return new String[] {args.trim(), ""};
  }

  static boolean hasNumeral(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= '0' && c <= '9') || "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- 完成 / 进展 / 撤销 / 代报

  private ParsedCommand complete(CommandSpec spec, String args, Placement where) {
    if (args.isEmpty()) {
      return new Invalid(spec, "缺少清单项名称。");
    }
    MatchResult<ItemRef> m = vocab.items().match(args);
    if (m.kind() == MatchResult.Kind.UNIQUE) {
      return new ParsedCommand.Complete(m.candidates().get(0).item());
    }
    if (m.kind() == MatchResult.Kind.AMBIGUOUS) {
      return clarify("“" + args + "”可能是：", m.candidates(), c -> "完成 " + c.item().canonical());
    }
    if (where == Placement.START_OR_END) {
      // "新增就业岗位完成多少了" asks about progress
      MatchResult<Ref> s = vocab.subjects().match(args);
      if (s.kind() == MatchResult.Kind.UNIQUE) {
        return new ParsedCommand.Query(s.candidates().get(0).item());
      }
    }
    return new Invalid(spec, "没有找到清单项“" + args + "”。");
  }

  private ParsedCommand progressNote(CommandSpec spec, String args) {
    if (args.isEmpty()) {
      return new Invalid(spec, "缺少目标或工程名称和进展说明。");
    }
    Ref subject;
    String rest;
    Optional<Prefix<Ref>> atStart = vocab.progressSubjects().longestNameAtStart(args);
    if (atStart.isPresent() && !atStart.get().ambiguous()) {
      subject = atStart.get().item();
      rest = atStart.get().rest().trim();
    } else {
      int space = args.indexOf(' ');
      String name = space > 0 ? args.substring(0, space) : args;
      MatchResult<Ref> m = vocab.progressSubjects().match(name);
      if (m.kind() == MatchResult.Kind.AMBIGUOUS) {
        String restText = space > 0 ? args.substring(space + 1).trim() : "";
        return clarify(
            "“" + name + "”可能是：",
            m.candidates(),
            c -> "进展 " + c.item().canonical() + " " + restText);
      }
      if (m.kind() == MatchResult.Kind.NONE) {
        return new Invalid(spec, "没有找到目标或工程“" + name + "”。");
      }
      subject = m.candidates().get(0).item();
      rest = space > 0 ? args.substring(space + 1).trim() : "";
    }
    String state = null;
    int lastSpace = rest.lastIndexOf(' ');
    String lastToken = lastSpace >= 0 ? rest.substring(lastSpace + 1) : rest;
    Optional<TaskProgress> progress = TaskProgress.fromLabel(lastToken);
    if (progress.isPresent()) {
      state = progress.get().label();
      rest = lastSpace >= 0 ? rest.substring(0, lastSpace).trim() : "";
    }
    if (rest.isEmpty() && state == null) {
      return new Invalid(spec, "缺少进展说明（或状态：未启动、推进中、已完成）。");
    }
    if (rest.length() > 300) {
      return new Invalid(spec, "进展说明太长（最多 300 个字）。");
    }
    return new ParsedCommand.ProgressNote(subject, rest, state);
  }

  private ParsedCommand withdraw(CommandSpec spec, String args) {
    if (args.isEmpty()) {
      return new ParsedCommand.Withdraw(null);
    }
    MatchResult<TargetRef> m = vocab.targets().match(args);
    if (m.kind() == MatchResult.Kind.UNIQUE) {
      return new ParsedCommand.Withdraw(m.candidates().get(0).item());
    }
    if (m.kind() == MatchResult.Kind.AMBIGUOUS) {
      return clarify("“" + args + "”可能是：", m.candidates(), c -> "撤销 " + c.item().canonical());
    }
    return new Invalid(spec, "没有找到目标“" + args + "”。");
  }

  private ParsedCommand onBehalf(CommandSpec spec, String args) {
    Optional<Prefix<UnitRef>> unit = vocab.units().longestNameAtStart(args);
    if (unit.isEmpty() || unit.get().ambiguous()) {
      return new Invalid(spec, "请写明代哪个单位上报。");
    }
    String rest = unit.get().rest().trim();
    if (rest.isEmpty()) {
      return new Invalid(spec, "缺少要代报的内容。");
    }
    ParsedCommand inner = parse(rest);
    if (!(inner instanceof ParsedCommand.Report
        || inner instanceof ParsedCommand.Complete
        || inner instanceof ParsedCommand.ProgressNote
        || inner instanceof ParsedCommand.Withdraw
        || inner instanceof Clarify)) {
      inner = report(catalog.get(CommandType.REPORT), rest);
    }
    if (inner instanceof Clarify c) {
      List<Option> options = new ArrayList<>();
      for (Option o : c.options()) {
        options.add(
            new Option(
                o.label(), spec.name() + " " + unit.get().item().name() + " " + o.message()));
      }
      return new Clarify(c.question(), options);
    }
    if (!succeeded(inner)) {
      return inner instanceof Invalid i
          ? new Invalid(spec, i.reason())
          : new Invalid(spec, "没看懂要代报的内容。");
    }
    return new ParsedCommand.OnBehalf(unit.get().item(), inner);
  }

  // ---------------------------------------------------------------- 进度 / 未报 / 帮助 / 绑定 / 提醒

  private ParsedCommand query(CommandSpec spec, String args) {
    if (args.isEmpty() || OVERALL_WORDS.contains(args)) {
      return new ParsedCommand.Overall();
    }
    if (MINE_WORDS.contains(args)) {
      return new ParsedCommand.Mine();
    }
    MatchResult<Ref> m = vocab.subjects().match(args);
    if (m.kind() == MatchResult.Kind.UNIQUE) {
      return new ParsedCommand.Query(m.candidates().get(0).item());
    }
    if (m.kind() == MatchResult.Kind.AMBIGUOUS) {
      return clarify("“" + args + "”可能是：", m.candidates(), c -> "进度 " + c.item().canonical());
    }
    return new Invalid(spec, "没有找到“" + args + "”。可以查实事、工程、目标或单位的进度。");
  }

  private ParsedCommand unreported(CommandSpec spec, String args) {
    if (args.isEmpty() || OVERALL_WORDS.contains(args) || args.equals("哪些单位")) {
      return new ParsedCommand.Unreported(null);
    }
    MatchResult<Ref> m = vocab.subjects().match(args);
    if (m.kind() == MatchResult.Kind.UNIQUE
        && !(m.candidates().get(0).item() instanceof TargetRef)) {
      return new ParsedCommand.Unreported(m.candidates().get(0).item());
    }
    return new Invalid(spec, "“未报”可以单独发送，或加单位、工程、实事名称。");
  }

  private ParsedCommand help(String args) {
    if (args.isEmpty()) {
      return new ParsedCommand.Help(null);
    }
    Optional<CommandSpec> topic = catalog.byWord(args);
    if (topic.isEmpty()) {
      MatchResult<CommandSpec> m = commandWords.match(args);
      topic =
          m.kind() == MatchResult.Kind.UNIQUE
              ? Optional.of(m.candidates().get(0).item())
              : Optional.empty();
    }
    return new ParsedCommand.Help(topic.orElse(null));
  }

  private ParsedCommand bind(CommandSpec spec, String args) {
    // "绑定：138…", "绑定手机号 138 0000 0001", "绑定 +86 138-0000-0001"
    String digits =
        args.replaceFirst("^(?:号码?|手机号码?)?[\\s:,，。]*", "")
            .replaceAll("[\\s\\-]", "")
            .replaceFirst("^\\+?86(?=1\\d{10}$)", "");
    if (MOBILE.matcher(digits).matches()) {
      return new ParsedCommand.Bind(digits);
    }
    return new Invalid(spec, "手机号应为 11 位数字。");
  }

  /** 批准 12 / 驳回 #12 手机号不符 / 同意第12号申请. */
  private ParsedCommand decision(CommandSpec spec, String args) {
    Matcher m = REQUEST_NUMBER.matcher(args);
    if (args.isEmpty() || !m.matches()) {
      return new Invalid(spec, "请写明申请编号（发送“待审批”查看）。");
    }
    long number = Long.parseLong(m.group(1));
    String rest = m.group(2).replaceFirst("^[\\s,，:：;；。.、]+", "").strip();
    if (spec.type() == CommandType.APPROVE) {
      return rest.isEmpty()
          ? new ParsedCommand.Approve(number)
          : new Invalid(spec, "批准只需写编号，例如：批准 " + number);
    }
    if (rest.isEmpty()) {
      return new Invalid(spec, "请写明驳回原因（会告诉申请人）。");
    }
    return new ParsedCommand.Reject(number, rest);
  }

  private ParsedCommand reminders(CommandSpec spec, String args) {
    boolean pause = spec.type() == CommandType.PAUSE_REMINDERS;
    if (args.isEmpty() || ALL_UNITS.contains(args)) {
      return new ParsedCommand.Reminders(pause, null);
    }
    MatchResult<UnitRef> m = vocab.units().match(args);
    if (m.kind() == MatchResult.Kind.UNIQUE) {
      return new ParsedCommand.Reminders(pause, m.candidates().get(0).item());
    }
    if (m.kind() == MatchResult.Kind.AMBIGUOUS) {
      return clarify(
          "“" + args + "”可能是：", m.candidates(), c -> spec.name() + " " + c.item().name());
    }
    return new Invalid(spec, "没有找到单位“" + args + "”。");
  }

  private ParsedCommand nextReminder(CommandSpec spec, String args) {
    if (args.isEmpty()) {
      return new ParsedCommand.NextReminder(null);
    }
    MatchResult<UnitRef> m = vocab.units().match(args);
    if (m.kind() == MatchResult.Kind.UNIQUE) {
      return new ParsedCommand.NextReminder(m.candidates().get(0).item());
    }
    return new Invalid(spec, "没有找到单位“" + args + "”。");
  }

  // ---------------------------------------------------------------- no command word

  private ParsedCommand noCommandWord(String core) {
    // a name alone asks about it
    MatchResult<Ref> subject = vocab.subjects().match(core);
    if (subject.kind() == MatchResult.Kind.UNIQUE && subject.candidates().get(0).score() >= 85) {
      return new ParsedCommand.Query(subject.candidates().get(0).item());
    }
    // a command word mistyped ("尚报 ...", "进渡 ...")
    Optional<Prefix<CommandSpec>> verb = commandWords.longestNameAtStart(core);
    if (verb.isPresent()) {
      CommandSpec spec = verb.get().item();
      return new Unknown(
          "您是不是要用“" + spec.name() + "”？用法：" + spec.usage() + "，例如：" + spec.example());
    }
    // a target and a number without a command word: say how to report, never guess
    Optional<Prefix<TargetRef>> target = vocab.targets().longestNameAtStart(core);
    if (target.isPresent() && hasNumeral(target.get().rest())) {
      return new Unknown(
          "要上报请发送：上报 "
              + target.get().item().name()
              + " "
              + target.get().rest().trim()
              + "（发送“帮助 上报”查看用法）");
    }
    if (subject.kind() == MatchResult.Kind.AMBIGUOUS) {
      return clarify("您问的是哪一个？", subject.candidates(), c -> "进度 " + c.item().canonical());
    }
    if (subject.kind() == MatchResult.Kind.UNIQUE) {
      Ref r = subject.candidates().get(0).item();
      return new Unknown("您是想查“" + r.label() + "”的进度吗？请发送：进度 " + r.canonical());
    }
    return new Unknown(null);
  }

  private static <T extends Ref> Clarify clarify(
      String question,
      List<Candidate<T>> candidates,
      java.util.function.Function<Candidate<T>, String> message) {
    List<Option> options = new ArrayList<>();
    for (Candidate<T> c : candidates) {
      if (options.size() >= 5) {
        break;
      }
      String label = c.label() + kindLabel(c.item());
      options.add(new Option(label, message.apply(c)));
    }
    return new Clarify(question, options);
  }

  private static String kindLabel(Ref r) {
    if (r instanceof Ref.CategoryRef) {
      return "（实事）";
    }
    if (r instanceof Ref.UnitRef) {
      return "（单位）";
    }
    return "";
  }
}
