package io.duban.imports;

import static io.duban.imports.Sheets.plain;
import static io.duban.imports.Sheets.post;
import static io.duban.imports.Sheets.reports;
import static io.duban.support.Chat.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.boot.ConfigLoader;
import io.duban.report.Report;
import io.duban.report.ReviewState;
import io.duban.support.MutableClock;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With {@code review: true} an imported figure waits for 审核 like a chat report. */
@QuarkusTest
class ImportReviewTest {
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject ConfigLoader loader;

  @BeforeEach
  void setUp() throws IOException {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    Path dir = TestData.copyConfig(Path.of("bot-config"));
    Path plan = dir.resolve("plan.yaml");
    String text = Files.readString(plan, StandardCharsets.UTF_8);
    Files.writeString(
        plan,
        text.replaceFirst("\nunits:\n", "\nreview: true\n\nunits:\n"),
        StandardCharsets.UTF_8);
    QuarkusTransaction.requiringNew().run(() -> loader.loadFrom(dir, n -> null));
  }

  @AfterEach
  void tearDown() {
    data.reloadRealConfig();
    data.resetReports();
    data.resetOutbox();
  }

  @Test
  void anImportedFigureIsPendingReviewAndCountsOnlyOncePassed() throws IOException {
    byte[] file = plain(List.of("目标", "单位", "累计数"), new Object[] {"城镇就业", "人社局", 9000.0});
    JsonPath preview = post("r.xlsx", file, "").statusCode(200).extract().jsonPath();
    List<Map<String, Object>> rows = preview.getList("rows");
    assertThat((String) rows.get(0).get("reason")).contains("待督查室审核");
    JsonPath applied = post("r.xlsx", file, "?apply=true").statusCode(200).extract().jsonPath();
    assertThat(applied.getInt("counts.recorded")).isEqualTo(1);
    List<Report> written = reports();
    assertThat(written).hasSize(1);
    assertThat(written.get(0).review).isEqualTo(ReviewState.PENDING);
    assertThat(say("dt-admin-01", "审核")).contains("城镇就业");
    assertThat(say("dt-leader-01", "进度 城镇就业")).contains("待审核");
    JsonPath again = post("r.xlsx", file, "?apply=true").statusCode(200).extract().jsonPath();
    assertThat(again.getInt("counts.unchanged")).isEqualTo(1);
  }
}
