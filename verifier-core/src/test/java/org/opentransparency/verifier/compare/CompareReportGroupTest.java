package org.opentransparency.verifier.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.report.CompareHtml;
import org.opentransparency.verifier.report.CompareReport;

/**
 * A rebuild on another day: the text and HTML reports show metadata-only entries that share their
 * changes as one group, and every other entry on its own; JSON keeps every entry.
 */
class CompareReportGroupTest {
  private static final FieldDiff MTIME =
      new FieldDiff("mtime", "2026-01-01T00:00:00Z", "2026-06-01T12:00:00Z");

  private static EntryDiff metadata(String path, FieldDiff... fields) {
    EntryDiff.Side side = new EntryDiff.Side("file", 1, "00");
    return new EntryDiff(
        path, EntryStatus.METADATA, side, side, List.of(fields), List.of(), null, List.of());
  }

  private static ComparisonResult result(int sameChange) {
    List<EntryDiff> entries = new ArrayList<>();
    for (int i = 0; i < sameChange; i++) {
      entries.add(metadata("f" + i, MTIME));
    }
    entries.add(metadata("odd", MTIME, new FieldDiff("mode", "0644", "0600")));
    entries.add(
        new EntryDiff(
            "changed.class",
            EntryStatus.MODIFIED,
            new EntryDiff.Side("file", 3, "aa"),
            new EntryDiff.Side("file", 4, "bb"),
            List.of(MTIME),
            List.of(),
            2L,
            List.of()));
    return new ComparisonResult(
        CompareVerdict.DIFFERENT,
        new ComparisonResult.Input("l.jar", "zip", 1, "00"),
        new ComparisonResult.Input("r.jar", "zip", 1, "11"),
        new ComparisonResult.Summary(0, sameChange + 1, 1, 0, 0),
        List.of(),
        entries,
        List.of(),
        List.of());
  }

  @Test
  void text_manyEntriesWithOneChange_areOneGroup() {
    String text = CompareReport.text(result(12));

    assertEquals(
        String.join(
            "\n",
            "different: l.jar vs r.jar",
            "  same 0, metadata 13, modified 1, added 0, removed 0",
            "  ~ 12 entries differ only in",
            "      mtime: 2026-01-01T00:00:00Z -> 2026-06-01T12:00:00Z",
            "      f0, f1, f2, ... (9 more)",
            "  ~ odd",
            "      mtime: 2026-01-01T00:00:00Z -> 2026-06-01T12:00:00Z",
            "      mode: 0644 -> 0600",
            "  M changed.class (3 -> 4 bytes, first difference at byte 2)",
            "      mtime: 2026-01-01T00:00:00Z -> 2026-06-01T12:00:00Z",
            ""),
        text);
  }

  @Test
  void text_fewEntries_eachShown() {
    String text = CompareReport.text(result(9));

    assertTrue(text.contains("  ~ f8\n      mtime: "), text);
    assertFalse(text.contains("entries differ only in"), text);
  }

  @Test
  void html_groupListsItsEntries_jsonListsEach() throws IOException {
    ComparisonResult r = result(12);
    ByteArrayOutputStream html = new ByteArrayOutputStream();
    CompareHtml.write(r, html);
    String h = html.toString(StandardCharsets.UTF_8);
    assertTrue(h.contains("<span class=\"path\">12 entries</span>"), h);
    assertTrue(h.contains("<li class=\"path\">f11</li>"), h);
    assertTrue(h.contains("<span class=\"path\">odd</span>"), h);

    ByteArrayOutputStream json = new ByteArrayOutputStream();
    CompareReport.json(r, json);
    String j = json.toString(StandardCharsets.UTF_8);
    for (int i = 0; i < 12; i++) {
      assertTrue(j.contains("\"path\":\"f" + i + "\""), j);
    }
  }

  @Test
  void text_changesThatOnlyLookAlikeWhenJoined_areTwoGroups() {
    List<EntryDiff> entries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      entries.add(metadata("x" + i, new FieldDiff("comment", "a", "b\0c")));
      entries.add(metadata("y" + i, new FieldDiff("comment", "a\0b", "c")));
    }
    ComparisonResult r =
        new ComparisonResult(
            CompareVerdict.EQUIVALENT,
            new ComparisonResult.Input("l.zip", "zip", 1, "00"),
            new ComparisonResult.Input("r.zip", "zip", 1, "11"),
            new ComparisonResult.Summary(0, 20, 0, 0, 0),
            List.of(),
            entries,
            List.of(),
            List.of());

    String text = CompareReport.text(r);

    assertTrue(text.contains("x0, x1, x2, ... (7 more)"), text);
    assertTrue(text.contains("y0, y1, y2, ... (7 more)"), text);
  }
}
