package org.opentransparency.verifier.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.hostile.Hostile;

/**
 * Names that extraction resolves alike ({@code ./a} and {@code a}) pair in a comparison, their two
 * spellings shown as the field {@code path}: a tar made with {@code tar -C d .} compared with the
 * same tree by its names, or with the directory, listed every entry as added and removed.
 */
class ExtractedNamesTest {
  @TempDir Path dir;

  private static Path fixture(String name) {
    return TestData.path("archives/links/" + name);
  }

  private static ComparisonResult compare(Path left, Path right) throws IOException {
    return ArchiveComparator.compare(left, right, CompareOptions.builder().build());
  }

  private static EntryDiff entry(ComparisonResult r, String path) {
    return r.entries().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow();
  }

  @Test
  void dotSlashNamesAgainstPlainOnes_equivalent_theSpellingsShown() throws IOException {
    // dot.tar holds ./a and ./b (a link to ./a), ab.tar a and b (a link to a): GNU tar's both.
    ComparisonResult r = compare(fixture("dot.tar"), fixture("ab.tar"));

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict(), r.entries().toString());
    assertEquals(0, r.summary().added() + r.summary().removed());
    assertTrue(entry(r, "./a").fields().contains(new FieldDiff("path", "./a", "a")));
    assertTrue(entry(r, "./b").fields().contains(new FieldDiff("path", "./b", "b")));
  }

  @Test
  void aTarOfTheCurrentDirectory_againstThatDirectory_equivalent() throws IOException {
    // root.tar holds ./ (the directory extracted into, which a directory on disk has no entry
    // for) and ./f.
    Files.writeString(dir.resolve("f"), "f\n");

    ComparisonResult r = compare(fixture("root.tar"), dir);

    assertEquals(CompareVerdict.EQUIVALENT, r.verdict(), r.entries().toString());
    assertEquals(List.of("./f"), r.entries().stream().map(EntryDiff::path).toList());
    assertEquals(CompareVerdict.EQUIVALENT, compare(dir, fixture("root.tar")).verdict());
  }

  @Test
  void twoNamesOfOneFileOnOneSide_pairWithNeither() throws IOException {
    // "a" and "./a" are one file once extracted (a duplicate-name finding): the right side's "a"
    // pairs with "a" by its own name, and "./a" is removed, never taken for a respelling.
    Path left = tar("left.tar", "a", "one\n", "./a", "two\n");
    Path right = tar("right.tar", "a", "one\n");

    ComparisonResult r = compare(left, right);

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertEquals(EntryStatus.REMOVED, entry(r, "./a").status());
  }

  @Test
  void aRespelledNameOfOtherContent_isModified() throws IOException {
    ComparisonResult r = compare(tar("l.tar", "./a", "one\n"), tar("r.tar", "a", "two\n"));

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    EntryDiff a = entry(r, "./a");
    assertEquals(EntryStatus.MODIFIED, a.status());
    assertTrue(a.fields().contains(new FieldDiff("path", "./a", "a")));
  }

  /** A tar of files given as name, content, name, content, ... */
  private Path tar(String name, String... files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < files.length; i += 2) {
      byte[] data = files[i + 1].getBytes(StandardCharsets.UTF_8);
      out.write(Hostile.tarHeader(files[i], data.length, '0'));
      out.write(data);
      out.write(new byte[(512 - data.length % 512) % 512]);
    }
    out.write(new byte[1024]);
    Path p = dir.resolve(name);
    Files.write(p, out.toByteArray());
    return p;
  }
}
