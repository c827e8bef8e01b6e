package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InboundFileTest {
  @Test
  void filesRoundTripThroughTheInboxLinesAndTabsCannotForgeOne() {
    List<InboundFile> files =
        List.of(
            new InboundFile(InboundFile.Kind.IMAGE, null, "code-1"),
            new InboundFile(InboundFile.Kind.FILE, "台账\tFILE\tx.xlsx", "om_1/file_2?type=file"));
    List<InboundFile> back = InboundFile.decode(InboundFile.encode(files, 8000));
    assertThat(back).hasSize(2);
    assertThat(back.get(0)).isEqualTo(files.get(0));
    assertThat(back.get(1).name()).isEqualTo("台账 FILE x.xlsx");
    assertThat(back.get(1).ref()).isEqualTo("om_1/file_2?type=file");
  }

  @Test
  void aReferenceThatDoesNotFitIsDroppedNotCut() {
    List<InboundFile> files =
        List.of(
            new InboundFile(InboundFile.Kind.IMAGE, null, "a"),
            new InboundFile(InboundFile.Kind.IMAGE, null, "b".repeat(100)));
    assertThat(InboundFile.decode(InboundFile.encode(files, 50))).hasSize(1);
    assertThat(InboundFile.encode(List.of(), 50)).isNull();
  }

  @Test
  void inlineContentIsNeverPrinted() {
    InboundFile f = InboundFile.inline("a.png", "image/png", new byte[] {1, 2, 3});
    assertThat(f.toString()).doesNotContain("base64");
    assertThat(f.content())
        .get()
        .extracting(InboundFile.Inline::contentType)
        .isEqualTo("image/png");
  }
}
