package io.duban.command.commands;

import io.duban.command.CommandSpec;
import io.duban.command.VocabularyService;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every command of the catalogue (its word alone and its example), sent by a reporter, a leader, an
 * admin and a stranger on the 2018 plan: no reply and no page after it over 12 lines or 500
 * characters.
 */
@QuarkusTest
class ReplyLengthTest {
  static final List<String> SENDERS =
      List.of("dt-rsj-01", "dt-leader-01", "dt-admin-01", "dt-stranger");

  @Inject VocabularyService vocabulary;
  @Inject TestData data;

  @AfterEach
  void clean() {
    data.resetReports();
  }

  /** Every word and example of the catalogue by every sender, with their pages. */
  static void everyCommandBy(List<String> senders, List<CommandSpec> specs) {
    everyCommandBy(senders, specs, List.of());
  }

  /** The same, leaving out the commands named in {@code skipped}. */
  static void everyCommandBy(List<String> senders, List<CommandSpec> specs, List<String> skipped) {
    for (String sender : senders) {
      for (CommandSpec spec : specs) {
        if (skipped.contains(spec.name())) {
          continue;
        }
        LeaderRepliesTest.sayAll(sender, spec.name());
        LeaderRepliesTest.sayAll(sender, spec.example());
      }
    }
  }

  @Test
  void noReplyOfAnyCommandIsLongerThanAPhoneScreen() {
    List<CommandSpec> specs =
        QuarkusTransaction.requiringNew().call(() -> vocabulary.catalog().all());
    everyCommandBy(SENDERS, specs);
    // once more with figures, items and notes recorded (longer lines, fewer 0%)
    LeaderRepliesTest.sayAll("dt-rsj-01", "上报 新增就业岗位 1.2万");
    LeaderRepliesTest.sayAll("dt-cgj-01", "完成 小庙转运站");
    LeaderRepliesTest.sayAll("dt-jyj-01", "完成 横林中心幼儿园");
    everyCommandBy(SENDERS, specs);
  }
}
