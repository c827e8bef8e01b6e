package io.duban.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.Platform;
import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Whom a platform id belongs to: the bot scope of each platform's ids, which stored ids hold for a
 * bot, and the active contact behind an id (the sample contacts of bot-config/contacts.yaml: 赵示一 of
 * 人社局 is dt-rsj-01 on DingTalk for every bot and ou_rsj01 on Feishu for feishu-app only).
 */
@QuarkusTest
class IdentitiesTest {
  @jakarta.inject.Inject SenderDirectory directory;

  static ContactIdentity id(String platform, String botId, String externalId) {
    ContactIdentity i = new ContactIdentity();
    i.platform = platform;
    i.botId = botId;
    i.externalId = externalId;
    return i;
  }

  @Test
  void onlyFeishuIdsAreScopedToTheBot() {
    assertThat(Identities.botScope(Platform.FEISHU, "feishu-app")).isEqualTo("feishu-app");
    assertThat(Identities.botScope(Platform.FEISHU, null)).isEqualTo(ContactIdentity.ANY_BOT);
    assertThat(Identities.botScope(Platform.DINGTALK, "dingtalk-app"))
        .isEqualTo(ContactIdentity.ANY_BOT);
    assertThat(Identities.botScope(Platform.WECOM, "wecom-aibot"))
        .isEqualTo(ContactIdentity.ANY_BOT);
    assertThat(Identities.botScope(Platform.CONSOLE, "console")).isEqualTo(ContactIdentity.ANY_BOT);
  }

  @Test
  void anIdHoldsForEveryBotOrItsOwn() {
    ContactIdentity everyBot = id("dingtalk", ContactIdentity.ANY_BOT, "dt-1");
    ContactIdentity oneApp = id("feishu", "feishu-app", "ou_1");
    assertThat(Identities.holdsFor(everyBot, Platform.DINGTALK, "dingtalk-app")).isTrue();
    assertThat(Identities.holdsFor(everyBot, Platform.DINGTALK, null)).isTrue();
    assertThat(Identities.holdsFor(everyBot, Platform.WECOM, "dingtalk-app")).isFalse();
    assertThat(Identities.holdsFor(oneApp, Platform.FEISHU, "feishu-app")).isTrue();
    assertThat(Identities.holdsFor(oneApp, Platform.FEISHU, "feishu-other")).isFalse();
    assertThat(Identities.holdsFor(oneApp, Platform.FEISHU, ContactIdentity.ANY_BOT)).isFalse();
  }

  @Test
  void theIdToMentionIsTheLastThatHolds() {
    Contact c = new Contact();
    c.identities.add(id("feishu", ContactIdentity.ANY_BOT, "ou_any"));
    c.identities.add(id("feishu", "feishu-app", "ou_app"));
    c.identities.add(id("feishu", "feishu-other", "ou_other"));
    c.identities.add(id("dingtalk", ContactIdentity.ANY_BOT, "dt-1"));
    assertThat(Identities.idFor(c, Platform.FEISHU, "feishu-app")).isEqualTo("ou_app");
    assertThat(Identities.idFor(c, Platform.FEISHU, "feishu-third")).isEqualTo("ou_any");
    assertThat(Identities.idFor(c, Platform.DINGTALK, "dingtalk-app")).isEqualTo("dt-1");
    assertThat(Identities.idFor(c, Platform.WECOM, "wecom-group")).isNull();
    assertThat(Identities.hasIdFor(c, Platform.FEISHU, "feishu-other")).isTrue();
    assertThat(Identities.hasIdFor(c, Platform.WECOM, ContactIdentity.ANY_BOT)).isFalse();
  }

  @Test
  @TestTransaction
  void theActiveContactBehindAnId() {
    assertThat(directory.activeContact(Platform.DINGTALK, "dingtalk-app", "dt-rsj-01").code)
        .isEqualTo("rsj-01");
    assertThat(directory.activeContact(Platform.DINGTALK, null, "dt-rsj-01").code)
        .isEqualTo("rsj-01");
    assertThat(directory.activeContact(Platform.FEISHU, "feishu-app", "ou_rsj01").code)
        .isEqualTo("rsj-01");
    assertThat(directory.activeContact(Platform.FEISHU, "feishu-other", "ou_rsj01")).isNull();
    assertThat(directory.activeContact(Platform.FEISHU, null, "ou_rsj01")).isNull();
    assertThat(directory.activeContact(Platform.WECOM, "wecom-aibot", "dt-rsj-01")).isNull();
    assertThat(directory.activeContact(Platform.DINGTALK, "dingtalk-app", "nobody")).isNull();
    assertThat(directory.activeContact(Platform.DINGTALK, "dingtalk-app", "")).isNull();
    assertThat(directory.activeContact(Platform.DINGTALK, "dingtalk-app", null)).isNull();

    // a deactivation committed elsewhere drops the directory's copy at once
    setActive("rsj-01", false);
    try {
      assertThat(directory.activeContact(Platform.DINGTALK, "dingtalk-app", "dt-rsj-01")).isNull();
    } finally {
      setActive("rsj-01", true);
    }
    assertThat(directory.activeContact(Platform.DINGTALK, "dingtalk-app", "dt-rsj-01").code)
        .isEqualTo("rsj-01");
  }

  private static void setActive(String code, boolean active) {
    io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
        .run(() -> Contact.findByCode(code).active = active);
  }

  @Test
  @TestTransaction
  void aStoredIdIsFoundByItsExactScope() {
    assertThat(Identities.stored(Platform.FEISHU, "feishu-app", "ou_rsj01"))
        .map(i -> i.contact.code)
        .contains("rsj-01");
    assertThat(Identities.stored(Platform.FEISHU, ContactIdentity.ANY_BOT, "ou_rsj01")).isEmpty();
    assertThat(Identities.stored(Platform.DINGTALK, ContactIdentity.ANY_BOT, "dt-rsj-01"))
        .map(i -> i.contact.code)
        .contains("rsj-01");
    assertThat(Identities.stored(Platform.DINGTALK, "dingtalk-app", "dt-rsj-01")).isEmpty();
  }
}
