package io.duban.contact;

import static io.duban.support.Chat.sayVia;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.approval.ApprovalRequest;
import io.duban.approval.ApprovalStatus;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Path (a) of 绑定: the platform's directory vouches for the sender. A MockWebServer stands in for
 * DingTalk's getbymobile, WeCom's getuserid and Feishu's batch_get_id (and their token endpoints);
 * every request is checked on path, token and body. The sender is bound only when the directory
 * names exactly them; another user, nobody, an error or a timeout hands the request to the admins;
 * an admin contact is never looked up.
 */
@QuarkusTest
class BindDirectoryTest {
  static final String LEADER_02 = "13800000202";
  static final Pattern NUMBER = Pattern.compile("#(\\d+)");

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject BindCheck check;
  @Inject ObjectMapper json;

  MockWebServer server;
  final List<RecordedRequest> directoryCalls = new ArrayList<>();

  /** What each directory answers next: path → body. */
  final Map<String, String> answers = new ConcurrentHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    directoryCalls.clear();
    answers.clear();
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            String body =
                switch (path) {
                  case "/v1.0/oauth2/accessToken" ->
                      "{\"accessToken\":\"dt-token\",\"expireIn\":7200}";
                  case "/cgi-bin/gettoken" ->
                      "{\"errcode\":0,\"access_token\":\"wx-token\",\"expires_in\":7200}";
                  case "/open-apis/auth/v3/tenant_access_token/internal" ->
                      "{\"code\":0,\"tenant_access_token\":\"t-fs\",\"expire\":7200}";
                  default -> null;
                };
            if (body != null) {
              return new MockResponse.Builder().code(200).body(body).build();
            }
            synchronized (directoryCalls) {
              directoryCalls.add(r);
            }
            String answer = answers.get(path);
            if (answer == null) {
              return new MockResponse.Builder().code(404).body("{}").build();
            }
            if (answer.startsWith("HTTP ")) {
              return new MockResponse.Builder()
                  .code(Integer.parseInt(answer.substring(5)))
                  .body("")
                  .build();
            }
            return new MockResponse.Builder().code(200).body(answer).build();
          }
        });
    server.start();
    String base = server.url("/").toString().replaceAll("/$", "");
    bots.install(
        """
        bots:
          dingtalk-app:
            platform: dingtalk
            app-key: dingappkey
            app-secret: dingsecret
            robot-code: dingrobot
            api-base-url: ${BASE}
            oapi-base-url: ${BASE}
          dingtalk-nodir:
            platform: dingtalk
            app-key: dingappkey2
            app-secret: dingsecret2
            api-base-url: ${BASE}
            oapi-base-url: ${BASE}
            directory: off
          wecom-app:
            platform: wecom
            token: wxtoken
            encoding-aes-key: abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG
            receive-id: wwcorp
            corp-id: wwcorp
            corp-secret: wxsecret
            agent-id: "1000002"
            api-base-url: ${BASE}
          feishu-app:
            platform: feishu
            app-key: cli_app
            app-secret: fssecret
            token: fsverify
            api-base-url: ${BASE}
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of("BASE", base));
  }

  @AfterEach
  void tearDown() throws Exception {
    bots.restore();
    server.close();
    data.resetOutbox();
    data.resetReports();
  }

  static long number(String reply) {
    Matcher m = NUMBER.matcher(reply);
    assertThat(m.find()).as(reply).isTrue();
    return Long.parseLong(m.group(1));
  }

  static ApprovalRequest request(long id) {
    return QuarkusTransaction.requiringNew().call(() -> ApprovalRequest.findById(id));
  }

  static boolean bound(String platform, String externalId) {
    return QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ContactIdentity.count(
                        "platform = ?1 and externalId = ?2", platform, externalId))
        > 0;
  }

  static List<String> adminAlerts() {
    return Outboxes.of(MessageKind.ADMIN_ALERT).stream().map(m -> m.text).toList();
  }

  @Test
  void dingTalksDirectoryVouchesForTheSenderAndTheBindingCompletes() throws Exception {
    answers.put(
        "/topapi/v2/user/getbymobile",
        "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"userid\":\"chen-staff-01\"},\"request_id\":\"r1\"}");
    String reply =
        sayVia("dingtalk", "dingtalk-app", "cid-gov", "chen-staff-01", "绑定 " + LEADER_02);
    long n = number(reply);
    // nothing happens inside the callback: the check runs afterwards
    assertThat(directoryCalls).isEmpty();
    assertThat(adminAlerts()).noneMatch(t -> t.contains("#" + n + " 待审批"));
    assertThat(check.runDue()).isEqualTo(1);

    RecordedRequest call = directoryCalls.get(0);
    assertThat(call.getMethod()).isEqualTo("POST");
    assertThat(call.getUrl().queryParameter("access_token")).isEqualTo("dt-token");
    JsonNode body = json.readTree(call.getBody().utf8());
    assertThat(body.toString()).isEqualTo("{\"mobile\":\"13800000202\"}");
    assertThat(bound("dingtalk", "chen-staff-01")).isTrue();
    ApprovalRequest r = request(n);
    assertThat(r.status).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(r.decidedBy).isEqualTo("钉钉通讯录");
    OutboxMessage told = Outboxes.of(MessageKind.APPROVAL).get(0);
    assertThat(told.botId).isEqualTo("dingtalk-app");
    assertThat(told.chatId).isEqualTo("cid-gov");
    assertThat(told.text).contains("已通过").contains("陈领导（示例）");
    assertThat(adminAlerts()).anyMatch(t -> t.contains("钉钉通讯录已核实手机号") && t.contains("陈领导（示例）"));
    // a second run finds nothing to do
    assertThat(check.runDue()).isZero();
  }

  @Test
  void anotherUserInTheDirectoryHandsTheRequestToTheAdmins() {
    answers.put(
        "/topapi/v2/user/getbymobile",
        "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"userid\":\"the-real-chen\"}}");
    long n = number(sayVia("dingtalk", "dingtalk-app", "cid-gov", "impostor", "绑定 " + LEADER_02));
    check.runDue();
    assertThat(bound("dingtalk", "impostor")).isFalse();
    assertThat(request(n).status).isEqualTo(ApprovalStatus.PENDING);
    assertThat(adminAlerts()).anyMatch(t -> t.contains("#" + n + " 待审批") && t.contains("属于另一个账号"));
  }

  @Test
  void noUserErrorsAndMissingPermissionsHandTheRequestToTheAdmins() {
    answers.put("/topapi/v2/user/getbymobile", "{\"errcode\":60121,\"errmsg\":\"找不到该用户\"}");
    long notFound = number(sayVia("dingtalk", "dingtalk-app", "c", "nobody-1", "绑定 " + LEADER_02));
    check.runDue();
    answers.put("/topapi/v2/user/getbymobile", "{\"errcode\":60011,\"errmsg\":\"没有调用该接口的权限\"}");
    long noPermission =
        number(sayVia("dingtalk", "dingtalk-app", "c", "nobody-2", "绑定 13800000201"));
    check.runDue();
    answers.put("/topapi/v2/user/getbymobile", "HTTP 500");
    long broken = number(sayVia("dingtalk", "dingtalk-app", "c", "nobody-3", "绑定 13800000101"));
    check.runDue();
    for (long n : List.of(notFound, noPermission, broken)) {
      assertThat(request(n).status).isEqualTo(ApprovalStatus.PENDING);
    }
    assertThat(adminAlerts())
        .anyMatch(t -> t.contains("#" + notFound + " ") && t.contains("查不到这个手机号"))
        .anyMatch(t -> t.contains("#" + noPermission + " ") && t.contains("errcode 60011"))
        .anyMatch(t -> t.contains("#" + broken + " ") && t.contains("无法通过钉钉通讯录核实"));
    assertThat(bound("dingtalk", "nobody-1")).isFalse();
  }

  @Test
  void anAdminContactIsNeverVouchedForByTheDirectory() {
    answers.put(
        "/topapi/v2/user/getbymobile",
        "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"userid\":\"fake-admin\"}}");
    long n = number(sayVia("dingtalk", "dingtalk-app", "c", "fake-admin", "绑定 13800000301"));
    assertThat(check.runDue()).isZero();
    assertThat(directoryCalls).isEmpty();
    assertThat(request(n).status).isEqualTo(ApprovalStatus.PENDING);
    assertThat(adminAlerts()).anyMatch(t -> t.contains("#" + n + " ") && t.contains("另一位管理员"));
  }

  @Test
  void aBotWithTheDirectorySwitchedOffAsksTheAdmins() {
    long n = number(sayVia("dingtalk", "dingtalk-nodir", "c", "someone", "绑定 " + LEADER_02));
    assertThat(check.runDue()).isZero();
    assertThat(directoryCalls).isEmpty();
    assertThat(adminAlerts()).anyMatch(t -> t.contains("#" + n + " 待审批"));
  }

  @Test
  void weComsDirectoryVouchesForItsUserid() throws Exception {
    answers.put(
        "/cgi-bin/user/getuserid", "{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"chenling\"}");
    long n = number(sayVia("wecom", "wecom-app", "u:chenling", "chenling", "绑定 " + LEADER_02));
    check.runDue();
    RecordedRequest call = directoryCalls.get(0);
    assertThat(call.getMethod()).isEqualTo("POST");
    assertThat(call.getUrl().queryParameter("access_token")).isEqualTo("wx-token");
    assertThat(json.readTree(call.getBody().utf8()).toString())
        .isEqualTo("{\"mobile\":\"13800000202\"}");
    assertThat(bound("wecom", "chenling")).isTrue();
    assertThat(request(n).decidedBy).isEqualTo("企业微信通讯录");
  }

  @Test
  void weComsUnknownUserAsksTheAdmins() {
    answers.put("/cgi-bin/user/getuserid", "{\"errcode\":46004,\"errmsg\":\"user no exist\"}");
    long n = number(sayVia("wecom", "wecom-app", "u:x", "x-user", "绑定 " + LEADER_02));
    check.runDue();
    assertThat(bound("wecom", "x-user")).isFalse();
    assertThat(adminAlerts()).anyMatch(t -> t.contains("#" + n + " ") && t.contains("查不到"));
  }

  @Test
  void feishusDirectoryVouchesForTheAppsOpenId() throws Exception {
    answers.put(
        "/open-apis/contact/v3/users/batch_get_id",
        "{\"code\":0,\"msg\":\"success\",\"data\":{\"user_list\":[{\"user_id\":\"ou_chen\","
            + "\"mobile\":\"13800000202\",\"status\":{\"is_resigned\":false}}]}}");
    long n = number(sayVia("feishu", "feishu-app", "oc_group", "ou_chen", "绑定 " + LEADER_02));
    check.runDue();
    RecordedRequest call = directoryCalls.get(0);
    assertThat(call.getUrl().queryParameter("user_id_type")).isEqualTo("open_id");
    assertThat(call.getHeaders().get("Authorization")).isEqualTo("Bearer t-fs");
    assertThat(json.readTree(call.getBody().utf8()).toString())
        .isEqualTo("{\"mobiles\":[\"13800000202\"],\"include_resigned\":false}");
    assertThat(request(n).status).isEqualTo(ApprovalStatus.APPROVED);
    // Feishu open_ids are per app: the id is bound for this bot only
    String botId =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ContactIdentity.<ContactIdentity>find("externalId", "ou_chen")
                        .firstResult()
                        .botId);
    assertThat(botId).isEqualTo("feishu-app");
  }

  @Test
  void feishuWithoutAUserIdAndWithoutTheScopeAsksTheAdmins() {
    answers.put(
        "/open-apis/contact/v3/users/batch_get_id",
        "{\"code\":0,\"data\":{\"user_list\":[{\"mobile\":\"13800000202\"}]}}");
    long none = number(sayVia("feishu", "feishu-app", "oc_g", "ou_x", "绑定 " + LEADER_02));
    check.runDue();
    answers.put(
        "/open-apis/contact/v3/users/batch_get_id",
        "{\"code\":99991672,\"msg\":\"Access denied. One of the following scopes is required:"
            + " [contact:user.id:readonly]\"}");
    long scope = number(sayVia("feishu", "feishu-app", "oc_g", "ou_y", "绑定 13800000201"));
    check.runDue();
    assertThat(request(none).status).isEqualTo(ApprovalStatus.PENDING);
    assertThat(request(scope).status).isEqualTo(ApprovalStatus.PENDING);
    assertThat(adminAlerts())
        .anyMatch(t -> t.contains("#" + none + " ") && t.contains("查不到"))
        .anyMatch(t -> t.contains("#" + scope + " ") && t.contains("99991672"));
  }

  @Test
  void aCheckInterruptedByACrashIsRunAgainLater() {
    answers.put(
        "/topapi/v2/user/getbymobile",
        "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"userid\":\"slow-chen\"}}");
    long n = number(sayVia("dingtalk", "dingtalk-app", "c", "slow-chen", "绑定 " + LEADER_02));
    // an instance claimed the check and died before recording the answer
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ApprovalRequest r = ApprovalRequest.findById(n);
              r.checkState = BindRequests.CHECK_RUNNING;
              r.checkStartedAt = wall.instant();
            });
    assertThat(check.runDue()).isZero();
    wall.advance(BindCheck.STALE.plusSeconds(1));
    assertThat(check.runDue()).isEqualTo(1);
    assertThat(bound("dingtalk", "slow-chen")).isTrue();
  }
}
