package org.opentransparency.verifier.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.archive.Finding;

/** Comparisons of archives made by the real tools (testdata/archives/make.sh). */
class ArchiveComparatorTest {
  private static ComparisonResult compare(String left, String right) throws IOException {
    return compare(left, right, CompareOptions.builder().build());
  }

  private static ComparisonResult compare(String left, String right, CompareOptions o)
      throws IOException {
    return ArchiveComparator.compare(
        TestData.path("archives/out/" + left), TestData.path("archives/out/" + right), o);
  }

  private static Map<String, EntryDiff> byPath(List<EntryDiff> entries) {
    return entries.stream().collect(Collectors.toMap(EntryDiff::path, Function.identity()));
  }

  @ParameterizedTest(name = "{0} vs {1}: {2}")
  @CsvSource({
    "same-left.jar, same-right.jar, identical",
    "same-left.jar, timestamps-right.jar, equivalent",
    "order-left.zip, order-right.zip, equivalent",
    "meta-left.tar, meta-right.tar, equivalent",
    "tgz-left.tar.gz, tgz-header-right.tar.gz, equivalent",
    "txz-left.tar.xz, txz-right.tar.xz, equivalent",
    "tbz-left.tar.bz2, tzst-left.tar.zst, equivalent",
    "tpzst-left.tar.zst, tzst-left.tar.zst, equivalent",
    "same-left.jar, changed-right.jar, different",
    "app-left.war, app-right.war, different",
    "tgz-left.tar.gz, tgz-changed-right.tar.gz, different",
    "tzst-left.tar.zst, tzst-changed-right.tar.zst, different",
    "same-left.7z, changed-right.7z, different",
    "same-left.cpio, changed-right.cpio, different",
    "demo-left.deb, demo-right.deb, different",
    "dir-left, dir-right, different",
    "order-left.zip, added-right.zip, different",
  })
  void compare_fixturePairs_verdict(String left, String right, String verdict) throws IOException {
    assertEquals(verdict, compare(left, right).verdict().id());
  }

  @Test
  void compare_timestampsOnly_everyEntryMetadataWithMtimeField() throws IOException {
    ComparisonResult r = compare("same-left.jar", "timestamps-right.jar");

    assertEquals(new ComparisonResult.Summary(0, 9, 0, 0, 0), r.summary());
    for (EntryDiff e : r.entries()) {
      assertEquals(EntryStatus.METADATA, e.status());
      assertEquals(List.of("mtime"), e.fields().stream().map(FieldDiff::field).toList());
    }
  }

  @Test
  void compare_warWithChangedClassInNestedJar_pathsStartAtArchiveRoot() throws IOException {
    ComparisonResult r = compare("app-left.war", "app-right.war");

    EntryDiff jar = byPath(r.entries()).get("WEB-INF/lib/core.jar");
    assertEquals(EntryStatus.MODIFIED, jar.status());
    EntryDiff greeter =
        byPath(jar.children()).get("WEB-INF/lib/core.jar!/org/example/Greeter.java");
    assertEquals(EntryStatus.MODIFIED, greeter.status());
    assertTrue(greeter.diff().contains("-    return \"hello\";"), greeter.diff().toString());
    assertTrue(greeter.diff().contains("+    return \"hello, world\";"), greeter.diff().toString());
    assertEquals(1, jar.children().size());
  }

  @Test
  void compare_debPair_diffInsideDataTarXz() throws IOException {
    ComparisonResult r = compare("demo-left.deb", "demo-right.deb");

    EntryDiff data = byPath(r.entries()).get("data.tar.xz");
    assertEquals(
        List.of("data.tar.xz!/./usr/share/demo/Greeter.java"),
        data.children().stream().map(EntryDiff::path).toList());
  }

  @Test
  void compare_addedAndRemoved_statuses() throws IOException {
    ComparisonResult r = compare("order-left.zip", "added-right.zip");

    Map<String, EntryDiff> e = byPath(r.entries());
    assertEquals(EntryStatus.REMOVED, e.get("docs/rules.yar").status());
    assertEquals(EntryStatus.ADDED, e.get("docs/NEW.txt").status());
    assertEquals(new ComparisonResult.Summary(3, 0, 0, 1, 1), r.summary());
  }

  @Test
  void compare_otherOrder_archiveFieldEntryOrder() throws IOException {
    ComparisonResult r = compare("order-left.zip", "order-right.zip");

    assertTrue(r.archiveFields().stream().anyMatch(f -> f.field().equals("entryOrder")));
  }

  @Test
  void compare_gzipHeader_archiveFields() throws IOException {
    ComparisonResult r = compare("tgz-left.tar.gz", "tgz-header-right.tar.gz");

    List<String> fields = r.archiveFields().stream().map(FieldDiff::field).toList();
    assertTrue(fields.contains("gzip.filename"), fields.toString());
    assertTrue(fields.contains("gzip.mtime"), fields.toString());
  }

