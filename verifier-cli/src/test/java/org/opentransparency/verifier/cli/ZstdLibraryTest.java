package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.util.Native;
import com.github.luben.zstd.util.ZstdVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zstd-jni's native library, written beside the jar by the build and taken by a run. */
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

  /**
   * On this platform, the name is the one zstd-jni itself computes (its private {@code
   * resourceName}): a zstd-jni that named its libraries otherwise, while ours still exist in its
   * jar, fails here.
   */
  @Test
  void theNameIsZstdJnisOwn_onThisPlatform() throws ReflectiveOperationException {
    java.lang.reflect.Method own = Native.class.getDeclaredMethod("resourceName");
    own.setAccessible(true);
    assertEquals(
        own.invoke(null),
        ZstdLibrary.resource(System.getProperty("os.name"), System.getProperty("os.arch")));
  }

  /** The build writes the jar's library, whole, where a run on the same platform finds it. */
  @Test
  void writesTheLibraryOfThisPlatform_whereARunFindsIt() throws IOException {
    String os = System.getProperty("os.name");
    String arch = System.getProperty("os.arch");
    assertTrue(ZstdLibrary.write(dir, os, arch), os + " " + arch);
    Path written = ZstdLibrary.library(dir.toFile(), os, arch).toPath();
    try (InputStream in = Native.class.getResourceAsStream(ZstdLibrary.resource(os, arch))) {
      assertArrayEquals(in.readAllBytes(), Files.readAllBytes(written));
    }
    try (var files = Files.list(written.getParent())) {
      assertEquals(List.of(written), files.toList());
    }
  }

  /**
   * A run takes only its own platform's library of its own zstd-jni version: a tree built on
   * another machine or with another zstd-jni leaves zstd-jni to find its own.
   */
  @Test
  void aRunTakesOnlyItsOwnPlatformsLibrary() throws IOException {
    assertTrue(ZstdLibrary.write(dir, "Linux", "amd64"));
    assertNotNull(ZstdLibrary.library(dir.toFile(), "Linux", "amd64"));
    assertNull(ZstdLibrary.library(dir.toFile(), "Linux", "aarch64"));
    assertNull(ZstdLibrary.library(dir.toFile(), "Mac OS X", "aarch64"));
    assertNull(ZstdLibrary.library(dir.resolve("nothing").toFile(), "Linux", "amd64"));
    Path other = dir.resolve("other/linux/amd64/libzstd-jni-1.5.5-5.so");
    Files.createDirectories(other.getParent());
    Files.write(other, new byte[] {1});
    assertNull(ZstdLibrary.library(dir.resolve("other").toFile(), "Linux", "amd64"));
  }

  /** A platform zstd-jni has no library for: nothing written. */
  @Test
  void noLibraryForThePlatform_nothingWritten() throws IOException {
    assertFalse(ZstdLibrary.write(dir, "Plan 9", "mips"));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  /**
   * The property zstd-jni reads is set from the launcher's directory where it holds this platform's
   * library, left alone where something else set it, and not set otherwise.
   */
  @Test
  void useBuiltSetsZstdJnisProperty_onlyForALibraryThatIsThere() throws IOException {
    String before = System.getProperty("ZstdNativePath");
    String beforeDir = System.getProperty(ZstdLibrary.DIRECTORY);
    try {
      System.clearProperty("ZstdNativePath");
      System.setProperty(ZstdLibrary.DIRECTORY, dir.toString());
      ZstdLibrary.useBuilt();
      assertNull(System.getProperty("ZstdNativePath"), "an empty directory");

      String os = System.getProperty("os.name");
      String arch = System.getProperty("os.arch");
      assertTrue(ZstdLibrary.write(dir, os, arch));
      ZstdLibrary.useBuilt();
      assertEquals(
          ZstdLibrary.library(dir.toFile(), os, arch).getAbsolutePath(),
          System.getProperty("ZstdNativePath"));

      System.setProperty("ZstdNativePath", "/elsewhere/lib.so");
      ZstdLibrary.useBuilt();
      assertEquals("/elsewhere/lib.so", System.getProperty("ZstdNativePath"));
    } finally {
      restore("ZstdNativePath", before);
      restore(ZstdLibrary.DIRECTORY, beforeDir);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
