package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** allowed-ips: addresses and CIDR ranges, IPv4 and IPv6, never a name lookup. */
class IpRangesTest {
  @Test
  void addressesAndRanges() {
    IpRanges r = IpRanges.parse("203.0.113.0/24, 198.51.100.7 2001:db8::/32");
    assertThat(r.contains("203.0.113.200")).isTrue();
    assertThat(r.contains("203.0.114.1")).isFalse();
    assertThat(r.contains("198.51.100.7")).isTrue();
    assertThat(r.contains("198.51.100.8")).isFalse();
    assertThat(r.contains("2001:db8:1::5")).isTrue();
    assertThat(r.contains("2001:db9::5")).isFalse();
    assertThat(r.contains("::ffff:203.0.113.9")).isTrue();
    assertThat(r.contains("localhost")).isFalse();
    assertThat(r.contains(null)).isFalse();
    assertThat(IpRanges.parse("10.0.0.0/9").contains("10.127.255.255")).isTrue();
    assertThat(IpRanges.parse("10.0.0.0/9").contains("10.128.0.0")).isFalse();
    assertThat(IpRanges.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
  }

  @Test
  void badEntriesAreRefused() {
    for (String bad : new String[] {"", "example.com", "10.0.0.0/33", "300.1.1.1", "10.0.0.0/x"}) {
      assertThatThrownBy(() -> IpRanges.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
