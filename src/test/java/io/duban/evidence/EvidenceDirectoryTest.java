package io.duban.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 佐证材料 kept in a configured directory instead of the database: the file is named by its hash, the
 * row keeps no bytes, the download reads the file and refuses one that no longer matches its hash.
 */
@QuarkusTest
@TestProfile(EvidenceDirectoryTest.InDirectory.class)
class EvidenceDirectoryTest {
  static final Path DIR = Path.of("target", "attachments-test").toAbsolutePath();

  /** Attachments under {@link #DIR}. */
  public static class InDirectory implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("duban.attachments.directory", DIR.toString());
    }
  }

  @Inject TestData data;
  @Inject io.duban.support.MutableClock wall;

  @BeforeEach
  void clean() throws IOException {
    if (Files.exists(DIR)) {
      try (var walk = Files.walk(DIR)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    wall.set(io.duban.support.MutableClock.START);
    data.resetReports();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Attachment.deleteAll();
              AttachmentBlob.deleteAll();
            });
  }

  @Test
  void theBytesAreAFileNamedByTheirHashAndServedFromIt() throws IOException {
    byte[] png = EvidenceTest.png(7);
    String reply = EvidenceTest.send("dt-rsj-01", "上报 新增就业岗位 1.2万", "现场.png", "image/png", png);
    assertThat(reply).contains("已附 1 张图片");
    String hash = Evidence.sha256(png);
    Path file = BlobStore.file(DIR, hash);
    assertThat(file).exists().hasBinaryContent(png);
    byte[] inRow =
        QuarkusTransaction.requiringNew()
            .call(() -> AttachmentBlob.<AttachmentBlob>findById(hash).content);
    assertThat(inRow).isNull();

    String url = "/api/targets/jobs-new/reports/" + EvidenceTest.lastReportId() + "/attachments/1";
    byte[] served =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get(url)
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertThat(served).isEqualTo(png);

    // a file changed on disk is not served as the evidence it no longer is
    Files.write(file, EvidenceTest.png(8));
    String why =
        given()
            .header("Authorization", "Bearer " + Tokens.READ)
            .get(url)
            .then()
            .statusCode(404)
            .extract()
            .jsonPath()
            .getString("error");
    assertThat(why).contains("已不在存储中");
    assertThat(Files.list(file.getParent()).filter(p -> p.toString().endsWith(".part"))).isEmpty();
  }
}
