package io.duban.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.ParsedCommand.Clarify;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.ParsedCommand.Unknown;
import io.duban.command.commands.HelpCommand;
import io.duban.command.commands.NextReminderCommand;
import io.duban.command.commands.QueryCommand;
import io.duban.command.commands.ReportCommand;
import io.duban.command.commands.ReportCommand.Report;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour of the parser beyond the corpus: questions back, reasons, help, the catalogue. */
class CommandParserTest {
  static final CommandParser P = ParserFixture.PARSER;

  @Test
  void numberedOptionsStandForMessagesThatParseUnambiguously() {
    Clarify c = (Clarify) P.parse("上报 募集光彩基金 300万");
    assertThat(c.options()).hasSize(2);
    assertThat(c.text()).contains("1. ").contains("2. ").contains("阳光帮扶工程").contains("生态共建光彩工程");
    List<String> codes = new ArrayList<>();
    for (Clarify.Option o : c.options()) {
      ParsedCommand again = P.parse(o.message());
      assertThat(again).as(o.message()).isInstanceOf(Report.class);
      codes.add(((Report) again).target().code());
      assertThat(((Report) again).quantity().value()).isEqualByComparingTo("3000000");
    }
    assertThat(codes).containsExactlyInAnyOrder("aid-guangcai-fund", "eco-guangcai-fund");
  }

  @Test
  void queryOptionsReparse() {
    Clarify c = (Clarify) P.parse("进度 光彩");
    for (Clarify.Option o : c.options()) {
      assertThat(P.parse(o.message())).as(o.message()).isInstanceOf(QueryCommand.Query.class);
    }
  }

  @Test
  void aBareMoneyNumberKeepsItsWrittenForm() {
    Report r = (Report) P.parse("上报 慈善救助金 1200");
    assertThat(r.quantity().multiplierWritten()).isFalse();
    assertThat(r.quantity().unit()).isEmpty();
    assertThat(r.quantity().value()).isEqualByComparingTo("1200");
  }

  @Test
  void refusalsGiveOneReasonAndTheUsage() {
    Invalid i = (Invalid) P.parse("上报 新增就业岗位");
    assertThat(i.text())
        .startsWith("缺少累计数")
        .contains("用法：上报 <目标> <累计数>")
        .contains("例如：上报 新增就业岗位 1.2万");
    assertThat(((Invalid) P.parse("上报 新增就业岗位 -3000")).reason()).contains("负");
    assertThat(((Invalid) P.parse("上报 天气预报 3000")).reason()).contains("没有找到目标“天气预报”");
    assertThat(((Invalid) P.parse("绑定 12345")).text()).contains("11 位").contains("绑定 <手机号>");
  }

  @Test
  void didYouMeanForMistypedCommandWordsAndMissingVerbs() {
    // a target and a figure without a (correct) command word: the exact 上报 offered as choice 1
    assertThat(((Clarify) P.parse("尚报 新增就业岗位 1.2万")).options().get(0).message())
        .isEqualTo("上报 新增就业岗位（就业助推工程） 1.2万");
    assertThat(((Clarify) P.parse("新增就业岗位 12000")).options().get(0).message())
        .isEqualTo("上报 新增就业岗位（就业助推工程） 12000");
    assertThat(P.parse("上报 新增就业岗位（就业助推工程） 12000").describe()).isEqualTo("REPORT jobs-new 12000");
    assertThat(((Unknown) P.parse("尚报 就业助推工程")).text()).contains("“上报”").contains("用法");
    assertThat(((Unknown) P.parse("你好")).text()).contains("帮助");
  }

  @Test
  void helpIsShortAndOnlyListsWhatTheSenderMayUse() {
    CommandCatalog catalog = ParserFixture.CATALOG;
    // 帮助 is one phone-sized page (12 lines, 500 characters) for every audience
    String all = HelpCommand.compact(catalog.all(), EnumSet.allOf(Audience.class));
    String reporter =
        HelpCommand.compact(catalog.all(), EnumSet.of(Audience.EVERYONE, Audience.REPORTER));
    String visitor = HelpCommand.compact(catalog.all(), EnumSet.of(Audience.EVERYONE));
    assertThat(all.split("\n")).hasSizeLessThanOrEqualTo(12);
    assertThat(all.length()).isLessThanOrEqualTo(500);
    assertThat(all.getBytes(StandardCharsets.UTF_8).length).isLessThan(2048);
    assertThat(reporter).contains("上报").doesNotContain("代报").doesNotContain("暂停提醒");
    assertThat(visitor).doesNotContain("上报 <目标>").contains("绑定").contains("全区进度");
    for (CommandSpec spec : catalog.all()) {
      assertThat(all).contains(spec.usage());
    }
    assertThat(catalog.help(ReportCommand.SPEC))
        .contains("用法：上报 <目标> <累计数>")
        .contains("报送")
        .contains("新增就业岗位上报1.2万");
  }

  @Test
  void twoCommandsClaimingOneWordFailAtStartup() {
    List<CommandSyntax> commands = new ArrayList<>(CommandClasses.instances());
    CommandSpec next = NextReminderCommand.SPEC;
    CommandSpec claiming =
        new CommandSpec(
            next.order(),
            "提醒",
            List.of("报送"),
            "提醒",
            "x",
            "提醒",
            Placement.ALONE,
            Audience.EVERYONE,
            List.of());
    commands.removeIf(c -> c.spec() == next);
    commands.add(withSpec(new NextReminderCommand(), claiming));
    assertThatThrownBy(() -> new CommandCatalog(commands))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("“报送”同时属于“上报”和“提醒”");
  }

  @Test
  void twoCommandsWithOneHelpPlaceFailAtStartup() {
    List<CommandSyntax> commands = new ArrayList<>(CommandClasses.instances());
    CommandSpec report = ReportCommand.SPEC;
    CommandSpec same =
        new CommandSpec(
            report.order(),
            "提醒",
            List.of(),
            "提醒",
            "x",
            "提醒",
            Placement.ALONE,
            Audience.EVERYONE,
            List.of());
    commands.add(withSpec(new NextReminderCommand(), same));
    assertThatThrownBy(() -> new CommandCatalog(commands))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("排序号");
  }

  @Test
  void theCatalogueHoldsEveryCommandClassInHelpOrder() {
    List<String> names = ParserFixture.CATALOG.all().stream().map(CommandSpec::name).toList();
    assertThat(names)
        .containsExactly(
            "上报", "更正", "确认", "完成", "进展", "说明", "申请延期", "撤销", "报错了", "附件", "代报", "进度", "历史", "全区进度",
            "未报", "排名", "慢序时", "逾期", "通报", "我的", "帮助", "绑定", "暂停提醒", "恢复提醒", "下次提醒", "更多", "待审批",
            "审核", "批准", "驳回");
  }

  /** The command with another spec (a test's stand-in for a badly written command class). */
  private static CommandSyntax withSpec(CommandSyntax c, CommandSpec spec) {
    return new CommandSyntax() {
      @Override
      public CommandSpec spec() {
        return spec;
      }

      @Override
      public ParsedCommand parse(String args, Placement where, ParseKit kit) {
        return c.parse(args, where, kit);
      }
    };
  }

  @Test
  void everyExampleInTheCatalogueParsesAsItsCommand() {
    for (CommandSpec spec : ParserFixture.CATALOG.all()) {
      ParsedCommand p = P.parse(spec.example());
      assertThat(p)
          .as(spec.example())
          .isNotInstanceOf(Invalid.class)
          .isNotInstanceOf(Unknown.class);
    }
  }
}
