package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.audit.AuditEvent;
import io.duban.boot.ConfigLoader;
import io.duban.config.ConfigFileException;
import io.duban.contact.Contact;
import io.duban.contact.ContactIdentity;
import io.duban.contact.ContactService;
import io.duban.contact.ContactSpec;
import io.duban.contact.Role;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loading bot-config is idempotent, keeps reports, retires and refuses as the issue says. */
@QuarkusTest
class PlanLoadingTest {
  @Inject ConfigLoader loader;
  @Inject TestData data;
  @Inject ContactService contacts;

  @BeforeEach
  void clean() {
    data.resetReports();
    data.reloadRealConfig();
  }

  @AfterEach
  void restore() {
    data.resetReports();
    data.reloadRealConfig();
  }

  ConfigLoader.Summary load(Path dir) {
    return QuarkusTransaction.requiringNew().call(() -> loader.loadFrom(dir, n -> null));
  }

  static Path edited(String from, String to) throws Exception {
    Path dir = TestData.copyConfig(Path.of("bot-config"));
    Path plan = dir.resolve("plan.yaml");
    String text = Files.readString(plan, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    Files.writeString(plan, text.replace(from, to), StandardCharsets.UTF_8);
    return dir;
  }

  @Test
  void loadingAgainLeavesTheSameRows() {
    Map<String, Long> before = data.rowCounts();
    ConfigLoader.Summary again = load(Path.of("bot-config"));
    assertThat(again.plan().changedAnything()).isFalse();
    assertThat(again.contactsChanged()).isZero();
    assertThat(data.rowCounts()).isEqualTo(before);
    assertThat(before.get("target")).isGreaterThan(60);
    assertThat(before.get("project")).isEqualTo(22);
    assertThat(before.get("category")).isEqualTo(8);
  }

  @Test
  void twoInstancesLoadingTogetherLeaveTheSameRows() throws Exception {
    Map<String, Long> before = data.rowCounts();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<ConfigLoader.Summary>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
                return load(Path.of("bot-config"));
              },
              pool));
    }
    start.countDown();
    for (CompletableFuture<ConfigLoader.Summary> run : runs) {
      run.get();
    }
    pool.shutdown();
    assertThat(data.rowCounts()).isEqualTo(before);
  }

  @Test
  void editingTheFileUpdatesTargetsByIdWithoutLosingFigures() throws Exception {
    data.insertFigure("jobs-new", "人社局", "12000");
    Long id =
        QuarkusTransaction.requiringNew()
            .call(() -> Target.<Target>find("code", "jobs-new").firstResult().id);
    Path dir =
        edited(
            "            value: 4.8万\n            unit: 个",
            "            value: 5万\n            unit: 个");
    Files.writeString(
        dir.resolve("plan.yaml"),
        Files.readString(dir.resolve("plan.yaml")).replace("name: 新增就业岗位\n", "name: 新增就业岗位数\n"));
    ConfigLoader.Summary result = load(dir);
    assertThat(result.plan().updated()).isEqualTo(1);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Target t = Target.find("code", "jobs-new").firstResult();
              assertThat(t.id).isEqualTo(id);
              assertThat(t.targetValue).isEqualByComparingTo("50000");
              assertThat(t.name).isEqualTo("新增就业岗位数");
              assertThat(io.duban.report.Report.count("target", t)).isEqualTo(1);
              AuditEvent event =
                  AuditEvent.find(
                          "action = 'target.updated' and subject = '目标 jobs-new' order by id desc")
                      .firstResult();
              assertThat(event.detail).contains("目标值 48000 → 50000").contains("名称");
            });
  }

  @Test
  void aTargetThatDisappearsIsRetiredWhenItHasReportsAndDeletedOtherwise() throws Exception {
    data.insertFigure("jobs-urban", "人社局", "5000");
    String text = Files.readString(Path.of("bot-config/plan.yaml"));
    String urban =
        text.substring(
            text.indexOf("          - id: jobs-urban"),
            text.indexOf("          - id: jobs-public-welfare"));
    String welfare =
        text.substring(
            text.indexOf("          - id: jobs-public-welfare"),
            text.indexOf("          - id: jobs-graduate-internship"));
    Path dir = edited(urban + welfare, "");
    ConfigLoader.Summary result = load(dir);
    assertThat(result.plan().retired()).isEqualTo(1);
    assertThat(result.plan().deleted()).isEqualTo(1);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Target urbanTarget = Target.find("code", "jobs-urban").firstResult();
              assertThat(urbanTarget.retired).isTrue();
              assertThat(urbanTarget.retiredAt).isNotNull();
              assertThat(Target.count("code", "jobs-public-welfare")).isZero();
            });
    // putting it back revives the same row
    load(Path.of("bot-config"));
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                assertThat(Target.<Target>find("code", "jobs-urban").firstResult().retired)
                    .isFalse());
  }

  @Test
  void aChangeOfKindOrUnitOnATargetWithReportsIsRefusedAndChangesNothing() throws Exception {
    data.insertFigure("jobs-new", "人社局", "12000");
    Map<String, Long> before = data.rowCounts();
    Path dir =
        edited(
            "            value: 4.8万\n            unit: 个",
            "            value: 4.8万\n            unit: 人");
    assertThatThrownBy(() -> load(dir))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("plan.yaml:")
        .hasMessageContaining("jobs-new")
        .hasMessageContaining("不能把类型/单位从 NUMERIC/个 改为 NUMERIC/人");
    assertThat(data.rowCounts()).isEqualTo(before);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                assertThat(Target.<Target>find("code", "jobs-new").firstResult().unit)
                    .isEqualTo("个"));
    // without reports the same change is applied
    data.resetReports();
    load(dir);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                assertThat(Target.<Target>find("code", "jobs-new").firstResult().unit)
                    .isEqualTo("人"));
  }

  @Test
  void reloadKeepsApiContactsAndBoundIds() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              contacts.upsert(
                  new ContactSpec(
                      "api-only-1",
                      "接口新建",
                      "人社局",
                      EnumSet.of(Role.REPORTER),
                      "13900000001",
                      null,
                      Map.of(),
                      "API"),
                  ContactService.ORIGIN_API,
                  "测试");
              Contact leader = Contact.findByCode("leader-02");
              ContactIdentity bound = new ContactIdentity();
              bound.contact = leader;
              bound.platform = "dingtalk";
              bound.botId = "";
              bound.externalId = "dt-bound-by-mobile";
              bound.origin = ContactService.ORIGIN_BIND;
              bound.createdAt = java.time.Instant.now();
              leader.identities.add(bound);
            });
    load(Path.of("bot-config"));
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              assertThat(Contact.findByCode("api-only-1")).isNotNull();
              assertThat(Contact.findByCode("leader-02").identities)
                  .extracting(i -> i.externalId)
                  .contains("dt-bound-by-mobile");
              Contact.findByCode("leader-02")
                  .identities
                  .removeIf(i -> i.externalId.equals("dt-bound-by-mobile"));
              Contact api = Contact.findByCode("api-only-1");
              api.identities.clear();
              api.delete();
            });
  }

  @Test
  void mobilesSwappedInOneEditLoadAndARealClashIsStillRefused() throws Exception {
    // rsj-01 (first in the file) and zgh-01 (after it) swap mobiles; rsj-01's DingTalk id is
    // handed on to zgh-01 (the restore afterwards hands it back)
    Path dir = TestData.copyConfig(Path.of("bot-config"));
    Path file = dir.resolve("contacts.yaml");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String swapped =
        text.replace("\"13800000001\"", "\"SWAP\"")
            .replace("\"13800000002\"", "\"13800000001\"")
            .replace("\"SWAP\"", "\"13800000002\"")
            .replace("dingtalk: dt-rsj-01,", "dingtalk: dt-rsj-01-new,")
            .replace("dingtalk: dt-zgh-01,", "dingtalk: dt-rsj-01,");
    assertThat(swapped).isNotEqualTo(text);
    Files.writeString(file, swapped, StandardCharsets.UTF_8);
    assertThat(load(dir).contactsChanged()).isEqualTo(2);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              assertThat(Contact.findByCode("rsj-01").mobile).isEqualTo("13800000002");
              assertThat(Contact.findByCode("zgh-01").mobile).isEqualTo("13800000001");
              assertThat(Contact.findByCode("zgh-01").identities)
                  .extracting(i -> i.externalId)
                  .contains("dt-rsj-01")
                  .doesNotContain("dt-zgh-01");
            });

    // a mobile that belongs to a contact the file does not mention is still a clash
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                contacts.upsert(
                    new ContactSpec(
                        "api-only-2",
                        "接口新建",
                        "人社局",
                        EnumSet.of(Role.REPORTER),
                        "13900000002",
                        null,
                        Map.of(),
                        "API"),
                    ContactService.ORIGIN_API,
                    "测试"));
    try {
      Files.writeString(
          file, swapped.replace("\"13800000003\"", "\"13900000002\""), StandardCharsets.UTF_8);
      assertThatThrownBy(() -> load(dir))
          .isInstanceOf(ConfigFileException.class)
          .hasMessageContaining("手机号已属于联系人“api-only-2”");
    } finally {
      QuarkusTransaction.requiringNew().run(() -> Contact.findByCode("api-only-2").delete());
    }
  }

  @Test
  void aContactsFileNamingAnUnknownUnitIsOneClearLine() throws Exception {
    Path dir = TestData.copyConfig(Path.of("bot-config"));
    Path file = dir.resolve("contacts.yaml");
    Files.writeString(file, Files.readString(file).replaceFirst("unit: 人社局", "unit: 人设局"));
    assertThatThrownBy(() -> load(dir))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageMatching("\\S+/contacts\\.yaml:\\d+:\\d+ contacts\\[0\\]\\.unit: 单位“人设局”.*");
  }
}
