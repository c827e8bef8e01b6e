package io.duban.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.calendar.CalendarFiles;
import io.duban.calendar.WorkCalendar;
import io.duban.config.YamlNode;
import io.duban.plan.PlanFile;
import io.duban.plan.PlanSpec;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The notice for a plan loaded after its first deadline without tracking-from. */
class TrackingFromNoticeTest {
  static final WorkCalendar CAL = CalendarFiles.loadCalendar(Path.of("bot-config/calendar"));

  static PlanSpec plan(boolean withTrackingFrom) throws IOException {
    String text = Files.readString(Path.of("bot-config/plan.yaml"), StandardCharsets.UTF_8);
    if (withTrackingFrom) {
      text = text.replaceFirst("\nunits:\n", "\ntracking-from: 2018-06\n\nunits:\n");
    }
    return PlanFile.parse(YamlNode.parse(new StringReader(text), "bot-config/plan.yaml"));
  }

  @Test
  void afterTheFirstDeadlineWithoutTheOptionTheFileAndTheOptionAreNamed() throws IOException {
    String notice =
        TrackingFromNotice.of("bot-config/plan.yaml", plan(false), CAL, LocalDate.of(2018, 6, 20))
            .orElseThrow();
    assertThat(notice)
        .contains("bot-config/plan.yaml")
        .contains("tracking-from")
        .contains("2018年1月")
        .contains("tracking-from: 2018-06");
  }

  @Test
  void noNoticeUpToTheFirstDeadlineOrWhenTheOptionIsSet() throws IOException {
    // 2018-01-25 is the first deadline (a Thursday)
    assertThat(TrackingFromNotice.of("p", plan(false), CAL, LocalDate.of(2018, 1, 25))).isEmpty();
    assertThat(TrackingFromNotice.of("p", plan(false), CAL, LocalDate.of(2017, 12, 1))).isEmpty();
    assertThat(TrackingFromNotice.of("p", plan(true), CAL, LocalDate.of(2018, 6, 20))).isEmpty();
    assertThat(TrackingFromNotice.of("p", plan(false), CAL, LocalDate.of(2018, 1, 26))).isPresent();
  }
}
