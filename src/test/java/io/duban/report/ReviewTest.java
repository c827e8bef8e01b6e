package io.duban.report;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.approval.ApprovalRequest;
import io.duban.approval.ApprovalStatus;
import io.duban.audit.AuditEvent;
import io.duban.boot.ConfigLoader;
import io.duban.chat.outbox.MessageKind;
import io.duban.plan.Plan;
import io.duban.plan.Project;
import io.duban.plan.Unit;
import io.duban.progress.ProgressService;
import io.duban.progress.UnitReporting;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 审核 end to end with {@code review: true} in the plan: a reported figure waits (counts as reported,
 * not in the figures), an admin passes it (it counts, the reporter is told) or returns it with a
 * reason (the reporter's chat hears the reason; views, the Excel export, 未报 and the reminders treat
 * it as never reported). A newer figure supersedes a pending one, 撤销 cancels it.
 */
@QuarkusTest
class ReviewTest {
  static final String NGB = "dt-ngb-01"; // reporter, 农工办: 结对帮扶低收入农户 (one owner)
  static final String ADMIN = "dt-admin-01";
  static final String LEADER = "dt-leader-01";
  static final String TARGET = "aid-pairing-households";
  static final Pattern NUMBER = Pattern.compile("#(\\d+)");

  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject ConfigLoader loader;
  @Inject ProgressService progress;
  @Inject UnitReporting reporting;

  @BeforeEach
  void setUp() throws IOException {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    load(configWith("review: true", null));
  }

  @AfterEach
  void tearDown() {
    data.reloadRealConfig();
    data.resetReports();
    data.resetOutbox();
  }

  /** The real configuration with {@code line} before units (and {@code project} replaced). */
  static Path configWith(String line, String[] project) throws IOException {
    Path dir = TestData.copyConfig(Path.of("bot-config"));
    Path plan = dir.resolve("plan.yaml");
    String text = Files.readString(plan, StandardCharsets.UTF_8);
    text = text.replaceFirst("\nunits:\n", "\n" + line + "\n\nunits:\n");
    if (project != null) {
      text = text.replace(project[0], project[1]);
    }
    Files.writeString(plan, text, StandardCharsets.UTF_8);
    return dir;
  }

  void load(Path dir) {
    QuarkusTransaction.requiringNew().run(() -> loader.loadFrom(dir, n -> null));
  }

