package org.opentransparency.verifier.buildinfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.FileDigester;
import org.opentransparency.verifier.hash.ProgressListener;

/**
 * Checks artifacts against a {@link BuildInfo} (SPEC 3.3): each output's length and every checksum
 * it lists that we can compute, sha512 at least or another strong one; md5 and sha1 alone are not
 * enough.
 */
public final class BuildInfoCheck {
  /** The answer for one artifact. */
  public enum Status {
    OK,
    MISMATCH,
    MISSING
  }

  /** One artifact's line: {@code OK f}, {@code MISMATCH f: why}, {@code MISSING f}. */
  public record Result(String filename, Status status, String detail) {
    @Override
    public String toString() {
      return status + " " + filename + (detail.isEmpty() ? "" : ": " + detail);
    }
  }

  private BuildInfoCheck() {}

  /**
   * Checks every output of {@code info}, finding each in {@code dir} (directly, or by file name
   * anywhere below it).
   *
   * @throws IOException if a file cannot be read
   */
  public static List<Result> checkDirectory(BuildInfo info, Path dir) throws IOException {
    List<Result> out = new ArrayList<>();
    for (BuildInfo.Output o : info.outputs()) {
      Optional<Path> f = find(dir, o.filename());
      out.add(f.isPresent() ? check(o, f.get()) : new Result(o.filename(), Status.MISSING, ""));
    }
    return out;
  }

  /**
   * Checks the given artifacts, each against the output of the same file name; an artifact the
   * buildinfo does not list is a MISMATCH.
   */
  public static List<Result> checkFiles(BuildInfo info, List<Path> files) throws IOException {
    List<Result> out = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      Optional<BuildInfo.Output> o =
          info.outputs().stream().filter(x -> x.filename().equals(name)).findFirst();
      out.add(
          o.isPresent()
              ? check(o.get(), f)
              : new Result(name, Status.MISMATCH, "not listed in the buildinfo"));
    }
    return out;
  }

  private static Optional<Path> find(Path dir, String filename) throws IOException {
    Path direct = dir.resolve(filename);
    if (Files.isRegularFile(direct)) {
      return Optional.of(direct);
    }
    try (var walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().equals(filename))
          .sorted()
          .findFirst();
    }
  }

  static Result check(BuildInfo.Output o, Path file) throws IOException {
    Set<DigestAlgorithm> algs = EnumSet.noneOf(DigestAlgorithm.class);
    boolean strong = false;
    for (String name : o.checksums().keySet()) {
      Optional<DigestAlgorithm> a = DigestAlgorithm.fromId(name.replace("sha-", "sha"));
      if (a.isPresent()) {
        algs.add(a.get());
        strong |= a.get().isStrong();
      }
    }
    if (!strong) {
      return new Result(
          o.filename(),
          Status.MISMATCH,
          "no strong checksum listed (" + o.checksums().keySet() + ")");
    }
    Map<DigestAlgorithm, Digest> actual =
        FileDigester.digest(file, algs, ProgressListener.NONE).digests();
    List<String> differs = new ArrayList<>();
    long length = Files.size(file);
    if (length != o.length()) {
      differs.add(String.format(Locale.ROOT, "length %d, expected %d", length, o.length()));
    }
    for (Map.Entry<String, String> c : o.checksums().entrySet()) {
      Optional<DigestAlgorithm> a = DigestAlgorithm.fromId(c.getKey().replace("sha-", "sha"));
      if (a.isEmpty()) {
        continue;
      }
      Optional<Digest> expected = Digest.parseHex(a.get(), c.getValue());
      if (expected.isEmpty() || !expected.get().equals(actual.get(a.get()))) {
        differs.add(a.get().id() + " " + actual.get(a.get()).hex() + ", expected " + c.getValue());
      }
    }
    return differs.isEmpty()
        ? new Result(o.filename(), Status.OK, "")
        : new Result(o.filename(), Status.MISMATCH, String.join("; ", differs));
  }
}
