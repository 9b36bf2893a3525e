package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.util.Native;
import com.github.luben.zstd.util.ZstdVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build step that writes zstd-jni's native library beside the jar. */
class ZstdLibraryTest {
  @TempDir Path dir;

  /**
   * Named as zstd-jni names it, for the platforms it ships: each name is a library in its jar, so a
   * change of its layout fails here rather than leaving every platform without the file.
   */
  @Test
  void theNamesZstdJniLoadsFrom_eachInItsJar() {
    String v = ZstdVersion.VERSION;
    String[][] platforms = {
      {"Linux", "amd64", "/linux/amd64/libzstd-jni-" + v + ".so"},
      {"Linux", "aarch64", "/linux/aarch64/libzstd-jni-" + v + ".so"},
      {"Mac OS X", "amd64", "/darwin/x86_64/libzstd-jni-" + v + ".dylib"},
      {"Mac OS X", "aarch64", "/darwin/aarch64/libzstd-jni-" + v + ".dylib"},
      {"Windows 11", "amd64", "/win/amd64/libzstd-jni-" + v + ".dll"},
      {"FreeBSD", "amd64", "/freebsd/amd64/libzstd-jni-" + v + ".so"},
    };
    for (String[] p : platforms) {
      String name = ZstdLibrary.resource(p[0], p[1]);
      assertEquals(p[2], name, p[0] + " " + p[1]);
      assertNotNull(Native.class.getResource(name), name);
    }
  }

  @Test
  void writesTheLibraryOfThisPlatform_asTheJarHoldsIt() throws IOException {
    Path out = dir.resolve("verifier-zstd-jni.lib");
    String os = System.getProperty("os.name");
    String arch = System.getProperty("os.arch");
    assertTrue(ZstdLibrary.write(out, os, arch), os + " " + arch);
    try (InputStream in = Native.class.getResourceAsStream(ZstdLibrary.resource(os, arch))) {
      assertArrayEquals(in.readAllBytes(), Files.readAllBytes(out));
    }
    assertFalse(Files.exists(dir.resolve("verifier-zstd-jni.lib.tmp")));
  }

  /** A platform zstd-jni has no library for: no file, not even one left by an earlier build. */
  @Test
  void noLibraryForThePlatform_noFile() throws IOException {
    Path out = dir.resolve("verifier-zstd-jni.lib");
    Files.writeString(out, "an earlier build's");
    assertFalse(ZstdLibrary.write(out, "Plan 9", "mips"));
    assertFalse(Files.exists(out));
  }
}
