package io.duban.command.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.command.match.NameMatcher.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NameMatcherPerformanceTest {

  private static final String[] SUFFIXES = {"工程", "局", "中心", ""};

  @Test
  void thousandQueriesAgainstTenThousandEntriesStayFast() {
    // Names are drawn from the characters of the real plan so that indexes see realistic overlap.
    String pool =
        Stream.of(Wujin2018.PROJECTS, Wujin2018.CATEGORIES, Wujin2018.UNITS)
            .flatMap(List::stream)
            .flatMap(s -> s.chars().mapToObj(c -> String.valueOf((char) c)))
            .distinct()
            .collect(Collectors.joining());
    Random random = new Random(42);
    List<Entry<Integer>> entries = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = 3 + random.nextInt(7);
      for (int k = 0; k < len; k++) {
        sb.append(pool.charAt(random.nextInt(pool.length())));
      }
      String name = sb + SUFFIXES[random.nextInt(SUFFIXES.length)];
      names.add(name);
      String context = random.nextInt(3) == 0 ? "工程" + (i % 50) : null;
      entries.add(new Entry<>(i, name, List.of(), context));
    }
    NameMatcher<Integer> matcher = NameMatcher.of(entries);

    List<String> queries = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String name = names.get(random.nextInt(names.size()));
      queries.add(
          switch (i % 5) {
            case 0 -> name;
            case 1 -> name.substring(0, Math.max(2, name.length() / 2));
            case 2 -> name.replace('就', '旧').replace('积', '基');
            case 3 -> "查询" + name + "进度";
            default -> "天气怎么样" + i;
          });
    }

    long start = System.nanoTime();
    int matched = 0;
    for (String q : queries) {
      if (matcher.match(q).kind() != MatchResult.Kind.NONE) {
        matched++;
      }
      matcher.longestNameAtStart(q);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).as("1000 queries took %d ms", millis).isLessThan(5_000);
    assertThat(matched).isGreaterThanOrEqualTo(800);
    for (int i = 0; i < 100; i++) {
      String name = names.get(i);
      assertThat(matcher.match(name).candidates())
          .as(name)
          .anySatisfy(c -> assertThat(c.name()).isEqualTo(name));
    }
  }
}
