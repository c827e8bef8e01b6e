package io.duban.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.duban.audit.Audit;
import io.duban.command.VocabularyService;
import io.duban.common.Locks;
import io.duban.common.Settings;
import io.duban.config.ConfigFileException;
import io.duban.plan.Plan;
import io.duban.plan.PlanSpec;
import io.duban.plan.Project;
import io.duban.plan.Target;
import io.duban.progress.PlanStructure;
import io.duban.text.TextNormalizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Edits of the plan on the admin pages and through {@code PUT /api/targets/{id}} and {@code PUT
 * /api/projects/{id}}: checked exactly as the file is (the edited plan is read by the file's own
 * reader), written through the same sync as a reload, audited with who and old → new, and seen by
 * every instance at once (the configuration generation changes). The file stays the seed: see
 * {@link PlanOverlay}.
 */
@ApplicationScoped
public class PlanEdits {
  @Inject ConfigLoader loader;
  @Inject Locks locks;
  @Inject PlanSync planSync;
  @Inject Settings settings;
  @Inject VocabularyService vocabulary;
  @Inject Audit audit;
  @Inject Clock wall;
  @Inject EntityManager em;

  /** A refused edit, with the Chinese reason and the HTTP status it answers with. */
  public static class EditException extends RuntimeException {
    public final int status;

    public EditException(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }

  /** One key changed: its value before and after, as the file writes them ("无" for none). */
  public record Change(String field, String before, String after) {}

  /** What an edit did: the target's id or the project's name, and its changes (none: no-op). */
  public record Outcome(String code, List<Change> changes) {}

  /** A key of a target or project as the pages show it: the value, and who set it. */
  public record Field(String key, String value, boolean setByFile, String editedBy) {}

  @Transactional
  public Outcome editTarget(String ref, Map<String, JsonNode> body, String actor) {
    return edit(PlanEdit.TARGET, ref, body, actor);
  }

  @Transactional
  public Outcome editProject(String ref, Map<String, JsonNode> body, String actor) {
    return edit(PlanEdit.PROJECT, ref, body, actor);
  }

  /** The editable keys of a target or project: values in effect, and whether the file sets them. */
  @Transactional
  public List<Field> fields(String scope, String ref) {
    Plan plan = activePlan();
    String code = code(scope, ref, plan);
    Tree tree = tree(plan);
    MappingNode file = find(tree.file, scope, code);
    MappingNode now = find(tree.effective, scope, code);
    List<PlanEdit> edits =
        PlanEdit.list("planYear = ?1 and scope = ?2 and code = ?3", plan.year, scope, code);
    List<Field> out = new ArrayList<>();
    for (String key : keys(scope)) {
      String editedBy =
          edits.stream()
              .filter(e -> e.field.equals(key))
              .map(e -> e.editedBy)
              .findFirst()
              .orElse(null);
      out.add(
          new Field(
              key,
              display(PlanOverlay.value(now, key)),
              PlanOverlay.value(file, key) != null,
              editedBy));
    }
    return out;
  }

  /** The plan in effect as a plan file, and the file's name to save it under. */
  public record Export(String yaml, String fileName) {}

  /**
   * The file as is when nothing was edited on the pages (its comments kept), else with the edits.
   */
  @Transactional
  public Export export() {
    Plan plan = activePlan();
    Path dir = loader.configDir();
    Path path = loader.planFile(dir);
    List<PlanEdit> edits = PlanEdit.ofYear(plan.year);
    String file = path.getFileName().toString();
    if (edits.isEmpty()) {
      tree(plan); // refused when the file changed since it was loaded
      return new Export(ConfigLoader.readText(path, file), file);
    }
    return new Export(PlanOverlay.dump(tree(plan).effective), file);
  }

