package io.duban.calendar;

import java.nio.file.Path;

/** The calendar built from this project's own bot-config/calendar files, shared by the tests. */
final class RealCalendar {

  static final Path DIR = Path.of("bot-config", "calendar");

  static final WorkCalendar CALENDAR = CalendarFiles.loadCalendar(DIR);

  private RealCalendar() {}
}
