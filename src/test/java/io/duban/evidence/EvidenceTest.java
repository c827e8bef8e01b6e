package io.duban.evidence;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.report.Report;
import io.duban.security.Access.Level;
import io.duban.security.AccessFilter;
import io.duban.security.AccessFilter.Granted;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 佐证材料 through the simulator: pictures and files with a report or after it are attached, checked by
 * content and size, deduplicated by hash, and served only with a token.
 */
@QuarkusTest
class EvidenceTest {
  static final String RSJ = "dt-rsj-01";
  static final byte[] PNG = png(1);

  @Inject TestData data;
  @Inject io.duban.support.MutableClock wall;

  @BeforeEach
  void clean() {
    wall.set(io.duban.support.MutableClock.START);
    data.resetReports();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Attachment.deleteAll();
              AttachmentBlob.deleteAll();
            });
  }

  static byte[] png(int salt) {
    byte[] b = new byte[64];
    byte[] magic = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    System.arraycopy(magic, 0, b, 0, magic.length);
    b[20] = (byte) salt;
    return b;
  }

  static String send(String sender, String text, String name, String type, byte[] content) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("name", name);
    file.put("contentType", type);
    file.put("base64", Base64.getEncoder().encodeToString(content));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("platform", "dingtalk");
    body.put("chatId", "cid-test-group");
    body.put("senderId", sender);
    body.put("text", text);
    body.put("messageId", "m-" + System.nanoTime());
    body.put("files", List.of(file));
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .contentType("application/json")
        .body(body)
        .post("/api/chat/messages")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("reply");
  }

  static long lastReportId() {
    return QuarkusTransaction.requiringNew()
        .call(() -> Report.<Report>find("order by id desc").firstResult().id);
  }

  @Test
  void aPictureWithTheReportIsAttachedAndServedWithAToken() {
    String reply = send(RSJ, "上报 新增就业岗位 1.2万", "现场.png", "image/png", PNG);
    assertThat(reply).contains("已记录").contains("已附 1 张图片到 新增就业岗位 6月上报");
    long id = lastReportId();
    String base = "/api/targets/jobs-new/reports/" + id + "/attachments";
    List<Map<String, Object>> list =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get(base)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");
    assertThat(list).hasSize(1);
    assertThat(list.get(0)).containsEntry("contentType", "image/png").containsEntry("n", 1);
    byte[] served =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get(base + "/1")
            .then()
            .statusCode(200)
            .header("X-Content-Type-Options", "nosniff")
            .contentType("image/png")
            .extract()
            .asByteArray();
    assertThat(served).isEqualTo(PNG);
    given().get(base + "/1").then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + Tokens.READ)
        .get(base + "/2")
        .then()
        .statusCode(404);
    given()
        .header("Authorization", "Bearer " + Tokens.READ)
        .get("/api/targets/jobs-urban/reports/" + id + "/attachments/1")
        .then()
        .statusCode(404);
  }

  @Test
  void picturesAfterTheReportAttachToItAndTheSameContentIsKeptOnce() {
    say(RSJ, "上报 新增就业岗位 1.2万");
    assertThat(send(RSJ, null, null, "image/png", PNG)).isEqualTo("已附 1 张图片到 新增就业岗位 6月上报。");
    assertThat(send(RSJ, "", "again.png", "image/png", PNG)).startsWith("已附 1 张图片");
    long attachments = QuarkusTransaction.requiringNew().call(() -> Attachment.count());
    long blobs = QuarkusTransaction.requiringNew().call(() -> AttachmentBlob.count());
    assertThat(attachments).isEqualTo(2);
    assertThat(blobs).isEqualTo(1);
  }

  @Test
  void aPdfIsAFileAndTextPretendingToBeAPictureIsRefused() {
    say(RSJ, "上报 新增就业岗位 1.2万");
    byte[] pdf = "%PDF-1.4\n%…".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(send(RSJ, null, "台账.pdf", "application/pdf", pdf)).startsWith("已附 1 个文件");
    byte[] html = "<html><script>alert(1)</script></html>".getBytes();
    String reply = send(RSJ, null, "x.png", "image/png", html);
    assertThat(reply).contains("未保存").contains("只收图片、PDF 和 Office 文件");
    assertThat(QuarkusTransaction.requiringNew().call(() -> Attachment.count())).isEqualTo(1);
  }

  @Test
  void anOversizedFileIsNotKeptAndTheReportStays() {
    byte[] big = Arrays.copyOf(PNG, 100 * 1024 + 1);
    String reply = send(RSJ, "上报 新增就业岗位 1.3万", "big.png", "image/png", big);
    assertThat(reply).contains("已记录").contains("未保存：超过 100 KB 上限。上报的数不受影响。");
    assertThat(QuarkusTransaction.requiringNew().call(() -> Report.count())).isEqualTo(1);
    assertThat(QuarkusTransaction.requiringNew().call(() -> Attachment.count())).isZero();
  }

  @Test
  void withoutARecentReportOrFromAStrangerNothingIsKept() {
    assertThat(send(RSJ, null, null, "image/png", PNG)).contains("没有您的上报").contains("未保存");
    assertThat(send("dt-stranger", null, null, "image/png", PNG)).contains("未保存");
    say(RSJ, "上报 新增就业岗位 1.2万");
    say(RSJ, "撤销");
    assertThat(send(RSJ, null, null, "image/png", png(2))).contains("没有您的上报");
    assertThat(QuarkusTransaction.requiringNew().call(() -> AttachmentBlob.count())).isZero();
  }

  @Test
  void theDashboardShowsThumbnailsToASessionAndTheExcelListsTheFiles() throws Exception {
    send(RSJ, "上报 新增就业岗位 1.2万", "现场.png", "image/png", PNG);
    long id = lastReportId();
    String href = "/api/targets/jobs-new/reports/" + id + "/attachments/1";
    String session =
        given()
            .redirects()
            .follow(false)
            .header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
            .formParam("token", Tokens.READ)
            .post("/login")
            .then()
            .statusCode(303)
            .extract()
            .cookie("duban_session");
    String page =
        given()
            .cookie("duban_session", session)
            .get("/?target=jobs-new")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page).contains("<img class=\"thumb\" src=\"" + href + "\"");
    // the picture itself loads with the same session cookie
    given().cookie("duban_session", session).get(href).then().statusCode(200);
    // a bearer client's page has no links its browser could not follow
    String bearer =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get("/?target=jobs-new")
            .then()
            .extract()
            .asString();
    assertThat(bearer).doesNotContain(href).contains("1 个附件（登录后可看）");
    byte[] xlsx =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get("/api/export/progress.xlsx")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
      var sheet = wb.getSheet("上报记录");
      var fmt = new org.apache.poi.ss.usermodel.DataFormatter();
      assertThat(fmt.formatCellValue(sheet.getRow(0).getCell(11))).isEqualTo("佐证材料");
      assertThat(fmt.formatCellValue(sheet.getRow(sheet.getLastRowNum()).getCell(11)))
          .isEqualTo("1. 现场.png（1 KB）");
    }
  }

  @Test
  void attachNamesTheReportForTheNextFilesEvenAfterTheWindow() {
    say(RSJ, "上报 新增就业岗位 1.2万");
    wall.advance(java.time.Duration.ofHours(2));
    assertThat(send(RSJ, null, null, "image/png", PNG)).contains("没有您的上报");
    assertThat(say(RSJ, "附件 新增就业岗位")).startsWith("请在 30 分钟内发送 新增就业岗位 6月上报 的图片或文件");
    assertThat(send(RSJ, null, null, "image/png", PNG)).isEqualTo("已附 1 张图片到 新增就业岗位 6月上报。");
    // the question is answered: the next picture is not attached again
    assertThat(send(RSJ, null, null, "image/png", png(3))).contains("没有您的上报");
    // the command and the file in one message
    assertThat(send(RSJ, "附件 新增就业岗位", "b.png", "image/png", png(4)))
        .isEqualTo("已附 1 张图片到 新增就业岗位 6月上报。");
    assertThat(QuarkusTransaction.requiringNew().call(() -> Attachment.count())).isEqualTo(2);
  }

  @Test
  void wordsThatAreNoCommandAreTheFilesCaption() {
    say(RSJ, "上报 城镇就业 1.5万");
    assertThat(send(RSJ, "@督办 这是城镇就业的台账", "b.png", "image/png", PNG))
        .isEqualTo("已附 1 张图片到 城镇就业 6月上报。");
  }

  @Test
  void attachIsRefusedForAnotherUnitsTargetAndBeforeAnyReport() {
    assertThat(say(RSJ, "附件 职工技能培训")).contains("不是本单位的目标");
    assertThat(say(RSJ, "附件 新增就业岗位")).contains("本单位还没有上报");
    assertThat(say("dt-leader-01", "附件 新增就业岗位")).doesNotStartWith("请在");
  }

  @Test
  void attachmentsNeedATokenEvenWhenTheReadApiIsOpen() {
    assertThat(AccessFilter.decide(Level.PRIVATE_READ, Granted.NONE, false).getStatus())
        .isEqualTo(401);
    assertThat(AccessFilter.decide(Level.READ, Granted.NONE, false)).isNull();
    assertThat(AccessFilter.decide(Level.PRIVATE_READ, Granted.READ, false)).isNull();
    assertThat(AccessFilter.decide(Level.PRIVATE_READ, Granted.ADMIN, true)).isNull();
  }
}
