package io.duban.calendar;

import static java.time.LocalDate.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CalendarFilesTest {

  private static final String VALID_2018 =
      """
      year: 2018
      source: 测试通知
      holidays:
        - {name: 春节, from: 2018-02-15, to: 2018-02-21}
        - {name: 清明节, from: 2018-04-05, to: 2018-04-07}
      workdays:
        - {name: 春节, date: 2018-02-11}
      """;

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  /** Loads {@code dir} expecting a failure, and checks the message is the one-line summary. */
  private CalendarFileException failure() {
    CalendarFileException e =
        catchThrowableOfType(CalendarFileException.class, () -> CalendarFiles.load(dir));
    assertThat(e).as("load should fail").isNotNull();
    assertThat(e.getMessage())
        .doesNotContain("\n", "\r")
        .startsWith("日历文件 " + e.file())
        .contains(e.problem());
    if (!e.place().isEmpty()) {
      assertThat(e.getMessage()).contains(" 的 " + e.place() + " 有误：");
    }
    return e;
  }

  private CalendarFileException failureOf2018(String content) throws IOException {
    Path file = write("2018.yaml", content);
    CalendarFileException e = failure();
    assertThat(e.file()).isEqualTo(file);
    return e;
  }

  @Nested
  class RealFiles {

    @Test
    void loadsEveryYearInOrder() {
      List<CalendarYear> years = CalendarFiles.load(RealCalendar.DIR);
      assertThat(years)
          .extracting(CalendarYear::year)
          .containsExactly(2018, 2019, 2024, 2025, 2026);
      assertThat(years).allSatisfy(y -> assertThat(y.source()).startsWith("国务院办公厅关于"));
    }

    @Test
    void the2019FileCarriesTheEndOf2018() {
      CalendarYear y2019 = CalendarFiles.loadFile(RealCalendar.DIR.resolve("2019.yaml"));
      assertThat(y2019.workdays()).containsEntry(parse("2018-12-29"), "元旦");
      assertThat(y2019.holidays())
          .containsEntry(parse("2018-12-30"), "元旦")
          .containsEntry(parse("2018-12-31"), "元旦")
          .containsEntry(parse("2019-01-01"), "元旦");
      assertThat(y2019.source()).contains("国办发明电〔2019〕3号");
    }

    @Test
    void noFileForTheUnannouncedYear() {
      assertThat(RealCalendar.DIR.resolve("2027.yaml")).doesNotExist();
    }
  }

  @Nested
  class Folder {

    @Test
    void missingFolderMeansNoYears() {
      assertThat(CalendarFiles.load(dir.resolve("nope"))).isEmpty();
      assertThat(CalendarFiles.loadCalendar(dir.resolve("nope")).coveredYears()).isEmpty();
    }

    @Test
    void otherFilesAreIgnoredAndYearsAreSorted() throws IOException {
      write(
          "2019.yaml",
          "year: 2019\nsource: s\nholidays:\n  - {name: 元旦, from: 2019-01-01, to: 2019-01-01}\n");
      write("2018.yaml", VALID_2018);
      write("README.md", "# 说明");
      write(".2020.yaml.swp", "junk");
      assertThat(CalendarFiles.load(dir))
          .extracting(CalendarYear::year)
          .containsExactly(2018, 2019);
    }

    @Test
    void validFileIsReadCompletely() throws IOException {
      write("2018.yaml", VALID_2018);
      CalendarYear y = CalendarFiles.load(dir).get(0);
      assertThat(y.source()).isEqualTo("测试通知");
      assertThat(y.holidays()).hasSize(10).containsEntry(parse("2018-02-15"), "春节");
      assertThat(y.holidays().firstKey()).isEqualTo(parse("2018-02-15"));
      assertThat(y.workdays()).containsOnlyKeys(parse("2018-02-11"));
    }

    @Test
    void workdaysMayBeOmitted() throws IOException {
      write(
          "2018.yaml",
          "year: 2018\nsource: s\nholidays:\n  - {name: 元旦, from: 2018-01-01, to: 2018-01-01}\n");
      assertThat(CalendarFiles.load(dir).get(0).workdays()).isEmpty();
    }

    @Test
    void blockStyleEntriesWork() throws IOException {
      write(
          "2018.yaml",
          """
          year: 2018
          source: "s"
          holidays:
            - name: 元旦
              from: 2018-01-01
              to: 2018-01-01
          workdays: []
          """);
      assertThat(CalendarFiles.load(dir).get(0).holidays()).containsOnlyKeys(parse("2018-01-01"));
    }

    @Test
    void misnamedYamlFileIsAnError() throws IOException {
      write("calendar.yaml", VALID_2018);
      assertThat(failure().problem()).contains("文件名应为四位年份加 .yaml");
    }

    @Test
    void ymlExtensionIsAnError() throws IOException {
      write("2018.yml", VALID_2018);
      assertThat(failure().file().getFileName().toString()).isEqualTo("2018.yml");
    }

    @Test
    void folderThatIsAFile() throws IOException {
      Path file = write("not-a-folder", "x");
      CalendarFileException e =
          catchThrowableOfType(CalendarFileException.class, () -> CalendarFiles.load(file));
      assertThat(e.getMessage()).contains("不是文件夹");
    }

    @Test
    void twoFilesSettingTheSameDay() throws IOException {
      write(
          "2018.yaml",
          "year: 2018\nsource: s\nholidays:\n  - {name: 元旦, from: 2018-12-29, to: 2018-12-31}\n");
      write(
          "2019.yaml",
          """
          year: 2019
          source: s
          holidays:
            - {name: 元旦, from: 2019-01-01, to: 2019-01-01}
          workdays:
            - {name: 元旦, date: 2018-12-29}
          """);
      CalendarFileException e = failure();
      assertThat(e.file().getFileName().toString()).isEqualTo("2019.yaml");
      assertThat(e.place()).isEqualTo("workdays[0]");
      assertThat(e.problem()).isEqualTo("2018-12-29 已在 2018.yaml 的 holidays[0] 中列出，同一天只能由一个文件规定");
    }
  }

  /** {@link #VALID_2018} with one piece of text replaced (which must be there). */
  static String replaced(String from, String to) {
    assertThat(VALID_2018).as("the valid file contains %s", from).contains(from);
    return VALID_2018.replace(from, to);
  }

  @Nested
  class MalformedFiles {

    /** A broken 2018.yaml, the place the error points at, and its problem text exactly. */
    static Stream<Arguments> exactProblems() {
      return Stream.of(
          arguments(
              "dateOutsideTheYear",
              replaced("from: 2018-04-05", "from: 2019-01-01"),
              "holidays[1].from",
              "日期 2019-01-01 超出范围，只能在 2017-12-01 至 2018-12-31 之间"),
          arguments(
              "dayThatIsBothHolidayAndWorkday",
              replaced("date: 2018-02-11", "date: 2018-02-17"),
              "workdays[0].date",
              "2018-02-17 同时列在 holidays[0]（春节）中，一天不能既放假又上班"),
          arguments(
              "yearNotMatchingTheFileName",
              replaced("year: 2018", "year: 2019"),
              "year",
              "写的是 2019，与文件名中的 2018 不一致"),
          arguments("missingYear", replaced("year: 2018\n", ""), "year", "缺少年份"),
          arguments(
              "impossibleDate",
              replaced("to: 2018-02-21", "to: 2018-02-30"),
              "holidays[0].to",
              "“2018-02-30” 不是有效的日期（格式 YYYY-MM-DD）"),
          arguments("missingEndDate", replaced(", to: 2018-04-07", ""), "holidays[1].to", "缺少末日"),
          arguments(
              "missingName", replaced("{name: 春节, date", "{date"), "workdays[0].name", "缺少节日名称"),
          arguments(
              "endBeforeStart",
              replaced("to: 2018-02-21", "to: 2018-02-10"),
              "holidays[0].to",
              "末日 2018-02-10 早于首日 2018-02-15"),
          arguments(
              "overlappingHolidays",
              replaced("from: 2018-04-05, to: 2018-04-07", "from: 2018-02-20, to: 2018-02-22"),
              "holidays[1]",
              "与 holidays[0]（春节）重叠：2018-02-20 重复列出"),
          arguments(
              "duplicateWorkday",
              VALID_2018 + "  - {name: 春节, date: 2018-02-11}\n",
              "workdays[1].date",
              "2018-02-11 与 workdays[0] 重复"),
          arguments(
              "workdayOnAWeekday",
              replaced("date: 2018-02-11", "date: 2018-02-12"),
              "workdays[0].date",
              "2018-02-12 是星期一，调休上班日应为周六或周日"),
          arguments(
              "emptyEntry", replaced("workdays:\n", "workdays:\n  -\n"), "workdays[0]", "这一项是空的"),
          arguments("duplicateKey", VALID_2018 + "year: 2018\n", "year", "同一个键重复出现（第 8 行第 5 列）"),
          // the place of a second document is not checked
          arguments("secondDocument", VALID_2018 + "---\nyear: 2018\n", null, "文件里只能有一个 YAML 文档"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactProblems")
    void theErrorNamesThePlaceAndTheExactProblem(
        String name, String content, String place, String problem) throws IOException {
      CalendarFileException e = failureOf2018(content);
      if (place != null) {
        assertThat(e.place()).isEqualTo(place);
      }
      assertThat(e.problem()).isEqualTo(problem);
    }

    /** A broken 2018.yaml, the place the error points at, and words its problem contains. */
    static Stream<Arguments> problemsContaining() {
      return Stream.of(
          arguments(
              "unknownTopLevelKey",
              VALID_2018 + "holiday: []\n",
              "holiday",
              List.of("不认识的字段 “holiday”", "holidays", "workdays")),
          arguments(
              "dateBeforeDecemberOfThePreviousYear",
              replaced("date: 2018-02-11", "date: 2017-11-25"),
              "workdays[0].date",
              List.of("2017-11-25 超出范围")),
          arguments(
              "yearThatIsNotANumber", replaced("year: 2018", "year: 二〇一八"), "year", List.of("整数")),
          arguments("fractionalYear", replaced("year: 2018", "year: 2018.5"), "year", List.of()),
          arguments("missingSource", replaced("source: 测试通知\n", ""), "source", List.of()),
          arguments(
              "dateWithoutLeadingZeros",
              replaced("from: 2018-04-05", "from: 2018-4-5"),
              "holidays[1].from",
              List.of("日期")),
          arguments(
              "numberInsteadOfDate",
              replaced("from: 2018-02-15", "from: 20180215"),
              "holidays[0].from",
              List.of("日期（格式 YYYY-MM-DD）")),
          arguments(
              "implausiblyLongBreak",
              replaced("to: 2018-02-21", "to: 2018-03-21"),
              "holidays[0].to",
              List.of("35 天")),
          arguments(
              "noHolidays",
              "year: 2018\nsource: s\nholidays: []\n",
              "holidays",
              List.of("尚未公布安排的年份不要建文件")),
          arguments(
              "holidaysNotAList",
              "year: 2018\nsource: s\nholidays: 春节\n",
              "holidays",
              List.of("列表")),
          arguments(
              "entryThatIsNotAMapping",
              "year: 2018\nsource: s\nholidays:\n  - 春节\n",
              "holidays[0]",
              List.of("映射")),
          // errors about the whole file point at no place
          arguments("emptyFile", "# 2027 年尚未公布\n", "", List.of("文件是空的")),
          arguments("topLevelList", "- 2018\n", "", List.of("映射")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problemsContaining")
    void theErrorNamesThePlaceAndWhatIsWrong(
        String name, String content, String place, List<String> words) throws IOException {
      CalendarFileException e = failureOf2018(content);
      assertThat(e.place()).isEqualTo(place);
      if (!words.isEmpty()) {
        assertThat(e.problem()).contains(words);
      }
    }

    @Test
    void unknownKeyInAnEntry() throws IOException {
      CalendarFileException e = failureOf2018(replaced("to: 2018-04-07", "till: 2018-04-07"));
      assertThat(e.place()).isEqualTo("holidays[1].till");
      assertThat(e.problem()).contains("“till”").contains("from", "name", "to");
      assertThat(e.getMessage())
          .isEqualTo(
              "日历文件 "
                  + dir.resolve("2018.yaml")
                  + " 的 holidays[1].till 有误：不认识的字段 “till”，这里只能写 from、name、to");
    }

    @Test
    void yamlSyntaxError() throws IOException {
      CalendarFileException e = failureOf2018(replaced("source: 测试通知", "source: 测试: 通知"));
      assertThat(e.problem()).startsWith("YAML 格式错误（第 2 行第 ");
    }

    @Test
    void tabIndentationPointsAtTheTab() throws IOException {
      CalendarFileException e = failureOf2018(VALID_2018 + "\tfoo: 1\n");
      assertThat(e.problem()).startsWith("YAML 格式错误（第 8 行第 1 列）：").contains("TAB");
    }

    @Test
    void loadFileChecksTheName() throws IOException {
      Path file = write("holidays.yaml", VALID_2018);
      CalendarFileException e =
          catchThrowableOfType(CalendarFileException.class, () -> CalendarFiles.loadFile(file));
      assertThat(e.problem()).contains("文件名");
    }
  }
}