  @Test
  void compare_modifiedTextEntry_sizesDigestsAndDiff() throws IOException {
    ComparisonResult r = compare("same-left.jar", "changed-right.jar");

    EntryDiff g = byPath(r.entries()).get("org/example/Greeter.java");
    assertEquals(90L, g.left().size());
    assertEquals(97L, g.right().size());
    assertEquals(64, g.left().sha256().length());
    assertTrue(!g.left().sha256().equals(g.right().sha256()));
    assertTrue(!g.diff().isEmpty());
  }

  @Test
  void compare_binaryFiles_firstDifferenceOffset(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    byte[] bytes = java.nio.file.Files.readAllBytes(TestData.path("hash/files/all-bytes.bin"));
    bytes[1000] ^= 1;
    java.nio.file.Path changed = java.nio.file.Files.write(dir.resolve("all-bytes.bin"), bytes);

    ComparisonResult r =
        ArchiveComparator.compare(
            TestData.path("hash/files/all-bytes.bin"), changed, CompareOptions.builder().build());

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertEquals(1, r.entries().size());
    assertEquals(1000L, r.entries().get(0).firstDifferenceOffset());
    assertEquals(List.of(), r.entries().get(0).diff());
  }

  @Test
  void compare_ignoreGlob_leavesOutEntries() throws IOException {
    ComparisonResult r =
        compare(
            "same-left.jar",
            "changed-right.jar",
            CompareOptions.builder().ignore("**/Greeter.java").build());

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict());
  }

  @Test
  void compare_duplicateDotDotAbsoluteNames_findingsMakeItDifferent() throws IOException {
    ComparisonResult r = compare("duplicate-fail.zip", "duplicate-fail.zip");

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    List<String> kinds = r.findings().stream().map(Finding::kind).distinct().toList();
    assertTrue(
        kinds.containsAll(List.of("duplicate-name", "dot-dot-name", "absolute-name")),
        kinds.toString());
  }

  @ParameterizedTest
  @CsvSource({
    "tgz-left.tar.gz",
    "txz-right.tar.xz",
    "meta-left.tar",
    "same-left.jar",
    "same-left.7z",
    "h1.txt"
  })
  void compare_inputSha256_isTheWholeFilesDigest(String name) throws IOException {
    byte[] bytes = java.nio.file.Files.readAllBytes(TestData.path("archives/out/" + name));
    String expected =
        org.opentransparency.verifier.hash.MultiDigester.digest(
                bytes, List.of(org.opentransparency.verifier.hash.DigestAlgorithm.SHA256))
            .get(org.opentransparency.verifier.hash.DigestAlgorithm.SHA256)
            .hex();

    assertEquals(expected, compare(name, name).left().sha256());
  }

  @Test
  void compare_encryptedEntries_neverEqual() throws IOException {
    ComparisonResult r = compare("encrypted-left-fail.zip", "encrypted-right-fail.zip");

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertTrue(
        r.findings().stream().anyMatch(f -> f.kind().equals("unreadable-entry")),
        r.findings().toString());
    assertThrows(
        InvalidInputException.class,
        () ->
            org.opentransparency.verifier.hash.ContentDigest.of(
                TestData.path("archives/out/encrypted-left-fail.zip"),
                org.opentransparency.verifier.Limits.defaults()));
  }

  @Test
  void compare_unicodePathExtraFieldDisagreeing_findingAndHeaderName() throws IOException {
    ComparisonResult r = compare("unicode-path-fail.zip", "unicode-path-fail.zip");

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertTrue(
        r.findings().stream()
            .anyMatch(
                f -> f.kind().equals("unicode-path-mismatch") && f.path().equals("Good.class")),
        r.findings().toString());
  }

  @Test
  void compare_truncated_invalidInput() {
    assertThrows(InvalidInputException.class, () -> compare("truncated-fail.jar", "same-left.jar"));
  }

  @Test
  void compare_bzip2Bomb_ratioLimit() {
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> compare("bomb-fail.bz2", "bomb-fail.bz2"));

    assertEquals("maxCompressionRatio", e.limit());
    assertTrue(e.getMessage().contains("--max-ratio"), e.getMessage());
  }

  @Test
  void compare_twentyDeepNesting_depthLimit() {
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class, () -> compare("nested20-fail.zip", "nested20-fail.zip"));

    assertEquals("maxNestingDepth", e.limit());
  }

  @Test
  void compare_entryLimit_named() {
    CompareOptions o =
        CompareOptions.builder()
            .limits(
                org.opentransparency.verifier.Limits.defaults().toBuilder().maxEntries(3).build())
            .build();

    LimitExceededException e =
        assertThrows(
            LimitExceededException.class, () -> compare("same-left.jar", "same-right.jar", o));

    assertEquals("maxEntries", e.limit());
  }

  @Test
  void normalize_buildNoiseOnly_equivalentGivenRules_elseModified() throws IOException {
    ComparisonResult without = compare("noise-left.jar", "noise-right.jar");
    ComparisonResult with =
        compare(
            "noise-left.jar",
            "noise-right.jar",
            CompareOptions.builder()
                .normalize(NormalizationRule.JAR_MANIFEST)
                .normalize(NormalizationRule.POM_PROPERTIES)
                .build());
    ComparisonResult partly =
        compare(
            "noise-left.jar",
            "noise-right.jar",
            CompareOptions.builder().normalize(NormalizationRule.JAR_MANIFEST).build());

    assertEquals(CompareVerdict.DIFFERENT, without.verdict());
    assertEquals(2, without.summary().modified());
    assertEquals(CompareVerdict.EQUIVALENT, with.verdict());
    assertEquals(List.of("jar-manifest", "pom-properties"), with.rulesApplied());
    EntryDiff manifest = byPath(with.entries()).get("META-INF/MANIFEST.MF");
    assertEquals(EntryStatus.METADATA, manifest.status());
    assertTrue(
        manifest.fields().contains(new FieldDiff("normalizedBy", "jar-manifest", "jar-manifest")));
    assertEquals(CompareVerdict.DIFFERENT, partly.verdict());
  }

  @Test
  void normalize_realContentChange_staysModified() throws IOException {
    ComparisonResult r =
        compare(
            "same-left.jar",
            "changed-right.jar",
            CompareOptions.builder().normalize(NormalizationRule.JAR_MANIFEST).build());

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertEquals(List.of(), r.rulesApplied());
  }

  @Test
  void normalizationRule_removesOnlyNoiseLines() {
    byte[] in =
        "Manifest-Version: 1.0\r\nBuilt-By: alice\r\nBnd-LastModified: 1\r\n 23\r\nMain-Class: A\r\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    String out =
        new String(
            NormalizationRule.JAR_MANIFEST.normalize(in), java.nio.charset.StandardCharsets.UTF_8);

    assertEquals("Manifest-Version: 1.0\nMain-Class: A\n", out);
  }

  @Test
  void unifiedDiff_insertDeleteAndContext() {
    List<String> d =
        UnifiedDiff.of("f", List.of("a", "b", "c", "d"), List.of("a", "c", "d", "e"), 100);

    assertEquals(
        List.of("--- left/f", "+++ right/f", "@@ -1,4 +1,4 @@", " a", "-b", " c", " d", "+e"), d);
  }

  @Test
  void unifiedDiff_cutAtMaxLines() {
    List<String> d = UnifiedDiff.of("f", List.of("a", "b"), List.of("x", "y"), 3);

    assertEquals(4, d.size());
    assertTrue(d.get(3).endsWith("more lines not shown)"), d.toString());
  }

  @Test
  void compare_fieldOnOneSideOnly_listedInNameOrderWithTheOtherSideNull(@TempDir Path dir)
      throws IOException {
    // Zip entry comments are kept only where present: one side has a field the other lacks.
    Path left = dir.resolve("left.zip");
    Path right = dir.resolve("right.zip");
    writeZip(left, 1_700_000_000_000L, "left note", null);
    writeZip(right, 1_800_000_000_000L, null, "right note");

    ComparisonResult r = ArchiveComparator.compare(left, right, CompareOptions.builder().build());

    Map<String, EntryDiff> e = byPath(r.entries());
    assertEquals(
        List.of(
            new FieldDiff("comment", "left note", null),
            new FieldDiff("mtime", "2023-11-14T22:13:20Z", "2027-01-15T08:00:00Z")),
        e.get("a.txt").fields());
    assertEquals(
        List.of(
            new FieldDiff("comment", null, "right note"),
            new FieldDiff("mtime", "2023-11-14T22:13:20Z", "2027-01-15T08:00:00Z")),
        e.get("b.txt").fields());
    assertEquals(EntryStatus.METADATA, e.get("a.txt").status());
  }

  private static void writeZip(Path zip, long time, String commentA, String commentB)
      throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      String[][] entries = {{"a.txt", commentA}, {"b.txt", commentB}};
      for (String[] entry : entries) {
        ZipEntry z = new ZipEntry(entry[0]);
        z.setTime(time);
        if (entry[1] != null) {
          z.setComment(entry[1]);
        }
        out.putNextEntry(z);
        out.write(entry[0].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }
}
