package io.duban.command.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ReplyPager: phone-sized pages, cut at line breaks, nothing lost. */
class ReplyPagerTest {

  static void assertPhoneSized(String page) {
    assertThat(page.length()).as(page).isLessThanOrEqualTo(ReplyPager.MAX_CHARS);
    assertThat(page.split("\n", -1)).as(page).hasSizeLessThanOrEqualTo(ReplyPager.MAX_LINES);
  }

  /** The pages without their footers, joined again. */
  static String rejoin(List<String> pages) {
    List<String> lines = new ArrayList<>();
    for (String page : pages) {
      for (String line : page.split("\n", -1)) {
        if (!line.startsWith("回复“更多”查看其余")) {
          lines.add(line);
        }
      }
    }
    return String.join("\n", lines);
  }

  @Test
  void aShortReplyIsOnePage() {
    assertThat(ReplyPager.pages("一行\n两行")).containsExactly("一行\n两行");
  }

  @Test
  void aLongListIsCutAtLineBreaksAndEveryPageButTheLastSaysHowManyAreLeft() {
    StringBuilder sb = new StringBuilder("标题：");
    for (int i = 1; i <= 40; i++) {
      sb.append("\n").append(i).append(". 某某单位第").append(i).append("项 0.0%，差序时 46.8 个百分点");
    }
    List<String> pages = ReplyPager.pages(sb.toString());
    assertThat(pages).hasSizeGreaterThan(3);
    pages.forEach(ReplyPagerTest::assertPhoneSized);
    assertThat(pages.get(0)).endsWith("回复“更多”查看其余 30 项").startsWith("标题：\n1. ");
    assertThat(pages.get(pages.size() - 1))
        .doesNotContain("更多")
        .endsWith("第40项 0.0%，差序时 46.8 个百分点");
    assertThat(rejoin(pages)).isEqualTo(sb.toString());
  }

  @Test
  void aLineLongerThanAPageIsCutAfterAPunctuationMark() {
    String line = "未报：" + "某单位、".repeat(300);
    List<String> pages = ReplyPager.pages(line);
    pages.forEach(ReplyPagerTest::assertPhoneSized);
    assertThat(rejoin(pages).replace("\n", "")).isEqualTo(line);
    assertThat(pages.get(0).split("\n")[0]).endsWith("、");
  }
}
