package org.opentransparency.verifier.hash;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.opentransparency.verifier.internal.OrderedExecutor;
import org.opentransparency.verifier.internal.PathOrder;

/**
 * Hashes files and directory trees. A directory stands for every regular file below it, sorted by
 * path; symbolic links and special files below a directory are reported as {@link
 * HashOutcome.Skipped}, never followed. A path named explicitly is followed if it is a link, as
 * sha256sum does. Files are hashed in parallel; outcomes arrive in order.
 *
 * {@snippet :
 * TreeHasher hasher = new TreeHasher(List.of(DigestAlgorithm.SHA256), 4, ProgressListener.NONE);
 * hasher.hash(List.of(Path.of("dist")), outcome -> System.out.println(outcome));
 * }
 */
public final class TreeHasher {
  private final Set<DigestAlgorithm> algorithms;
  private final int threads;
  private final ProgressListener progress;

  /**
   * @param threads how many files to hash at once; at least 1
   */
  public TreeHasher(
      Collection<DigestAlgorithm> algorithms, int threads, ProgressListener progress) {
    this.algorithms = EnumSet.copyOf(algorithms);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.threads = threads;
    this.progress = requireNonNull(progress, "progress");
  }

  /**
   * Hashes every path, expanding directories, and hands each outcome to {@code sink} in order: the
   * paths as given, and the files below each directory sorted by path.
   *
   * @throws InterruptedException if interrupted while waiting for a result
   */
  public void hash(List<Path> paths, Consumer<HashOutcome> sink) throws InterruptedException {
    hash(paths, paths.stream().map(Path::toString).collect(Collectors.toList()), sink);
  }

  /**
   * As {@link #hash(List, Consumer)}, naming each path in outcomes as {@code names} gives it (the
   * argument the user typed, say, where {@code paths} holds it resolved).
   *
   * @throws InterruptedException if interrupted while waiting for a result
   */
  public void hash(List<Path> paths, List<String> names, Consumer<HashOutcome> sink)
      throws InterruptedException {
    if (paths.size() != names.size()) {
      throw new IllegalArgumentException("one name per path");
    }
    try (OrderedExecutor<HashOutcome> work =
        new OrderedExecutor<>(threads, "verifier-hash", sink)) {
      for (int i = 0; i < paths.size(); i++) {
        for (Target t : expand(paths.get(i), names.get(i))) {
          work.submit(() -> t.hash(algorithms, progress));
        }
      }
      work.drain();
    }
  }

  /** One thing to report: a file to hash, or an outcome already known. */
  private record Target(String name, Path file, HashOutcome known) {
    HashOutcome hash(Set<DigestAlgorithm> algorithms, ProgressListener progress) {
      if (known != null) {
        return known;
      }
      try {
        return new HashOutcome.Hashed(name, FileDigester.digest(file, algorithms, progress));
      } catch (IOException e) {
        return new HashOutcome.Failed(name, e);
      }
    }
  }

  private static List<Target> expand(Path root, String shown) {
    if (!Files.isDirectory(root)) {
      return List.of(new Target(shown, root, null));
    }
    List<Target> found = new ArrayList<>();
    try {
      // A link named explicitly is followed; links below it are not.
      Path start = Files.isSymbolicLink(root) ? root.toRealPath() : root;
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String name = join(shown, start.relativize(file));
              if (attrs.isRegularFile()) {
                found.add(new Target(name, file, null));
              } else if (attrs.isSymbolicLink()) {
                found.add(new Target(name, null, skipped(name, file)));
              } else {
                found.add(
                    new Target(name, null, new HashOutcome.Skipped(name, "not a regular file")));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              String name = join(shown, start.relativize(file));
              found.add(new Target(name, null, new HashOutcome.Failed(name, e)));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      return List.of(new Target(shown, null, new HashOutcome.Failed(shown, e)));
    }
    found.sort((a, b) -> PathOrder.compare(a.name, b.name));
    return found;
  }

  private static HashOutcome skipped(String name, Path link) {
    try {
      return new HashOutcome.Skipped(
          name, "symbolic link to " + Files.readSymbolicLink(link) + ", not followed");
    } catch (IOException | UnsupportedOperationException e) {
      return new HashOutcome.Skipped(name, "symbolic link, not followed");
    }
  }

  private static String join(String root, Path relative) {
    StringBuilder sb = new StringBuilder(root);
    if (!root.endsWith("/")) {
      sb.append('/');
    }
    for (int i = 0; i < relative.getNameCount(); i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(relative.getName(i));
    }
    return sb.toString();
  }
}
