package io.duban;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of who may import whom (docs/architecture.md), read from the sources: every reference
 * to {@code io.duban.x…} counts, whether an import, an import static or a name written out inline;
 * comments and string literals do not. A subpackage counts as its top-level package.
 */
class ArchitectureTest {
  static final Path MAIN = Path.of("src/main/java/io/duban");
  static final Pattern REFERENCE = Pattern.compile("\\bio\\.duban\\.([a-z_]+)((?:\\.[a-z_]+)*)");
  static final Set<String> PLATFORMS = Set.of("dingtalk", "wecom", "feishu", "console");
  static final int MAX_FILE_LINES = 500;
  static final int MAX_METHOD_LINES = 80;

  @Test
  void topLevelPackagesFormNoCycle() {
    Map<String, Map<String, Set<String>>> graph = graph();
    List<String> cycle = Cycles.find(graph);
    assertThat(cycle)
        .as("package cycle %s (files: %s)", cycle, Cycles.witnesses(graph, cycle))
        .isEmpty();
  }

  @Test
  void nothingImportsTheCompositionRoot() {
    List<String> offenders = new ArrayList<>();
    for (Source s : sources()) {
      if (!s.top().equals("boot")) {
        for (Ref r : s.references()) {
          if (r.top().equals("boot")) {
            offenders.add(s.relative());
          }
        }
      }
    }
    assertThat(offenders).as("boot/ is imported by").isEmpty();
  }

  @Test
  void platformPackagesAreUsedOnlyInsideChat() {
    List<String> offenders = new ArrayList<>();
    for (Source s : sources()) {
      for (Ref r : s.references()) {
        if (r.top().equals("chat") && PLATFORMS.contains(r.second()) && !s.top().equals("chat")) {
          offenders.add(s.relative() + " → chat." + r.second());
        }
      }
    }
    assertThat(offenders).as("a platform package imported outside chat/").isEmpty();
  }

  @Test
  void noFileOrMethodIsTooLongToRead() {
    List<String> longFiles = new ArrayList<>();
    List<String> longMethods = new ArrayList<>();
    for (Source s : sources()) {
      if (s.lines() > MAX_FILE_LINES) {
        longFiles.add(s.relative() + " (" + s.lines() + " lines)");
      }
      for (Methods.Span m : Methods.spans(s.code())) {
        if (m.lines() > MAX_METHOD_LINES) {
          longMethods.add(s.relative() + ":" + m.firstLine() + " (" + m.lines() + " lines)");
        }
      }
    }
    longFiles.addAll(longMethods);
    assertThat(longFiles)
        .as("files over %d lines, methods over %d lines", MAX_FILE_LINES, MAX_METHOD_LINES)
        .isEmpty();
  }

  @Test
  void theReaderSeesEveryKindOfReference() {
    String code =
        Sources.strip(
            "import io.duban.a.X;\nimport static io.duban.b.Y.z;\n"
                + "// io.duban.c.Comment\n/* io.duban.d.Block */ String s = \"io.duban.e.Str\";\n"
                + "class Q { io.duban.f.Inline q; }");
    Set<String> tops = new TreeSet<>();
    Matcher m = REFERENCE.matcher(code);
    while (m.find()) {
      tops.add(m.group(1));
    }
    assertThat(tops).containsExactly("a", "b", "f");
    Map<String, Map<String, Set<String>>> g = new TreeMap<>();
    g.computeIfAbsent("a", k -> new TreeMap<>()).put("b", Set.of("A.java"));
    g.computeIfAbsent("b", k -> new TreeMap<>()).put("c", Set.of("B.java"));
    g.computeIfAbsent("c", k -> new TreeMap<>()).put("a", Set.of("C.java"));
    assertThat(Cycles.find(g)).containsExactly("a", "b", "c", "a");
    g.get("c").clear();
    assertThat(Cycles.find(g)).isEmpty();
    assertThat(
            Methods.spans(
                "class A {\n  void f() {\n    if (x) {\n    }\n    Runnable r = () -> {\n"
                    + "    };\n    new Object() {\n    };\n  }\n}\n"))
        .extracting(Methods.Span::lines)
        .containsExactly(8);
  }

  // ------------------------------------------------------------------ reading the sources

  record Ref(String top, String second) {}

  record Source(String relative, String top, String code, int lines) {
    List<Ref> references() {
      List<Ref> refs = new ArrayList<>();
      Matcher m = REFERENCE.matcher(code);
      while (m.find()) {
        String rest = m.group(2);
        String second = rest.isEmpty() ? "" : rest.substring(1).split("\\.")[0];
        if (Files.isDirectory(MAIN.resolve(m.group(1)))) {
          refs.add(new Ref(m.group(1), second));
        }
      }
      return refs;
    }
  }

