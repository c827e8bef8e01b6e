package io.duban.calendar;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Loads and strictly validates the {@code <year>.yaml} holiday files of a calendar folder. */
public final class CalendarFiles {

  private static final Pattern YEAR_FILE = Pattern.compile("(\\d{4})\\.yaml");

  private static final Pattern YAML_MARK = Pattern.compile("line (\\d+), column (\\d+)");

  // The longest break so far is the 9-day Spring Festival of 2026; anything much longer is a typo.
  static final int MAX_HOLIDAY_DAYS = 15;

  private static final String[] WEEKDAYS = {"一", "二", "三", "四", "五", "六", "日"};

  private static final ObjectMapper MAPPER = newMapper();

  private CalendarFiles() {}

  /**
   * Reads every {@code <year>.yaml} in {@code dir}, ordered by year; a missing folder gives an
   * empty list so that the bot still runs on a Monday-to-Friday calendar.
   *
   * @throws CalendarFileException when any file is malformed, misnamed or contradicts another
   */
  public static List<CalendarYear> load(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    if (!Files.isDirectory(dir)) {
      throw new CalendarFileException(dir, "", "这不是文件夹，日历配置应为放 <年份>.yaml 文件的文件夹");
    }
    TreeMap<Integer, Path> files = new TreeMap<>();
    for (Path file : list(dir)) {
      String name = file.getFileName().toString();
      String lower = name.toLowerCase(Locale.ROOT);
      if (name.startsWith(".") || !(lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
        continue;
      }
      Matcher m = YEAR_FILE.matcher(name);
      if (!m.matches()) {
        // A misnamed file would otherwise be skipped silently and its year treated as unknown.
        throw new CalendarFileException(file, "", "文件名应为四位年份加 .yaml，例如 2026.yaml");
      }
      files.put(Integer.parseInt(m.group(1)), file);
    }
    List<Parsed> parsed = new ArrayList<>();
    for (Path file : files.values()) {
      parsed.add(parse(file));
    }
    checkAcrossFiles(parsed);
    return parsed.stream().map(p -> p.year).collect(Collectors.toUnmodifiableList());
  }

  /** Loads {@code dir} as by {@link #load(Path)} and builds the calendar from it. */
  public static WorkCalendar loadCalendar(Path dir) {
    return WorkCalendar.of(load(dir));
  }

  /**
   * Reads and validates one calendar file, whose name must be {@code <year>.yaml}.
   *
   * @throws CalendarFileException when the file is malformed
   */
  public static CalendarYear loadFile(Path file) {
    Matcher m = YEAR_FILE.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new CalendarFileException(file, "", "文件名应为四位年份加 .yaml，例如 2026.yaml");
    }
    return parse(file).year;
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new CalendarFileException(dir, "", "无法读取文件夹：" + e.getMessage(), e);
    }
  }

  // ---- parsing -------------------------------------------------------------------------------

  record FileDto(
      Integer year, String source, List<HolidayDto> holidays, List<WorkdayDto> workdays) {}

  record HolidayDto(String name, LocalDate from, LocalDate to) {}

  record WorkdayDto(String name, LocalDate date) {}

  /** A validated file plus where each date came from, for messages about clashes between files. */
  private record Parsed(Path file, CalendarYear year, Map<LocalDate, String> places) {}

  private static ObjectMapper newMapper() {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    mapper.registerModule(new JavaTimeModule());
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // Non-lenient dates: only YYYY-MM-DD strings, never epoch-day numbers or 2018-02-30.
    mapper.configOverride(LocalDate.class).setFormat(JsonFormat.Value.forLeniency(false));
    return mapper;
  }

  private static Parsed parse(Path file) {
    int expectedYear = Integer.parseInt(stripExtension(file.getFileName().toString()));
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CalendarFileException(file, "", "无法读取文件（需为 UTF-8 编码）：" + e.getMessage(), e);
    }
    FileDto dto;
    try (JsonParser parser = MAPPER.createParser(text)) {
      if (parser.nextToken() == null) {
        throw new CalendarFileException(file, "", "文件是空的；尚未公布安排的年份不要建文件");
      }
      dto = MAPPER.readValue(parser, FileDto.class);
      if (parser.nextToken() != null) {
        throw new CalendarFileException(file, "", "文件里只能有一个 YAML 文档");
      }
    } catch (JsonProcessingException e) {
      throw translate(file, e);
    } catch (IOException e) {
      throw new CalendarFileException(file, "", "无法读取文件：" + e.getMessage(), e);
    }
    return validate(file, expectedYear, dto);
  }

  private static CalendarFileException translate(Path file, JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      String known =
          u.getKnownPropertyIds().stream()
              .map(Object::toString)
              .sorted()
              .collect(Collectors.joining("、"));
      return new CalendarFileException(
          file, place(u), "不认识的字段 “" + u.getPropertyName() + "”，这里只能写 " + known, e);
    }
    if (e instanceof InvalidFormatException f) {
      String expected = typeName(f.getTargetType());
      return new CalendarFileException(
          file, place(f), "“" + f.getValue() + "” 不是有效的" + expected, e);
    }
    if (e instanceof MismatchedInputException m) {
      String where = place(m);
      String problem = "这里应为" + typeName(m.getTargetType());
      return new CalendarFileException(file, where, problem, e);
    }
    String where = "";
    JsonProcessingException syntax = e;
    if (e instanceof JsonMappingException m) {
      // Databind wraps some parser errors; report them as the syntax errors they are.
      if (!(m.getCause() instanceof JsonProcessingException cause)
          || cause instanceof JsonMappingException) {
        return new CalendarFileException(file, place(m), "无法解析：" + reason(m), e);
      }
      where = place(m);
      syntax = cause;
    } else if (e.getProcessor() instanceof JsonParser p) {
      where = place(p.getParsingContext());
    }
    String message = syntax.getOriginalMessage();
    String problem;
    if (message != null && message.startsWith("Duplicate field")) {
      problem = "同一个键重复出现" + at(syntax.getLocation());
    } else {
      problem = "YAML 格式错误" + yamlMark(syntax) + "：" + reason(syntax);
    }
    return new CalendarFileException(file, where, problem, e);
  }

  private static Parsed validate(Path file, int expectedYear, FileDto dto) {
    checkHeader(file, expectedYear, dto);
    int year = dto.year();
    LocalDate first = CalendarYear.firstAllowedDate(year);
    LocalDate last = CalendarYear.lastAllowedDate(year);
    Listed listed = new Listed();
    for (int i = 0; i < dto.holidays().size(); i++) {
      addHoliday(file, "holidays[" + i + "]", dto.holidays().get(i), first, last, listed);
    }
    List<WorkdayDto> workdayDtos = dto.workdays() == null ? List.of() : dto.workdays();
    for (int i = 0; i < workdayDtos.size(); i++) {
      addWorkday(file, "workdays[" + i + "]", workdayDtos.get(i), first, last, listed);
    }
    CalendarYear calendarYear =
        new CalendarYear(year, dto.source().strip(), listed.holidays(), listed.workdays());
    return new Parsed(file, calendarYear, listed.places());
  }

  /**
   * The days one file has listed so far: holiday and workday names by date, where in the file each
   * date is listed, and which holiday entry lists each holiday date.
   */
  private record Listed(
      Map<LocalDate, String> holidays,
      Map<LocalDate, String> workdays,
      Map<LocalDate, String> places,
      Map<LocalDate, String> holidayEntry) {
    Listed() {
      this(new TreeMap<>(), new TreeMap<>(), new HashMap<>(), new HashMap<>());
    }
  }

  /** The year matches the file name, and the source and at least one holiday are given. */
  private static void checkHeader(Path file, int expectedYear, FileDto dto) {
    if (dto.year() == null) {
      throw new CalendarFileException(file, "year", "缺少年份");
    }
    int year = dto.year();
    if (year != expectedYear) {
      throw new CalendarFileException(
          file, "year", "写的是 " + year + "，与文件名中的 " + expectedYear + " 不一致");
    }
    if (dto.source() == null || dto.source().isBlank()) {
      throw new CalendarFileException(file, "source", "缺少来源通知的名称");
    }
    if (dto.holidays() == null || dto.holidays().isEmpty()) {
      // An empty file would claim the year is known; years not yet announced must have no file.
      throw new CalendarFileException(file, "holidays", "至少要列出一项放假日；尚未公布安排的年份不要建文件");
    }
  }

  private static void addHoliday(
      Path file, String at, HolidayDto h, LocalDate first, LocalDate last, Listed listed) {
    if (h == null) {
      throw new CalendarFileException(file, at, "这一项是空的");
    }
    requireName(file, at, h.name());
    requireDate(file, at + ".from", h.from(), first, last, "首日");
    requireDate(file, at + ".to", h.to(), first, last, "末日");
    if (h.to().isBefore(h.from())) {
      throw new CalendarFileException(file, at + ".to", "末日 " + h.to() + " 早于首日 " + h.from());
    }
    long days = ChronoUnit.DAYS.between(h.from(), h.to()) + 1;
    if (days > MAX_HOLIDAY_DAYS) {
      throw new CalendarFileException(
          file, at + ".to", "假期长达 " + days + " 天，超过 " + MAX_HOLIDAY_DAYS + " 天，请核对日期");
    }
    for (LocalDate d = h.from(); !d.isAfter(h.to()); d = d.plusDays(1)) {
      String earlier = listed.holidayEntry().putIfAbsent(d, at);
      if (earlier != null) {
        throw new CalendarFileException(
            file, at, "与 " + earlier + "（" + listed.holidays().get(d) + "）重叠：" + d + " 重复列出");
      }
      listed.holidays().put(d, h.name().strip());
      listed.places().put(d, at);
    }
  }

  private static void addWorkday(
      Path file, String at, WorkdayDto w, LocalDate first, LocalDate last, Listed listed) {
    if (w == null) {
      throw new CalendarFileException(file, at, "这一项是空的");
    }
    requireName(file, at, w.name());
    requireDate(file, at + ".date", w.date(), first, last, "日期");
    LocalDate d = w.date();
    if (listed.holidays().containsKey(d)) {
      throw new CalendarFileException(
          file,
          at + ".date",
          d
              + " 同时列在 "
              + listed.holidayEntry().get(d)
              + "（"
              + listed.holidays().get(d)
              + "）中，一天不能既放假又上班");
    }
    if (listed.workdays().containsKey(d)) {
      throw new CalendarFileException(
          file, at + ".date", d + " 与 " + listed.places().get(d) + " 重复");
    }
    DayOfWeek dow = d.getDayOfWeek();
    if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
      throw new CalendarFileException(file, at + ".date", d + " 是" + weekday(d) + "，调休上班日应为周六或周日");
    }
    listed.workdays().put(d, w.name().strip());
    listed.places().put(d, at);
  }

  private static void checkAcrossFiles(Collection<Parsed> files) {
    Map<LocalDate, Parsed> owner = new HashMap<>();
    for (Parsed p : files) {
      for (LocalDate d : p.places.keySet()) {
        Parsed other = owner.putIfAbsent(d, p);
        if (other != null) {
          throw new CalendarFileException(
              p.file,
              p.places.get(d),
              d
                  + " 已在 "
                  + other.file.getFileName()
                  + " 的 "
                  + other.places.get(d)
                  + " 中列出，同一天只能由一个文件规定");
        }
      }
    }
  }

  private static void requireName(Path file, String at, String name) {
    if (name == null || name.isBlank()) {
      throw new CalendarFileException(file, at + ".name", "缺少节日名称");
    }
  }

  private static void requireDate(
      Path file, String at, LocalDate date, LocalDate first, LocalDate last, String what) {
    if (date == null) {
      throw new CalendarFileException(file, at, "缺少" + what);
    }
    if (date.isBefore(first) || date.isAfter(last)) {
      throw new CalendarFileException(
          file, at, "日期 " + date + " 超出范围，只能在 " + first + " 至 " + last + " 之间");
    }
  }

  // ---- message helpers -----------------------------------------------------------------------

  private static String place(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String place(JsonStreamContext context) {
    Deque<JsonStreamContext> chain = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.push(c);
    }
    StringBuilder sb = new StringBuilder();
    for (JsonStreamContext c : chain) {
      if (c.inArray()) {
        sb.append('[').append(Math.max(c.getCurrentIndex(), 0)).append(']');
      } else if (c.getCurrentName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(c.getCurrentName());
      }
    }
    return sb.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "正确的格式";
    }
    if (type == LocalDate.class) {
      return "日期（格式 YYYY-MM-DD）";
    }
    if (type == Integer.class || type == int.class) {
      return "整数";
    }
    if (type == String.class) {
      return "文字";
    }
    if (List.class.isAssignableFrom(type)) {
      return "列表（每项以 - 开头）";
    }
    if (type == FileDto.class) {
      return "映射（year、source、holidays、workdays）";
    }
    if (type == HolidayDto.class) {
      return "映射（如 {name: 春节, from: 2018-02-15, to: 2018-02-21}）";
    }
    if (type == WorkdayDto.class) {
      return "映射（如 {name: 春节, date: 2018-02-11}）";
    }
    return type.getSimpleName();
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return "（第 " + location.getLineNr() + " 行第 " + location.getColumnNr() + " 列）";
  }

  /**
   * SnakeYAML's own "line N, column M" marks point at the offending character, whereas Jackson's
   * location is where the parser stood; the last mark is the problem, earlier ones give context.
   */
  private static String yamlMark(JsonProcessingException e) {
    Matcher m = YAML_MARK.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
    String mark = null;
    while (m.find()) {
      mark = "（第 " + m.group(1) + " 行第 " + m.group(2) + " 列）";
    }
    return mark != null ? mark : at(e.getLocation());
  }

  /** The parser's own explanation on one line, without SnakeYAML's indented source excerpts. */
  private static String reason(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    return m.lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .map(String::strip)
        .collect(Collectors.joining("；"));
  }

  private static String weekday(LocalDate d) {
    return "星期" + WEEKDAYS[d.getDayOfWeek().getValue() - 1];
  }

  private static String stripExtension(String name) {
    return name.substring(0, name.lastIndexOf('.'));
  }
}
