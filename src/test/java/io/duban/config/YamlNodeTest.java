package io.duban.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The YAML view every operator file is read through: navigation, typed getters with defaults, and
 * one-line errors that name the file, the line and column and the path of the field.
 */
class YamlNodeTest {
  static final String BOTS =
      """
      bots:
        dingtalk-app:
          platform: dingtalk
          port: 8080
          enabled: yes
          robot-code: "  padded  "
          empty: ""
          aliases: [甲, 乙]
          single: 丙
        console:
          platform: console
      routes:
        - admin
        - leader
      """;

  static YamlNode parse(String yaml) {
    return YamlNode.parse(new StringReader(yaml), "bots.yaml");
  }

  static YamlNode app() {
    return parse(BOTS).get("bots").get("dingtalk-app");
  }

  @Nested
  class Reading {
    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
      assertThatThrownBy(() -> YamlNode.read(dir.resolve("nope.yaml"), "config/nope.yaml"))
          .isInstanceOf(ConfigFileException.class)
          .hasMessage("config/nope.yaml: 文件不存在");
    }

    @Test
    void aFolderIsNotAFile(@TempDir Path dir) {
      assertThatThrownBy(() -> YamlNode.read(dir, "config"))
          .isInstanceOf(ConfigFileException.class)
          .hasMessage("config: 文件不存在");
    }

    @Test
    void aFileIsReadAsUtf8(@TempDir Path dir) throws IOException {
      Path file = Files.writeString(dir.resolve("a.yaml"), "名称: 武进区\n", StandardCharsets.UTF_8);
      YamlNode root = YamlNode.read(file, "a.yaml");
      assertThat(root.file()).isEqualTo("a.yaml");
      assertThat(root.string("名称")).isEqualTo("武进区");
    }

    @Test
    void brokenYamlIsOneLineWithLineAndColumn() {
      assertThatThrownBy(() -> parse("a: 1\nb: [1, 2\nc: 3\n"))
          .isInstanceOf(ConfigFileException.class)
          .hasMessageStartingWith("bots.yaml:")
          .hasMessageContaining(": YAML 格式错误（")
          .hasMessageNotContaining("\n")
          .hasMessageMatching("bots\\.yaml:\\d+:\\d+: YAML 格式错误（.+）");
    }

