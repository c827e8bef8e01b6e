package io.duban.contact;

import static io.duban.support.Chat.say;
import static io.duban.support.Chat.sayVia;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.approval.ApprovalRequest;
import io.duban.approval.ApprovalStatus;
import io.duban.approval.Approvals;
import io.duban.audit.AuditEvent;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 绑定 as an attacker in a work group tries it, and as the office runs it: a stranger naming a
 * leader's or an admin's mobile stays a stranger until an admin approves (for an admin contact:
 * another admin); the answer is the same for registered and unregistered mobiles; senders and
 * mobiles are rate-limited; requests are approved, rejected or expire, and the requester is told.
 */
@QuarkusTest
class BindingTest {
  static final String LEADER_02 = "13800000202"; // 陈领导（示例）, no platform ids in contacts.yaml
  static final String ADMIN_02 = "13800000302"; // created below, no platform ids
  static final String ADMIN = "dt-admin-01";
  static final Pattern NUMBER = Pattern.compile("#(\\d+)");

  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject Approvals approvals;

  @BeforeEach
  void clean() {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    String admin2 =
        "{\"id\":\"admin-02\",\"name\":\"督查员二（示例）\",\"unit\":\"督查室\",\"role\":\"admin\","
            + "\"mobile\":\""
            + ADMIN_02
            + "\",\"active\":true}";
    int status = api().body(admin2).post("/api/contacts").statusCode();
    assertThat(status).isIn(201, 409);
    if (status == 409) {
      api().body(admin2).put("/api/contacts/admin-02").then().statusCode(200);
    }
  }

  static io.restassured.specification.RequestSpecification api() {
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .contentType("application/json");
  }

  static long number(String reply) {
    Matcher m = NUMBER.matcher(reply);
    assertThat(m.find()).as("request number in: " + reply).isTrue();
    return Long.parseLong(m.group(1));
  }

  static List<OutboxMessage> sent(MessageKind kind) {
    return Outboxes.of(kind);
  }

