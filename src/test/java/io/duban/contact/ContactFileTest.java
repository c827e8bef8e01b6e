package io.duban.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.config.YamlNode;
import java.io.StringReader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** contacts.yaml: names that read differently from what they are, and ids that would be markup. */
class ContactFileTest {
  static ContactSpec.ContactsFile parse(String yaml) {
    return ContactFile.parse(
        YamlNode.parse(new StringReader(yaml), "contacts.yaml"), Set.of("人社局"));
  }

  @Test
  void aPlainNameLoads() {
    assertThat(parse("contacts:\n  - {id: a, name: 赵示一, unit: 人社局, role: reporter}\n").contacts())
        .hasSize(1);
  }

  @Test
  void controlAndBidiCharactersInANameStopTheLoadWithThePlace() {
    for (String bad : new String[] {"\\u202E", "\\u2067", "\\u0007", "\\u200F"}) {
      assertThatThrownBy(
              () ->
                  parse(
                      "contacts:\n  - {id: a, name: \"赵"
                          + bad
                          + "示一\", unit: 人社局, role: reporter}\n"))
          .hasMessageContaining("contacts.yaml:2")
          .hasMessageContaining("控制");
    }
  }

  @Test
  void aPlatformIdWithMarkupStopsTheLoad() {
    assertThatThrownBy(
            () ->
                parse(
                    "contacts:\n  - {id: a, name: 赵示一, unit: 人社局, role: reporter,"
                        + " ids: {wecom: \"x><@all\"}}\n"))
        .hasMessageContaining("平台 id");
  }
}
