package org.opentransparency.verifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.MultiDigester;

/** Reaches the fixtures under testdata/, naming the missing path when one is not there. */
public final class TestData {
  /** The fixed time every test judges expiry at. */
  public static final Instant AT = Instant.parse("2026-11-22T00:00:00Z");

  private TestData() {}

  public static Path root() {
    String configured = System.getProperty("verifier.testdata");
    Path root = configured != null ? Path.of(configured) : findUpwards();
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("testdata directory not found: " + root);
    }
    return root;
  }

  /** A fixture, e.g. {@code path("hash/files/abc")}; fails with the path when it is missing. */
  public static Path path(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("missing fixture: " + p + " (see testdata/*/make.sh)");
    }
    return p;
  }

  public static List<String> lines(String relative) {
    try {
      return Files.readAllLines(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The content digests a fixture script computed with coreutils over what the tools extract, by
   * archive name: the lines {@code h1:... NAME} of {@code h1.txt} in the directory {@code
   * relative}.
   */
  public static Map<String, String> coreutilsH1(String relative) {
    Map<String, String> h1 = new HashMap<>();
    for (String line : lines(relative + "/h1.txt")) {
      String[] f = line.split("  ");
      h1.put(f[1], f[0]);
    }
    return h1;
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes, in hex. */
  public static String sha256(String text) {
    return MultiDigester.digest(
            text.getBytes(StandardCharsets.UTF_8), List.of(DigestAlgorithm.SHA256))
        .get(DigestAlgorithm.SHA256)
        .hex();
  }

  private static Path findUpwards() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("testdata"))) {
        return d.resolve("testdata");
      }
    }
    return Path.of("testdata");
  }
}
