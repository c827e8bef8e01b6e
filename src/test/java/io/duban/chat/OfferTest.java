package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OfferTest {
  @Test
  void encodeAndDecodeRoundTrip() {
    Offer o =
        new Offer(
            List.of(new Offer.Choice("1. 新增就业岗位", "上报 新增就业岗位 13000"), new Offer.Choice("确认", "确认")),
            List.of("新增就业岗位", "城镇登记失业率"));
    assertThat(Offer.decode(o.encode())).isEqualTo(o);
  }

  @Test
  void tabsAndLineBreaksInTypedTextCannotForgeALine() {
    Offer o = Offer.choices(List.of(new Offer.Choice("a\tb", "x\nF\tforged")));
    Offer back = Offer.decode(o.encode());
    assertThat(back.choices()).hasSize(1);
    assertThat(back.formTargets()).isEmpty();
    assertThat(back.choices().get(0).text()).isEqualTo("x F forged");
  }

  @Test
  void followUpsAreKeptAsSuch() {
    Offer o = Offer.followUps(List.of(new Offer.Choice("未报", "未报")));
    assertThat(Offer.decode(o.encode())).isEqualTo(o);
    assertThat(Offer.decode(o.encode()).followUps()).isTrue();
    assertThat(Offer.decode(Offer.choices(o.choices()).encode()).followUps()).isFalse();
  }

  @Test
  void nothingEncodesAsNullAndDecodesAsNone() {
    assertThat(Offer.NONE.encode()).isNull();
    assertThat(Offer.decode(null)).isEqualTo(Offer.NONE);
    assertThat(Offer.decode("garbage")).isEqualTo(Offer.NONE);
  }

  @Test
  void tooManyChoicesAreCut() {
    Offer o =
        Offer.choices(
            IntStream.range(0, 30).mapToObj(i -> new Offer.Choice("" + i, "" + i)).toList());
    assertThat(o.choices()).hasSize(Offer.MAX_CHOICES);
  }
}
