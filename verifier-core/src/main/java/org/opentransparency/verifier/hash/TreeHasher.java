package org.opentransparency.verifier.hash;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Iterator;
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
    try (OrderedExecutor<List<HashOutcome>> work =
        new OrderedExecutor<>(threads, "verifier-hash", batch -> batch.forEach(sink))) {
      Batches batches = new Batches(work, algorithms, progress);
      for (int i = 0; i < paths.size(); i++) {
        expand(paths.get(i), names.get(i), batches);
      }
      batches.submit();
      work.drain();
    }
  }

  /**
   * Files go to the threads in batches of consecutive files, so that a tree of many small files
   * costs one hand-over per batch, not one per file (100,000 files of 4 KiB: a hand-over per file
   * kept the second core idle). A file of {@link #BATCH_BYTES} or more is a batch of its own.
   */
  static final long BATCH_BYTES = 4L << 20;

  /** At most this many files a batch, however small. */
  static final int BATCH_FILES = 256;

  /** The batch being filled, and where full batches go. */
  private static final class Batches {
    private final OrderedExecutor<List<HashOutcome>> work;
    private final Set<DigestAlgorithm> algorithms;
    private final ProgressListener progress;
    private List<Target> batch = new ArrayList<>();
    private long bytes;

    Batches(
        OrderedExecutor<List<HashOutcome>> work,
        Set<DigestAlgorithm> algorithms,
        ProgressListener progress) {
      this.work = work;
      this.algorithms = algorithms;
      this.progress = progress;
    }

    void add(Target t) throws InterruptedException {
      if (t.size() >= BATCH_BYTES) {
        submit();
      }
      batch.add(t);
      bytes += t.size();
      if (bytes >= BATCH_BYTES || batch.size() >= BATCH_FILES) {
        submit();
      }
    }

    void submit() throws InterruptedException {
      if (batch.isEmpty()) {
        return;
      }
      List<Target> full = batch;
      batch = new ArrayList<>();
      bytes = 0;
      work.submit(
          () -> {
            List<HashOutcome> out = new ArrayList<>(full.size());
            for (Target t : full) {
              out.add(t.hash(algorithms, progress));
            }
            return out;
          });
    }
  }

  /** One thing to report: a file to hash (and its size, for batching), or an outcome known. */
  private record Target(String name, Path file, long size, HashOutcome known) {
    static Target known(HashOutcome o) {
      return new Target(o.name(), null, 0, o);
    }

    HashOutcome hash(Set<DigestAlgorithm> algorithms, ProgressListener progress) {
      if (known != null) {
        return known;
      }
      try {
        return new HashOutcome.Hashed(
            name, FileDigester.digest(file, algorithms, progress, size > 0 ? size : -1));
      } catch (IOException e) {
        return new HashOutcome.Failed(name, e);
      }
    }
  }

  /**
   * Hands {@code root} to {@code out}, or, for a directory, everything below it in path order as it
   * is found: the threads hash the first files while the walk goes on. Each directory's entries are
   * sorted with a directory's name followed by {@code /}, which is the order of the whole paths
   * ({@code a.txt} before {@code a/b}, {@code a/b} before {@code a0}).
   */
  private static void expand(Path root, String shown, Batches out) throws InterruptedException {
    if (!Files.isDirectory(root)) {
      out.add(new Target(shown, root, 0, null));
      return;
    }
    Path start;
    try {
      // A link named explicitly is followed; links below it are not.
      start = Files.isSymbolicLink(root) ? root.toRealPath() : root;
    } catch (IOException e) {
      out.add(Target.known(new HashOutcome.Failed(shown, e)));
      return;
    }
    // Depth-first with a stack of listings, not recursion: a deep tree cannot overflow.
    Deque<Iterator<Child>> stack = new ArrayDeque<>();
    List<Child> top = list(start, shown, out);
    if (top != null) {
      stack.push(top.iterator());
    }
    while (!stack.isEmpty()) {
      Iterator<Child> it = stack.peek();
      if (!it.hasNext()) {
        stack.pop();
        continue;
      }
      Child c = it.next();
      if (c.failure != null) {
        out.add(Target.known(new HashOutcome.Failed(c.name, c.failure)));
      } else if (c.attrs.isDirectory()) {
        List<Child> below = list(c.path, c.name, out);
        if (below != null) {
          stack.push(below.iterator());
        }
      } else if (c.attrs.isRegularFile()) {
        out.add(new Target(c.name, c.path, c.attrs.size(), null));
      } else if (c.attrs.isSymbolicLink()) {
        out.add(Target.known(skipped(c.name, c.path)));
      } else {
        out.add(Target.known(new HashOutcome.Skipped(c.name, "not a regular file")));
      }
    }
  }

  /** An entry of a directory being walked: its attributes, or why they could not be read. */
  private record Child(
      Path path, String name, String key, BasicFileAttributes attrs, IOException failure) {}

  /**
   * The entries of {@code dir}, sorted; null, after reporting the failure, when it cannot be
   * listed.
   */
  private static List<Child> list(Path dir, String name, Batches out) throws InterruptedException {
    String prefix = name.endsWith("/") ? name : name + "/";
    List<Child> children = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String fileName = p.getFileName().toString();
        try {
          BasicFileAttributes a = attributes(entries, p);
          children.add(
              new Child(
                  p, prefix + fileName, a.isDirectory() ? fileName + "/" : fileName, a, null));
        } catch (IOException e) {
          children.add(new Child(p, prefix + fileName, fileName, null, e));
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      IOException cause =
          e instanceof DirectoryIteratorException
              ? ((DirectoryIteratorException) e).getCause()
              : (IOException) e;
      out.add(Target.known(new HashOutcome.Failed(name, cause)));
      return null;
    }
    children.sort((a, b) -> PathOrder.compare(a.key, b.key));
    return children;
  }

  /**
   * The attributes of {@code entry} of {@code dir}, not following a link. Where the platform gives
   * a {@link SecureDirectoryStream} (Linux), relative to the directory already open ({@code
   * fstatat}): the kernel looks up one name instead of walking the whole path again for each of a
   * tree's entries, and the entry is the one in the directory being listed even if a directory
   * above it is renamed meanwhile.
   */
  private static BasicFileAttributes attributes(DirectoryStream<Path> dir, Path entry)
      throws IOException {
    if (dir instanceof SecureDirectoryStream) {
      return ((SecureDirectoryStream<Path>) dir)
          .getFileAttributeView(
              entry.getFileName(), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
    }
    return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static HashOutcome skipped(String name, Path link) {
    try {
      return new HashOutcome.Skipped(
          name, "symbolic link to " + Files.readSymbolicLink(link) + ", not followed");
    } catch (IOException | UnsupportedOperationException e) {
      return new HashOutcome.Skipped(name, "symbolic link, not followed");
    }
  }
}
