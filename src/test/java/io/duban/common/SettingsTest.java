package io.duban.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.support.MutableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Named settings in app_setting, read and written inside the caller's transaction. */
@QuarkusTest
class SettingsTest {
  static final String NAME = "settings-test.value";

  @Inject Settings settings;
  @Inject MutableClock wall;

  @AfterEach
  void tearDown() {
    wall.set(MutableClock.START);
    QuarkusTransaction.requiringNew().run(() -> settings.remove(NAME));
  }

  Instant updatedAt() {
    return QuarkusTransaction.requiringNew()
        .call(() -> AppSetting.<AppSetting>findById(NAME).updatedAt);
  }

  @Test
  void aMissingSettingIsEmpty() {
    assertThat(QuarkusTransaction.requiringNew().call(() -> settings.get(NAME))).isEmpty();
  }

  @Test
  void putStoresAndUpdatesWithTheTimeOfTheChange() {
    QuarkusTransaction.requiringNew().run(() -> settings.put(NAME, "一"));
    assertThat(QuarkusTransaction.requiringNew().call(() -> settings.get(NAME))).hasValue("一");
    assertThat(updatedAt()).isEqualTo(MutableClock.START);

    wall.advance(Duration.ofHours(1));
    QuarkusTransaction.requiringNew().run(() -> settings.put(NAME, "一"));
    assertThat(updatedAt()).as("the same value again is no change").isEqualTo(MutableClock.START);

    wall.advance(Duration.ofHours(1));
    QuarkusTransaction.requiringNew().run(() -> settings.put(NAME, "二"));
    assertThat(QuarkusTransaction.requiringNew().call(() -> settings.get(NAME))).hasValue("二");
    assertThat(updatedAt()).isEqualTo(MutableClock.START.plus(Duration.ofHours(2)));
  }

  @Test
  void removeForgetsTheSetting() {
    QuarkusTransaction.requiringNew().run(() -> settings.put(NAME, "x"));
    QuarkusTransaction.requiringNew().run(() -> settings.remove(NAME));
    assertThat(QuarkusTransaction.requiringNew().call(() -> settings.get(NAME))).isEmpty();
  }

  @Test
  void everyCallNeedsTheCallersTransaction() {
    assertThatThrownBy(() -> settings.get(NAME)).isInstanceOf(TransactionalException.class);
    assertThatThrownBy(() -> settings.put(NAME, "x")).isInstanceOf(TransactionalException.class);
  }
}
