package io.duban.contact;

/** How mobile numbers are shown where more people than their owner may read them. */
public final class Mobiles {
  private Mobiles() {}

  /** 138****0001: an 11-digit mobile with its middle four digits hidden. */
  public static String mask(String mobile) {
    if (mobile == null) {
      return "";
    }
    return mobile.length() == 11 ? mobile.substring(0, 3) + "****" + mobile.substring(7) : "****";
  }
}
