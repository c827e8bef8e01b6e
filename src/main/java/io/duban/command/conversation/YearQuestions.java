package io.duban.command.conversation;

import io.duban.command.CommandCatalog;
import io.duban.command.CommandParser;
import io.duban.command.CommandSpec;
import io.duban.command.ParsedCommand;
import io.duban.command.ParsedCommand.Clarify;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.ParsedCommand.Unknown;
import io.duban.command.VocabularyService;
import io.duban.command.commands.AttachCommand;
import io.duban.command.commands.BehindCommand;
import io.duban.command.commands.CompleteCommand;
import io.duban.command.commands.CorrectCommand;
import io.duban.command.commands.ExplainCommand;
import io.duban.command.commands.ExtensionCommand;
import io.duban.command.commands.MineCommand;
import io.duban.command.commands.OnBehalfCommand;
import io.duban.command.commands.OverallCommand;
import io.duban.command.commands.ProgressNoteCommand;
import io.duban.command.commands.QueryCommand;
import io.duban.command.commands.RankingCommand;
import io.duban.command.commands.ReportCommand;
import io.duban.command.commands.WithdrawCommand;
import io.duban.progress.PlanYears;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages that name a plan year ("进度 2018 就业助推工程", "2018年全区进度", "2018 新增就业岗位进度"): read over that
 * year's plan. A year other than the active one is read-only: its progress may be asked, a 上报, 完成,
 * 进展, 说明 or 申请延期 against it is refused, also when a message without a year names a target only a
 * past year has. A message naming no year is parsed as before, over the active plan.
 */
@ApplicationScoped
public class YearQuestions {
  @Inject VocabularyService vocabulary;
  @Inject PlanYears years;

  /** A year first: "2018年全区进度", "2018 新增就业岗位进度". */
  private static final Pattern LEADING =
      Pattern.compile("^(20\\d{2})\\s*(年)?\\s*(?:的\\s*)?(\\D.*)$");

  /** A year right after a command word: "进度 2018 就业助推工程", "上报 2018年 城镇就业 2万". */
  private static final Pattern AFTER_WORD =
      Pattern.compile("^(\\S+?)\\s+(20\\d{2})\\s*(年)?\\s*(?:的\\s*)?(\\D.*)$");

  /** Questions a past year answers: they read only the view. */
  private static final Set<Class<?>> QUERIES =
      Set.of(
          QueryCommand.Query.class,
          OverallCommand.Overall.class,
          MineCommand.Mine.class,
          BehindCommand.Behind.class,
          RankingCommand.Ranking.class);

  /** The specs of those questions, for a question whose name the active plan does not know. */
  private static final Set<CommandSpec> QUERY_SPECS =
      Set.of(
          QueryCommand.SPEC,
          OverallCommand.SPEC,
          MineCommand.SPEC,
          BehindCommand.SPEC,
          RankingCommand.SPEC);

  /** "进度 就业助推工程" read with or without its name found: a question, not a figure. */
  private static boolean asksProgress(ParsedCommand parsed) {
    return QUERIES.contains(parsed.getClass())
        || (parsed instanceof Invalid invalid && QUERY_SPECS.contains(invalid.command()));
  }

  /** What a write would have done, for the refusal ("不能再上报"). */
  private static final Map<CommandSpec, String> WRITES =
      Map.of(
          ReportCommand.SPEC, "上报",
          CorrectCommand.SPEC, "上报",
          CompleteCommand.SPEC, "勾选",
          ProgressNoteCommand.SPEC, "上报进展",
          ExplainCommand.SPEC, "提交说明",
          ExtensionCommand.SPEC, "申请延期",
          AttachCommand.SPEC, "补充材料",
          WithdrawCommand.SPEC, "撤销",
          OnBehalfCommand.SPEC, "代报");

  /** The year a message names, whether 年 was written, and the message without the year. */
  record YearText(int year, boolean written, String rest) {}

  /**
   * A message read with its year: the command, the year whose plan answers it (null: the active
   * plan), or a refusal to send instead.
   */
  public record Resolved(ParsedCommand parsed, Integer year, String refusal) {
    static Resolved refused(String text) {
      return new Resolved(null, null, text);
    }
  }

  static YearText split(String text, CommandCatalog catalog) {
    String t = text.strip();
    Matcher m = LEADING.matcher(t);
    if (m.matches()) {
      return new YearText(Integer.parseInt(m.group(1)), m.group(2) != null, m.group(3).strip());
    }
    m = AFTER_WORD.matcher(t);
    if (m.matches() && catalog.byWord(m.group(1)).isPresent()) {
      return new YearText(
          Integer.parseInt(m.group(2)), m.group(3) != null, m.group(1) + " " + m.group(4).strip());
    }
    return null;
  }