  static List<Source> sources() {
    try (Stream<Path> files = Files.walk(MAIN)) {
      List<Source> out = new ArrayList<>();
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String relative = MAIN.relativize(p).toString().replace('\\', '/');
        String top = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : "";
        String text = Files.readString(p, StandardCharsets.UTF_8);
        int lines = (int) text.lines().count();
        out.add(new Source(relative, top, Sources.strip(text), lines));
      }
      assertThat(out).as("sources under " + MAIN).hasSizeGreaterThan(100);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Map<String, Set<String>>> graph() {
    Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
    for (Source s : sources()) {
      if (s.top().isEmpty()) {
        continue;
      }
      graph.computeIfAbsent(s.top(), k -> new TreeMap<>());
      for (Ref r : s.references()) {
        if (!r.top().equals(s.top())) {
          graph.get(s.top()).computeIfAbsent(r.top(), k -> new TreeSet<>()).add(s.relative());
        }
      }
    }
    return graph;
  }

  /** Blanks comments, string/char literals and text blocks, keeping line breaks. */
  static final class Sources {
    private Sources() {}

    static String strip(String s) {
      StringBuilder out = new StringBuilder(s.length());
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (s.startsWith("//", i)) {
          while (i < s.length() && s.charAt(i) != '\n') {
            i++;
          }
        } else if (s.startsWith("/*", i)) {
          int end = s.indexOf("*/", i + 2);
          end = end < 0 ? s.length() : end + 2;
          blank(s, i, end, out);
          i = end;
        } else if (s.startsWith("\"\"\"", i)) {
          int end = s.indexOf("\"\"\"", i + 3);
          end = end < 0 ? s.length() : end + 3;
          out.append("\"\"");
          for (int k = i; k < end; k++) {
            if (s.charAt(k) == '\n') {
              out.append('\n');
            }
          }
          i = end;
        } else if (c == '"' || c == '\'') {
          int k = i + 1;
          while (k < s.length() && s.charAt(k) != c && s.charAt(k) != '\n') {
            k += s.charAt(k) == '\\' ? 2 : 1;
          }
          out.append(c).append(c);
          i = Math.min(k + 1, s.length());
        } else {
          out.append(c);
          i++;
        }
      }
      return out.toString();
    }

    private static void blank(String s, int from, int to, StringBuilder out) {
      for (int k = from; k < to; k++) {
        out.append(s.charAt(k) == '\n' ? '\n' : ' ');
      }
    }
  }

  /** Method and constructor bodies, found by braces in stripped code. */
  static final class Methods {
    private static final Pattern CONTROL =
        Pattern.compile("\\b(if|for|while|switch|catch|synchronized|try)\\s*$");

    record Span(int firstLine, int lines) {}

    private Methods() {}

    static List<Span> spans(String code) {
      List<Span> out = new ArrayList<>();
      int depthOfMethod = -1;
      int depth = 0;
      int startLine = 0;
      int line = 1;
      for (int i = 0; i < code.length(); i++) {
        char c = code.charAt(i);
        if (c == '\n') {
          line++;
        } else if (c == '{') {
          if (depthOfMethod < 0 && opensMethod(code, i)) {
            depthOfMethod = depth;
            startLine = line;
          }
          depth++;
        } else if (c == '}') {
          depth--;
          if (depth == depthOfMethod) {
            out.add(new Span(startLine, line - startLine + 1));
            depthOfMethod = -1;
          }
        }
      }
      return out;
    }

    /** A '{' after "name(…)" or "name(…) throws X", not a control statement, lambda or new. */
    private static boolean opensMethod(String code, int brace) {
      int k = brace - 1;
      while (k >= 0 && Character.isWhitespace(code.charAt(k))) {
        k--;
      }
      String before = code.substring(Math.max(0, k - 300), k + 1);
      before = before.replaceFirst("\\)\\s*throws\\s+[\\w.,\\s<>]+$", ")");
      if (!before.endsWith(")")) {
        return false;
      }
      int close = before.length() - 1;
      int level = 0;
      int open = -1;
      for (int j = close; j >= 0; j--) {
        char ch = before.charAt(j);
        if (ch == ')') {
          level++;
        } else if (ch == '(') {
          level--;
          if (level == 0) {
            open = j;
            break;
          }
        }
      }
      if (open <= 0) {
        return false;
      }
      String head = before.substring(0, open);
      Matcher name = Pattern.compile("(\\w+)\\s*$").matcher(head);
      if (!name.find() || CONTROL.matcher(head).find()) {
        return false;
      }
      String lead = head.substring(0, name.start()).stripTrailing();
      return !lead.endsWith("new")
          && !lead.endsWith("->")
          && !lead.endsWith("=")
          && !lead.endsWith("record");
    }
  }

  /** A cycle in a package graph (empty when there is none), as a path a → … → a. */
  static final class Cycles {
    private Cycles() {}

    static List<String> find(Map<String, Map<String, Set<String>>> graph) {
      Map<String, Integer> state = new TreeMap<>();
      for (String start : graph.keySet()) {
        List<String> path = new ArrayList<>();
        List<String> found = visit(start, graph, state, path);
        if (!found.isEmpty()) {
          return found;
        }
      }
      return List.of();
    }

    private static List<String> visit(
        String node,
        Map<String, Map<String, Set<String>>> graph,
        Map<String, Integer> state,
        List<String> path) {
      Integer st = state.get(node);
      if (st != null && st == 2) {
        return List.of();
      }
      if (st != null && st == 1) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
        cycle.add(node);
        return cycle;
      }
      state.put(node, 1);
      path.add(node);
      for (String next : graph.getOrDefault(node, Map.of()).keySet()) {
        List<String> found = visit(next, graph, state, path);
        if (!found.isEmpty()) {
          return found;
        }
      }
      path.remove(path.size() - 1);
      state.put(node, 2);
      return List.of();
    }

    static List<String> witnesses(Map<String, Map<String, Set<String>>> graph, List<String> cycle) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i + 1 < cycle.size(); i++) {
        out.add(
            cycle.get(i)
                + "→"
                + cycle.get(i + 1)
                + " "
                + graph.get(cycle.get(i)).get(cycle.get(i + 1)));
      }
      return out;
    }
  }
}
