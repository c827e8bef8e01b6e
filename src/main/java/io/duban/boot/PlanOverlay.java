package io.duban.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.duban.config.ConfigFileException;
import io.duban.config.YamlNode;
import io.duban.plan.PlanFile;
import io.duban.plan.PlanSpec;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The plan file with the admin pages' edits laid over it, key by key. An edit applies while the
 * file's value of its key is still the one the file had when the edit was made; once the file
 * changes that key the file wins and the edit is dropped (silently when the file now says what the
 * edit said, e.g. after the exported plan was placed as the file).
 */
public final class PlanOverlay {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Resolver RESOLVER = new Resolver();

  /** Keys of a target the pages may change, in the file's spelling. */
  public static final List<String> TARGET_KEYS =
      List.of(
          "name",
          "value",
          "unit",
          "qualifier",
          "owners",
          "cycle",
          "deadline-day",
          "deadlines",
          "aliases");

  /** Keys of a project (工程) the pages may change. */
  public static final List<String> PROJECT_KEYS = List.of("lead-units", "aliases");

  private PlanOverlay() {}

  /** An edit the file overrode: the file's value of the key now (JSON; null when it has none). */
  public record Dropped(PlanEdit edit, String fileNow, boolean silently) {}

  /**
   * The plan as the edits make it: its text, what it reads as, and the edits that no longer hold.
   */
  public record Overlaid(String yaml, PlanSpec spec, List<Dropped> dropped) {}

  /** Reads the file's text (checked on its own first, so errors point at the file) with edits. */
  public static Overlaid read(
      String fileText, String displayName, IntFunction<List<PlanEdit>> editsOfYear) {
    PlanSpec plain = PlanFile.parse(YamlNode.parse(new StringReader(fileText), displayName));
    List<PlanEdit> edits = editsOfYear.apply(plain.year());
    if (edits.isEmpty()) {
      return new Overlaid(fileText, plain, List.of());
    }
    Node root = compose(fileText, displayName);
    List<Dropped> dropped = apply(root, edits);
    String yaml = dump(root);
    PlanSpec spec = parse(yaml, displayName + "（含页面修改）");
    return new Overlaid(yaml, spec, dropped);
  }

  /** Parses overlaid text; a problem names the key, as the file's check words it. */
  static PlanSpec parse(String yaml, String displayName) {
    return PlanFile.parse(YamlNode.parse(new StringReader(yaml), displayName));
  }

  /** Lays the edits over the tree; returns those the file overrode or no longer has a place for. */
  static List<Dropped> apply(Node root, List<PlanEdit> edits) {
    List<Dropped> dropped = new ArrayList<>();
    for (PlanEdit e : edits) {
      MappingNode map =
          PlanEdit.TARGET.equals(e.scope) ? target(root, e.code) : project(root, e.code);
      if (map == null) {
        dropped.add(new Dropped(e, null, false));
        continue;
      }
      String fileNow = value(map, e.field);
      if (Objects.equals(fileNow, e.fileValue)) {
        set(map, e.field, e.editValue);
      } else {
        dropped.add(new Dropped(e, fileNow, Objects.equals(fileNow, e.editValue)));
      }
    }
    return dropped;
  }

  /** The YAML tree of a plan file; broken YAML is the file's error. */
  static Node compose(String text, String displayName) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setAllowRecursiveKeys(false);
    try {
      return new Yaml(options).compose(new StringReader(text));
    } catch (YAMLException e) {
      throw new ConfigFileException(displayName + ": YAML 格式错误");
    }
  }

  /** The tree as YAML text, block style, Chinese as is. */
  static String dump(Node root) {
    DumperOptions options = new DumperOptions();
    options.setAllowUnicode(true);
    options.setWidth(160);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    StringWriter out = new StringWriter();
    new Yaml(options).serialize(root, out);
    return out.toString();
  }

  /** The target with this id, or null. */
  static MappingNode target(Node root, String id) {
    for (MappingNode p : projects(root)) {
      for (Node t : children(p, "targets")) {
        if (t instanceof MappingNode m && id.equals(scalar(m, "id"))) {
          return m;
        }
      }
    }
    return null;
  }

  /** The project with this name, or null. */
  static MappingNode project(Node root, String name) {
    for (MappingNode p : projects(root)) {
      if (name.equals(scalar(p, "name"))) {
        return p;
      }
    }
    return null;
  }

  static List<MappingNode> projects(Node root) {
    List<MappingNode> out = new ArrayList<>();
    for (Node c : children(root, "categories")) {
      for (Node p : children(c, "projects")) {
        if (p instanceof MappingNode m) {
          out.add(m);
        }
      }
    }
    return out;
  }

  /** A key's value as JSON (a string or a list of strings); null when the map does not set it. */
  static String value(MappingNode map, String key) {
    Node n = get(map, key);
    if (n == null || (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
      return null;
    }
    return json(toJson(n));
  }

  private static JsonNode toJson(Node n) {
    if (n instanceof ScalarNode s) {
      return TextNode.valueOf(s.getValue());
    }
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    if (n instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        a.add(toJson(item));
      }
      return a;
    }
    // a map where a string or list belongs: kept as its text so a comparison sees it differ
    return TextNode.valueOf(n.toString());
  }

  /** Sets (or with JSON null, removes) a key, keeping the key's place when it exists. */
  static void set(MappingNode map, String key, String json) {
    JsonNode value = read(json);
    List<NodeTuple> tuples = map.getValue();
    for (int i = 0; i < tuples.size(); i++) {
      if (tuples.get(i).getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        if (value.isNull()) {
          tuples.remove(i);
        } else {
          tuples.set(i, new NodeTuple(tuples.get(i).getKeyNode(), node(value)));
        }
        return;
      }
    }
    if (!value.isNull()) {
      tuples.add(new NodeTuple(plain(key), node(value)));
    }
  }

  private static Node node(JsonNode value) {
    if (value.isArray()) {
      List<Node> items = new ArrayList<>();
      value.forEach(v -> items.add(node(v)));
      return new SequenceNode(Tag.SEQ, items, DumperOptions.FlowStyle.FLOW);
    }
    return plain(value.asText());
  }

  private static ScalarNode plain(String text) {
    Tag tag = RESOLVER.resolve(NodeId.scalar, text, true);
    return new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN);
  }

  static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("页面修改记录无法读取：" + json, e);
    }
  }

  private static List<Node> children(Node map, String key) {
    Node n = map instanceof MappingNode m ? get(m, key) : null;
    return n instanceof SequenceNode s ? s.getValue() : List.of();
  }

  private static Node get(MappingNode map, String key) {
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return t.getValueNode();
      }
    }
    return null;
  }

  private static String scalar(MappingNode map, String key) {
    return get(map, key) instanceof ScalarNode s ? s.getValue() : null;
  }
}
