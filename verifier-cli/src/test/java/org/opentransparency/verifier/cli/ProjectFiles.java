package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's own files, and the check that none of them reaches for the directory {@code shared}
 * that sits beside a checkout on the machines the project was first written on (as a relative path,
 * {@code ..} then {@code shared}, or as an absolute one under {@code /work}). A clone has no such
 * directory: whatever the project needs must be in the repository.
 *
 * <p>The one exception: test and CI code (files below a {@code src/test/} directory, below {@code
 * .ci/}, and the scripts below {@code testdata/}) may name the two suites kept there, {@code
 * shared/vectors} (test vectors) and {@code shared/tuf-conformance} (the TUF conformance suite), to
 * use them where they exist; such code must pass or skip without them. No document, build file or
 * main source may name them, and nothing may name anything else there (the first draft of the
 * contract, for instance). Today no file uses the exception: the vectors the tests need are copied
 * into testdata/vectors.
 */
final class ProjectFiles {
  /** Build output, version control and what .gitignore leaves out: not the project's files. */
  private static final Set<String> EXCLUDED_DIRECTORIES =
      Set.of(".git", "target", ".idea", ".cifuzz-corpus");

  /** A mention of the shared directory, relative or absolute. */
  static final Pattern SHARED = Pattern.compile("(?:\\.\\./|/work/)shared(?![A-Za-z0-9_.-])");

  /** A mention of one of the two suites test and CI code may use. */
  static final Pattern SHARED_SUITE =
      Pattern.compile("(?:\\.\\./|/work/)shared/(?:vectors|tuf-conformance)(?![A-Za-z0-9_.-])");

  private ProjectFiles() {}

  /** Whether {@code p} is outside the project's own files (build output, .git, ignored). */
  static boolean isExcluded(Path root, Path p) {
    for (Path part : root.relativize(p)) {
      if (EXCLUDED_DIRECTORIES.contains(part.toString())) {
        return true;
      }
    }
    String name = p.getFileName() == null ? "" : p.getFileName().toString();
    return name.endsWith(".iml")
        || name.endsWith(".jsa")
        || name.equals("dependency-reduced-pom.xml");
  }

  /**
   * The files to search: every text file of the project (README, docs, the launcher, pom files,
   * sources and resources of every module, .ci, config, benchmarks) except the fixtures under
   * testdata/, of which only the scripts (the files that made the fixtures) are searched.
   */
  static List<Path> searched(Path root) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        if (isExcluded(root, p) || !Files.isRegularFile(p)) {
          continue;
        }
        Path rel = root.relativize(p);
        if (rel.startsWith("testdata") && !isScript(p)) {
          continue;
        }
        if (isText(p)) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Whether {@code p} is test or CI code, which may name the two shared suites. */
  static boolean isTestOrCiCode(Path root, Path p) {
    String rel = root.relativize(p).toString().replace('\\', '/');
    return rel.contains("/src/test/")
        || rel.startsWith("src/test/")
        || rel.startsWith(".ci/")
        || (rel.startsWith("testdata/") && isScript(p));
  }

  /** Every mention of the shared directory that is not allowed, as {@code file:line: text}. */
  static List<String> sharedMentions(Path root, List<Path> files) {
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      boolean mayUseSuites = isTestOrCiCode(root, f);
      List<String> lines;
      try {
        lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        String checked = mayUseSuites ? SHARED_SUITE.matcher(line).replaceAll("") : line;
        Matcher m = SHARED.matcher(checked);
        if (m.find()) {
          out.add(root.relativize(f) + ":" + (i + 1) + ": " + line.strip());
        }
      }
    }
    return out;
  }

  private static boolean isScript(Path p) {
    String name = p.getFileName().toString();
    if (name.endsWith(".sh") || name.endsWith(".py")) {
      return true;
    }
    try (InputStream in = Files.newInputStream(p)) {
      byte[] head = in.readNBytes(2);
      return head.length == 2 && head[0] == '#' && head[1] == '!';
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Text: no NUL byte in the first 8 KiB. */
  private static boolean isText(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      for (byte b : in.readNBytes(8192)) {
        if (b == 0) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
