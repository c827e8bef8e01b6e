package io.duban.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A read-only view of one node of an operator-edited YAML file that remembers where it came from,
 * so every problem can be reported as one line: file, line and column, path and field.
 */
public final class YamlNode {
  private static final Pattern ENV_REF =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::([^}]*))?}");

  private final String file;
  private final String path;
  private final Node node;
  private final Mark parentMark;

  private YamlNode(String file, String path, Node node, Mark parentMark) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.parentMark = parentMark;
  }

  /** Reads a file; a missing file or broken YAML is a {@link ConfigFileException}. */
  public static YamlNode read(Path path, String displayName) {
    if (!Files.isRegularFile(path)) {
      throw new ConfigFileException(displayName + ": 文件不存在");
    }
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return parse(reader, displayName);
    } catch (IOException e) {
      throw new ConfigFileException(displayName + ": 无法读取（" + e.getMessage() + "）");
    }
  }

  /** Parses YAML text (used by tests and by {@link #read}). */
  public static YamlNode parse(Reader reader, String displayName) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setAllowRecursiveKeys(false);
    options.setCodePointLimit(8 * 1024 * 1024);
    try {
      Node root = new Yaml(options).compose(reader);
      return new YamlNode(displayName, "", root, null);
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new ConfigFileException(displayName + where + ": YAML 格式错误（" + oneLine(problem) + "）");
    } catch (YAMLException e) {
      throw new ConfigFileException(displayName + ": YAML 格式错误（" + oneLine(e.getMessage()) + "）");
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  public String file() {
    return file;
  }

  public String path() {
    return path;
  }

  public boolean isMissing() {
    return node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
  }

  public boolean isMap() {
    return node instanceof MappingNode;
  }

  public boolean isList() {
    return node instanceof SequenceNode;
  }

  public boolean isScalar() {
    return node instanceof ScalarNode && !isMissing();
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private Mark mark() {
    return node != null ? node.getStartMark() : parentMark;
  }

  /** The child under {@code key}; a missing child is a node for which {@link #isMissing()}. */
  public YamlNode get(String key) {
    if (node instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return new YamlNode(
              file, childPath(key), t.getValueNode(), t.getKeyNode().getStartMark());
        }
      }
      return new YamlNode(file, childPath(key), null, map.getStartMark());
    }
    if (isMissing()) {
      return new YamlNode(file, childPath(key), null, mark());
    }
    throw error("应为键值对（映射），实际是" + describe());
  }

  public boolean has(String key) {
    return !get(key).isMissing();
  }

  /** Entries of a map in file order; a missing node has none. */
  public Map<String, YamlNode> entries() {
    Map<String, YamlNode> out = new LinkedHashMap<>();
    if (isMissing()) {
      return out;
    }
    if (!(node instanceof MappingNode map)) {
      throw error("应为键值对（映射），实际是" + describe());
    }
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw new YamlNode(file, path, t.getKeyNode(), mark()).error("键必须是文字");
      }
      out.put(
          k.getValue(),
          new YamlNode(file, childPath(k.getValue()), t.getValueNode(), k.getStartMark()));
    }
    return out;
  }

  /** Elements of a list; a missing node is an empty list, a scalar is refused. */
  public List<YamlNode> list() {
    List<YamlNode> out = new ArrayList<>();
    if (isMissing()) {
      return out;
    }
    if (!(node instanceof SequenceNode seq)) {
      throw error("应为列表，实际是" + describe());
    }
    int i = 0;
    for (Node n : seq.getValue()) {
      out.add(new YamlNode(file, path + "[" + i++ + "]", n, n.getStartMark()));
    }
    return out;
  }

  public List<YamlNode> list(String key) {
    return get(key).list();
  }

  /** A list of strings; a single scalar is accepted as a one-element list. */
  public List<String> strings(String key) {
    YamlNode child = get(key);
    List<String> out = new ArrayList<>();
    if (child.isScalar()) {
      out.add(child.text());
      return out;
    }
    for (YamlNode n : child.list()) {
      out.add(n.text());
    }
    return out;
  }

  /** The scalar text of this node, trimmed; a missing, empty, list or map node is an error. */
  public String text() {
    if (isMissing()) {
      throw error("缺少必填字段");
    }
    if (!(node instanceof ScalarNode s)) {
      throw error("应为一个值，实际是" + describe());
    }
    String v = s.getValue().trim();
    if (v.isEmpty()) {
      throw error("不能为空");
    }
    return v;
  }

  public String string(String key) {
    return get(key).text();
  }

  public Optional<String> optString(String key) {
    YamlNode child = get(key);
    if (child.isMissing()) {
      return Optional.empty();
    }
    if (!(child.node instanceof ScalarNode s)) {
      throw child.error("应为一个值，实际是" + child.describe());
    }
    String v = s.getValue().trim();
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  public int integer(String key, int defaultValue) {
    Optional<String> v = optString(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v.get());
    } catch (NumberFormatException e) {
      throw get(key).error("应为整数，实际是“" + v.get() + "”");
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    Optional<String> v = optString(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    switch (v.get().toLowerCase()) {
      case "true", "yes", "on", "是" -> {
        return true;
      }
      case "false", "no", "off", "否" -> {
        return false;
      }
      default -> throw get(key).error("应为 true 或 false，实际是“" + v.get() + "”");
    }
  }

  /** Refuses keys other than the given ones, so a typo in a key is not silently ignored. */
  public YamlNode allowOnly(String... keys) {
    if (isMissing()) {
      return this;
    }
    Set<String> allowed = new LinkedHashSet<>(Arrays.asList(keys));
    for (Map.Entry<String, YamlNode> e : entries().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw e.getValue().error("未知字段“" + e.getKey() + "”，可用字段：" + String.join(", ", allowed));
      }
    }
    return this;
  }

  /**
   * Replaces {@code ${NAME}} and {@code ${NAME:default}} with values from {@code lookup}; an unset
   * variable without default yields empty, and the caller decides whether that disables something.
   */
  public static String resolveEnv(
      String value, java.util.function.Function<String, String> lookup) {
    Matcher m = ENV_REF.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = lookup.apply(m.group(1));
      if (v == null || v.isEmpty()) {
        v = m.group(2) != null ? m.group(2) : "";
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Names of the variables referenced by {@code ${...}} in a value. */
  public static List<String> envNames(String value) {
    List<String> names = new ArrayList<>();
    Matcher m = ENV_REF.matcher(value);
    while (m.find()) {
      if (m.group(2) == null) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  private String describe() {
    if (node instanceof MappingNode) {
      return "键值对";
    }
    if (node instanceof SequenceNode) {
      return "列表";
    }
    return "“" + ((ScalarNode) node).getValue() + "”";
  }

  /** Where this node is: "file:line:column path". */
  public String place() {
    Mark m = mark();
    String where = m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
    return file + where + (path.isEmpty() ? "" : " " + path);
  }

  /** A one-line error pointing at this node. */
  public ConfigFileException error(String problem) {
    return new ConfigFileException(place() + ": " + problem);
  }
}
