package io.duban.command;

import static io.duban.command.ParseKit.clarify;
import static io.duban.command.ParseKit.hasNumeral;
import static io.duban.command.ParseKit.succeeded;

import io.duban.command.CommandSpec.Placement;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.ParsedCommand.Unknown;
import io.duban.command.Ref.TargetRef;
import io.duban.command.commands.HelpCommand;
import io.duban.command.commands.QueryCommand;
import io.duban.command.commands.ReportCommand;
import io.duban.command.match.MatchResult;
import io.duban.command.match.NameMatcher;
import io.duban.command.match.NameMatcher.Entry;
import io.duban.command.match.NameMatcher.Prefix;
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
 * names are matched forgivingly; anything else gets a question back. This class finds the command
 * word; the arguments are read by the command's own {@link Command#parse} step.
 */
public final class CommandParser {
  /** Longer messages are refused rather than parsed. */
  public static final int MAX_LENGTH = 500;

  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s?？!！。.~～，,;；:：…]+$");
  private static final Pattern TRAILING_PARTICLE =
      Pattern.compile("(怎么样了|怎么样|咋样了|咋样|怎样|如何|情况如何|多少了|多少|吗|呢|吧|啊|呀|哈|了)$");
  private static final Pattern CHOICE =
      Pattern.compile("(?:第|选|选择)?\\s*([1-9]|[一二三四五六七八九])\\s*(?:个|号|项|条)?");
  private static final Pattern QUESTION = Pattern.compile("(怎么样|咋样|怎样|如何|情况|进展|多少|？|\\?)");
  private static final Pattern LEADING_BRACKET =
      Pattern.compile("[【\\[]\\s*([^】\\]]{1,8})\\s*[】\\]]\\s*");

  private final CommandCatalog catalog;
  private final Vocabulary vocab;
  private final List<Word> words;
  private final NameMatcher<CommandSpec> commandWords;
  private final ParseKit kit;

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
    this.kit = new ParseKit(vocab, catalog, commandWords, this::parse);
  }

  public CommandCatalog catalog() {
    return catalog;
  }

  /** Parses a raw message as it arrived from a platform. */
  public ParsedCommand parse(String raw) {
    return parse(raw, true);
  }

  /**
   * Whether the message starts with a command word and a space ("不同意 12 理由不充分，请按时报送"): the grammar
   * reads it as that command, and no phrasing rule may take its free text for another one.
   */
  private boolean startsWithCommandWord(String sentence) {
    int space = sentence.indexOf(' ');
    return space > 0 && catalog.byWord(sentence.substring(0, space)).isPresent();
  }

  private ParsedCommand parse(String raw, boolean rewrite) {
    String text = TextNormalizer.normalize(raw, vocab.botNames());
    if (text.isEmpty()) {
      return new HelpCommand.Help(null);
    }
    if (text.length() > MAX_LENGTH) {
      return new Invalid(null, "消息太长（超过 " + MAX_LENGTH + " 个字），请一次只发一条命令。");
    }
    String sentence =
        TRAILING_PUNCTUATION.matcher(unwrapLeadingBracket(text)).replaceAll("").trim();
    if (rewrite && !startsWithCommandWord(sentence)) {
      Optional<String> meant = Intents.rewrite(sentence, vocab);
      if (meant.isPresent()) {
        return parse(meant.get(), false);
      }
    }
    String core = stripTrailing(sentence);
    if (core.isEmpty()) {
      return new Unknown(null);
    }
    boolean asked = !core.equals(sentence) || QUESTION.matcher(sentence).find();
    Matcher choice = CHOICE.matcher(core);
    if (choice.matches()) {
      return new ParsedCommand.Choice(digit(choice.group(1)));
    }
    Optional<CommandSpec> whole = catalog.byWord(core);
    if (whole.isPresent()) {
      return arguments(whole.get(), "", Placement.ALONE);
    }
    ParsedCommand withWord = withCommandWord(core);
    return withWord != null ? withWord : noCommandWord(core, asked);
  }

  /** A command word first, last, or between a target and its value; null when there is none. */
  private ParsedCommand withCommandWord(String core) {
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
        ParsedCommand p = catalog.command(w.spec()).parseAround(before, after, kit);
        if (succeeded(p)) {
          return p;
        }
        firstFailure = firstFailure == null ? p : firstFailure;
        break;
      }
    }
    return firstFailure;
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

  /** The command's own parse step reads the arguments. */
  private ParsedCommand arguments(CommandSpec spec, String args, Placement where) {
    return catalog.command(spec).parse(args, where, kit);
  }

  // ---------------------------------------------------------------- no command word

  private ParsedCommand noCommandWord(String core, boolean asked) {
    // a name alone asks about it; asked in words ("就业工程怎么样了"), a looser match is enough
    MatchResult<Ref> subject = vocab.subjects().match(core);
    if (subject.kind() == MatchResult.Kind.UNIQUE
        && subject.candidates().get(0).score() >= (asked && !hasNumeral(core) ? 60 : 85)) {
      return new QueryCommand.Query(subject.candidates().get(0).item());
    }
    // targets and figures without a command word: offer the exact 上报 as a numbered choice
    if (hasNumeral(core) && !vocab.targets().findAll(core).isEmpty()) {
      ParsedCommand asReport = kit.report(ReportCommand.SPEC, core, false);
      if (asReport instanceof ReportCommand.Report r) {
        String message = r.asMessage();
        return new ParsedCommand.Clarify(
            ParseKit.OFFER_REPORT, List.of(new ParsedCommand.Clarify.Option(message, message)));
      }
      if (asReport instanceof ParsedCommand.Clarify c) {
        return new ParsedCommand.Clarify(ParseKit.OFFER_REPORT + c.question(), c.options());
      }
      if (asReport instanceof Invalid i) {
        return new Unknown(i.reason() + "\n要上报请发送：上报 <目标> <累计数>（发送“帮助 上报”查看用法）");
      }
    }
    // a period and a figure, but no target: say how to write it
    PeriodWords.Taken period = PeriodWords.take(core, s -> false);
    if (period.period() != null && hasNumeral(period.rest())) {
      return new Unknown("请写明目标名称，例如：上报 <目标> " + period.period().written() + " " + period.rest());
    }
    // "就业工程怎么样了": the letters of one name in order
    if (asked) {
      Optional<Ref> spelled = Intents.spelled(vocab, core);
      if (spelled.isPresent()) {
        return new QueryCommand.Query(spelled.get());
      }
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
}
