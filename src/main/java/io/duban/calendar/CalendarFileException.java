package io.duban.calendar;

import java.nio.file.Path;

/** Thrown when a calendar file cannot be used, with a one-line Chinese message for operators. */
public final class CalendarFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String place;
  private final String problem;

  /**
   * @param file the offending file
   * @param place where in the file, e.g. {@code holidays[3].from}; empty for the whole file
   * @param problem what is wrong, in Chinese
   */
  public CalendarFileException(Path file, String place, String problem) {
    this(file, place, problem, null);
  }

  public CalendarFileException(Path file, String place, String problem, Throwable cause) {
    super(format(file, place, problem), cause);
    this.file = file;
    this.place = place;
    this.problem = problem;
  }

  public Path file() {
    return file;
  }

  public String place() {
    return place;
  }

  public String problem() {
    return problem;
  }

  private static String format(Path file, String place, String problem) {
    String where = place.isEmpty() ? "" : " 的 " + place;
    // Operators read this in a log line or a chat message, so it must never span lines.
    return ("日历文件 " + file + where + " 有误：" + problem).replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
