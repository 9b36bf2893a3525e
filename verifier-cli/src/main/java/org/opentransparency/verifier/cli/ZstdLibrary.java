package org.opentransparency.verifier.cli;

import com.github.luben.zstd.util.Native;
import com.github.luben.zstd.util.ZstdVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Build step: writes zstd-jni's native library for this platform to a file beside the jar, which
 * the launcher names to zstd-jni ({@code -DZstdNativePath}, src/aot/aot.sh). Otherwise the first
 * zstd frame of every run (a .tar.zst, a .deb whose data is zstd) costs ~35 ms: zstd-jni asks the
 * class path for an OSGi class, which opens our 23 MB jar past the class-data caches, then copies
 * the 1 MB library out of the jar into a temporary file and loads that (docs/benchmarks.md, "The
 * zstd library beside the jar").
 *
 * <p>The library is the very resource zstd-jni would copy out itself, named as zstd-jni names it
 * ({@link #resource}). Where the jar holds none for this platform, no file is written, and zstd-jni
 * finds its own at run time as before. The library embedded in {@code verifier-core} is left alone:
 * a program that embeds it loads zstd-jni as zstd-jni decides.
 */
public final class ZstdLibrary {
  private ZstdLibrary() {}

  /**
   * Arguments: {@code FILE}, where the library is written (replaced, or removed where there is none
   * for this platform).
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ZstdLibrary FILE");
    }
    write(Path.of(args[0]), System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  /**
   * Writes the library zstd-jni holds for {@code osName} and {@code osArch} to {@code file};
   * returns whether there was one (if not, {@code file} no longer exists).
   */
  static boolean write(Path file, String osName, String osArch) throws IOException {
    Files.deleteIfExists(file);
    try (InputStream in = Native.class.getResourceAsStream(resource(osName, osArch))) {
      if (in == null) {
        return false;
      }
      // Whole or not at all: the launcher takes any file of this name newer than the jar.
      Path partial = file.resolveSibling(file.getFileName() + ".tmp");
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return true;
    }
  }

  /**
   * The resource zstd-jni loads its native library from on {@code osName} and {@code osArch} (the
   * system properties), as its {@code Native.load} names it: the operating system's name in lower
   * case with {@code _} for spaces, shortened to {@code win} and {@code darwin}; the architecture
   * as the JVM gives it, but {@code x86_64} for an Intel Mac; the library's version; the platform's
   * extension.
   */
  static String resource(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT).replace(' ', '_');
    if (os.startsWith("win")) {
      os = "win";
    } else if (os.startsWith("mac")) {
      os = "darwin";
    }
    String extension =
        os.contains("os_x") || os.contains("darwin") ? "dylib" : os.contains("win") ? "dll" : "so";
    String arch = os.equals("darwin") && osArch.equals("amd64") ? "x86_64" : osArch;
    return "/" + os + "/" + arch + "/libzstd-jni-" + ZstdVersion.VERSION + "." + extension;
  }
}
