package io.duban.planimport;

/**
 * The input is not a responsibility table this importer can read: a status and a Chinese reason.
 */
final class LayoutException extends RuntimeException {
  final int status;

  LayoutException(int status, String reasonZh) {
    super(reasonZh, null, false, false);
    this.status = status;
  }

  static LayoutException unreadable(String reasonZh) {
    return new LayoutException(400, reasonZh);
  }
}
