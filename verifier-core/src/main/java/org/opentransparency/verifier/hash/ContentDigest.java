package org.opentransparency.verifier.hash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.archive.ArchiveFormat;
import org.opentransparency.verifier.archive.ArchiveIndex;
import org.opentransparency.verifier.archive.ArchiveIndexer;
import org.opentransparency.verifier.archive.EntryType;
import org.opentransparency.verifier.archive.Finding;
import org.opentransparency.verifier.internal.PathOrder;

/**
 * The canonical content digest of an archive or directory (SPEC 3.1 {@code --content}): Go's
 * dirhash "h1", SHA-256 over the lines {@code <sha256-hex> <path>\n} of every regular file, sorted
 * by the bytes of their UTF-8 paths, printed {@code h1:<base64>}. Independent of entry order,
 * timestamps, permissions and compression. Directories and symbolic links are left out; a hard link
 * counts as the regular file it names, as extraction makes it.
 */
public final class ContentDigest {
  private ContentDigest() {}

  /**
   * Findings about names alone, which the digest carries as they are: they do not make what the
   * archive holds ambiguous. Every other finding does, and refuses the digest.
   */
  private static final Set<String> NAMES_ONLY = Set.of("dot-dot-name", "absolute-name");

  /**
   * The h1 digest of an archive's regular-file entries (nested archives count as their bytes), or
   * of the regular files below a directory.
   *
   * @throws InvalidInputException if {@code path} is neither an archive nor a directory, if two
   *     entries share a name, or if a name holds a newline (h1 cannot represent either), or if the
   *     archive has a finding other than a name with {@code ..} or an absolute name (its headers
   *     disagree, or two readers would read other content: see {@link ArchiveIndex#findings()})
   * @throws IOException if reading fails or a limit is hit
   */
  public static String of(Path path, Limits limits) throws IOException {
    Map<String, String> files = new TreeMap<>(PathOrder::compare);
    if (Files.isDirectory(path)) {
      directory(path, files);
    } else {
      ArchiveIndex idx = new ArchiveIndexer(limits, /* expandNested= */ false).index(path);
      if (idx.format() == ArchiveFormat.NONE) {
        throw new InvalidInputException(path + ": not an archive or a directory");
      }
      for (Finding f : idx.findings()) {
        if (f.kind().equals("duplicate-name")) {
          throw new InvalidInputException(
              path + ": entry " + f.path() + " appears twice; no single content digest exists");
        }
        if (f.kind().equals("unreadable-entry")) {
          throw new InvalidInputException(
              path + ": entry " + f.path() + " cannot be read (encrypted or unsupported method)");
        }
        if (!NAMES_ONLY.contains(f.kind())) {
          // Headers that disagree, bytes no record lists, two readers' two central directories:
          // the digest would be of one reading, and another reader may see other content.
          throw new InvalidInputException(
              path
                  + ": "
                  + (f.path().isEmpty() ? "" : f.path() + ": ")
                  + f.message()
                  + " ("
                  + f.kind()
                  + "): no single content digest exists");
        }
      }
      for (ArchiveIndex.Item item : idx.items().values()) {
        // A hard link is the regular file it names once extracted (ArchiveIndexer: one that names
        // no earlier regular file has no content, and is left out as extraction leaves it out).
        if (item.entry().type() == EntryType.FILE
            || (item.entry().type() == EntryType.HARDLINK && item.sha256() != null)) {
          // Each file by its path once extracted, as a directory's files are: ./a is a. Two
          // entries that are one file so are a duplicate-name finding, refused above.
          files.put(ArchiveIndex.extracted(item.entry().path()), item.sha256().hex());
        }
      }
    }
    return h1(files);
  }

  static String h1(Map<String, String> sortedFiles) throws InvalidInputException {
    MultiDigester d = MultiDigester.of(List.of(DigestAlgorithm.SHA256));
    for (Map.Entry<String, String> f : sortedFiles.entrySet()) {
      if (f.getKey().indexOf('\n') >= 0) {
        throw new InvalidInputException("name with a newline: " + f.getKey().replace("\n", "\\n"));
      }
      byte[] line = (f.getValue() + "  " + f.getKey() + "\n").getBytes(StandardCharsets.UTF_8);
      d.update(line, 0, line.length);
    }
    return "h1:"
        + Base64.getEncoder().encodeToString(d.finish().get(DigestAlgorithm.SHA256).bytes());
  }

  private static void directory(Path root, Map<String, String> files) throws IOException {
    List<Path> regular = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              regular.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    for (Path f : regular) {
      String rel = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
      files.put(
          rel,
          FileDigester.digest(f, List.of(DigestAlgorithm.SHA256), ProgressListener.NONE)
              .digest(DigestAlgorithm.SHA256)
              .hex());
    }
  }
}
