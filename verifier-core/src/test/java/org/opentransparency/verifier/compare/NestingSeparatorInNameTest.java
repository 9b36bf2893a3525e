package org.opentransparency.verifier.compare;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.archive.EntryOpener;

/**
 * A zip may name an entry {@code lib.jar!/META-INF/MANIFEST.MF}, which is also how the comparison
 * writes the path of {@code META-INF/MANIFEST.MF} inside the nested {@code lib.jar}. The second
 * look at such an entry split its name at {@code !/} and read the nested jar's manifest instead:
 * two archives whose literal entries differ (another Main-Class) compared equivalent under {@code
 * --normalize jar-manifest}, the nested manifests being equal.
 */
class NestingSeparatorInNameTest {
  private static final String INNER = "Manifest-Version: 1.0\nMain-Class: app.Main\n";

  @TempDir Path dir;

  private static byte[] zip(String[][] entries) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      for (String[] e : entries) {
        z.putNextEntry(new ZipEntry(e[0]));
        z.write(e[1].getBytes(UTF_8));
        z.closeEntry();
      }
    }
    return b.toByteArray();
  }

  private Path outer(String name, String literal) throws IOException {
    byte[] jar = zip(new String[][] {{"META-INF/MANIFEST.MF", INNER}, {"app/Main.class", "code"}});
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      z.putNextEntry(new ZipEntry("lib.jar"));
      z.write(jar);
      z.closeEntry();
      z.putNextEntry(new ZipEntry("lib.jar!/META-INF/MANIFEST.MF"));
      z.write(literal.getBytes(UTF_8));
      z.closeEntry();
    }
    Path p = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(p)) {
      out.write(b.toByteArray());
    }
    return p;
  }

  @Test
  void anEntryNamedWithTheSeparator_isReadAsItself() throws IOException {
    Path left = outer("left.zip", INNER);
    Path right = outer("right.zip", "Manifest-Version: 1.0\nMain-Class: evil.Main\n");

    ComparisonResult r =
        ArchiveComparator.compare(
            left,
            right,
            CompareOptions.builder().normalize(NormalizationRule.JAR_MANIFEST).build());

    assertEquals(CompareVerdict.DIFFERENT, r.verdict());
    assertEquals(1, r.summary().modified());
    assertArrayEquals(
        "Manifest-Version: 1.0\nMain-Class: evil.Main\n".getBytes(UTF_8),
        EntryOpener.read(
            right, List.of("lib.jar!/META-INF/MANIFEST.MF"), null, InputStream::readAllBytes));
    assertArrayEquals(
        INNER.getBytes(UTF_8),
        EntryOpener.read(
            right, List.of("lib.jar", "META-INF/MANIFEST.MF"), null, InputStream::readAllBytes));
  }
}
