package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The words a reporter may use for the state of a qualitative task, and the labels shown. */
class TaskProgressTest {
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "未启动, NOT_STARTED",
    "推进中, IN_PROGRESS",
    "已完成, DONE",
    "not_started, NOT_STARTED",
    "In_Progress, IN_PROGRESS",
    "done, DONE",
    "进行中, IN_PROGRESS",
    "在建, IN_PROGRESS",
    "推进, IN_PROGRESS",
    "实施中, IN_PROGRESS",
    "完成, DONE",
    "完工, DONE",
    "已完工, DONE",
    "已建成, DONE",
    "未开始, NOT_STARTED",
    "没启动, NOT_STARTED"
  })
  void everyAcceptedWordMeansItsState(String word, TaskProgress meant) {
    assertThat(TaskProgress.fromLabel(word)).hasValue(meant);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "快完成了", "已完成 ", "完成了", "DONE!"})
  void otherWordsMeanNothing(String word) {
    assertThat(TaskProgress.fromLabel(word)).isEmpty();
  }

  @Test
  void labelsAreTheChineseNames() {
    assertThat(TaskProgress.NOT_STARTED.label()).isEqualTo("未启动");
    assertThat(TaskProgress.IN_PROGRESS.label()).isEqualTo("推进中");
    assertThat(TaskProgress.DONE.label()).isEqualTo("已完成");
  }

  @Test
  void statusLabels() {
    assertThat(Status.values())
        .extracting(Status::label)
        .containsExactly("已完成", "超序时", "按序时", "慢序时", "未启动");
  }

  @Test
  void targetStateKeysAreEqualByTargetAndUnit() {
    TargetState.Key a = new TargetState.Key(1L, 2L);
    assertThat(a)
        .isEqualTo(new TargetState.Key(1L, 2L))
        .hasSameHashCodeAs(new TargetState.Key(1L, 2L));
    assertThat(a)
        .isNotEqualTo(new TargetState.Key(2L, 1L))
        .isNotEqualTo(new TargetState.Key(1L, null));
    assertThat(new TargetState.Key()).isEqualTo(new TargetState.Key(null, null));
  }
}
