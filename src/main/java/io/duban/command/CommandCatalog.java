package io.duban.command;

import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of commands. Built once at start-up; two commands claiming one word is a
 * programming error and fails the start (as hubot does), so a new alias can never silently steal
 * another command's word.
 */
public final class CommandCatalog {
  private final List<CommandSpec> specs;
  private final Map<CommandType, CommandSpec> byType = new EnumMap<>(CommandType.class);
  private final Map<String, CommandSpec> byWord = new HashMap<>();

  public CommandCatalog(List<CommandSpec> specs) {
    this.specs = List.copyOf(specs);
    for (CommandSpec spec : specs) {
      if (byType.put(spec.type(), spec) != null) {
        throw new IllegalStateException("命令 " + spec.type() + " 重复定义");
      }
      for (String word : spec.words()) {
        CommandSpec other = byWord.put(key(word), spec);
        if (other != null) {
          throw new IllegalStateException(
              "命令词“" + word + "”同时属于“" + other.name() + "”和“" + spec.name() + "”");
        }
      }
    }
  }

  static String key(String word) {
    return word.toLowerCase(Locale.ROOT);
  }

  public List<CommandSpec> all() {
    return specs;
  }

  public CommandSpec get(CommandType type) {
    return byType.get(type);
  }

  public Optional<CommandSpec> byWord(String word) {
    return Optional.ofNullable(byWord.get(key(word)));
  }

  /**
   * The short command list for 帮助: one line per command the sender may use, so it never floods a
   * group (and stays well under WeCom's 2048-byte text limit).
   */
  public String help(java.util.Set<Audience> audiences) {
    StringBuilder sb = new StringBuilder("可用命令（@我 后发送）：");
    List<String> admin = new ArrayList<>();
    for (CommandSpec spec : specs) {
      if (!audiences.contains(spec.audience())) {
        continue;
      }
      if (spec.audience() == Audience.ADMIN) {
        admin.add(spec.usage());
      } else {
        sb.append("\n· ").append(spec.usage()).append("：").append(spec.summary());
      }
    }
    if (!admin.isEmpty()) {
      // the admins' commands share one line: 帮助 stays short in a group
      sb.append("\n· 管理员：").append(String.join("；", admin));
    }
    sb.append("\n发送“帮助 <命令>”查看例子，如：帮助 上报");
    return sb.toString();
  }

  /** Help about one command: usage, summary, other words for it, an example. */
  public String help(CommandSpec topic) {
    StringBuilder sb = new StringBuilder(topic.name()).append("：").append(topic.summary());
    sb.append("\n用法：").append(topic.usage());
    sb.append("\n例如：").append(topic.example());
    if (!topic.aliases().isEmpty()) {
      sb.append("\n也可以说：").append(String.join("、", topic.aliases()));
    }
    if (topic.placement() == Placement.START_OR_END) {
      sb.append("\n命令词也可以放在后面，如：就业助推工程进度");
    } else if (topic.placement() == Placement.START_OR_MIDDLE) {
      sb.append("\n命令词也可以放在中间，如：新增就业岗位上报1.2万");
    }
    return sb.toString();
  }

