package org.opentransparency.verifier.compare;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.archive.Finding;
import org.opentransparency.verifier.report.CompareHtml;
import org.opentransparency.verifier.report.CompareReport;

/**
 * An archive that holds one name twice: each copy keeps a status of its own. Copies pair in order
 * of appearance, the first with the first; a copy with no partner is added or removed, and never
 * vanishes from the counts (testdata/archives/make-duplicates.sh made the fixtures).
 */
class DuplicateCopiesTest {
  private static ComparisonResult compare(String left, String right) throws IOException {
    return ArchiveComparator.compare(
        TestData.path("archives/duplicates/" + left),
        TestData.path("archives/duplicates/" + right),
        CompareOptions.builder().build());
  }

  private static String summary(ComparisonResult r) {
    ComparisonResult.Summary s = r.summary();
    return String.format(
        Locale.ROOT,
        "same %d, metadata %d, modified %d, added %d, removed %d",
        s.same(),
        s.metadata(),
        s.modified(),
        s.added(),
        s.removed());
  }

  private static String statuses(ComparisonResult r) {
    List<String> out = new ArrayList<>();
    for (EntryDiff e : r.entries()) {
      out.add(e.status().id() + " " + e.label());
    }
    return String.join("; ", out);
  }

  private static JsonNode json(ComparisonResult r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompareReport.json(r, out);
    return new ObjectMapper().readTree(out.toByteArray());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"zip", "tar", "ar", "cpio"})
  void secondCopyOnlyOnTheLeft_isRemoved(String format) throws IOException {
    ComparisonResult r = compare("two-copies." + format, "first-copy." + format);

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertEquals("same 2, metadata 0, modified 0, added 0, removed 1", summary(r));
    assertEquals("removed config.txt (copy 2)", statuses(r));
    assertTrue(
        r.findings().stream()
            .anyMatch(f -> f.kind().equals("duplicate-name") && f.path().equals("config.txt")),
        r.findings().toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"zip", "tar", "ar", "cpio"})
  void secondCopyOnlyOnTheRight_isAdded(String format) throws IOException {
    ComparisonResult r = compare("first-copy." + format, "two-copies." + format);

    assertEquals("same 2, metadata 0, modified 0, added 1, removed 0", summary(r));
    assertEquals("added config.txt (copy 2)", statuses(r));
  }

  @Test
  void twoCopiesEachSide_pairInOrder() throws IOException {
    ComparisonResult r = compare("two-copies.zip", "second-changed.zip");

    assertEquals("same 2, metadata 0, modified 1, added 0, removed 0", summary(r));
    EntryDiff second = r.entries().get(0);
    assertEquals(EntryStatus.MODIFIED, second.status());
    assertEquals(2, second.copy());
    // The second look opened the second copy on each side, not the first.
    assertEquals(List.of("-second", "+second, changed"), second.diff().subList(3, 5));
  }

  @Test
  void sameArchiveTwice_everyCopySame_butTheFindingStillMakesItDifferent() throws IOException {
    ComparisonResult r = compare("two-copies.zip", "two-copies.zip");

    assertEquals("same 3, metadata 0, modified 0, added 0, removed 0", summary(r));
    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertEquals(
        List.of("duplicate-name"), r.findings().stream().map(Finding::kind).distinct().toList());
  }

  @Test
  void nestedArchiveCopies_secondLookOpensTheRightCopyAtEveryLevel() throws IOException {
    ComparisonResult r = compare("nested-left.zip", "nested-right.zip");

    assertEquals("same 1, metadata 0, modified 2, added 0, removed 0", summary(r));
    EntryDiff lib = r.entries().get(0);
    assertEquals("lib.zip (copy 2)", lib.label());
    EntryDiff x = lib.children().get(0);
    assertEquals("lib.zip!/x.txt", x.path());
    assertEquals(List.of("-beta", "+gamma"), x.diff().subList(3, 5));
  }

  @Test
  void reports_nameEachCopy() throws IOException {
    ComparisonResult r = compare("two-copies.zip", "first-copy.zip");

    String text = CompareReport.text(r);
    assertTrue(text.contains("  same 2, metadata 0, modified 0, added 0, removed 1\n"), text);
    assertTrue(text.contains("config.txt (copy 2)"), text);

    JsonNode entry = json(r).get("entries").get(0);
    assertEquals("config.txt", entry.get("path").asText());
    assertEquals(2, entry.get("copy").asInt());
    assertEquals("removed", entry.get("status").asText());
    assertEquals(1, json(r).get("summary").get("removed").asInt());

    ByteArrayOutputStream html = new ByteArrayOutputStream();
    CompareHtml.write(r, html);
    assertTrue(html.toString(UTF_8).contains("config.txt (copy 2)"));
  }

  @Test
  void uniqueNames_carryNoCopyNumber() throws IOException {
    JsonNode entries =
        json(ArchiveComparator.compare(
                TestData.path("archives/out/order-left.zip"),
                TestData.path("archives/out/added-right.zip"),
                CompareOptions.builder().build()))
            .get("entries");

    assertTrue(entries.size() > 0);
    entries.forEach(e -> assertTrue(e.get("copy") == null, e.toString()));
  }
}
