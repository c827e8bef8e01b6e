package io.duban.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileTypesTest {
  static byte[] bytes(int... b) {
    byte[] out = new byte[Math.max(b.length, 16)];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void picturesAreKnownByTheirFirstBytes() {
    assertThat(FileTypes.recognise(bytes(0xFF, 0xD8, 0xFF, 0xE0), "a.png"))
        .get()
        .isEqualTo(new FileTypes.Type("image/jpeg", true));
    assertThat(FileTypes.recognise(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A), null))
        .get()
        .extracting(FileTypes.Type::contentType)
        .isEqualTo("image/png");
    assertThat(
            FileTypes.recognise("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), null))
        .get()
        .extracting(FileTypes.Type::contentType)
        .isEqualTo("image/webp");
  }

  @Test
  void officeZipsNeedTheirExtensionAndOtherZipsAreRefused() {
    byte[] zip = bytes('P', 'K', 3, 4);
    assertThat(FileTypes.recognise(zip, "台账.XLSX"))
        .get()
        .extracting(FileTypes.Type::image)
        .isEqualTo(false);
    assertThat(FileTypes.recognise(zip, "payload.zip")).isEmpty();
    assertThat(FileTypes.recognise(zip, null)).isEmpty();
  }

  @Test
  void pagesScriptsAndEmptyFilesAreRefusedWhateverTheyAreCalled() {
    assertThat(
            FileTypes.recognise("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8), "x.png"))
        .isEmpty();
    assertThat(FileTypes.recognise(new byte[0], "x.pdf")).isEmpty();
    assertThat(FileTypes.recognise("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), "x.exe"))
        .get()
        .extracting(FileTypes.Type::contentType)
        .isEqualTo("application/pdf");
  }
}
