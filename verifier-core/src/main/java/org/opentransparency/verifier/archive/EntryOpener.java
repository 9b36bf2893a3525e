package org.opentransparency.verifier.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.opentransparency.verifier.archive.sevenz.SevenZArchive;
import org.opentransparency.verifier.archive.sevenz.SevenZEntry;

/**
 * Opens one entry of an archive (or a directory) by its nested path ({@code a.war!/x.jar!/A}), for
 * the second look a comparison takes at entries whose digests differ. Top-level zips are read at
 * random; everything else is streamed to the entry.
 */
public final class EntryOpener {
  /** Reads an opened entry. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(InputStream content) throws IOException;
  }

  private EntryOpener() {}

  /**
   * Calls {@code reader} with the content of the entry at {@code path} inside {@code input} (a
   * directory or an archive file); the stream is closed afterwards.
   *
   * @throws org.opentransparency.verifier.InvalidInputException if there is no such entry
   * @throws IOException if reading fails
   */
  public static <T> T read(Path input, String path, Reader<T> reader) throws IOException {
    return read(input, path, null, reader);
  }

  /**
   * As {@link #read(Path, String, Reader)}, for an entry whose name, or a nested archive's name on
   * its path, the archive holds more than once.
   *
   * @param copies for each part of {@code path} (split at {@code !/}), which entry of that name to
   *     open: 0 for the first in archive order, 1 for the second, ...; null opens the first of each
   */
  public static <T> T read(Path input, String path, int[] copies, Reader<T> reader)
      throws IOException {
    return read(input, List.of(path.split(ArchiveIndexer.NESTED, -1)), copies, reader);
  }

  /**
   * As {@link #read(Path, String, int[], Reader)}, for the entry whose path is given part by part:
   * the entry named {@code parts.get(0)}, in it the entry named {@code parts.get(1)}, and so on. A
   * name may itself hold {@code !/} (a zip may name an entry {@code lib.jar!/x}): only this form
   * tells that entry from {@code x} inside {@code lib.jar}.
   */
  public static <T> T read(Path input, List<String> parts, int[] copies, Reader<T> reader)
      throws IOException {
    String path = String.join(ArchiveIndexer.NESTED, parts);
    try {
      return open(
          input, parts.toArray(new String[0]), copies == null ? new int[0] : copies, reader);
    } catch (java.nio.file.FileSystemException
        | org.opentransparency.verifier.LimitExceededException
        | org.opentransparency.verifier.InvalidInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // The same documented error as the first read gives (exit 2), never a bare IOException.
      throw ArchiveIndexer.damaged(input + ArchiveIndexer.NESTED + path, e);
    } catch (StackOverflowError e) {
      throw new org.opentransparency.verifier.InvalidInputException(
          input + ": archive too damaged to read: its headers nest too deeply");
    }
  }

  private static <T> T open(Path input, String[] parts, int[] copies, Reader<T> reader)
      throws IOException {
    int[] ordinals = new int[parts.length];
    java.util.Arrays.fill(ordinals, -1);
    while (true) {
      try {
        return open(input, new Entry<>(parts, copies, ordinals, reader));
      } catch (CpioReader.Relink r) {
        if (ordinals[r.part] >= 0) {
          throw notFound(input, String.join(ArchiveIndexer.NESTED, parts));
        }
        // A cpio hard link whose set's data came before it: read again, to that member.
        ordinals[r.part] = r.ordinal;
      }
    }
  }

