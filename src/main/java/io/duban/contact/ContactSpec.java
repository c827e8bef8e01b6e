package io.duban.contact;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A contact as contacts.yaml (or the API) defines it; null fields are not set by the source.
 *
 * @param ids platform key → (bot id or "" for every bot → platform user id)
 */
public record ContactSpec(
    String id,
    String name,
    String unit,
    Set<Role> roles,
    String mobile,
    Boolean active,
    Map<String, Map<String, String>> ids,
    String place) {

  /** Extra units named only by contacts (区政府办, 督查室, ...). */
  public record ContactsFile(List<String> extraUnits, List<ContactSpec> contacts) {}
}
