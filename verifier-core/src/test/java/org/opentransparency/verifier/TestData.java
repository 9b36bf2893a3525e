package org.opentransparency.verifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

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

  private static Path findUpwards() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("testdata"))) {
        return d.resolve("testdata");
      }
    }
    return Path.of("testdata");
  }
}
