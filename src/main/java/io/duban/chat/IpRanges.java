package io.duban.chat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A bot's {@code allowed-ips}: addresses and CIDR ranges (IPv4 and IPv6) from which its callbacks
 * may come, written as "203.0.113.0/24, 198.51.100.7". Behind a reverse proxy the address checked
 * is the one Quarkus takes from a trusted proxy's X-Forwarded-For (quarkus.http.proxy.*).
 */
public final class IpRanges {
  private final List<byte[]> networks;
  private final List<Integer> prefixes;

  private IpRanges(List<byte[]> networks, List<Integer> prefixes) {
    this.networks = networks;
    this.prefixes = prefixes;
  }

  /** Parses a comma- or space-separated list; a bad entry is an IllegalArgumentException. */
  public static IpRanges parse(String text) {
    List<byte[]> networks = new ArrayList<>();
    List<Integer> prefixes = new ArrayList<>();
    for (String raw : text.split("[,\\s]+")) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int slash = entry.indexOf('/');
      String address = slash >= 0 ? entry.substring(0, slash) : entry;
      byte[] bytes = literal(address);
      if (bytes == null) {
        throw new IllegalArgumentException("不是 IP 地址：" + entry);
      }
      int prefix = bytes.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("掩码位数不对：" + entry);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
          throw new IllegalArgumentException("掩码位数不对：" + entry);
        }
      }
      networks.add(bytes);
      prefixes.add(prefix);
    }
    if (networks.isEmpty()) {
      throw new IllegalArgumentException("至少写一个地址或网段");
    }
    return new IpRanges(networks, prefixes);
  }

  /** Whether {@code address} (a literal IP; never a host name) lies in one of the ranges. */
  public boolean contains(String address) {
    byte[] a = address == null ? null : literal(address);
    if (a == null) {
      return false;
    }
    a = unmapped(a);
    for (int i = 0; i < networks.size(); i++) {
      byte[] n = unmapped(networks.get(i));
      int bits = prefixes.get(i) - (networks.get(i).length - n.length) * 8;
      if (n.length == a.length && matches(n, a, Math.max(0, bits))) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(byte[] network, byte[] address, int bits) {
    int full = bits / 8;
    for (int i = 0; i < full; i++) {
      if (network[i] != address[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (network[full] & mask) == (address[full] & mask);
  }

  /** ::ffff:a.b.c.d is the IPv4 address a.b.c.d. */
  private static byte[] unmapped(byte[] a) {
    if (a.length == 16) {
      for (int i = 0; i < 10; i++) {
        if (a[i] != 0) {
          return a;
        }
      }
      if ((a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF) {
        return new byte[] {a[12], a[13], a[14], a[15]};
      }
    }
    return a;
  }

  /** The bytes of an IP literal, without any name lookup; null when it is not one. */
  static byte[] literal(String s) {
    String t = s.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      return null;
    }
    if (v4) {
      for (String part : t.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    }
    try {
      return InetAddress.getByName(t).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