  private static <T> T open(Path input, Entry<T> at) throws IOException {
    String[] parts = at.parts();
    String path = String.join(ArchiveIndexer.NESTED, parts);
    if (Files.isDirectory(input)) {
      if (at.copy(0) != 0) {
        throw notFound(input, path);
      }
      try (InputStream in = Files.newInputStream(input.resolve(parts[0]))) {
        return at.nested(in, 1);
      }
    }
    ArchiveFormat format;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(input))) {
      format = ArchiveFormat.detect(in);
      if (format != ArchiveFormat.ZIP && format != ArchiveFormat.SEVEN_Z) {
        InputStream entry = at.find(in, format, 0);
        if (entry == null) {
          throw notFound(input, path);
        }
        return at.nested(entry, 1);
      }
    }
    if (format == ArchiveFormat.ZIP) {
      InputStream jdk = ZipIndex.named(input, parts[0], at.copy(0));
      if (jdk != null) {
        try (InputStream in = jdk) {
          return at.nested(in, 1);
        }
      }
      // Names as the index read them: from the headers, not a Unicode Path extra field.
      try (ZipFile zip =
          ZipFile.builder()
              .setPath(input)
              .setUseUnicodeExtraFields(false)
              .setIgnoreLocalFileHeader(true)
              .get()) {
        ZipArchiveEntry e = null;
        int skip = at.copy(0);
        for (var all = zip.getEntries(); e == null && all.hasMoreElements(); ) {
          ZipArchiveEntry candidate = all.nextElement();
          if (ZipIndex.reportedName(candidate).equals(parts[0]) && skip-- == 0) {
            e = candidate;
          }
        }
        if (e == null) {
          throw notFound(input, path);
        }
        // Commons Compress does not decode LZMA: its raw data is decoded as the index decodes it.
        try (InputStream in =
            e.getMethod() == ZipIndex.LZMA
                ? ZipIndex.lzma(zip.getRawInputStream(e), e.getSize(), e.getRawFlag())
                : zip.getInputStream(e)) {
          return at.nested(in, 1);
        }
      }
    }
    // The index has checked the limits on this file: a second look needs none.
    try (SevenZArchive z =
        SevenZArchive.open(input, input.toString(), Long.MAX_VALUE, Long.MAX_VALUE)) {
      int skip = at.copy(0);
      for (SevenZEntry e : z.entries()) {
        if (indexedName(e.name(), e.isDirectory()).equals(parts[0]) && skip-- == 0) {
          return at.nested(z.read(e), 1);
        }
      }
    }
    throw notFound(input, path);
  }

  /**
   * The entry sought: its path's parts, which copy of each, for each the member of a cpio archive
   * to read instead when it is 0 or more (a hard link's data), and what reads it.
   */
  private record Entry<T>(String[] parts, int[] copies, int[] ordinals, Reader<T> reader) {
    int copy(int part) {
      return part < copies.length ? copies[part] : 0;
    }

    /** The stream positioned at part {@code part} of the path in {@code in}, or null. */
    InputStream find(InputStream in, ArchiveFormat format, int part) throws IOException {
      try {
        return EntryOpener.find(in, format, parts[part], copy(part), ordinals[part]);
      } catch (CpioReader.Relink r) {
        throw r.at(part);
      }
    }

    T nested(InputStream in, int i) throws IOException {
      if (i == parts.length) {
        return reader.read(in);
      }
      BufferedInputStream b = new BufferedInputStream(in);
      InputStream entry = find(b, ArchiveFormat.detect(b), i);
      if (entry == null) {
        throw notFound(null, String.join(ArchiveIndexer.NESTED, parts));
      }
      return nested(entry, i + 1);
    }
  }

  /**
   * An entry the index listed but a second read does not find: the archive reads differently each
   * time, which only a hostile archive does.
   */
  private static org.opentransparency.verifier.InvalidInputException notFound(
      Path input, String path) {
    return new org.opentransparency.verifier.InvalidInputException(
        (input == null ? "" : input + ArchiveIndexer.NESTED)
            + path
            + ": archive too damaged to read: the entry is not found on a second read");
  }

  /**
   * The stream positioned at entry {@code name} of a streamed format (its copy {@code copy}, 0 for
   * the first), or null; in a cpio archive, at member {@code ordinal} instead where that is 0 or
   * more ({@link CpioReader#find}).
   */
  private static InputStream find(
      InputStream in, ArchiveFormat format, String name, int copy, int ordinal) throws IOException {
    switch (format) {
      case TAR:
        return scan(new ArchiveIndexer.BoundedTarStream(in), name, copy);
      case AR:
        return scan(new ArMembers(in), name, copy);
      case CPIO:
        return CpioReader.find(in, name, copy, ordinal);
      case ZIP:
        return scan(new ZipArchiveInputStream(in, "UTF-8", false, true), name, copy);
      case GZIP:
      case BZIP2:
      case XZ:
      case ZSTD:
        BufferedInputStream plain = new BufferedInputStream(decompress(in, format));
        ArchiveFormat inner = ArchiveFormat.detect(plain);
        if (inner == ArchiveFormat.TAR
            || inner == ArchiveFormat.AR
            || inner == ArchiveFormat.CPIO) {
          return find(plain, inner, name, copy, ordinal);
        }
        return plain;
      default:
        return null;
    }
  }

  static InputStream decompress(InputStream in, ArchiveFormat format) throws IOException {
    switch (format) {
      case GZIP:
        return TrailingZeros.gzip(in);
      case BZIP2:
        return TrailingZeros.bzip2(in);
      case XZ:
        return new XZCompressorInputStream(in, true);
      default:
        return new ZstdCompressorInputStream(in);
    }
  }

  /**
   * The name the index gives an entry: a directory's with a final {@code /} (as {@code
   * ArchiveIndexer.Builder} names it), so that copies of one name are counted as the index counted
   * them (a directory {@code d} and a file {@code d/} are two copies of {@code d/}).
   */
  static String indexedName(String name, boolean directory) {
    return directory && !name.isEmpty() && !name.endsWith("/") ? name + "/" : name;
  }

  private static InputStream scan(ArchiveInputStream<?> archive, String name, int copy)
      throws IOException {
    int skip = copy;
    for (ArchiveEntry e; (e = archive.getNextEntry()) != null; ) {
      // A tar entry by the name the index gave it, from its bytes.
      String read =
          archive instanceof ArchiveIndexer.BoundedTarStream
              ? ((ArchiveIndexer.BoundedTarStream) archive).name()
              : e.getName();
      if (indexedName(read, e.isDirectory()).equals(name) && skip-- == 0) {
        return archive;
      }
    }
    return null;
  }
}