  /** Reads a message (mentions removed) over the active parser or the plan of the year it names. */
  public Resolved resolve(String text, CommandParser active) {
    YearText named = split(text, active.catalog());
    if (named == null) {
      ParsedCommand parsed = active.parse(text);
      String refusal = failed(parsed) ? pastTarget(text) : null;
      return new Resolved(parsed, null, refusal);
    }
    PlanYears.Standing standing = years.standing(named.year());
    if (!standing.held()) {
      // "上报 2000 人" names no year; "2017年全区进度" and "进度 2017 就业助推工程" do
      return named.written() || asksProgress(active.parse(named.rest()))
          ? Resolved.refused(standing.notHeld(named.year()))
          : new Resolved(active.parse(text), null, null);
    }
    if (standing.active()) {
      ParsedCommand parsed = active.parse(named.rest());
      // "上报 2018 个 …": a figure that looks like the year, read as the whole message was before
      if (!named.written() && (parsed instanceof Invalid || parsed instanceof Unknown)) {
        parsed = active.parse(text);
      }
      return new Resolved(parsed, null, null);
    }
    CommandParser parser = vocabulary.parserFor(named.year());
    ParsedCommand parsed = parser.parse(named.rest());
    String write = write(parsed);
    if (write != null) {
      return Resolved.refused(readOnly(named.year(), standing.closed(), write));
    }
    if (parsed instanceof Clarify c) {
      // the chosen option is read again with its year
      List<Clarify.Option> options = new ArrayList<>();
      for (Clarify.Option o : c.options()) {
        options.add(new Clarify.Option(o.label(), named.year() + " " + o.message()));
      }
      return new Resolved(new Clarify(c.question(), options), null, null);
    }
    if (QUERIES.contains(parsed.getClass())) {
      return new Resolved(parsed, named.year(), null);
    }
    if (parsed instanceof Invalid || parsed instanceof Unknown) {
      return new Resolved(parsed, null, null);
    }
    return Resolved.refused(
        named.year() + " 年的计划只能查看进度，例如：进度 " + named.year() + " 就业助推工程、" + named.year() + "年全区进度。");
  }

  /** "2018 年计划已结束，不能再上报。" */
  static String readOnly(int year, boolean closed, String verb) {
    return closed ? year + " 年计划已结束，不能再" + verb + "。" : year + " 年计划不是当前启用的计划，不能" + verb + "。";
  }

  /** What a parsed write would do ("上报"), or null when it is no write. */
  private static String write(ParsedCommand parsed) {
    if (parsed instanceof Invalid invalid) {
      return invalid.command() == null ? null : WRITES.get(invalid.command());
    }
    if (parsed instanceof ReportCommand.Report r) {
      return r.correction() ? "更正" : "上报";
    }
    if (parsed instanceof CompleteCommand.Complete) {
      return "勾选";
    }
    if (parsed instanceof ProgressNoteCommand.ProgressNote) {
      return "上报进展";
    }
    if (parsed instanceof ExplainCommand.Explain) {
      return "提交说明";
    }
    if (parsed instanceof ExtensionCommand.Extend) {
      return "申请延期";
    }
    if (parsed instanceof AttachCommand.Attach) {
      return "补充材料";
    }
    if (parsed instanceof OnBehalfCommand.OnBehalf o) {
      String inner = write(o.inner());
      return inner == null ? "代报" : inner;
    }
    return null;
  }

  /** A write the active plan could not read, or nothing understood. */
  private static boolean failed(ParsedCommand parsed) {
    return parsed instanceof Unknown
        || (parsed instanceof Invalid invalid
            && invalid.command() != null
            && WRITES.containsKey(invalid.command()));
  }

  /**
   * The refusal for a write that names no year but a target only a closed year has ("上报 新增就业岗位 5万"
   * once 2019 is active and has no such target); null when no closed year reads it as a write
   * either.
   */
  private String pastTarget(String text) {
    List<Integer> held = years.years();
    for (int i = held.size() - 1; i >= 0; i--) {
      int year = held.get(i);
      PlanYears.Standing standing = years.standing(year);
      if (standing.active() || !standing.closed()) {
        continue;
      }
      CommandParser parser = vocabulary.parserFor(year);
      ParsedCommand parsed = parser == null ? null : parser.parse(text);
      String write = parsed == null || parsed instanceof Invalid ? null : write(parsed);
      if (write != null) {
        return readOnly(year, true, write);
      }
    }
    return null;
  }
}
