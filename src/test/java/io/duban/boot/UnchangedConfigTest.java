package io.duban.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.audit.AuditEvent;
import io.duban.chat.Platform;
import io.duban.common.Settings;
import io.duban.config.ConfigFingerprint;
import io.duban.contact.Contact;
import io.duban.contact.ContactService;
import io.duban.progress.PlanStructure;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Start-up skips re-syncing the configuration folder when its files and the application are those
 * of the last full load; any changed file, or an edit through the contacts API, loads it again.
 */
@QuarkusTest
class UnchangedConfigTest {
  @Inject ConfigLoader loader;
  @Inject TestData data;
  @Inject Settings settings;
  @Inject ContactService contacts;

  @AfterEach
  void restore() {
    data.reloadRealConfig();
  }

  ConfigLoader.Summary start(Path dir) {
    return QuarkusTransaction.requiringNew().call(() -> loader.loadAll(dir, n -> null));
  }

  String setting(String name) {
    return QuarkusTransaction.requiringNew().call(() -> settings.get(name).orElse(""));
  }

  long audits() {
    return QuarkusTransaction.requiringNew().call(() -> AuditEvent.count());
  }

  @Test
  void aRestartWithTheSameFilesWritesNothingAndKeepsTheGeneration() {
    Path dir = Path.of("bot-config");
    start(dir);
    String generation = setting(PlanStructure.GENERATION);
    String fingerprint = setting(ConfigFingerprint.KEY);
    long audits = audits();
    Map<String, Long> rows = data.rowCounts();

    ConfigLoader.Summary again = start(dir);

    assertThat(fingerprint).hasSize(64);
    assertThat(setting(ConfigFingerprint.KEY)).isEqualTo(fingerprint);
    assertThat(setting(PlanStructure.GENERATION)).as("not a new generation").isEqualTo(generation);
    assertThat(audits()).isEqualTo(audits);
    assertThat(data.rowCounts()).isEqualTo(rows);
    assertThat(again.plan().changedAnything()).isFalse();
    // bots.yaml is still read (its secrets come from the environment): the bots without them
    assertThat(again.bots()).isEqualTo(7);
    assertThat(again.warnings()).anyMatch(w -> w.contains("dingtalk-group"));
  }

  @Test
  void aChangedFileIsLoadedAgain() throws Exception {
    Path dir = TestData.copyConfig(Path.of("bot-config"));
    start(dir);
    start(dir);
    String generation = setting(PlanStructure.GENERATION);

    Files.writeString(
        dir.resolve("reminders.yaml"),
        "\n# edited\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    start(dir);
    String changed = setting(PlanStructure.GENERATION);
    assertThat(changed).as("a changed file is a new generation").isNotEqualTo(generation);

    start(dir);
    assertThat(setting(PlanStructure.GENERATION)).isEqualTo(changed);
  }

  @Test
  void anIdRemovedThroughTheContactsApiComesBackFromTheFileAtTheNextStart() {
    Path dir = Path.of("bot-config");
    start(dir);
    String generation = setting(PlanStructure.GENERATION);
    QuarkusTransaction.requiringNew()
        .run(
            () -> contacts.removeIds(Contact.findByCode("rsj-01"), Platform.DINGTALK, null, "API"));
    assertThat(setting(ConfigFingerprint.KEY)).isEqualTo(ConfigFingerprint.NONE);
    assertThat(dingtalkIds()).isZero();

    start(dir);

    assertThat(setting(PlanStructure.GENERATION)).isNotEqualTo(generation);
    assertThat(dingtalkIds()).as("contacts.yaml applied again").isEqualTo(1);
  }

  long dingtalkIds() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Contact.findByCode("rsj-01").identities.stream()
                    .filter(i -> i.platform.equals(Platform.DINGTALK.key()))
                    .count());
  }

  @Test
  void theFingerprintCoversEveryFileAndTheBuild() throws Exception {
    Path dir = TestData.copyConfig(Path.of("bot-config"));
    String before = ConfigFingerprint.of(dir, "1.0", "");
    assertThat(ConfigFingerprint.of(dir, "1.0", "")).isEqualTo(before);
    assertThat(ConfigFingerprint.of(dir, "1.1", "")).isNotEqualTo(before);
    assertThat(ConfigFingerprint.of(dir, "1.0", "plan.year=2019")).isNotEqualTo(before);
    Path calendar = dir.resolve("calendar/2018.yaml");
    Files.writeString(calendar, Files.readString(calendar) + "\n");
    assertThat(ConfigFingerprint.of(dir, "1.0", "")).isNotEqualTo(before);
  }
}
