package io.duban.contact;

import io.duban.audit.Audit;
import io.duban.chat.Platform;
import io.duban.common.Settings;
import io.duban.config.ConfigFingerprint;
import io.duban.plan.Unit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates and updates contacts from contacts.yaml and the API, keeping platform ids learned by 绑定
 * and contacts created through the API: the file only updates what it defines.
 */
@ApplicationScoped
public class ContactService {
  /** Contact or identity defined by contacts.yaml. */
  public static final String ORIGIN_FILE = "FILE";

  /** Contact or identity created through the API. */
  public static final String ORIGIN_API = "API";

  /** Platform id learned by the 绑定 command. */
  public static final String ORIGIN_BIND = "BIND";

  @Inject Audit audit;
  @Inject Clock wall;
  @Inject Settings settings;

  /** A refused change, with a Chinese reason for the API client. */
  public static class ContactException extends RuntimeException {
    public ContactException(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Applies every contact of the file; callers hold the config lock. */
  @Transactional(Transactional.TxType.MANDATORY)
  public int syncFile(List<ContactSpec> specs, String actor) {
    int changed = 0;
    // the file is consistent in itself (ContactFile refuses a mobile or id listed twice), so a
    // contact it lists cannot clash with another it lists, whichever of them is written first
    Set<String> listed = new HashSet<>();
    Map<String, String> assigned = new HashMap<>();
    for (ContactSpec spec : specs) {
      listed.add(spec.id());
      spec.ids()
          .forEach(
              (platform, byBot) ->
                  byBot.forEach(
                      (bot, external) ->
                          assigned.put(
                              platform + "\u0000" + bot + "\u0000" + external, spec.id())));
    }
    // an id the file moves from one of its contacts to another is let go first, so that the new
    // owner can take it whatever the order (platform ids are unique)
    boolean moved = false;
    for (ContactIdentity i :
        ContactIdentity.<ContactIdentity>find(
                "from ContactIdentity i join fetch i.contact where i.origin = ?1", ORIGIN_FILE)
            .list()) {
      String to = assigned.get(i.platform + "\u0000" + i.botId + "\u0000" + i.externalId);
      if (to != null && !to.equals(i.contact.code) && listed.contains(i.contact.code)) {
        i.contact.identities.remove(i);
        moved = true;
      }
    }
    if (moved) {
      ContactIdentity.flush();
    }
    for (ContactSpec spec : specs) {
      if (upsert(spec, ORIGIN_FILE, actor, listed)) {
        changed++;
      }
    }
    return changed;
  }

  /**
   * Creates or updates one contact; returns whether anything changed. Identities of the given
   * origin that the spec no longer lists are removed; identities of other origins stay.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean upsert(ContactSpec spec, String origin, String actor) {
    applyFilesAtNextStart();
    return upsert(spec, origin, actor, Set.of());
  }

  /** An edit outside contacts.yaml: the next start syncs the files again (ConfigFingerprint). */
  private void applyFilesAtNextStart() {
    settings.put(ConfigFingerprint.KEY, ConfigFingerprint.NONE);
  }

  private boolean upsert(ContactSpec spec, String origin, String actor, Set<String> listed) {
    Instant now = wall.instant();
    Contact contact = Contact.findByCode(spec.id());
    boolean isNew = contact == null;
    List<String> changes = new ArrayList<>();
    Unit unit = Unit.findByName(spec.unit());
    if (unit == null) {
      throw new ContactException("单位“" + spec.unit() + "”不存在");
    }
    if (spec.mobile() != null) {
      Contact sameMobile =
          Contact.find("mobile = ?1 and code <> ?2 and active = true", spec.mobile(), spec.id())
              .firstResult();
      // the row may be stale when this transaction changed that contact and has not flushed yet
      if (sameMobile != null
          && sameMobile.active
          && spec.mobile().equals(sameMobile.mobile)
          && !listed.contains(sameMobile.code)) {
        throw new ContactException("手机号已属于联系人“" + sameMobile.code + "”");
      }
    }
    if (isNew) {
      contact = new Contact();
      contact.code = spec.id();
      contact.createdAt = now;
      contact.origin = origin;
      contact.active = true;
    }
    if (!Objects.equals(contact.name, spec.name())) {
      changes.add("姓名");
      contact.name = spec.name();
    }
    if (contact.unit == null || !contact.unit.id.equals(unit.id)) {
      changes.add("单位 → " + unit.name);
      contact.unit = unit;
    }
    String roles = rolesKey(spec);
    if (!Objects.equals(contact.roles, roles)) {
      changes.add("角色 → " + roles);
      contact.roles = roles;
    }
    if (spec.mobile() != null && !spec.mobile().equals(contact.mobile)) {
      changes.add("手机号");
      contact.mobile = spec.mobile();
    }
    if (spec.active() != null && spec.active() != contact.active) {
      changes.add(spec.active() ? "启用" : "停用");
      contact.active = spec.active();
    }
    if (ORIGIN_FILE.equals(origin) && !ORIGIN_FILE.equals(contact.origin)) {
      contact.origin = ORIGIN_FILE;
    }
    if (isNew) {
      contact.updatedAt = now;
      contact.persist();
    }
    syncIdentities(contact, spec, origin, changes, now);
    if (isNew) {
      audit.record(actor, "contact.added", "联系人 " + spec.id(), spec.name() + "（" + unit.name + "）");
      return true;
    }
    if (!changes.isEmpty()) {
      contact.updatedAt = now;
      audit.record(actor, "contact.updated", "联系人 " + spec.id(), String.join("；", changes));
      return true;
    }
    return false;
  }

  private void syncIdentities(
      Contact contact, ContactSpec spec, String origin, List<String> changes, Instant now) {
    for (Map.Entry<String, Map<String, String>> p : spec.ids().entrySet()) {
      for (Map.Entry<String, String> b : p.getValue().entrySet()) {
        String platform = p.getKey();
        String botId = b.getKey();
        String externalId = b.getValue();
        ContactIdentity owner =
            Identities.stored(Platform.fromKey(platform).orElseThrow(), botId, externalId)
                .orElse(null);
        boolean current =
            owner != null
                && externalId.equals(owner.externalId)
                && owner.contact.identities.contains(owner);
        if (current && !owner.contact.id.equals(contact.id)) {
          throw new ContactException("平台 id“" + externalId + "”已属于联系人“" + owner.contact.code + "”");
        }
        Optional<ContactIdentity> mine = find(contact, platform, botId);
        if (mine.isPresent()) {
          ContactIdentity identity = mine.get();
          if (!identity.externalId.equals(externalId)) {
            identity.externalId = externalId;
            identity.origin = origin;
            changes.add(platform + " id");
          } else if (ORIGIN_BIND.equals(identity.origin) && !ORIGIN_BIND.equals(origin)) {
            // an id 绑定 learned, now listed by the file or the API: confirmed by that listing
            identity.origin = origin;
            changes.add(platform + " id 经" + (ORIGIN_FILE.equals(origin) ? "配置文件" : "接口") + "确认");
          }
        } else {
          ContactIdentity identity = new ContactIdentity();
          identity.contact = contact;
          identity.platform = platform;
          identity.botId = botId;
          identity.externalId = externalId;
          identity.origin = origin;
          identity.createdAt = now;
          contact.identities.add(identity);
          changes.add(platform + " id");
        }
      }
    }
    // ids the same source set before and no longer lists are dropped; 绑定 ids never are
    contact.identities.removeIf(
        i -> {
          boolean listed =
              spec.ids().containsKey(i.platform) && spec.ids().get(i.platform).containsKey(i.botId);
          boolean drop = i.origin.equals(origin) && !listed && !ORIGIN_BIND.equals(origin);
          if (drop) {
            changes.add("移除 " + i.platform + " id");
          }
          return drop;
        });
  }

  private static Optional<ContactIdentity> find(Contact contact, String platform, String botId) {
    return contact.identities.stream()
        .filter(i -> i.platform.equals(platform) && i.botId.equals(botId))
        .findFirst();
  }

  private static String rolesKey(ContactSpec spec) {
    List<String> keys = new ArrayList<>();
    for (Role r : Role.values()) {
      if (spec.roles().contains(r)) {
        keys.add(r.key());
      }
    }
    return String.join(",", keys);
  }

  /**
   * Removes a contact's ids on one platform (of one Feishu app when {@code botId} is given),
   * whatever their origin; a file-listed id comes back at the next load unless the file drops it.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int removeIds(Contact contact, Platform platform, String botId, String actor) {
    applyFilesAtNextStart();
    List<ContactIdentity> gone =
        contact.identities.stream()
            .filter(i -> i.platform.equals(platform.key()))
            .filter(i -> botId == null || i.botId.equals(botId))
            .toList();
    for (ContactIdentity i : gone) {
      contact.identities.remove(i);
      audit.record(
          actor,
          "contact.id-removed",
          "联系人 " + contact.code,
          platform.label() + "账号 " + i.externalId + "（来源 " + i.origin + "）");
    }
    if (!gone.isEmpty()) {
      contact.updatedAt = wall.instant();
    }
    return gone.size();
  }

  /**
   * Platform ids that 绑定 attached before a binding needed proof (no approval request): anyone could
   * have made them, so the admins are asked to check them (once a day, with the config warnings)
   * until each is confirmed in contacts.yaml / the API or removed.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<String> unprovenBindings() {
    List<ContactIdentity> legacy =
        ContactIdentity.<ContactIdentity>find(
                "from ContactIdentity i join fetch i.contact c where i.origin = ?1"
                    + " and i.approvalId is null and c.active = true order by c.code",
                ORIGIN_BIND)
            .list();
    if (legacy.isEmpty()) {
      return List.of();
    }
    List<String> who = new ArrayList<>();
    for (ContactIdentity i : legacy.subList(0, Math.min(10, legacy.size()))) {
      who.add(i.contact.name + "（" + i.contact.code + "，" + i.platform + " " + i.externalId + "）");
    }
    return List.of(
        legacy.size()
            + " 个平台账号是旧版“绑定”未经核实学到的，任何人都可能冒用过："
            + String.join("、", who)
            + (legacy.size() > 10 ? " 等" : "")
            + "。请与本人核实：确认的写进 contacts.yaml 的 ids，不是本人的用 DELETE /api/contacts/<编号>/ids/<平台> 移除。");
  }

  /** Deactivates a contact; history keeps the person. */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean deactivate(String code, String actor) {
    Contact contact = Contact.findByCode(code);
    if (contact == null) {
      return false;
    }
    if (contact.active) {
      contact.active = false;
      contact.updatedAt = wall.instant();
      audit.record(actor, "contact.deactivated", "联系人 " + code, contact.name);
    }
    return true;
  }
}
