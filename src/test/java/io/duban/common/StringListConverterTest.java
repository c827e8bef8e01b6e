package io.duban.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A short list of names stored as one newline-separated column. */
class StringListConverterTest {
  final StringListConverter converter = new StringListConverter();

  @Test
  void aListIsJoinedByNewlines() {
    assertThat(converter.convertToDatabaseColumn(List.of("人社局", "人力资源和社会保障局")))
        .isEqualTo("人社局\n人力资源和社会保障局");
  }

  @Test
  void anEmptyOrMissingListIsNull() {
    assertThat(converter.convertToDatabaseColumn(List.of())).isNull();
    assertThat(converter.convertToDatabaseColumn(null)).isNull();
  }

  @Test
  void aColumnIsSplitSkippingEmptyLines() {
    assertThat(converter.convertToEntityAttribute("a\n\nb\n")).containsExactly("a", "b");
    assertThat(converter.convertToEntityAttribute("单个")).containsExactly("单个");
  }

  @Test
  void aNullOrEmptyColumnIsAnEmptyModifiableList() {
    List<String> none = converter.convertToEntityAttribute(null);
    assertThat(none).isInstanceOf(ArrayList.class);
    assertThat(none).isEmpty();
    assertThat(converter.convertToEntityAttribute("")).isEmpty();
    none.add("x");
    assertThat(none).containsExactly("x");
  }

  @Test
  void aRoundTripKeepsTheNames() {
    List<String> roles = List.of("ADMIN", "LEADER");
    assertThat(converter.convertToEntityAttribute(converter.convertToDatabaseColumn(roles)))
        .isEqualTo(roles);
  }
}