  static long number(String reply) {
    Matcher m = NUMBER.matcher(reply);
    assertThat(m.find()).as("request number in: " + reply).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The request number of the last review request opened. */
  static long lastRequest() {
    return QuarkusTransaction.requiringNew()
        .call(() -> ApprovalRequest.<ApprovalRequest>find("order by id desc").firstResult().id);
  }

  static ApprovalStatus status(long request) {
    return QuarkusTransaction.requiringNew()
        .call(() -> ApprovalRequest.<ApprovalRequest>findById(request).status);
  }

  static Map<String, Object> target() {
    JsonPath json =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get("/api/projects")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> targets = json.getList("targets.flatten()");
    return targets.stream().filter(t -> TARGET.equals(t.get("id"))).findFirst().orElseThrow();
  }

  Boolean reported() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              long unit = Unit.findByName("农工办").id;
              return reporting.statuses(progress.today()).get(unit).reported();
            });
  }

  static List<String> remindedUnits() {
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .get("/api/reminders/preview?date=2018-06-20")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("reminders.unit");
  }

  static List<String> audit(String action) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                AuditEvent.<AuditEvent>list("action = ?1 order by id", action).stream()
                    .map(e -> e.subject + " " + e.detail)
                    .toList());
  }

  static List<String> toReporter() {
    return Outboxes.of(MessageKind.APPROVAL).stream()
        .filter(m -> "cid-test-group".equals(m.chatId))
        .map(m -> m.text)
        .toList();
  }

  @Test
  void aPendingFigureCountsAsReportedButNotInTheFiguresUntilPassed() {
    assertThat(QuarkusTransaction.requiringNew().call(() -> Plan.findActive().review)).isTrue();
    Object before = target().get("current");
    String reply = say(NGB, "上报 结对帮扶 1000");
    assertThat(reply).contains("已记录").contains("待督查室审核（通过后计入进度）").contains("（待审核：农工办 1,000）");
    long n = lastRequest();
    Map<String, Object> t = target();
    assertThat(t.get("current")).isEqualTo(before);
    List<Map<String, Object>> pending = (List<Map<String, Object>>) t.get("pending");
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0)).containsEntry("unit", "农工办").containsKey("reportId");
    assertThat(((Number) pending.get(0).get("figure")).intValue()).isEqualTo(1000);
    assertThat(say(LEADER, "结对帮扶低收入农户进度")).contains("（待审核：农工办 1,000）");
    assertThat(say(LEADER, "全区进度")).contains("另有 1 个上报待审核，未计入");
    assertThat(reported()).as("a pending figure counts as reported").isTrue();
    assertThat(remindedUnits()).doesNotContain("农工办");
    assertThat(Outboxes.of(MessageKind.ADMIN_ALERT))
        .extracting(m -> m.text)
        .anyMatch(x -> x.contains("审核申请 #" + n) && x.contains("通过 " + n));

    String list = say(ADMIN, "审核");
    assertThat(list)
        .contains("待审核的上报")
        .contains("#" + n + " 农工办 结对帮扶低收入农户 累计 1,000 户（6月，")
        .contains("通过 <编号>");
    assertThat(say(NGB, "通过 " + n)).contains("只有管理员");
    assertThat(say(LEADER, "通过 " + n)).contains("只有管理员（督查室）可以审核上报");
    assertThat(say(LEADER, "审核")).contains("只有管理员");
    assertThat(say(ADMIN, "审核 12")).isEqualTo("“审核”只列出待审核的上报。通过请发“通过 12”，退回请发“退回 12 <原因>”。");
    assertThat(status(n)).isEqualTo(ApprovalStatus.PENDING);

    assertThat(say(ADMIN, "通过 " + n)).startsWith("已通过 #" + n).contains("已计入进度");
    t = target();
    assertThat(((Number) t.get("current")).intValue()).isEqualTo(1000);
    assertThat((List<?>) t.get("pending")).isEmpty();
    assertThat(toReporter()).anyMatch(x -> x.contains("已审核通过，已计入进度"));
    assertThat(say(ADMIN, "审核")).contains("没有待审核的上报");
    assertThat(audit("approval.requested")).anyMatch(x -> x.contains("#" + n));
    assertThat(audit("approval.approved")).anyMatch(x -> x.contains("#" + n));
    assertThat(audit("report.approved")).anyMatch(x -> x.contains("（申请 #" + n + "）"));
    assertThat(reported()).isTrue();
  }

  @Test
  void aReturnedFigureIsNotReportedAnywhereAndTheReporterHearsWhy() throws IOException {
    say(NGB, "上报 结对帮扶 1000");
    long n = lastRequest();
    String answer = say(ADMIN, "退回 " + n + " 与台账不符");
    assertThat(answer).startsWith("已退回 #" + n).contains("已告知申请人");
    assertThat(toReporter()).anyMatch(x -> x.contains("被退回：与台账不符。请核实后重新上报。"));
    assertThat(target().get("current")).isNotEqualTo(1000);
    assertThat((List<?>) target().get("pending")).isEmpty();
    assertThat(say(LEADER, "结对帮扶低收入农户进度")).doesNotContain("1,000");
    assertThat(reported()).as("a returned figure is not a report").isFalse();
    assertThat(remindedUnits()).contains("农工办");
    assertThat(audit("approval.rejected")).anyMatch(x -> x.contains("与台账不符"));
    assertThat(audit("report.returned")).anyMatch(x -> x.contains("（申请 #" + n + "）：与台账不符"));

    try (XSSFWorkbook wb = export()) {
      DataFormatter fmt = new DataFormatter();
      Row row = rowOf(wb.getSheet("进度表"), 4, "结对帮扶低收入农户");
      assertThat(fmt.formatCellValue(row.getCell(8))).isNotEqualTo("1,000");
      assertThat(fmt.formatCellValue(row.getCell(12))).isEqualTo("未报");
      assertThat(fmt.formatCellValue(row.getCell(13))).isEmpty();
      Row history = rowOf(wb.getSheet("上报记录"), 3, "结对帮扶低收入农户");
      assertThat(fmt.formatCellValue(history.getCell(12))).isEqualTo("已退回：与台账不符");
    }

    // reported again: pending, in the Excel's 待审核 column, not in 累计完成
    say(NGB, "上报 结对帮扶 900");
    try (XSSFWorkbook wb = export()) {
      DataFormatter fmt = new DataFormatter();
      Row row = rowOf(wb.getSheet("进度表"), 4, "结对帮扶低收入农户");
      assertThat(fmt.formatCellValue(row.getCell(8))).isNotEqualTo("900");
      assertThat(fmt.formatCellValue(row.getCell(13))).isEqualTo("农工办 900");
    }
  }

  @Test
  void severalFiguresInOneMessageAreAskedAboutOnce() {
    String reply = say("dt-rsj-01", "上报 新增就业岗位 1.2万，城镇就业 1万");
    assertThat(reply).contains("已记录 2 个数").contains("待督查室审核");
    long second = lastRequest();
    long first = second - 1;
    List<String> asks =
        Outboxes.of(MessageKind.ADMIN_ALERT).stream()
            .map(m -> m.text)
            .filter(x -> x.contains("待审核"))
            .toList();
    assertThat(asks).hasSize(1);
    assertThat(asks.get(0))
        .contains("2 个上报待审核")
        .contains("#" + first + " 人社局 新增就业岗位 累计 12,000 个")
        .contains("#" + second + " 人社局 城镇就业 累计 10,000 人")
        .contains("通过 <编号>");
    assertThat(say("dt-rsj-01", "历史 新增就业岗位")).contains("累计 12,000 个，待审核");
    assertThat(say(ADMIN, "批准 " + first)).startsWith("已通过 #" + first);
    assertThat(say(ADMIN, "不同意 " + second)).contains("请写明退回原因");
    assertThat(say(ADMIN, "驳回 " + second + " 口径不对")).startsWith("已退回 #" + second);
    assertThat(say("dt-rsj-01", "历史 城镇就业")).contains("已退回");
  }

  @Test
  void aNewerFigureSupersedesAPendingOneAndWithdrawingCancelsIt() {
    say(NGB, "上报 结对帮扶 1000");
    long first = lastRequest();
    assertThat(say(NGB, "更正 结对帮扶 1200")).contains("待督查室审核").contains("农工办 1,200");
    long second = lastRequest();
    assertThat(second).isNotEqualTo(first);
    assertThat(status(first)).isEqualTo(ApprovalStatus.CANCELLED);
    List<Map<String, Object>> pending = (List<Map<String, Object>>) target().get("pending");
    assertThat(pending).hasSize(1);
    assertThat(((Number) pending.get(0).get("figure")).intValue()).isEqualTo(1200);
    assertThat(say(ADMIN, "审核")).contains("#" + second).doesNotContain("#" + first + " ");
    assertThat(say(ADMIN, "通过 " + first)).contains("不能再处理");
    assertThat(audit("approval.cancelled")).anyMatch(x -> x.contains("#" + first));

    assertThat(say(NGB, "撤销")).contains("已撤销");
    assertThat(status(second)).isEqualTo(ApprovalStatus.CANCELLED);
    assertThat((List<?>) target().get("pending")).isEmpty();
    assertThat(reported()).isFalse();
    assertThat(say(ADMIN, "审核")).contains("没有待审核的上报");
  }

  @Test
  void aProjectCanOptOutAndWithoutReviewFiguresCountAtOnce() throws IOException {
    load(
        configWith(
            "review: true",
            new String[] {
              "      - name: 阳光帮扶工程\n", "      - name: 阳光帮扶工程\n        review: false\n"
            }));
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> Project.<Project>find("name", "阳光帮扶工程").firstResult().reviewed()))
        .isFalse();
    String reply = say(NGB, "上报 结对帮扶 1000");
    assertThat(reply).doesNotContain("待审核");
    assertThat(((Number) target().get("current")).intValue()).isEqualTo(1000);
    assertThat(QuarkusTransaction.requiringNew().call(() -> ApprovalRequest.count())).isZero();

    data.reloadRealConfig();
    assertThat(QuarkusTransaction.requiringNew().call(() -> Plan.findActive().review)).isFalse();
    assertThat(say(NGB, "上报 结对帮扶 1100")).doesNotContain("待审核");
    assertThat(((Number) target().get("current")).intValue()).isEqualTo(1100);
    assertThat((List<?>) target().get("pending")).isEmpty();
  }

  @Test
  void theDashboardShowsThePendingFigureAndPassesIt() {
    say(NGB, "上报 结对帮扶 1000");
    long n = lastRequest();
    String origin = "http://localhost:" + RestAssured.port;
    String session =
        given()
            .redirects()
            .follow(false)
            .header("Origin", origin)
            .formParam("token", Tokens.ADMIN)
            .post("/login")
            .then()
            .statusCode(303)
            .extract()
            .cookie("duban_session");
    String page = given().cookie("duban_session", session).get("/").then().extract().asString();
    assertThat(page).contains("（待审核：农工办 1,000）").contains("#" + n);
    assertThat(page).as("a review waits: no expiry shown").contains("提交</span>");
    Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(csrf.find()).isTrue();
    given()
        .redirects()
        .follow(false)
        .header("Origin", origin)
        .cookie("duban_session", session)
        .formParam("csrf", csrf.group(1))
        .post("/approvals/" + n + "/approve")
        .then()
        .statusCode(303);
    assertThat(status(n)).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(((Number) target().get("current")).intValue()).isEqualTo(1000);
    assertThat(toReporter()).anyMatch(x -> x.contains("已审核通过"));
    assertThat(audit("report.approved")).anyMatch(x -> x.contains("审核通过"));
  }

  static XSSFWorkbook export() throws IOException {
    byte[] xlsx =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get("/api/export/progress.xlsx")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
  }

  static Row rowOf(Sheet sheet, int column, String text) {
    DataFormatter fmt = new DataFormatter();
    for (Row r : sheet) {
      if (text.equals(fmt.formatCellValue(r.getCell(column)))) {
        return r;
      }
    }
    throw new AssertionError(text + " not in sheet " + sheet.getSheetName());
  }
}
