package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.config.ConfigFileException;
import io.duban.config.YamlNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tracking-from: YYYY-MM} in the plan file: read as its month's first day, else refused. */
class TrackingFromFileTest {
  static String real;

  @BeforeAll
  static void read() throws IOException {
    real = Files.readString(Path.of("bot-config/plan.yaml"), StandardCharsets.UTF_8);
  }

  static PlanSpec parse(String text) {
    return PlanFile.parse(YamlNode.parse(new StringReader(text), "bot-config/plan.yaml"));
  }

  static String with(String trackingFrom) {
    String out =
        real.replaceFirst("\nunits:\n", "\ntracking-from: " + trackingFrom + "\n\nunits:\n");
    assertThat(out).isNotEqualTo(real);
    return out;
  }

  @Test
  void absentMeansFromThePlansFirstPeriodAndAMonthIsReadAsItsFirstDay() {
    assertThat(parse(real).trackingFrom()).isNull();
    assertThat(parse(with("2018-06")).trackingFrom()).isEqualTo(LocalDate.of(2018, 6, 1));
    assertThat(parse(with("\"2018-01\"")).trackingFrom()).isEqualTo(LocalDate.of(2018, 1, 1));
    assertThat(parse(with("2018-12")).trackingFrom()).isEqualTo(LocalDate.of(2018, 12, 1));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2018-6| 应写成 YYYY-MM",
        "2018-13| 应写成 YYYY-MM",
        "2018-06-01| 应写成 YYYY-MM",
        "六月| 应写成 YYYY-MM",
        "2017-12| 不在计划期 2018-01-01 至 2018-12-31 内",
        "2019-01| 不在计划期 2018-01-01 至 2018-12-31 内",
      })
  void aBadValueIsOneLineNamingTheFileThePlaceAndTheField(String value, String problem) {
    try {
      parse(with(value));
    } catch (ConfigFileException e) {
      assertThat(e.getMessage())
          .matches("bot-config/plan\\.yaml:\\d+:\\d+ .*")
          .contains("tracking-from")
          .contains(problem.trim())
          .doesNotContain("\n");
      return;
    }
    throw new AssertionError("expected a ConfigFileException for " + value);
  }
}
