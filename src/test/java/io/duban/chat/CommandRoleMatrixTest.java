package io.duban.chat;

import static io.duban.support.Chat.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every command for every kind of sender: an unknown person, a reporter of the owning unit (人社局 /
 * 城管局 / 公安局), a reporter of another unit (总工会), a leader and an admin. Each cell names the start or
 * a fragment of the expected reply.
 */
@QuarkusTest
class CommandRoleMatrixTest {
  @Inject TestData data;

  @BeforeEach
  void clean() {
    data.resetReports();
  }

  record Row(
      String command, String unknown, String owner, String other, String leader, String admin) {}

  static final String NOT_REGISTERED = "还没有登记";

  @Test
  void everyCommandForEveryRole() {
    List<Row> rows =
        List.of(
            new Row("上报 新增就业岗位 1.2万", NOT_REGISTERED, "已记录", "不负责", "不能上报", "代报"),
            new Row("更正 新增就业岗位 1.1万", NOT_REGISTERED, "已更正", "不负责", "不能上报", "代报"),
            new Row("确认", NOT_REGISTERED, "没有待确认", "没有待确认", "没有待确认", "没有待确认"),
            new Row("完成 小庙转运站", NOT_REGISTERED, "已记录", "不负责", "不能上报", "代报"),
            new Row("进展 社会综合治理共享云平台 已启动", NOT_REGISTERED, "已记录进展", "不负责", "不能上报", "代报"),
            new Row("撤销", NOT_REGISTERED, "已撤销", "没有可以撤销", "不能上报", "代报"),
            new Row(
                "代报 人社局 新增就业岗位 1.2万", NOT_REGISTERED, "只有管理员", "只有管理员", "只有管理员", "已记录（代 人社局 上报）"),
            new Row("就业助推工程进度", NOT_REGISTERED, "就业助推工程（", "就业助推工程（", "就业助推工程（", "就业助推工程（"),
            new Row("进度 人社局", NOT_REGISTERED, "人社局 负责", "由领导查看", "人社局 负责", "人社局 负责"),
            new Row("全区进度", NOT_REGISTERED, "全区进度（", "全区进度（", "全区进度（", "全区进度（"),
            new Row("未报", NOT_REGISTERED, "报送情况", "报送情况", "报送情况", "报送情况"),
            new Row("排名", NOT_REGISTERED, "各单位完成率", "各单位完成率", "各单位完成率", "各单位完成率"),
            new Row("我的", NOT_REGISTERED, "负责", "总工会 负责", "区政府办 没有负责的目标", "督查室 没有负责的目标"),
            new Row("帮助", "绑定 <手机号>", "上报 <目标>", "上报 <目标>", "全区进度", "代报"),
            new Row("绑定 13800000001", "已收到绑定申请", "无需绑定", "无需绑定", "无需绑定", "无需绑定"),
            // leaders decide 延期 requests: their 待审批 lists those (none here)
            new Row("待审批", NOT_REGISTERED, "只有管理员", "只有管理员", "没有待审批的申请。", "待审批"),
            new Row(
                "申请延期 新增就业岗位 6月28日 系统升级",
                NOT_REGISTERED,
                "已提交延期申请",
                "不负责",
                "由目标责任单位的填报人申请",
                "由目标责任单位的填报人申请"),
            new Row(
                "说明 新增就业岗位 招工淡季",
                NOT_REGISTERED,
                "已记录 新增就业岗位 的情况说明。",
                "不负责",
                "由目标责任单位的填报人发送",
                "由目标责任单位的填报人发送"),
            // leaders decide 延期 requests, so they learn that a number does not exist
            new Row("批准 999999", NOT_REGISTERED, "只有管理员", "只有管理员", "没有编号为 999999", "没有编号为 999999"),
            new Row(
                "驳回 999999 不符", NOT_REGISTERED, "只有管理员", "只有管理员", "没有编号为 999999", "没有编号为 999999"));
    List<String> wrong = new ArrayList<>();
    for (Row row : rows) {
      String owner = ownerFor(row.command());
      check(wrong, row.command(), "dt-stranger", row.unknown());
      check(wrong, row.command(), owner, row.owner());
      check(wrong, row.command(), "dt-zgh-01", row.other());
      check(wrong, row.command(), "dt-leader-01", row.leader());
      check(wrong, row.command(), "dt-admin-01", row.admin());
    }
    assertThat(wrong).isEmpty();
  }

  private static String ownerFor(String command) {
    if (command.contains("小庙")) {
      return "dt-cgj-01";
    }
    if (command.contains("云平台")) {
      return "dt-gaj-01";
    }
    return "dt-rsj-01";
  }

  private static void check(List<String> wrong, String command, String sender, String expected) {
    String reply = say(sender, command);
    if (!reply.contains(expected)) {
      wrong.add(
          sender
              + " 「"
              + command
              + "」 expected …"
              + expected
              + "… but got: "
              + reply.replace("\n", " / "));
    }
  }
}