  private Outcome edit(String scope, String ref, Map<String, JsonNode> body, String actor) {
    if (body == null || body.isEmpty()) {
      throw new EditException(400, "请求体应为 JSON 对象，写明要修改的字段，如 {\"value\": \"5万\"}");
    }
    Map<String, String> wanted = normalise(scope, body);
    locks.acquire("config");
    Plan plan = activePlan();
    String code = code(scope, ref, plan);
    Tree tree = tree(plan);
    MappingNode file = find(tree.file, scope, code);
    MappingNode now = find(tree.effective, scope, code);
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<String, String> w : wanted.entrySet()) {
      String key = w.getKey();
      String before = PlanOverlay.value(now, key);
      String after = w.getValue();
      if (Objects.equals(before, jsonOrNull(after))) {
        continue;
      }
      changes.add(new Change(key, display(before), display(jsonOrNull(after))));
      remember(plan.year, scope, code, key, after, PlanOverlay.value(file, key), actor);
      PlanOverlay.set(now, key, after);
    }
    if (changes.isEmpty()) {
      return new Outcome(code, changes);
    }
    PlanSpec spec;
    try {
      spec = PlanOverlay.parse(PlanOverlay.dump(tree.effective), "页面修改");
      planSync.apply(spec, plan.sourceFile, plan.contentHash, actor);
    } catch (ConfigFileException e) {
      throw new EditException(400, problem(e.getMessage()));
    }
    audit.record(
        actor,
        scope + ".edited",
        (PlanEdit.TARGET.equals(scope) ? "目标 " : "工程 ") + code,
        String.join(
            "；",
            changes.stream().map(c -> c.field() + " " + c.before() + " → " + c.after()).toList()));
    em.flush();
    settings.put(PlanStructure.GENERATION, UUID.randomUUID().toString());
    vocabulary.rebuild();
    return new Outcome(code, changes);
  }

  /** Keeps the edit of one key, or forgets it when the key is back at the file's value. */
  private void remember(
      int year,
      String scope,
      String code,
      String key,
      String json,
      String fileValue,
      String actor) {
    PlanEdit e =
        PlanEdit.find(
                "planYear = ?1 and scope = ?2 and code = ?3 and field = ?4", year, scope, code, key)
            .firstResult();
    String original = e != null ? e.fileValue : fileValue;
    if (Objects.equals(jsonOrNull(json), original)) {
      if (e != null) {
        e.delete();
      }
      return;
    }
    if (e == null) {
      e = new PlanEdit();
      e.planYear = year;
      e.scope = scope;
      e.code = code;
      e.field = key;
      e.fileValue = fileValue;
    }
    e.editValue = json;
    e.editedBy = actor;
    e.editedAt = wall.instant();
    e.persist();
  }

  /** Edits the file overrode at a load: forgotten, and audited unless the file now agrees. */
  static void dropOverridden(List<PlanOverlay.Dropped> dropped, String actor, Audit audit) {
    for (PlanOverlay.Dropped d : dropped) {
      PlanEdit e = PlanEdit.findById(d.edit().id);
      if (e == null) {
        continue;
      }
      if (!d.silently()) {
        audit.record(
            actor,
            "plan.edit.overridden",
            (PlanEdit.TARGET.equals(e.scope) ? "目标 " : "工程 ") + e.code,
            "页面修改（"
                + e.editedBy
                + "）的 "
                + e.field
                + " = "
                + display(e.editValue)
                + " 被计划文件覆盖：文件现为 "
                + display(d.fileNow()));
      }
      e.delete();
    }
  }

  /** The file as loaded and as the edits make it; refused when the file changed since the load. */
  private Tree tree(Plan plan) {
    Path dir = loader.configDir();
    Path path = loader.planFile(dir);
    String name = ConfigLoader.display(dir, path);
    String text = ConfigLoader.readText(path, name);
    if (!Objects.equals(ConfigLoader.sha256(path), plan.contentHash)) {
      throw new EditException(
          409,
          "计划文件 "
              + name
              + " 在上次加载后已改动：请先重新加载（POST /api/config/reload，可加 ?dryRun=true 先看差异），再在页面修改");
    }
    Node file = PlanOverlay.compose(text, name);
    Node effective = PlanOverlay.compose(text, name);
    PlanOverlay.apply(effective, PlanEdit.ofYear(plan.year));
    return new Tree(file, effective);
  }

  private record Tree(Node file, Node effective) {}

  private static Plan activePlan() {
    Plan plan = Plan.findActive();
    if (plan == null) {
      throw new EditException(503, "计划尚未加载");
    }
    return plan;
  }

