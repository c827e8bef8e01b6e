package io.duban.contact;

import io.duban.chat.Platform;
import io.duban.chat.PlatformRules;
import io.duban.config.YamlNode;
import io.duban.contact.ContactSpec.ContactsFile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks contacts.yaml; problems are one line naming the file, place and field. */
public final class ContactFile {
  /** Mainland mobile numbers: 11 digits starting with 1. */
  public static final Pattern MOBILE = Pattern.compile("1\\d{10}");

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private ContactFile() {}

  public static ContactsFile parse(YamlNode root, Set<String> knownUnits) {
    if (root.isMissing()) {
      return new ContactsFile(List.of(), List.of());
    }
    root.allowOnly("units", "contacts");
    List<String> extraUnits = root.strings("units");
    Set<String> units = new HashSet<>(knownUnits);
    units.addAll(extraUnits);
    List<ContactSpec> contacts = new ArrayList<>();
    Map<String, String> seenIds = new HashMap<>();
    Map<String, String> seenMobiles = new HashMap<>();
    Map<String, String> seenExternal = new HashMap<>();
    for (YamlNode c : root.list("contacts")) {
      c.allowOnly("id", "name", "unit", "role", "mobile", "ids", "active");
      String id = c.string("id");
      if (!ID.matcher(id).matches()) {
        throw c.get("id").error("联系人编号只能用字母、数字、点、下划线和连字符");
      }
      if (seenIds.put(id, id) != null) {
        throw c.get("id").error("联系人编号“" + id + "”重复");
      }
      String nameProblem = ContactRules.nameProblem(c.string("name"));
      if (nameProblem != null) {
        throw c.get("name").error(nameProblem);
      }
      String unit = c.string("unit");
      if (!units.contains(unit)) {
        throw c.get("unit")
            .error("单位“" + unit + "”既不在计划的 units 中，也不在本文件的 units 中（领导、管理员所在单位写在本文件的 units 下）");
      }
      Set<Role> roles = EnumSet.noneOf(Role.class);
      for (String r : c.strings("role")) {
        roles.add(
            Role.fromKey(r)
                .orElseThrow(
                    () -> c.get("role").error("角色应为 reporter、leader 或 admin，实际是“" + r + "”")));
      }
      if (roles.isEmpty()) {
        throw c.get("role").error("至少要有一个角色（reporter、leader 或 admin）");
      }
      String mobile = c.optString("mobile").orElse(null);
      if (mobile != null) {
        if (!MOBILE.matcher(mobile).matches()) {
          throw c.get("mobile").error("手机号应为 11 位数字，实际是“" + mobile + "”");
        }
        String other = seenMobiles.put(mobile, id);
        if (other != null) {
          throw c.get("mobile").error("手机号与联系人“" + other + "”重复");
        }
      }
      Map<String, Map<String, String>> ids = ids(c.get("ids"), id, seenExternal);
      Optional<String> active = c.optString("active");
      contacts.add(
          new ContactSpec(
              id,
              c.string("name"),
              unit,
              roles,
              mobile,
              active.isPresent() ? c.bool("active", true) : null,
              ids,
              c.place()));
    }
    return new ContactsFile(extraUnits, contacts);
  }

  /**
   * A contact's {@code ids}: platform → bot scope → id; a platform whose ids are per bot (Feishu)
   * may list them per bot id, every other platform has one id for every bot.
   */
  private static Map<String, Map<String, String>> ids(
      YamlNode node, String id, Map<String, String> seenExternal) {
    Map<String, Map<String, String>> ids = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
      Platform platform =
          Platform.fromKey(e.getKey())
              .orElseThrow(() -> e.getValue().error("平台应为 dingtalk、wecom、feishu 或 console"));
      Map<String, String> perBot = new LinkedHashMap<>();
      if (e.getValue().isMap()) {
        if (!PlatformRules.of(platform).idsPerBot()) {
          throw e.getValue().error("只有飞书的 id 按机器人分别填写（机器人编号: open_id）");
        }
        for (Map.Entry<String, YamlNode> b : e.getValue().entries().entrySet()) {
          perBot.put(b.getKey(), b.getValue().text());
        }
      } else {
        perBot.put(ContactIdentity.ANY_BOT, e.getValue().text());
      }
      for (Map.Entry<String, String> b : perBot.entrySet()) {
        String idProblem = ContactRules.idProblem(b.getValue());
        if (idProblem != null) {
          throw e.getValue().error(idProblem + "：“" + b.getValue() + "”");
        }
        String key = platform.key() + "/" + b.getKey() + "/" + b.getValue();
        String other = seenExternal.put(key, id);
        if (other != null) {
          throw e.getValue().error("平台 id“" + b.getValue() + "”与联系人“" + other + "”重复");
        }
      }
      ids.put(platform.key(), perBot);
    }
    return ids;
  }
}
