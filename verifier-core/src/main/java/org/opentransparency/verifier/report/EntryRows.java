package org.opentransparency.verifier.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opentransparency.verifier.compare.EntryDiff;
import org.opentransparency.verifier.compare.EntryStatus;
import org.opentransparency.verifier.compare.FieldDiff;

/**
 * The rows of a report's entry list at one level. A rebuild on another day differs in the same
 * fields of every entry: metadata-only entries that share their changes become one row when there
 * are {@link #GROUP} or more of them, at the place of the first. Modified, added and removed
 * entries are always rows of their own. The JSON report lists every entry.
 */
record EntryRows(EntryDiff entry, List<EntryDiff> group) {
  /** How many metadata-only entries with the same changes make one row. */
  static final int GROUP = 10;

  /** A group row's shared changes. */
  List<FieldDiff> fields() {
    return group.get(0).fields();
  }

  boolean isGroup() {
    return group != null;
  }

  static List<EntryRows> of(List<EntryDiff> entries) {
    Map<List<FieldDiff>, List<EntryDiff>> byChange = new HashMap<>();
    for (EntryDiff e : entries) {
      if (groupable(e)) {
        byChange.computeIfAbsent(change(e), k -> new ArrayList<>()).add(e);
      }
    }
    List<EntryRows> rows = new ArrayList<>();
    for (EntryDiff e : entries) {
      List<EntryDiff> group = groupable(e) ? byChange.get(change(e)) : null;
      if (group == null || group.size() < GROUP) {
        rows.add(new EntryRows(e, null));
      } else if (group.get(0) == e) {
        rows.add(new EntryRows(null, List.copyOf(group)));
      }
    }
    return rows;
  }

  private static boolean groupable(EntryDiff e) {
    return e.status() == EntryStatus.METADATA && e.children().isEmpty();
  }

  /** The changes as one key: the field diffs themselves (records compare by value). */
  private static List<FieldDiff> change(EntryDiff e) {
    return e.fields();
  }
}