  /** The target's id (by id or name) or the project's name (by name or alias) in the plan. */
  private static String code(String scope, String ref, Plan plan) {
    String r = ref == null ? "" : ref.trim();
    if (PlanEdit.TARGET.equals(scope)) {
      Target t =
          Target.find("plan = ?1 and retired = false and (code = ?2 or name = ?2)", plan, r)
              .firstResult();
      if (t == null) {
        throw new EditException(404, "没有目标“" + r + "”（用目标编号，如 jobs-new，或目标名称）");
      }
      return t.code;
    }
    for (Project p : Project.<Project>list("plan = ?1 and retired = false", plan)) {
      if (p.name.equals(r) || p.aliases.contains(r)) {
        return p.name;
      }
    }
    throw new EditException(404, "没有工程“" + r + "”");
  }

  private static MappingNode find(Node root, String scope, String code) {
    MappingNode m =
        PlanEdit.TARGET.equals(scope)
            ? PlanOverlay.target(root, code)
            : PlanOverlay.project(root, code);
    if (m == null) {
      throw new EditException(404, "计划文件中没有“" + code + "”");
    }
    return m;
  }

  private static List<String> keys(String scope) {
    return PlanEdit.TARGET.equals(scope) ? PlanOverlay.TARGET_KEYS : PlanOverlay.PROJECT_KEYS;
  }

  /** The body's keys in the file's spelling, values as JSON; unknown keys and types refused. */
  private static Map<String, String> normalise(String scope, Map<String, JsonNode> body) {
    List<String> allowed = keys(scope);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : body.entrySet()) {
      String key = fileKey(e.getKey());
      if (!allowed.contains(key)) {
        throw new EditException(
            400, "不能修改的字段“" + e.getKey() + "”；可修改：" + String.join("、", allowed));
      }
      out.put(key, PlanOverlay.json(value(key, e.getValue())));
    }
    return out;
  }

  private static String fileKey(String key) {
    return switch (key) {
      case "deadlineDay" -> "deadline-day";
      case "leadUnits" -> "lead-units";
      default -> key;
    };
  }

  private static final Set<String> LISTS =
      new LinkedHashSet<>(List.of("owners", "deadlines", "aliases", "lead-units"));

  /** Keys whose values are figures or dates: full-width digits and signs read as half-width. */
  private static final Set<String> TYPED = Set.of("value", "deadline-day", "cycle");

  private static JsonNode value(String key, JsonNode v) {
    if (v == null || v.isNull()) {
      return NullNode.getInstance();
    }
    if (LISTS.contains(key)) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      if (v.isTextual() && "deadlines".equals(key)) {
        v = TextNode.valueOf(TextNormalizer.normalize(v.asText(), List.of()));
      }
      if (v.isTextual()) {
        // "人社局、总工会" as typed in a form
        for (String part : v.asText().split("[、，,；;\\s]+")) {
          if (!part.isBlank()) {
            a.add(part.trim());
          }
        }
      } else if (v.isArray()) {
        for (JsonNode item : v) {
          if (!item.isValueNode() || item.asText().isBlank()) {
            throw new EditException(400, key + " 应为文字列表");
          }
          a.add(item.asText().trim());
        }
      } else {
        throw new EditException(400, key + " 应为文字列表");
      }
      return a.isEmpty() ? NullNode.getInstance() : a;
    }
    if (v.isNumber()) {
      return TextNode.valueOf(new BigDecimal(v.asText()).stripTrailingZeros().toPlainString());
    }
    if (!v.isValueNode()) {
      throw new EditException(400, key + " 应为一个值");
    }
    String text = v.asText().trim();
    if (TYPED.contains(key)) {
      text = TextNormalizer.normalize(text, List.of()); // ５万 typed with a Chinese input method
    }
    return text.isEmpty() ? NullNode.getInstance() : TextNode.valueOf(text);
  }

  private static String jsonOrNull(String json) {
    return "null".equals(json) ? null : json;
  }

  /** A JSON value as a person reads it: 4.8万, 人社局、总工会, 无. */
  static String display(String json) {
    if (json == null) {
      return "无";
    }
    JsonNode n = PlanOverlay.read(json);
    if (n.isArray()) {
      List<String> items = new ArrayList<>();
      n.forEach(i -> items.add(i.asText()));
      return String.join("、", items);
    }
    return n.isNull() ? "无" : n.asText();
  }

  /** The file check's problem without the place in the regenerated text. */
  static String problem(String message) {
    int at = message.indexOf(": ");
    return at < 0 ? message : message.substring(at + 2);
  }
}