    @Test
    void anEmptyFileIsAMissingRoot() {
      YamlNode root = parse("");
      assertThat(root.isMissing()).isTrue();
      assertThat(root.entries()).isEmpty();
      assertThat(root.list()).isEmpty();
      assertThat(root.get("bots").isMissing()).isTrue();
    }
  }

  @Nested
  class Navigation {
    @Test
    void kindsOfNodes() {
      YamlNode root = parse(BOTS);
      assertThat(root.isMap()).isTrue();
      assertThat(root.get("routes").isList()).isTrue();
      assertThat(root.get("bots").get("console").get("platform").isScalar()).isTrue();
      assertThat(root.get("nothing").isMissing()).isTrue();
      assertThat(parse("a: ~\n").get("a").isMissing()).isTrue();
      assertThat(parse("a: ~\n").get("a").isScalar()).isFalse();
    }

    @Test
    void pathsFollowKeysAndIndexes() {
      YamlNode root = parse(BOTS);
      assertThat(root.path()).isEmpty();
      assertThat(app().path()).isEqualTo("bots.dingtalk-app");
      assertThat(app().get("aliases").list().get(1).path())
          .isEqualTo("bots.dingtalk-app.aliases[1]");
      assertThat(root.list("routes"))
          .extracting(YamlNode::path)
          .containsExactly("routes[0]", "routes[1]");
    }

    @Test
    void entriesKeepFileOrder() {
      Map<String, YamlNode> bots = parse(BOTS).get("bots").entries();
      assertThat(bots.keySet()).containsExactly("dingtalk-app", "console");
      assertThat(bots.get("console").path()).isEqualTo("bots.console");
      assertThat(app().entries().keySet())
          .containsExactly(
              "platform", "port", "enabled", "robot-code", "empty", "aliases", "single");
    }

    @Test
    void hasIsFalseForMissingAndNull() {
      YamlNode n = parse("a: 1\nb: ~\n");
      assertThat(n.has("a")).isTrue();
      assertThat(n.has("b")).isFalse();
      assertThat(n.has("c")).isFalse();
    }

    @Test
    void belowAMissingNodeEverythingIsMissing() {
      YamlNode deep = parse(BOTS).get("nope").get("deeper");
      assertThat(deep.isMissing()).isTrue();
      assertThat(deep.path()).isEqualTo("nope.deeper");
    }

    @Test
    void aScalarHasNoChildren() {
      assertThatThrownBy(() -> app().get("platform").get("x"))
          .isInstanceOf(ConfigFileException.class)
          .hasMessage("bots.yaml:3:15 bots.dingtalk-app.platform: 应为键值对（映射），实际是“dingtalk”");
    }

    @Test
    void aListIsNotAMap() {
      assertThatThrownBy(() -> parse(BOTS).get("routes").entries())
          .isInstanceOf(ConfigFileException.class)
          .hasMessage("bots.yaml:13:3 routes: 应为键值对（映射），实际是列表");
    }

    @Test
    void aMapIsNotAList() {
      assertThatThrownBy(() -> parse(BOTS).list("bots"))
          .isInstanceOf(ConfigFileException.class)
          .hasMessage("bots.yaml:2:3 bots: 应为列表，实际是键值对");
    }

    @Test
    void keysMustBeText() {
      assertThatThrownBy(() -> parse("? [a, b]\n: 1\n").entries())
          .isInstanceOf(ConfigFileException.class)
          .hasMessageEndingWith(": 键必须是文字");
    }
  }

  @Nested
  class TypedGetters {
    @Test
    void textIsTrimmed() {
      assertThat(app().string("robot-code")).isEqualTo("padded");
      assertThat(app().optString("robot-code")).hasValue("padded");
    }

    @Test
    void aMissingRequiredFieldPointsAtTheMapItBelongsIn() {
      assertThatThrownBy(() -> app().string("app-key"))
          .isInstanceOf(ConfigFileException.class)
          .hasMessage("bots.yaml:3:5 bots.dingtalk-app.app-key: 缺少必填字段");
    }

    @Test
    void anEmptyRequiredFieldIsRefused() {
      assertThatThrownBy(() -> app().string("empty"))
          .isInstanceOf(ConfigFileException.class)
          .hasMessage("bots.yaml:7:12 bots.dingtalk-app.empty: 不能为空");
    }

    @Test
    void aListWhereOneValueBelongs() {
      assertThatThrownBy(() -> app().string("aliases"))
          .isInstanceOf(ConfigFileException.class)
          .hasMessage("bots.yaml:8:14 bots.dingtalk-app.aliases: 应为一个值，实际是列表");
      assertThatThrownBy(() -> app().optString("aliases"))
          .isInstanceOf(ConfigFileException.class)
          .hasMessageEndingWith("应为一个值，实际是列表");
    }

    @Test
    void optionalTextIsEmptyWhenMissingOrBlank() {
      assertThat(app().optString("app-key")).isEmpty();
      assertThat(app().optString("empty")).isEmpty();
      assertThat(app().optString("platform")).hasValue("dingtalk");
    }

    @Test
    void integersWithADefault() {
      assertThat(app().integer("port", 1)).isEqualTo(8080);
      assertThat(app().integer("timeout", 30)).isEqualTo(30);
      assertThat(app().integer("empty", 7)).isEqualTo(7);
      assertThatThrownBy(() -> app().integer("platform", 0))
          .isInstanceOf(ConfigFileException.class)
          .hasMessage("bots.yaml:3:15 bots.dingtalk-app.platform: 应为整数，实际是“dingtalk”");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
      "true,true",
      "yes,true",
      "on,true",
      "是,true",
      "TRUE,true",
      "Yes,true",
      "false,false",
      "no,false",
      "off,false",
      "否,false",
      "OFF,false"
    })
    void booleansInEveryAcceptedSpelling(String written, boolean meant) {
      assertThat(parse("flag: " + written + "\n").bool("flag", !meant)).isEqualTo(meant);
    }

    @Test
    void booleansWithADefaultAndARefusal() {
      assertThat(app().bool("enabled", false)).isTrue();
      assertThat(app().bool("paused", true)).isTrue();
      assertThat(app().bool("paused", false)).isFalse();
      assertThatThrownBy(() -> parse("flag: 1\n").bool("flag", false))
          .isInstanceOf(ConfigFileException.class)
          .hasMessage("bots.yaml:1:7 flag: 应为 true 或 false，实际是“1”");
    }

    @Test
    void stringsAcceptAListOrOneValue() {
      assertThat(app().strings("aliases")).containsExactly("甲", "乙");
      assertThat(app().strings("single")).containsExactly("丙");
      assertThat(app().strings("nothing")).isEmpty();
    }
  }

  @Nested
  class AllowOnly {
    @Test
    void knownKeysPass() {
      YamlNode console = parse(BOTS).get("bots").get("console");
      assertThat(console.allowOnly("platform", "name")).isSameAs(console);
    }

    @Test
    void aTypoIsNamedAtItsValueWithTheKeysThatExist() {
      assertThatThrownBy(() -> parse("platfrom: x\n").allowOnly("platform", "name"))
          .isInstanceOf(ConfigFileException.class)
          .hasMessage("bots.yaml:1:11 platfrom: 未知字段“platfrom”，可用字段：platform, name");
    }

    @Test
    void aMissingNodeAllowsAnything() {
      YamlNode missing = parse(BOTS).get("nope");
      assertThat(missing.allowOnly()).isSameAs(missing);
    }
  }

  @Nested
  class Environment {
    @Test
    void variablesAreReplacedWithDefaultsForTheUnset() {
      Map<String, String> env = Map.of("SECRET", "s3", "EMPTY", "");
      assertThat(
              YamlNode.resolveEnv("a ${SECRET} b ${UNSET:dflt} c ${EMPTY:x} d ${UNSET}", env::get))
          .isEqualTo("a s3 b dflt c x d ");
    }

    @Test
    void replacementsAreTakenLiterally() {
      assertThat(YamlNode.resolveEnv("${V}", Map.of("V", "$1\\x")::get)).isEqualTo("$1\\x");
    }

    @Test
    void textWithoutVariablesIsUnchanged() {
      assertThat(YamlNode.resolveEnv("plain $ {x}", n -> "never")).isEqualTo("plain $ {x}");
    }

    @Test
    void namesListOnlyVariablesWithoutDefault() {
      assertThat(YamlNode.envNames("${A} ${B:b} ${C.d} ${1X}")).isEqualTo(List.of("A", "C.d"));
    }
  }

  @Test
  void placeOfTheRootIsTheFileAlone() {
    assertThat(parse("").place()).isEqualTo("bots.yaml");
    assertThat(parse("a: 1\n").place()).isEqualTo("bots.yaml:1:1");
    assertThat(parse("a: 1\n").error("坏了").getMessage()).isEqualTo("bots.yaml:1:1: 坏了");
  }
}
