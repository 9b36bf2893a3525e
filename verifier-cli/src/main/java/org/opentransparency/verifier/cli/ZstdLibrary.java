package org.opentransparency.verifier.cli;

import com.github.luben.zstd.util.Native;
import com.github.luben.zstd.util.ZstdVersion;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * zstd-jni's native library, copied out of the jar once, at build time. By default zstd-jni does
 * that at the first zstd frame of every run (a .tar.zst, a .deb whose members are zstd): it asks
 * the class path for an OSGi class, which opens our 23 MB jar past the class-data caches, then
 * copies the 1 MB library into a temporary file and loads it, ~35 ms in all (docs/benchmarks.md,
 * "The zstd library beside the jar"). zstd-jni loads the file its {@code ZstdNativePath} property
 * names instead.
 *
 * <p>The build writes the library for its platform under a directory beside the jar, at the path
 * zstd-jni's jar keeps it under ({@link #resource}: platform and zstd-jni version), and the
 * launcher names that directory ({@code -Dverifier.zstd-jni}, src/aot/aot.sh). A run takes the file
 * only where its own platform and zstd-jni version lead to one ({@link #useBuilt}): a tree built on
 * another machine (a Mac's checkout run in a Linux container) or with another zstd-jni leaves
 * zstd-jni to find its own. A program that embeds {@code verifier-core} loads zstd-jni as zstd-jni
 * decides.
 */
public final class ZstdLibrary {
  /** The system property the launcher names the build's directory by. */
  static final String DIRECTORY = "verifier.zstd-jni";

  private ZstdLibrary() {}

  /**
   * Build step. Arguments: {@code DIRECTORY}, under which this platform's library is written (none
   * where zstd-jni holds none for it).
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ZstdLibrary DIRECTORY");
    }
    write(Path.of(args[0]), System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  /**
   * Writes the library zstd-jni holds for {@code osName} and {@code osArch} under {@code
   * directory}, at its path in zstd-jni's jar; returns whether there was one.
   */
  static boolean write(Path directory, String osName, String osArch) throws IOException {
    String resource = resource(osName, osArch);
    try (InputStream in = Native.class.getResourceAsStream(resource)) {
      if (in == null) {
        return false;
      }
      Path file = directory.resolve(resource.substring(1));
      Files.createDirectories(file.getParent());
      // Whole or not at all: a run takes any file of this name.
      Path partial = file.resolveSibling(file.getFileName() + ".tmp");
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return true;
    }
  }

  /**
   * Has zstd-jni load the library the build wrote under the directory {@code -Dverifier.zstd-jni}
   * names, where there is one for this platform and zstd-jni version and nothing else names one.
   * Before any zstd frame is read: zstd-jni reads the property once, when it first loads.
   */
  static void useBuilt() {
    String directory = System.getProperty(DIRECTORY);
    if (directory == null || System.getProperty("ZstdNativePath") != null) {
      return;
    }
    File library =
        library(new File(directory), System.getProperty("os.name"), System.getProperty("os.arch"));
    if (library != null) {
      // Absolute: zstd-jni hands it to System.load, which refuses a relative path.
      System.setProperty("ZstdNativePath", library.getAbsolutePath());
    }
  }

  /** The library for {@code osName} and {@code osArch} under {@code directory}, or null. */
  static File library(File directory, String osName, String osArch) {
    File f = new File(directory, resource(osName, osArch).substring(1));
    return f.isFile() ? f : null;
  }

  /**
   * The resource zstd-jni loads its native library from on {@code osName} and {@code osArch} (the
   * system properties), as its {@code Native.load} names it: the operating system's name in lower
   * case with {@code _} for spaces, shortened to {@code win} and {@code darwin}; the architecture
   * as the JVM gives it, but {@code x86_64} for an Intel Mac; the library's version; the platform's
   * extension. Two differences, neither of which can name another platform's library: the lower
   * case is the root locale's, where zstd-jni takes the default locale's (under a Turkish one,
   * "AIX" became "aıx", which names nothing); and the version is the zstd-jni this class was
   * compiled against (a constant), which is the one shaded into our jar beside it.
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