  static boolean bound(String platform, String externalId) {
    return QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ContactIdentity.count(
                        "platform = ?1 and externalId = ?2", platform, externalId))
        > 0;
  }

  @Test
  void aStrangerNamingALeadersOrAnAdminsMobileStaysAStranger() {
    String toLeader = say("dt-attacker", "绑定 " + LEADER_02);
    String toAdmin = say("dt-attacker-2", "绑定 " + ADMIN_02);
    assertThat(toLeader).startsWith("已收到绑定申请 #").contains("138****0202").doesNotContain("陈领导");
    assertThat(toAdmin).startsWith("已收到绑定申请 #").doesNotContain("督查员");
    assertThat(bound("dingtalk", "dt-attacker")).isFalse();
    assertThat(bound("dingtalk", "dt-attacker-2")).isFalse();
    for (String sender : List.of("dt-attacker", "dt-attacker-2")) {
      assertThat(say(sender, "代报 人社局 新增就业岗位 12000")).contains("还没有登记");
      assertThat(say(sender, "未报")).contains("还没有登记").doesNotContain("1380000");
      assertThat(say(sender, "暂停提醒")).contains("还没有登记");
      assertThat(say(sender, "批准 " + number(toLeader))).contains("还没有登记");
    }
    assertThat(Outboxes.reports()).isZero();
    // the admins are asked, with who asks and whom the mobile names
    assertThat(sent(MessageKind.ADMIN_ALERT))
        .extracting(m -> m.text)
        .anyMatch(t -> t.contains("#" + number(toLeader) + " 待审批") && t.contains("陈领导（示例）"))
        .anyMatch(t -> t.contains("只能由另一位管理员批准"));
  }

  @Test
  void theAnswerIsTheSameForRegisteredAndUnregisteredMobiles() {
    String registered = say("dt-probe-1", "绑定 " + LEADER_02);
    String unregistered = say("dt-probe-2", "绑定 13900000999");
    String adminMobile = say("dt-probe-3", "绑定 " + ADMIN_02);
    String reporterWithId = say("dt-probe-4", "绑定 13800000001"); // already has a DingTalk id
    List<String> shapes =
        List.of(registered, unregistered, adminMobile, reporterWithId).stream()
            .map(r -> r.replaceAll("#\\d+", "#N").replaceAll("1\\d\\d\\*{4}\\d{4}", "MOBILE"))
            .distinct()
            .toList();
    assertThat(shapes).hasSize(1);
  }

  @Test
  void sendersAndMobilesAreRateLimited() {
    for (int i = 0; i < 5; i++) {
      assertThat(say("dt-guesser", "绑定 1390000" + (1000 + i))).startsWith("已收到绑定申请");
    }
    assertThat(say("dt-guesser", "绑定 13900002000")).contains("太频繁").contains("每小时最多 5 次");
    wall.advance(Duration.ofMinutes(61));
    assertThat(say("dt-guesser", "绑定 13900002000")).startsWith("已收到绑定申请");

    for (int i = 0; i < 3; i++) {
      assertThat(say("dt-many-" + i, "绑定 " + LEADER_02)).startsWith("已收到绑定申请");
    }
    assertThat(say("dt-many-9", "绑定 " + LEADER_02)).contains("138****0202").contains("已达 3 次上限");
    wall.advance(Duration.ofHours(25));
    assertThat(say("dt-many-9", "绑定 " + LEADER_02)).startsWith("已收到绑定申请");
    // the refused attempts are recorded too, for the admins to see
    long refused =
        QuarkusTransaction.requiringNew()
            .call(() -> BindAttempt.count("outcome <> ?1", BindAttempt.ACCEPTED));
    assertThat(refused).isEqualTo(2);
  }

  @Test
  void anAdminApprovesInChatAndTheRequesterIsTold() {
    long n = number(say("dingtalk", "cid-new-group", "dt-chen", "绑定 " + LEADER_02));
    assertThat(say("dt-chen", "全区进度")).contains("还没有登记");
    String list = say(ADMIN, "待审批");
    assertThat(list).contains("#" + n).contains("陈领导（示例）").contains("138****0202");
    assertThat(say("dt-leader-01", "批准 " + n)).isEqualTo("只有管理员可以审批申请。");
    assertThat(say("dt-rsj-01", "同意 " + n)).isEqualTo("只有管理员可以审批申请。");
    assertThat(say(ADMIN, "批准 " + n)).startsWith("已批准 #" + n).contains("已绑定为 陈领导（示例）");
    assertThat(bound("dingtalk", "dt-chen")).isTrue();
    assertThat(say("dt-chen", "全区进度")).contains("全区进度（");
    assertThat(say(ADMIN, "批准 " + n)).contains("已批准").contains("不能再处理");
    OutboxMessage told = sent(MessageKind.APPROVAL).get(0);
    assertThat(told.chatId).isEqualTo("cid-new-group");
    assertThat(told.text).contains("#" + n).contains("已通过").contains("陈领导（示例）");
    assertThat(told.mentions).contains("dt-chen");
    List<String> actions =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    AuditEvent.<AuditEvent>list("subject = ?1 order by id", "申请 #" + n).stream()
                        .map(e -> e.action)
                        .toList());
    assertThat(actions).containsExactly("approval.requested", "approval.approved");
  }

  @Test
  void aRejectionNeedsAReasonAndTheRequesterHearsIt() {
    long n = number(say("dt-wrong", "绑定 " + LEADER_02));
    assertThat(say(ADMIN, "驳回 " + n)).contains("请写明驳回原因");
    assertThat(say(ADMIN, "驳回 " + n + " 手机号与本人不符")).startsWith("已驳回 #" + n);
    assertThat(bound("dingtalk", "dt-wrong")).isFalse();
    assertThat(sent(MessageKind.APPROVAL))
        .extracting(m -> m.text)
        .containsExactly("绑定申请 #" + n + " 未获批准：手机号与本人不符。如有疑问，请联系管理员。");
    assertThat(say(ADMIN, "批准 " + n)).contains("已驳回").contains("不能再处理");
  }

  @Test
  void anAdminsBindingNeedsAnotherAdmin() {
    long n = number(say("dt-new-admin", "绑定 " + ADMIN_02));
    assertThat(say(ADMIN, "批准 " + n)).startsWith("已批准");
    assertThat(say("dt-new-admin", "待审批")).isEqualTo("没有待审批的申请。");
    // the same person from WeCom: they cannot approve their own binding
    long m = number(say("wecom", "wx-group", "wx-new-admin", "绑定 " + ADMIN_02));
    assertThat(say("dt-new-admin", "批准 " + m)).contains("不能批准绑定到您本人的申请");
    assertThat(bound("wecom", "wx-new-admin")).isFalse();
    assertThat(say(ADMIN, "批准 " + m)).startsWith("已批准");
    assertThat(bound("wecom", "wx-new-admin")).isTrue();
  }

  @Test
  void anUnregisteredMobileCannotBeApprovedUntilThePersonIsRegistered() {
    long n = number(say("dt-newcomer", "绑定 13900000777"));
    assertThat(say(ADMIN, "批准 " + n)).contains("通讯录中没有手机号 139****0777");
    api()
        .body(
            "{\"id\":\"newcomer\",\"name\":\"新同事（示例）\",\"unit\":\"人社局\",\"role\":\"reporter\","
                + "\"mobile\":\"13900000777\"}")
        .post("/api/contacts")
        .then()
        .statusCode(201);
    try {
      assertThat(say(ADMIN, "批准 " + n)).startsWith("已批准").contains("新同事（示例）");
      assertThat(say("dt-newcomer", "我的")).contains("人社局");
    } finally {
      api().delete("/api/contacts/newcomer").then().statusCode(200);
    }
  }

  @Test
  void aRequestExpiresAfterADayAndTheRequesterIsTold() {
    long n = number(say("dt-late", "绑定 " + LEADER_02));
    wall.advance(Duration.ofHours(23));
    assertThat(approvals.expireDue()).isZero();
    wall.advance(Duration.ofHours(2));
    assertThat(approvals.expireDue()).isEqualTo(1);
    assertThat(say(ADMIN, "批准 " + n)).contains("已过期");
    assertThat(bound("dingtalk", "dt-late")).isFalse();
    assertThat(sent(MessageKind.APPROVAL))
        .extracting(m -> m.text)
        .containsExactly("绑定申请 #" + n + " 已过期（一天内未获确认）。如需绑定，请联系管理员。");
  }

  @Test
  void aNewRequestReplacesTheSendersOpenOne() {
    long first = number(say("dt-typo", "绑定 13800000203"));
    long again = number(say("dt-typo", "绑定 13800000203"));
    assertThat(again).isEqualTo(first);
    long second = number(say("dt-typo", "绑定 " + LEADER_02));
    assertThat(second).isNotEqualTo(first);
    ApprovalRequest old =
        QuarkusTransaction.requiringNew().call(() -> ApprovalRequest.findById(first));
    assertThat(old.status).isEqualTo(ApprovalStatus.CANCELLED);
    assertThat(say(ADMIN, "待审批")).contains("#" + second).doesNotContain("#" + first + " ");
  }

  @Inject ContactService contacts;

  @Test
  void bindingsMadeBeforeProofWasNeededAreFlaggedUntilConfirmedOrRemoved() {
    // as the old 绑定 left it: an id with no approval request behind it
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Contact leader = Contact.findByCode("leader-02");
              ContactIdentity i = new ContactIdentity();
              i.contact = leader;
              i.platform = "dingtalk";
              i.botId = ContactIdentity.ANY_BOT;
              i.externalId = "dt-legacy-stranger";
              i.origin = ContactService.ORIGIN_BIND;
              i.createdAt = wall.instant();
              leader.identities.add(i);
              i.persist();
            });
    List<String> warnings =
        QuarkusTransaction.requiringNew().call(() -> contacts.unprovenBindings());
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("陈领导（示例）")
        .contains("dt-legacy-stranger");
    api()
        .delete("/api/contacts/leader-02/ids/dingtalk")
        .then()
        .statusCode(200)
        .body("ids.dingtalk", org.hamcrest.Matchers.nullValue());
    assertThat(QuarkusTransaction.requiringNew().call(() -> contacts.unprovenBindings())).isEmpty();
    assertThat(say("dt-legacy-stranger", "全区进度")).contains("还没有登记");
    api().delete("/api/contacts/leader-02/ids/dingtalk").then().statusCode(404);
    api().delete("/api/contacts/leader-02/ids/fax").then().statusCode(400);
  }

  @Test
  void aBotsChatIdIsWhereTheOutcomeGoes() {
    long n = number(sayVia("dingtalk", null, "cid-x", "dt-someone", "绑定 " + LEADER_02));
    say(ADMIN, "批准 " + n);
    OutboxMessage told = sent(MessageKind.APPROVAL).get(0);
    assertThat(told.botId).isEqualTo("console");
    assertThat(told.chatId).isEqualTo("cid-x");
  }
}
