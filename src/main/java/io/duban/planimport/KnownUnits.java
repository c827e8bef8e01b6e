package io.duban.planimport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The units Duban knows (the Unit table: the plan's units and the extra units of contacts.yaml), by
 * name and alias, to resolve a table's 牵头单位 and to flag the ones it does not know.
 */
final class KnownUnits {
  /** What a unit's name ends with when the table names one that is not known. */
  private static final Pattern UNIT_LIKE =
      Pattern.compile("[\\p{IsHan}]{1,14}(局|办|部|总会|会|中心|委|院|区|署|处|所|站|队|厅|室|团|社|联|办公室|分局|集团|公司)");

  /** A known unit: its name, full name and aliases. */
  record Known(String name, String fullName, List<String> aliases) {}

  private final Map<String, Known> byName = new LinkedHashMap<>();
  private final Map<String, Known> byAnyName = new HashMap<>();

  KnownUnits(List<Known> units) {
    for (Known k : units) {
      byName.put(k.name(), k);
      byAnyName.put(k.name(), k);
      if (k.fullName() != null) {
        byAnyName.putIfAbsent(k.fullName(), k);
      }
      for (String a : k.aliases()) {
        byAnyName.putIfAbsent(a, k);
      }
    }
  }

  static KnownUnits none() {
    return new KnownUnits(List.of());
  }

  /** The known unit a name, full name or alias stands for; null when none. */
  Known resolve(String written) {
    return written == null ? null : byAnyName.get(written.strip());
  }

  /** Whether a token of a table reads as a unit's name (known, or shaped like one). */
  boolean looksLikeUnit(String token) {
    String t = token.strip();
    return resolve(t) != null || (t.length() <= 15 && UNIT_LIKE.matcher(t).matches());
  }

  /** The canonical name of a written unit: a known unit's name, else the text itself. */
  String canonical(String written) {
    Known k = resolve(written);
    return k == null ? written.strip() : k.name();
  }

  /** Every name a unit goes by (name, aliases, full name), for owner guessing. */
  List<String> namesOf(String unit) {
    List<String> out = new ArrayList<>();
    out.add(unit);
    Known k = byName.get(unit);
    if (k != null) {
      out.addAll(k.aliases());
      if (k.fullName() != null) {
        out.add(k.fullName());
      }
    }
    return out;
  }
}
