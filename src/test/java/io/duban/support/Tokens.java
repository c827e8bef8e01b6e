package io.duban.support;

/** The tokens of the test profile (application.properties, %test). */
public final class Tokens {
  public static final String ADMIN = "test-admin-token-0123456789";
  public static final String READ = "test-read-token-0123456789";

  private Tokens() {}
}
