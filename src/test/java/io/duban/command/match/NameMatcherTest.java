package io.duban.command.match;

import static io.duban.command.match.Wujin2018.categories;
import static io.duban.command.match.Wujin2018.matcher;
import static io.duban.command.match.Wujin2018.projects;
import static io.duban.command.match.Wujin2018.targets;
import static io.duban.command.match.Wujin2018.units;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.command.match.MatchResult.Kind;
import io.duban.command.match.NameMatcher.Entry;
import io.duban.command.match.NameMatcher.Found;
import io.duban.command.match.NameMatcher.Prefix;
import io.duban.command.match.Wujin2018.Item;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameMatcherTest {

  private static final NameMatcher<Item> PROJECTS = matcher(projects());
  private static final NameMatcher<Item> UNITS = matcher(units());
  private static final NameMatcher<Item> TARGETS = matcher(targets());
  private static final NameMatcher<Item> PROJECTS_AND_CATEGORIES =
      matcher(projects(), categories());
  private static final NameMatcher<Item> PROJECTS_AND_TARGETS = matcher(projects(), targets());
  private static final NameMatcher<Item> ALL = Wujin2018.everything();

  private static void assertUnique(MatchResult<Item> r, String name, MatchMethod method) {
    assertThat(r.kind()).as("kind of %s", r).isEqualTo(Kind.UNIQUE);
    Candidate<Item> best = r.best().orElseThrow();
    assertThat(best.name()).isEqualTo(name);
    assertThat(best.method()).as("method of %s", best).isEqualTo(method);
  }

  private static List<String> labels(MatchResult<Item> r) {
    return r.candidates().stream().map(Candidate::label).toList();
  }

  static Stream<String> plainNames() {
    return Stream.of(Wujin2018.PROJECTS, Wujin2018.CATEGORIES, Wujin2018.UNITS)
        .flatMap(List::stream);
  }

  @Nested
  class Exact {

    @ParameterizedTest
    @MethodSource("io.duban.command.match.NameMatcherTest#plainNames")
    void everyRealNameMatchesItselfUniquelyAmongAllNames(String name) {
      MatchResult<Item> r = ALL.match(name);
      assertUnique(r, name, MatchMethod.EXACT);
      assertThat(r.best().orElseThrow().score()).isEqualTo(100);
    }

    @ParameterizedTest
    @CsvSource({"人力资源和社会保障局, 人社局", "卫计委, 卫计局", "卫生计生局, 卫计局", "武进经济开发区, 经开区"})
    void aliases(String query, String name) {
      MatchResult<Item> r = UNITS.match(query);
      assertUnique(r, name, MatchMethod.ALIAS);
      assertThat(r.best().orElseThrow().score()).isEqualTo(95);
      assertThat(r.best().orElseThrow().matched()).isEqualTo(query);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "就业 助推·工程|就业助推工程",
          "“公积金”扩面工程！|公积金扩面工程",
          "人居环境、改善工程|人居环境改善工程",
          " 政务服务体系 完善工程 。|政务服务体系完善工程"
        })
    void spacesAndPunctuationInsideTheQueryAreIgnored(String query, String name) {
      assertUnique(PROJECTS.match(query), name, MatchMethod.EXACT);
    }

    @Test
    void spacesAndPunctuationInsideConfiguredNamesAreIgnored() {
      NameMatcher<String> m =
          NameMatcher.of(List.of(Entry.of("a", "人居环境 改善工程"), Entry.of("b", "KPI·考核（年度）")));
      assertThat(m.match("人居环境改善工程").best().orElseThrow().item()).isEqualTo("a");
      assertThat(m.match("ｋｐｉ考核年度").best().orElseThrow().method()).isEqualTo(MatchMethod.EXACT);
    }
  }

  @Nested
  class PrefixAndContainment {

    @ParameterizedTest
    @CsvSource({"就业助推, 就业助推工程", "公积金, 公积金扩面工程", "人居环境, 人居环境改善工程", "教育资源, 教育资源均衡配置工程"})
    void queryStartsAName(String query, String name) {
      assertUnique(PROJECTS.match(query), name, MatchMethod.PREFIX);
    }

    @Test
    void nameWithoutItsSuffixScoresTheFullPrefixScore() {
      assertThat(PROJECTS.match("就业助推").best().orElseThrow().score()).isEqualTo(85);
      assertUnique(UNITS.match("人社"), "人社局", MatchMethod.PREFIX);
      assertUnique(UNITS.match("公积金"), "公积金中心", MatchMethod.PREFIX);
    }

    @Test
    void longerPrefixesScoreHigher() {
      int shortScore = PROJECTS.match("人居").best().orElseThrow().score();
      int longScore = PROJECTS.match("人居环境").best().orElseThrow().score();
      assertThat(longScore).isGreaterThan(shortScore);
    }

    @ParameterizedTest
    @CsvSource({"全区就业助推工程的, 就业助推工程", "就业助推工程进度, 就业助推工程", "查一下公积金扩面的情况, 公积金扩面工程"})
    void queryContainsTheWholeName(String query, String name) {
      MatchResult<Item> r = PROJECTS.match(query);
      assertUnique(r, name, MatchMethod.CONTAINS);
    }

    @Test
    void containedNameScoresAroundSeventyFive() {
      assertThat(PROJECTS.match("全区就业助推工程的").best().orElseThrow().score()).isEqualTo(75);
    }

    @ParameterizedTest
    @CsvSource({"均衡配置, 教育资源均衡配置工程", "母婴室, 爱心母婴室", "低息贷款, 住房低息贷款"})
    void nameContainsTheQuery(String query, String name) {
      NameMatcher<Item> m = matcher(projects(), targets());
      assertUnique(m.match(query), name, MatchMethod.CONTAINS);
    }
  }

  @Nested
  class Homophones {

    @Test
    void jiuYeTypedWithTheWrongJiu() {
      MatchResult<Item> r = PROJECTS.match("旧业助推");
      assertUnique(r, "就业助推工程", MatchMethod.PINYIN_PREFIX);
      assertThat(r.best().orElseThrow().score()).isEqualTo(70);
    }

    @Test
    void gongJiJinTypedWithTheWrongJi() {
      assertUnique(PROJECTS.match("公基金"), "公积金扩面工程", MatchMethod.PINYIN_PREFIX);
    }

    @Test
    void canLianTypedWithTheWrongLian() {
      MatchResult<Item> r = UNITS.match("残连");
      assertUnique(r, "残联", MatchMethod.PINYIN);
      assertThat(r.best().orElseThrow().score()).isEqualTo(70);
    }

    @Test
    void wholeNameHomophone() {
      assertUnique(PROJECTS.match("就叶助推工程"), "就业助推工程", MatchMethod.PINYIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"形政审批局", "杭政审批局"})
    void polyphoneMatchesThroughAnyOfItsReadings(String query) {
      // 行 reads both xing and hang.
      assertUnique(UNITS.match(query), "行政审批局", MatchMethod.PINYIN);
    }

    @Test
    void homophoneInsideALongerQuery() {
      assertUnique(PROJECTS.match("公基金扩面工程进度"), "公积金扩面工程", MatchMethod.PINYIN);
    }
  }

  @Nested
  class Fuzzy {

    @Test
    void oneLeftOutCharacter() {
      MatchResult<Item> r = UNITS.match("慈善会");
      assertUnique(r, "慈善总会", MatchMethod.FUZZY);
      assertThat(r.best().orElseThrow().score()).isEqualTo(60);
    }

    @Test
    void leftOutCharacterCompetesWithAHomophonePrefixWhenKindsAreMixed() {
      // 慈善会 also sounds like the start of 慈善惠民工程 (ci shan hui).
      MatchResult<Item> r = ALL.match("慈善会");
      assertThat(r.kind()).isEqualTo(Kind.AMBIGUOUS);
      assertThat(labels(r)).contains("慈善总会", "慈善惠民工程");
    }

    @Test
    void oneReplacedSyllable() {
      MatchResult<Item> r = PROJECTS.match("审批效率提速工程");
      assertUnique(r, "审批效能提速工程", MatchMethod.FUZZY);
      assertThat(r.best().orElseThrow().score()).isEqualTo(55);
    }

    @Test
    void oneExtraCharacter() {
      assertThat(UNITS.match("市场监管理局").best().orElseThrow().name()).isEqualTo("市场监管局");
    }

    @Test
    void shortNamesAreNotFuzzyMatched() {
      // 城市局 is one syllable away from 城管局, but 3-character names need an exact sound match.
      assertThat(UNITS.match("城市局").kind()).isEqualTo(Kind.NONE);
      assertUnique(UNITS.match("城关局"), "城管局", MatchMethod.PINYIN);
    }
  }

  @Nested
  class Ambiguity {

    @Test
    void repeatedTargetIsAmbiguousAndLabelledWithItsContext() {
      MatchResult<Item> r = TARGETS.match("募集光彩基金");
      assertThat(r.kind()).isEqualTo(Kind.AMBIGUOUS);
      assertThat(labels(r)).containsExactly("募集光彩基金（阳光帮扶工程）", "募集光彩基金（生态共建光彩工程）");
      assertThat(r.candidates()).allSatisfy(c -> assertThat(c.score()).isEqualTo(100));
    }

    @Test
    void uniqueNamesGetNoContextLabel() {
      assertThat(TARGETS.match("新增就业岗位").best().orElseThrow().label()).isEqualTo("新增就业岗位");
    }

    @Test
    void guangCaiIsSharedByAProjectAndTwoTargets() {
      MatchResult<Item> r = PROJECTS_AND_TARGETS.match("光彩");
      assertThat(r.kind()).isEqualTo(Kind.AMBIGUOUS);
      assertThat(labels(r))
          .containsExactlyInAnyOrder("生态共建光彩工程", "募集光彩基金（阳光帮扶工程）", "募集光彩基金（生态共建光彩工程）");
    }

    @Test
    void jiuYeIsBothAProjectAndACategory() {
      MatchResult<Item> r = PROJECTS_AND_CATEGORIES.match("就业");
      assertThat(r.kind()).isEqualTo(Kind.AMBIGUOUS);
      assertThat(labels(r)).containsExactly("就业助推工程", "促进就业创业");
    }

    @Test
    void gongJiJinIsBothAUnitAndAProject() {
      MatchResult<Item> r = ALL.match("公积金");
      assertThat(r.kind()).isEqualTo(Kind.AMBIGUOUS);
      assertThat(labels(r)).startsWith("公积金中心", "公积金扩面工程");
    }

    @Test
    void sharedPrefixAmongCategories() {
      MatchResult<Item> r = matcher(categories()).match("提升");
      assertThat(r.kind()).isEqualTo(Kind.AMBIGUOUS);
      assertThat(labels(r)).containsExactly("提升生态环境质量", "提升公共安全水平", "提升政务服务水平");
    }

    @Test
    void atMostFiveCandidatesAreListed() {
      List<Entry<Integer>> entries =
          IntStream.range(0, 8).mapToObj(i -> Entry.of(i, "测试项目" + "甲乙丙丁戊己庚辛".charAt(i))).toList();
      MatchResult<Integer> r = NameMatcher.of(entries).match("测试项目");
      assertThat(r.kind()).isEqualTo(Kind.AMBIGUOUS);
      assertThat(r.candidates()).hasSize(5);
    }

    @Test
    void clearWinnerIsUniqueEvenWithRunnersUp() {
      MatchResult<Item> r = ALL.match("就业助推工程");
      assertThat(r.kind()).isEqualTo(Kind.UNIQUE);
      assertThat(r.candidates()).isSortedAccordingTo((a, b) -> b.score() - a.score());
    }
  }

  @Nested
  class Context {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "阳光帮扶 募集光彩基金|阳光帮扶工程",
          "阳光帮扶工程募集光彩基金|阳光帮扶工程",
          "生态共建光彩工程的募集光彩基金|生态共建光彩工程",
          "生态共建光彩 募集光彩|生态共建光彩工程",
          "募集光彩基金（生态共建光彩工程）|生态共建光彩工程",
          "阳光帮扶工程：募集光彩基金|阳光帮扶工程"
        })
    void contextSelectsTheTarget(String query, String context) {
      for (NameMatcher<Item> m : List.of(TARGETS, ALL)) {
        MatchResult<Item> r = m.match(query);
        assertThat(r.kind()).as(query).isEqualTo(Kind.UNIQUE);
        assertThat(r.best().orElseThrow().context()).isEqualTo(context);
        assertThat(r.best().orElseThrow().name()).isEqualTo("募集光彩基金");
      }
    }

    @Test
    void contextAloneFallsBackToOrdinaryMatching() {
      assertUnique(ALL.match("阳光帮扶"), "阳光帮扶工程", MatchMethod.PREFIX);
    }

    @Test
    void contextWithUnrelatedRestFallsBackToOrdinaryMatching() {
      assertUnique(ALL.match("就业助推工程进度"), "就业助推工程", MatchMethod.CONTAINS);
    }

    @Test
    void contextPlusTargetPicksTheTarget() {
      assertUnique(ALL.match("就业助推工程新增就业岗位"), "新增就业岗位", MatchMethod.EXACT);
    }
  }

  @Nested
  class NoMatch {

    @ParameterizedTest
    @ValueSource(strings = {"天气怎么样", "你好", "", "   ", "，。！", "12345"})
    void unrelatedText(String query) {
      MatchResult<Item> r = ALL.match(query);
      assertThat(r.kind()).isEqualTo(Kind.NONE);
      assertThat(r.candidates()).isEmpty();
      assertThat(r.best()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"就", "局", "光", "工程", "中心"})
    void oneCharacterOrABareSuffixOnlyMatchesExactly(String query) {
      assertThat(ALL.match(query).kind()).isEqualTo(Kind.NONE);
    }

    @Test
    void oneCharacterNameOrAliasStillMatchesExactly() {
      NameMatcher<String> m =
          NameMatcher.of(
              List.of(Entry.of("district", "区"), new Entry<>("labour", "人社局", List.of("社"), null)));
      assertUnique2(m.match("区"), "district", MatchMethod.EXACT);
      assertUnique2(m.match("社"), "labour", MatchMethod.ALIAS);
    }

    private void assertUnique2(MatchResult<String> r, String item, MatchMethod method) {
      assertThat(r.kind()).isEqualTo(Kind.UNIQUE);
      assertThat(r.best().orElseThrow().item()).isEqualTo(item);
      assertThat(r.best().orElseThrow().method()).isEqualTo(method);
    }
  }

  @Nested
  class Splitting {

    @Test
    void nameThenKeyword() {
      Prefix<Item> p = PROJECTS.longestNameAtStart("就业助推工程进度").orElseThrow();
      assertThat(p.item().name()).isEqualTo("就业助推工程");
      assertThat(p.matched()).isEqualTo("就业助推工程");
      assertThat(p.rest()).isEqualTo("进度");
      assertThat(p.ambiguous()).isFalse();
    }

    @Test
    void keywordThenNameWithoutSuffix() {
      Prefix<Item> p = PROJECTS.longestNameAtEnd("进度就业助推").orElseThrow();
      assertThat(p.item().name()).isEqualTo("就业助推工程");
      assertThat(p.candidate().method()).isEqualTo(MatchMethod.PREFIX);
      assertThat(p.matched()).isEqualTo("就业助推");
      assertThat(p.rest()).isEqualTo("进度");
    }

    @Test
    void targetThenReportKeepsNumberPunctuation() {
      Prefix<Item> p = ALL.longestNameAtStart("新增就业岗位上报1.2万").orElseThrow();
      assertThat(p.item().name()).isEqualTo("新增就业岗位");
      assertThat(p.rest()).isEqualTo("上报1.2万");
    }

    @Test
    void homophoneAtStart() {
      Prefix<Item> p = ALL.longestNameAtStart("公基金扩面工程进度").orElseThrow();
      assertThat(p.item().name()).isEqualTo("公积金扩面工程");
      assertThat(p.candidate().method()).isEqualTo(MatchMethod.PINYIN);
      assertThat(p.matched()).isEqualTo("公基金扩面工程");
      assertThat(p.rest()).isEqualTo("进度");
    }

    @Test
    void longestNameWins() {
      assertThat(ALL.longestNameAtStart("公积金扩面工程进度").orElseThrow().item().name())
          .isEqualTo("公积金扩面工程");
      assertThat(ALL.longestNameAtStart("公积金中心 上报").orElseThrow().item().name()).isEqualTo("公积金中心");
      Prefix<Item> shortOne = ALL.longestNameAtStart("公积金进度").orElseThrow();
      assertThat(shortOne.item().name()).isEqualTo("公积金中心");
      assertThat(shortOne.rest()).isEqualTo("进度");
    }

    @Test
    void spacesInsideTheNameAreSkippedButKeptInMatchedText() {
      Prefix<Item> p = PROJECTS.longestNameAtStart("就业助推 工程  进度").orElseThrow();
      assertThat(p.matched()).isEqualTo("就业助推 工程");
      assertThat(p.rest()).isEqualTo("进度");
    }

    @Test
    void unitAtEnd() {
      Prefix<Item> p = ALL.longestNameAtEnd("查询 人社局").orElseThrow();
      assertThat(p.item().name()).isEqualTo("人社局");
      assertThat(p.rest()).isEqualTo("查询");
    }

    @Test
    void nothingAtStartOrEnd() {
      assertThat(ALL.longestNameAtStart("天气怎么样")).isEmpty();
      assertThat(ALL.longestNameAtEnd("天气怎么样")).isEmpty();
      assertThat(ALL.longestNameAtStart("")).isEmpty();
      assertThat(ALL.longestNameAtEnd("进")).isEmpty();
    }

    @Test
    void repeatedTargetAtStartIsReportedAsAmbiguous() {
      Prefix<Item> p = TARGETS.longestNameAtStart("募集光彩基金上报100万").orElseThrow();
      assertThat(p.ambiguous()).isTrue();
      assertThat(
              Stream.concat(Stream.of(p.candidate()), p.alternatives().stream())
                  .map(Candidate::label))
          .containsExactly("募集光彩基金（阳光帮扶工程）", "募集光彩基金（生态共建光彩工程）");
      assertThat(p.rest()).isEqualTo("上报100万");
    }

    @Test
    void repeatedTargetAtEndIsNarrowedByAMentionedContext() {
      Prefix<Item> p = ALL.longestNameAtEnd("阳光帮扶 募集光彩基金").orElseThrow();
      assertThat(p.ambiguous()).isFalse();
      assertThat(p.candidate().context()).isEqualTo("阳光帮扶工程");
      assertThat(p.rest()).isEqualTo("阳光帮扶");
    }

    @Test
    void findAllInAReportCommand() {
      List<Found<Item>> found = ALL.findAll("上报 新增就业岗位 1.2万");
      assertThat(found).hasSize(1);
      Found<Item> f = found.get(0);
      assertThat(f.item().name()).isEqualTo("新增就业岗位");
      assertThat(f.start()).isEqualTo(3);
      assertThat(f.end()).isEqualTo(9);
      assertThat(f.matched()).isEqualTo("新增就业岗位");
    }

    @Test
    void findAllReturnsNamesInOrder() {
      List<Found<Item>> found = ALL.findAll("就业助推工程的新增就业岗位上报1.2万，人社局负责");
      assertThat(found).extracting(f -> f.item().name()).containsExactly("就业助推工程", "新增就业岗位", "人社局");
    }

    @Test
    void findAllNarrowsARepeatedTargetByItsProject() {
      List<Found<Item>> found = ALL.findAll("生态共建光彩工程募集光彩基金500万");
      assertThat(found).extracting(f -> f.item().name()).containsExactly("生态共建光彩工程", "募集光彩基金");
      assertThat(found.get(1).ambiguous()).isFalse();
      assertThat(found.get(1).candidate().context()).isEqualTo("生态共建光彩工程");
    }

    @Test
    void findAllIncludesHomophones() {
      List<Found<Item>> found = ALL.findAll("旧业助推和残连的进度");
      assertThat(found).extracting(f -> f.item().name()).containsExactly("就业助推工程", "残联");
      assertThat(found)
          .extracting(f -> f.candidate().method())
          .containsExactly(MatchMethod.PINYIN_PREFIX, MatchMethod.PINYIN);
    }

    @Test
    void findAllOnUnrelatedTextIsEmpty() {
      assertThat(ALL.findAll("今天天气怎么样")).isEmpty();
    }
  }

  @Test
  void concurrentMatchingGivesTheSameAnswers() {
    List<String> queries = List.of("旧业助推", "公积金", "募集光彩基金", "残连", "天气怎么样");
    List<MatchResult<Item>> expected = queries.stream().map(ALL::match).toList();
    IntStream.range(0, 400)
        .parallel()
        .forEach(i -> assertThat(ALL.match(queries.get(i % 5))).isEqualTo(expected.get(i % 5)));
  }
}
