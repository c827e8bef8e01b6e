package io.duban.command;

import io.duban.command.ParsedCommand.Clarify;
import io.duban.command.ParsedCommand.Clarify.Option;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.ParsedCommand.Unknown;
import io.duban.command.match.Candidate;
import io.duban.command.match.MatchResult;
import io.duban.command.match.NameMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a command's parse step may use: the plan's names, the catalogue, the whole parser again (代报
 * reads its inner command), numbered questions back, and the figure reading that 上报, 更正 and 代报
 * share.
 */
public final class ParseKit {
  /** The question of a figure sent without a command word ("城镇就业 2.4万" → 上报 …?). */
  public static final String OFFER_REPORT = "要上报吗？";

  private static final Pattern VALUE_START = Pattern.compile("[+\\-−0-9]");

  private final Vocabulary vocab;
  private final CommandCatalog catalog;
  private final NameMatcher<CommandSpec> commandWords;
  private final Function<String, ParsedCommand> parser;
  private final ReportReading reading;

  ParseKit(
      Vocabulary vocab,
      CommandCatalog catalog,
      NameMatcher<CommandSpec> commandWords,
      Function<String, ParsedCommand> parser) {
    this.vocab = vocab;
    this.catalog = catalog;
    this.commandWords = commandWords;
    this.parser = parser;
    this.reading = new ReportReading(vocab);
  }

  public Vocabulary vocab() {
    return vocab;
  }

  public CommandCatalog catalog() {
    return catalog;
  }

  /** The command words, matched forgivingly (a mistyped "尚报"). */
  public NameMatcher<CommandSpec> commandWords() {
    return commandWords;
  }

  /** Parses a whole message again (代报 reads the command it carries). */
  public ParsedCommand parse(String message) {
    return parser.apply(message);
  }

  /** Neither a refusal nor "not understood". */
  public static boolean succeeded(ParsedCommand p) {
    return !(p instanceof Invalid) && !(p instanceof Unknown);
  }

  /** A refusal when a command takes no arguments but got some; null when there are none. */
  public static Invalid noArguments(CommandSpec spec, String args) {
    return args.isEmpty() ? null : new Invalid(spec, "“" + spec.name() + "”后面不用再写内容。");
  }

  /** Up to five numbered options, each standing for the message {@code message} writes. */
  public static <T extends Ref> Clarify clarify(
      String question, List<Candidate<T>> candidates, Function<Candidate<T>, String> message) {
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

  /**
   * What {@code args} names: {@code found} for the one match; numbered choices ("“…”可能是：") when
   * several fit, each option standing for {@code again} of its candidate; {@code none} otherwise.
   */
  public static <T extends Ref> ParsedCommand pick(
      String args,
      MatchResult<T> m,
      Function<T, ParsedCommand> found,
      Function<T, String> again,
      Supplier<ParsedCommand> none) {
    if (m.kind() == MatchResult.Kind.UNIQUE) {
      return found.apply(m.candidates().get(0).item());
    }
    if (m.kind() == MatchResult.Kind.AMBIGUOUS) {
      return clarify("“" + args + "”可能是：", m.candidates(), c -> again.apply(c.item()));
    }
    return none.get();
  }

  /** The same question with each option's message rewritten (代报 puts its unit in front). */
  public static Clarify rewrite(Clarify c, UnaryOperator<String> message) {
    List<Option> options = new ArrayList<>();
    for (Option o : c.options()) {
      options.add(new Option(o.label(), message.apply(o.message())));
    }
    return new Clarify(c.question(), options);
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

  // ---------------------------------------------------------------- figures (上报 / 更正 / 代报)

  /**
   * "新增就业岗位 1.2万", "1.2万 新增就业岗位", "城镇就业 2.4万，见习 1800人", "5月 两癌检查 8000人": the figures of a report
   * (see {@link ReportReading}).
   */
  public ParsedCommand report(CommandSpec spec, String args, boolean correction) {
    if (args.isEmpty()) {
      return new Invalid(spec, "缺少目标名称和累计数。");
    }
    return reading.read(spec, args, correction);
  }

  /** Name and value already separated (a command word stood between them). */
  public ParsedCommand report(CommandSpec spec, String name, String valueText, boolean correction) {
    if (name.isEmpty()) {
      return new Invalid(spec, "缺少目标名称。");
    }
    if (valueText.isEmpty() || !hasNumeral(valueText)) {
      return new Invalid(spec, "缺少累计数。");
    }
    if (vocab.targets().match(name).kind() == MatchResult.Kind.NONE
        && vocab.targets().longestNameAtStart(name).isEmpty()) {
      return new Invalid(spec, "没有找到目标“" + name + "”。发送“我的”查看本单位的目标。");
    }
    return reading.read(spec, name + " " + valueText, correction);
  }

  /** Splits "name value" where the value is the last token with a digit or starts at one. */
  public static String[] splitNameAndValue(String args) {
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

  /** Whether the text holds a digit or a Chinese numeral. */
  public static boolean hasNumeral(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= '0' && c <= '9') || "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }
}