  /** The catalogue Duban ships with. */
  public static CommandCatalog standard() {
    List<CommandSpec> s = new ArrayList<>();
    s.add(
        new CommandSpec(
            CommandType.REPORT,
            "上报",
            List.of("报送", "填报", "上报数据"),
            "上报 <目标> <累计数>",
            "报本单位目标的年度累计数（+3000 表示在上次的数上增加）",
            "上报 新增就业岗位 1.2万",
            Placement.START_OR_MIDDLE,
            Audience.REPORTER));
    s.add(
        new CommandSpec(
            CommandType.CORRECT,
            "更正",
            List.of("修改", "改正", "修正"),
            "更正 <目标> <累计数>",
            "改正报错的累计数（不需要再确认）",
            "更正 新增就业岗位 11800",
            Placement.START_OR_MIDDLE,
            Audience.REPORTER));
    s.add(
        new CommandSpec(
            CommandType.CONFIRM,
            "确认",
            List.of("确定", "确认上报"),
            "确认",
            "确认刚才待确认的上报",
            "确认",
            Placement.ALONE,
            Audience.REPORTER));
    s.add(
        new CommandSpec(
            CommandType.COMPLETE,
            "完成",
            List.of("已完成", "完成了", "已建成", "已完工"),
            "完成 <清单项>",
            "清单类目标中的一项已完成",
            "完成 横林中心幼儿园",
            Placement.START_OR_END,
            Audience.REPORTER));
    s.add(
        new CommandSpec(
            CommandType.PROGRESS_NOTE,
            "进展",
            List.of("报进展", "进展情况"),
            "进展 <目标或工程> <说明> [未启动|推进中|已完成]",
            "报任务类目标的进展",
            "进展 社会综合治理共享云平台 已接入12个镇视频 推进中",
            Placement.START,
            Audience.REPORTER));
    s.add(
        new CommandSpec(
            CommandType.WITHDRAW,
            "撤销",
            List.of("撤回", "撤消", "撤销上报"),
            "撤销",
            "撤回自己本期最近一次上报（历史保留）",
            "撤销",
            Placement.START,
            Audience.REPORTER));
    s.add(
        new CommandSpec(
            CommandType.ON_BEHALF,
            "代报",
            List.of("代为上报"),
            "代报 <单位> <目标> <累计数>",
            "管理员代单位上报（记为代报）",
            "代报 人社局 新增就业岗位 12000",
            Placement.START,
            Audience.ADMIN));
    s.add(
        new CommandSpec(
            CommandType.QUERY,
            "进度",
            List.of("查询", "查看", "完成情况", "进度情况", "的进度"),
            "进度 <实事|工程|目标|单位>",
            "查看某个实事、工程、目标或单位的进度",
            "就业助推工程进度",
            Placement.START_OR_END,
            Audience.EVERYONE));
    s.add(
        new CommandSpec(
            CommandType.OVERALL,
            "全区进度",
            List.of("总体进度", "整体进度", "总进度", "全部进度", "全区情况"),
            "全区进度",
            "各实事完成率、各状态数量、最落后的五项",
            "全区进度",
            Placement.ALONE,
            Audience.EVERYONE));
    s.add(
        new CommandSpec(
            CommandType.UNREPORTED,
            "未报",
            List.of("哪些单位未报", "谁没报", "谁还没报", "未报送", "没报", "未报单位", "哪些单位没报"),
            "未报",
            "本期还没报的单位和目标",
            "哪些单位未报",
            Placement.START_OR_END,
            Audience.EVERYONE));
    s.add(
        new CommandSpec(
            CommandType.RANKING,
            "排名",
            List.of("排行", "排行榜", "单位排名"),
            "排名",
            "各单位完成率对比序时进度的排名",
            "排名",
            Placement.ALONE,
            Audience.EVERYONE));
    s.add(
        new CommandSpec(
            CommandType.MINE,
            "我的",
            List.of("我的任务", "我的目标", "本单位", "我的进度", "我单位"),
            "我的",
            "本单位负责的目标、进度和截止日",
            "我的",
            Placement.ALONE,
            Audience.REPORTER));
    s.add(
        new CommandSpec(
            CommandType.HELP,
            "帮助",
            List.of("help", "菜单", "怎么用", "使用说明", "?", "命令"),
            "帮助 [命令]",
            "列出命令；帮助 上报 看某个命令的用法",
            "帮助 上报",
            Placement.START,
            Audience.EVERYONE));
    s.add(
        new CommandSpec(
            CommandType.BIND,
            "绑定",
            List.of("注册", "绑定手机"),
            "绑定 <手机号>",
            "申请把本账号绑定到通讯录中登记的手机号（经平台通讯录或管理员核实）",
            "绑定 13800000001",
            Placement.START,
            Audience.EVERYONE));
    s.add(
        new CommandSpec(
            CommandType.PAUSE_REMINDERS,
            "暂停提醒",
            List.of("停止提醒", "关闭提醒"),
            "暂停提醒 [单位|全部]",
            "管理员暂停某单位或全部的自动提醒",
            "暂停提醒 人社局",
            Placement.START,
            Audience.ADMIN));
    s.add(
        new CommandSpec(
            CommandType.RESUME_REMINDERS,
            "恢复提醒",
            List.of("开启提醒", "打开提醒"),
            "恢复提醒 [单位|全部]",
            "管理员恢复自动提醒",
            "恢复提醒 全部",
            Placement.START,
            Audience.ADMIN));
    s.add(
        new CommandSpec(
            CommandType.NEXT_REMINDER,
            "下次提醒",
            List.of("提醒时间", "什么时候提醒"),
            "下次提醒 [单位]",
            "下一次自动提醒的时间",
            "下次提醒",
            Placement.START,
            Audience.EVERYONE));
    s.add(
        new CommandSpec(
            CommandType.APPROVALS,
            "待审批",
            List.of("审批", "待批准", "申请列表", "待审批申请", "有哪些申请"),
            "待审批",
            "管理员查看等待批准的申请（如绑定）",
            "待审批",
            Placement.ALONE,
            Audience.ADMIN));
    s.add(
        new CommandSpec(
            CommandType.APPROVE,
            "批准",
            List.of("同意", "准予", "批准申请", "同意申请"),
            "批准 <编号>",
            "管理员批准一项申请",
            "批准 12",
            Placement.START,
            Audience.ADMIN));
    s.add(
        new CommandSpec(
            CommandType.REJECT,
            "驳回",
            List.of("拒绝", "不同意", "不批准", "否决", "驳回申请"),
            "驳回 <编号> <原因>",
            "管理员驳回一项申请，原因会告诉申请人",
            "驳回 12 手机号与本人不符",
            Placement.START,
            Audience.ADMIN));
    return new CommandCatalog(s);
  }
}
