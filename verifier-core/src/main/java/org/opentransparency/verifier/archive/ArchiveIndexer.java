package org.opentransparency.verifier.archive;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.archive.sevenz.SevenZArchive;
import org.opentransparency.verifier.archive.sevenz.SevenZEntry;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.MultiDigester;

/**
 * Reads an archive once, streaming, into an {@link ArchiveIndex}: every entry's metadata and
 * SHA-256, nested archives (a jar in a war, data.tar.xz in a deb) indexed on the fly from the same
 * read, and findings about suspicious names and headers. Nothing is extracted and no entry is held
 * in memory. Enforces the {@link Limits} on depth, entries, total bytes and compression ratio.
 * Single-use; not thread-safe.
 *
 * {@snippet :
 * ArchiveIndex index = new ArchiveIndexer(Limits.defaults()).index(Path.of("app.war"));
 * }
 */
public final class ArchiveIndexer {
  /** Nested entries join their parent's path with this, as SPEC 3.2 shows. */
  public static final String NESTED = "!/";

  private static final int SNIFF = 64 * 1024;

  /** The largest GNU long name or pax header a tar may have: real ones are a few KiB at most. */
  static final int MAX_TAR_HEADER = 1 << 20;

  /** How many GNU long-name and pax headers may precede one entry (real tars have at most 3). */
  static final int MAX_TAR_CHAIN = 64;

  /**
   * How many records a tar reader may read for one entry's headers: an old GNU sparse file's map
   * takes one record for 21 extents, and its chain is otherwise unbounded.
   */
  static final int MAX_TAR_RECORDS = 100_000;

  /**
   * How many pax keywords one tar entry may carry (global ones included): real ones carry a few.
   */
  static final int MAX_PAX_KEYS = 1024;

  // Per entry: enough for every magic number (a tar header is 512 bytes); a larger buffer per
  // entry costs more in allocation than it saves for archives of many small entries.
  private static final int ENTRY_BUFFER = 1024;

  /**
   * How many bytes any entry or stream may expand to whatever its ratio: small files compress oddly
   * (10 bytes of deflate may hold 20 KB of one repeated byte), and bombs need far more.
   */
  static final long RATIO_FLOOR = 1 << 20;

  private final Limits limits;
  private final boolean expandNested;
  private final SharedEntries.Side shared;
  private long totalBytes;

  /** An indexer that indexes nested archives too. */
  public ArchiveIndexer(Limits limits) {
    this(limits, /* expandNested= */ true);
  }

  /**
   * @param expandNested whether archives inside entries are indexed too, or only hashed
   */
  public ArchiveIndexer(Limits limits, boolean expandNested) {
    this(limits, expandNested, SharedEntries.Side.NONE);
  }

  /**
   * An indexer that indexes nested archives too, and takes the content of the zip entries that
   * {@code shared} holds from it rather than reading them (one side of a comparison).
   */
  public ArchiveIndexer(Limits limits, SharedEntries.Side shared) {
    this(limits, /* expandNested= */ true, shared);
  }

  private ArchiveIndexer(Limits limits, boolean expandNested, SharedEntries.Side shared) {
    this.limits = requireNonNull(limits, "limits");
    this.expandNested = expandNested;
    this.shared = requireNonNull(shared, "shared");
  }

  /** What {@link SharedEntries} holds of the zip entries of the file this indexer reads. */
  SharedEntries.Side shared() {
    return shared;
  }

  /**
   * Indexes the file at {@code file}; a file of no archive format gives an index of format {@link
   * ArchiveFormat#NONE} and no entries.
   *
   * @throws LimitExceededException if a limit is hit
   * @throws InvalidInputException if the archive is too damaged to read
   * @throws IOException if the file cannot be read
   */
  public ArchiveIndex index(Path file) throws IOException {
    ArchiveFormat format;
    // Streamed formats are hashed whole in the same read that indexes them.
    MultiDigester whole = MultiDigester.of(List.of(DigestAlgorithm.SHA256));
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            new BufferedInputStream(
                new ObservedStream(raw) {
                  @Override
                  void observe(byte[] b, int off, int n) {
                    whole.update(b, off, n);
                  }
                },
                SNIFF)) {
      format = ArchiveFormat.detect(in);
      if (format != ArchiveFormat.ZIP && format != ArchiveFormat.SEVEN_Z) {
        ArchiveIndex idx = indexStream(in, format, "", Files.size(file), 0, baseName(file));
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return idx.withFileSha256(whole.finish().get(DigestAlgorithm.SHA256));
      }
    }
    // Zip and 7z are read at random; their file digest takes a read of its own.
    org.opentransparency.verifier.hash.Digest sha256 =
        org.opentransparency.verifier.hash.FileDigester.digest(
                file,
                List.of(DigestAlgorithm.SHA256),
                org.opentransparency.verifier.hash.ProgressListener.NONE)
            .digest(DigestAlgorithm.SHA256);
    try {
      ArchiveIndex idx = format == ArchiveFormat.ZIP ? ZipIndex.read(file, this) : sevenZ(file);
      return idx.withFileSha256(sha256);
    } catch (LimitExceededException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw damaged(file.toString(), e);
    } catch (StackOverflowError e) {
      throw new InvalidInputException(
          file + ": archive too damaged to read: its headers nest too deeply");
    }
  }

  /**
   * Indexes a directory like an archive: every file, directory and link below it by relative path
   * (sorted), files hashed and nested archives indexed; links are not followed.
   *
   * @throws IOException if the directory cannot be walked or a file read, or a limit is hit
   */
  public ArchiveIndex indexDirectory(Path dir) throws IOException {
    List<Path> found = new ArrayList<>();
    try (var walk = Files.walk(dir)) {
      walk.filter(p -> !p.equals(dir)).forEach(found::add);
    }
    List<String> names = new ArrayList<>();
    Map<String, Path> byName = new HashMap<>();
    for (Path p : found) {
      String rel = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
      names.add(rel);
      byName.put(rel, p);
    }
    names.sort(org.opentransparency.verifier.internal.PathOrder::compare);
    Builder b = new Builder(ArchiveFormat.DIRECTORY, "");
    for (String name : names) {
      Path p = byName.get(name);
      java.nio.file.attribute.BasicFileAttributes attrs =
          Files.readAttributes(
              p,
              java.nio.file.attribute.BasicFileAttributes.class,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
      Map<String, String> m = new HashMap<>();
      m.put("mtime", attrs.lastModifiedTime().toInstant().toString());
      try {
        m.put(
            "mode",
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: no mode to compare.
      }
      if (attrs.isSymbolicLink()) {
        b.add(
            new org.opentransparency.verifier.archive.ArchiveEntry(
                name, EntryType.SYMLINK, 0, Files.readSymbolicLink(p).toString(), m),
            InputStream.nullInputStream(),
            0,
            -1);
      } else if (attrs.isDirectory()) {
        b.add(
            new org.opentransparency.verifier.archive.ArchiveEntry(
                name, EntryType.DIRECTORY, 0, null, m),
            InputStream.nullInputStream(),
            0,
            -1);
      } else if (attrs.isRegularFile()) {
        try (InputStream in = Files.newInputStream(p)) {
          b.add(
              new org.opentransparency.verifier.archive.ArchiveEntry(
                  name, EntryType.FILE, attrs.size(), null, m),
              in,
              0,
              -1);
        }
      } else {
        b.add(
            new org.opentransparency.verifier.archive.ArchiveEntry(
                name, EntryType.OTHER, 0, null, m),
            InputStream.nullInputStream(),
            0,
            -1);
      }
    }
    return b.build();
  }

  private static String baseName(Path file) {
    Path name = file.getFileName();
    return name == null ? "" : name.toString();
  }

  static InvalidInputException damaged(String what, Exception e) {
    if (e instanceof InvalidInputException) {
      return (InvalidInputException) e;
    }
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new InvalidInputException(what + ": archive too damaged to read: " + why, e);
  }

  /** Indexes a stream of a known format; {@code prefix} is the nested path so far. */
  ArchiveIndex indexStream(
      InputStream in,
      ArchiveFormat format,
      String prefix,
      long compressedSize,
      int depth,
      String name)
      throws IOException {
    if (depth > limits.maxNestingDepth()) {
      throw new LimitExceededException(
          "maxNestingDepth",
          String.format(
              Locale.ROOT,
              "%s: archives nested deeper than %d (raise it with --max-depth)",
              prefix.isEmpty() ? name : prefix,
              limits.maxNestingDepth()));
    }
    Builder b = new Builder(format, prefix);
    try {
      switch (format) {
        case TAR:
          BoundedTarStream tar = new BoundedTarStream(in);
          entries(tar, b, depth);
          afterTheEnd(b, tar.afterTheEnd(), "the tar's end-of-archive marker", "as tar -i does");
          break;
        case AR:
          entries(new ArMembers(in), b, depth);
          break;
        case CPIO:
          ZeroWatch cpio = new ZeroWatch(in);
          cpioEntries(new CpioReader(cpio), b, depth);
          // The Linux kernel reads an initramfs of several archives so joined; cpio -i does not.
          afterTheEnd(
              b,
              cpio.restNotZero(),
              "the cpio trailer",
              "as the Linux kernel does with an initramfs");
          break;
        case ZIP:
          // A nested zip can only be streamed: its central directory comes last.
          entries(new ZipArchiveInputStream(in, "UTF-8", false, true), b, depth);
          b.finding("", "streamed-zip", "nested zip read from its local headers only");
          break;
        case GZIP:
        case BZIP2:
        case XZ:
        case ZSTD:
          return decompressed(in, format, prefix, compressedSize, depth, name);
        default:
          break;
      }
    } catch (LimitExceededException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw damaged(prefix.isEmpty() ? name : prefix, e);
    } catch (StackOverflowError e) {
      throw new InvalidInputException(
          (prefix.isEmpty() ? name : prefix)
              + ": archive too damaged to read: its headers nest too deeply");
    }
    return b.build();
  }

  private ArchiveIndex decompressed(
      InputStream raw,
      ArchiveFormat format,
      String prefix,
      long compressedSize,
      int depth,
      String name)
      throws IOException {
    CountingStream counted = new CountingStream(raw);
    Map<String, String> props = new HashMap<>();
    props.put("compression", format.id());
    InputStream plain;
    switch (format) {
      case GZIP:
        GzipCompressorInputStream gz = TrailingZeros.gzip(counted);
        GzipParameters p = gz.getMetaData();
        Instant mtime = p.getModificationInstant();
        if (mtime != null && mtime.getEpochSecond() != 0) {
          props.put("gzip.mtime", mtime.toString());
        }
        props.put("gzip.os", Integer.toString(p.getOperatingSystem()));
        if (p.getFileName() != null) {
          props.put("gzip.filename", p.getFileName());
        }
        if (p.getComment() != null) {
          props.put("gzip.comment", p.getComment());
        }
        plain = gz;
        break;
      case BZIP2:
        plain = TrailingZeros.bzip2(counted);
        break;
      case XZ:
        plain = new XZCompressorInputStream(counted, true);
        break;
      default:
        plain = new ZstdCompressorInputStream(counted);
    }
    // The whole stream may expand at most by the ratio limit: a bomb stops early.
    InputStream bounded = new RatioStream(plain, counted, prefix.isEmpty() ? name : prefix);
    BufferedInputStream buffered = new BufferedInputStream(bounded, SNIFF);
    ArchiveFormat inner = ArchiveFormat.detect(buffered);
    if (inner == ArchiveFormat.TAR || inner == ArchiveFormat.CPIO || inner == ArchiveFormat.AR) {
      ArchiveIndex idx = indexStream(buffered, inner, prefix, compressedSize, depth, name);
      return idx.withProperties(props);
    }
    // A single compressed file: one entry, named as the gzip header or the file name says.
    String inside = props.getOrDefault("gzip.filename", stripCompressionSuffix(name));
    Builder b = new Builder(format, prefix);
    b.properties.putAll(props);
    Map<String, String> meta = new HashMap<>();
    b.add(
        new org.opentransparency.verifier.archive.ArchiveEntry(
            inside, EntryType.FILE, -1, null, meta),
        buffered,
        depth,
        -1);
    return b.build();
  }

  private static String stripCompressionSuffix(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ext : new String[] {".gz", ".tgz", ".bz2", ".xz", ".zst", ".zstd"}) {
      if (lower.endsWith(ext) && name.length() > ext.length()) {
        return ext.equals(".tgz")
            ? name.substring(0, name.length() - 4) + ".tar"
            : name.substring(0, name.length() - ext.length());
      }
    }
    return name.isEmpty() ? "content" : name;
  }

  private void entries(ArchiveInputStream<?> archive, Builder b, int depth) throws IOException {
    // A streamed zip (nested in another archive) inflates its entries: the ratio limit applies to
    // the compressed bytes each has consumed, known as it is read even behind a data descriptor.
    java.util.function.LongSupplier compressed =
        archive instanceof ZipArchiveInputStream
            ? ((ZipArchiveInputStream) archive)::getCompressedCount
            : () -> -1;
    for (ArchiveEntry e; (e = archive.getNextEntry()) != null; ) {
      InputStream data = archive;
      if (e instanceof ZipArchiveEntry) {
        ZipIndex.unicodePath((ZipArchiveEntry) e, b);
        // Refused before a byte is inflated where the local header declares a bomb; and read no
        // further than its declared size where it lies, since to reach the next entry the zip
        // reader would inflate the rest itself, past every limit.
        if (archive.canReadEntryData(e)
            && ((ZipArchiveEntry) e).getMethod() != java.util.zip.ZipEntry.STORED) {
          checkDeclared(
              b.full(e.getName()),
              e.getSize(),
              ((ZipArchiveEntry) e).getCompressedSize(),
              "its local header");
        }
        data = new DeclaredSize(archive, e.getSize(), /* refuse= */ true);
      }
      if (!archive.canReadEntryData(e)) {
        b.finding(
            e.getName(),
            "unreadable-entry",
            "entry data cannot be read (unsupported method or encryption)");
      }
      org.opentransparency.verifier.archive.ArchiveEntry d;
      if (archive instanceof BoundedTarStream) {
        d = tarEntry((BoundedTarStream) archive, (TarArchiveEntry) e, b);
      } else {
        d = describe(e);
        if (archive instanceof ArMembers && ArMembers.lossy(d.path())) {
          b.finding(d.path(), "name-not-utf8", ArMembers.LOSSY);
        }
      }
      try {
        b.add(d, data, depth, compressed);
      } catch (DeclaredSize.Exceeded x) {
        b.finding(e.getName(), "size-mismatch", x.getMessage());
        break;
      }
    }
  }

  /**
   * A tar entry named by its bytes ({@link BoundedTarStream#name()}), with a finding where its name
   * or link target is not UTF-8: GNU tar and bsdtar extract the bytes, which Commons Compress gave
   * as text.
   */
  private static org.opentransparency.verifier.archive.ArchiveEntry tarEntry(
      BoundedTarStream tar, TarArchiveEntry e, Builder b) {
    org.opentransparency.verifier.archive.ArchiveEntry d = describe(e, tar.name());
    if (tar.nameNotUtf8()) {
      b.finding(d.path(), "name-not-utf8", NOT_UTF8);
    }
    if (d.linkTarget() != null) {
      d =
          new org.opentransparency.verifier.archive.ArchiveEntry(
              d.path(), d.type(), d.size(), tar.linkName(), d.metadata());
      if (tar.linkNotUtf8()) {
        b.finding(d.path(), "bad-link-target", "the link's target holds a NUL or is not UTF-8");
      }
    }
    return d;
  }

  /** The message of a {@code name-not-utf8} finding. */
  static final String NOT_UTF8 =
      "the name is not UTF-8 (shown with each byte that is not printable ASCII as \\xNN)";

  /**
   * Indexes a cpio archive's members as the extractors read them ({@link CpioReader}): the names of
   * a hard-link set get the data the set carries once, however far from them it lies.
   */
  private void cpioEntries(CpioReader cpio, Builder b, int depth) throws IOException {
    CpioReader.LinkSets links = new CpioReader.LinkSets();
    for (CpioArchiveEntry e; (e = cpio.next()) != null; ) {
      String name = cpio.name();
      if (!cpio.nameIsUtf8()) {
        // GNU cpio, bsdtar and the kernel extract the bytes; reported as UTF-8, two such names
        // would read as one.
        b.finding(name, "name-not-utf8", NOT_UTF8);
      }
      org.opentransparency.verifier.archive.ArchiveEntry d = describe(e, name);
      CpioReader.LinkSet set = links.join(cpio);
      if (set != null && set.data() != null && e.getSize() == 0) {
        b.addLinked(d, set.data());
        continue;
      }
      ArchiveIndex.Item item = b.add(d, cpio.data(), depth, -1);
      if (set != null) {
        for (ArchiveIndex.Item waiting : set.member(item, e.getSize() > 0)) {
          b.giveContent(waiting, item);
        }
      }
    }
  }

  private ArchiveIndex sevenZ(Path file) throws IOException {
    Builder b = new Builder(ArchiveFormat.SEVEN_Z, "");
    long fileSize = Files.size(file);
    long[] expanded = {0};
    try (SevenZArchive z =
        SevenZArchive.open(
            file, file.toString(), limits.maxEntries(), limits.maxCompressionRatio())) {
      if (z.unreferenced() != null) {
        b.finding("", "unreferenced-bytes", z.unreferenced());
      }
      for (SevenZEntry e : z.entries()) {
        Map<String, String> m = new HashMap<>();
        if (e.lastModified() != null) {
          m.put("mtime", e.lastModified().toString());
        }
        if (e.attributes() != null) {
          m.put("attributes", Integer.toHexString(e.attributes()));
        }
        EntryType type = e.isDirectory() ? EntryType.DIRECTORY : EntryType.FILE;
        Integer attributes = e.attributes();
        if (type == EntryType.FILE
            && attributes != null
            && (attributes & 0x8000) != 0
            && (attributes >>> 16 & 0xF000) == 0xA000) {
          // A Unix mode of S_IFLNK (`7z a -snl`): 7-Zip extracts a link to the entry's data.
          type = EntryType.SYMLINK;
        } else if (type == EntryType.FILE
            && attributes != null
            && (attributes & 0x400) != 0
            && e.size() > 0) {
          // FILE_ATTRIBUTE_REPARSE_POINT: its data is Windows reparse data (a link, as 7-Zip on
          // Windows stores one), which 7-Zip on Linux too extracts as a link, not as a file.
          type = EntryType.OTHER;
        }
        if (e.isAnti()) {
          // An update's mark that a file is to be deleted: 7-Zip extracts nothing for it (and
          // deletes what is there), so it is not the empty file or directory it reads as.
          b.finding(
              e.name(),
              "anti-item",
              "a 7z anti item: 7-Zip deletes this path on extraction instead of creating it");
        }
        b.add(
            new org.opentransparency.verifier.archive.ArchiveEntry(
                e.name(), type, e.size(), null, m),
            new WholeArchiveRatio(z.read(e), expanded, fileSize, baseName(file), e.name()),
            0,
            -1);
      }
    }
    return b.build();
  }

  /** Describes a Commons Compress entry of a streamed format. */
  private static org.opentransparency.verifier.archive.ArchiveEntry describe(ArchiveEntry e) {
    return describe(e, e.getName());
  }

  /** As {@link #describe(ArchiveEntry)}, for the entry named {@code name}. */
  private static org.opentransparency.verifier.archive.ArchiveEntry describe(
      ArchiveEntry e, String name) {
    Map<String, String> m = new HashMap<>();
    EntryType type = e.isDirectory() ? EntryType.DIRECTORY : EntryType.FILE;
    String link = null;
    if (e.getLastModifiedDate() != null && e.getLastModifiedDate().getTime() != 0) {
      m.put("mtime", e.getLastModifiedDate().toInstant().toString());
    }
    if (e instanceof TarArchiveEntry) {
      TarArchiveEntry t = (TarArchiveEntry) e;
      m.put("mode", octal(t.getMode()));
      m.put("uid", Long.toString(t.getLongUserId()));
      m.put("gid", Long.toString(t.getLongGroupId()));
      m.put("owner", t.getUserName());
      m.put("group", t.getGroupName());
      if (t.isSymbolicLink()) {
        type = EntryType.SYMLINK;
        link = t.getLinkName();
      } else if (t.isLink()) {
        type = EntryType.HARDLINK;
        link = t.getLinkName();
      } else if (!t.isDirectory() && !tarFile(t.getLinkFlag())) {
        // Commons Compress calls a device, a FIFO or a volume label a file; GNU tar extracts a
        // device or a FIFO, and nothing for a label: none is a file of its bytes.
        type = EntryType.OTHER;
        m.put("tarType", String.valueOf((char) t.getLinkFlag()));
        if (t.isCharacterDevice() || t.isBlockDevice()) {
          m.put("device", t.getDevMajor() + "," + t.getDevMinor());
        }
      }
      t.getExtraPaxHeaders().forEach((k, v) -> m.put("pax." + k, v));
      if (t.getLinkFlag() != 'D' && m.containsKey("pax.GNU.dumpdir")) {
        // A pax archive's dump directory: its list shown as a GNU one's is (BoundedTarStream).
        m.put(
            "pax.GNU.dumpdir",
            BoundedTarStream.dumpDirText(
                m.get("pax.GNU.dumpdir").getBytes(StandardCharsets.UTF_8)));
      }
    } else if (e instanceof ArArchiveEntry) {
      ArArchiveEntry a = (ArArchiveEntry) e;
      m.put("mode", octal(a.getMode()));
      m.put("uid", Integer.toString(a.getUserId()));
      m.put("gid", Integer.toString(a.getGroupId()));
      if (ArMembers.isSymbolTable(a.getName())) {
        // The linker's index of the members' symbols: compared, but no file ar x extracts.
        type = EntryType.OTHER;
      }
    } else if (e instanceof CpioArchiveEntry) {
      CpioArchiveEntry c = (CpioArchiveEntry) e;
      m.put("mode", octal((int) (c.getMode() & 07777)));
      m.put("uid", Long.toString(c.getUID()));
      m.put("gid", Long.toString(c.getGID()));
      if ((c.getMode() & CpioConstants.S_IFMT) == CpioConstants.C_ISLNK) {
        type = EntryType.SYMLINK;
      } else if (!c.isRegularFile() && !c.isDirectory()) {
        type = EntryType.OTHER;
      }
    } else if (e instanceof ZipArchiveEntry) {
      ZipIndex.describe((ZipArchiveEntry) e, m);
      if (((ZipArchiveEntry) e).isUnixSymlink()) {
        type = EntryType.SYMLINK;
      }
    }
    m.values().removeIf(v -> v == null);
    // A sparse tar entry stores fewer bytes than it holds; the reader expands the holes.
    long size =
        e instanceof TarArchiveEntry && ((TarArchiveEntry) e).isSparse()
            ? ((TarArchiveEntry) e).getRealSize()
            : e.getSize();
    if (type == EntryType.HARDLINK) {
      // A hard link holds no data, whatever size its header gives (BoundedTarStream).
      size = 0;
    }
    return new org.opentransparency.verifier.archive.ArchiveEntry(name, type, size, link, m);
  }

  /**
   * The finding for bytes that are not zero, the first at {@code at} (none: -1), after an archive's
   * end {@code marker}: a reader that reads on ({@code readsOn}) finds entries there that the
   * others, and this index, do not.
   */
  private static void afterTheEnd(Builder b, long at, String marker, String readsOn) {
    if (at >= 0) {
      b.finding(
          "",
          "unreferenced-bytes",
          "bytes after "
              + marker
              + " are not zero (from offset "
              + at
              + "): entries there are read by a reader that reads on, "
              + readsOn
              + ", and not by others");
    }
  }

  /** Whether GNU tar extracts an entry of this type as a regular file of its data. */
  private static boolean tarFile(byte type) {
    return type == '0' || type == 0 || type == '7' || type == 'S';
  }

  static String octal(int mode) {
    return String.format(Locale.ROOT, "%04o", mode & 07777);
  }

  /** Collects the entries of one archive. */
  /** Whether {@code name} is a Windows drive-letter path, {@code C:\\x} or {@code C:/x}. */
  private static boolean drivePath(String name) {
    return name.length() >= 3
        && ((name.charAt(0) >= 'A' && name.charAt(0) <= 'Z')
            || (name.charAt(0) >= 'a' && name.charAt(0) <= 'z'))
        && name.charAt(1) == ':'
        && (name.charAt(2) == '/' || name.charAt(2) == '\\');
  }

  /**
   * Whether a segment of {@code name} between separators ({@code /} or {@code \\}) is {@code ..};
   * scanned, not split: this runs for every entry.
   */
  private static boolean climbs(String name) {
    int start = 0;
    for (int i = 0; i <= name.length(); i++) {
      if (i == name.length() || name.charAt(i) == '/' || name.charAt(i) == '\\') {
        if (i - start == 2 && name.charAt(start) == '.' && name.charAt(start + 1) == '.') {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  /** Whether {@code b} is well-formed UTF-8. */
  static boolean isUtf8(byte[] b) {
    boolean ascii = true;
    for (byte c : b) {
      ascii &= c >= 0;
    }
    if (ascii) {
      return true;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(b));
      return true;
    } catch (java.nio.charset.CharacterCodingException x) {
      return false;
    }
  }

  /**
   * Bytes as text that tells every two apart: printable ASCII as it is (a backslash doubled), NUL
   * as {@code \0}, any other byte as {@code \xNN}.
   */
  static String escapedBytes(byte[] bytes) {
    StringBuilder s = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c == '\\') {
        s.append("\\\\");
      } else if (c == 0) {
        s.append("\\0");
      } else if (c >= 0x20 && c < 0x7f) {
        s.append((char) c);
      } else {
        s.append(String.format(Locale.ROOT, "\\x%02x", c));
      }
    }
    return s.toString();
  }

  /** Bytes as UTF-8 where they are UTF-8, else as {@link #escapedBytes}: a name's text. */
  static String utf8OrEscaped(byte[] b) {
    return isUtf8(b) ? new String(b, StandardCharsets.UTF_8) : escapedBytes(b);
  }

  private static int indexOf(byte[] b, byte x) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  final class Builder {
    final ArchiveFormat format;
    final String prefix;
    final Map<String, String> properties = new HashMap<>();
    final LinkedHashMap<String, ArchiveIndex.Item> items = new LinkedHashMap<>();

    /** The second and later entries of a duplicate name, in archive order. */
    private final Map<String, List<ArchiveIndex.Item>> laterCopies = new HashMap<>();

    /** Entries added, every copy of a duplicate name counted. */
    private int added;

    /**
     * Each entry's path as extraction resolves it (empty and {@code .} segments dropped), and other
     * spellings readers give a name, to the entry's name: two names that land on one file are
     * duplicates as much as two equal names are ({@code ./a.txt} and {@code a.txt}). A path that
     * resolves to itself, as most do, is not held here: {@link #items} has it.
     */
    private final java.util.HashMap<String, String> resolved = new java.util.HashMap<>();

    final List<Finding> findings = new ArrayList<>();
    private final java.util.Set<String> unreadable = new java.util.HashSet<>();
    private final byte[] drain = new byte[64 * 1024];

    /** An entry's first bytes, for {@link ArchiveFormat#detect(InputStream, byte[])}. */
    private final byte[] head = new byte[512];

    private final Map<String, String> values = new HashMap<>();

    Builder(ArchiveFormat format, String prefix) {
      this.format = format;
      this.prefix = prefix;
    }

    String full(String name) {
      return prefix.isEmpty() ? name : prefix + NESTED + name;
    }

    void finding(String name, String kind, String message) {
      if (kind.equals("unreadable-entry")) {
        unreadable.add(name);
      }
      findings.add(new Finding(name.isEmpty() ? prefix : full(name), kind, message));
    }

    /**
     * Adds an entry, reading its content from {@code content} (left open): hashed, and indexed as a
     * nested archive when it is one.
     *
     * @param compressedSize the entry's stored size when known, for the ratio limit; else -1
     * @return the entry as indexed
     */
    ArchiveIndex.Item add(
        org.opentransparency.verifier.archive.ArchiveEntry e,
        InputStream content,
        int depth,
        long compressedSize)
        throws IOException {
      return add(e, content, depth, () -> compressedSize);
    }

    /**
     * As {@link #add(org.opentransparency.verifier.archive.ArchiveEntry, InputStream, int, long)},
     * with the compressed size known only as the entry is read (a streamed zip's entry).
     */
    ArchiveIndex.Item add(
        org.opentransparency.verifier.archive.ArchiveEntry e,
        InputStream content,
        int depth,
        java.util.function.LongSupplier compressedSize)
        throws IOException {
      e = admit(e);
      String path = full(e.path());
      ArchiveIndex.Item item;
      if (e.type() == EntryType.FILE || e.type() == EntryType.OTHER) {
        item = content(e, path, content, depth, compressedSize);
      } else if (e.type() == EntryType.SYMLINK && e.linkTarget() == null) {
        // cpio and zip keep a link's target as its data.
        ContentStream c = new ContentStream(content, path, compressedSize);
        byte[] target = c.readNBytes(4097);
        c.drain();
        if (target.length > 4096) {
          // Longer than any system's PATH_MAX: a reader that cuts it would see another target.
          finding(e.path(), "bad-link-target", "the link's target is longer than 4096 bytes");
          target = java.util.Arrays.copyOf(target, 4096);
        } else if (indexOf(target, (byte) 0) >= 0 || !isUtf8(target)) {
          // The system ends a target at NUL, and bytes that are not UTF-8 would be reported as
          // replacement characters: two targets could read as one.
          finding(e.path(), "bad-link-target", "the link's target holds a NUL or is not UTF-8");
        }
        item =
            new ArchiveIndex.Item(
                new org.opentransparency.verifier.archive.ArchiveEntry(
                    e.path(),
                    e.type(),
                    e.size(),
                    new String(target, StandardCharsets.UTF_8),
                    e.metadata()),
                null,
                0,
                false,
                null);
      } else if (e.type() == EntryType.HARDLINK) {
        item = linked(e);
      } else {
        item = new ArchiveIndex.Item(e, null, 0, false, null);
      }
      register(e, item);
      return item;
    }

    /**
     * Adds a member of a cpio hard-link set that carries no data, the content of {@code data}, the
     * member that carried its set's: counted and checked as an entry, that content not read again.
     */
    void addLinked(org.opentransparency.verifier.archive.ArchiveEntry e, ArchiveIndex.Item data)
        throws LimitExceededException {
      e = admit(e);
      register(e, withContentOf(e, data));
    }

    /**
     * Gives {@code waiting}, a member of a cpio hard-link set indexed before a later member carried
     * its set's data, the content of {@code data}, that member.
     */
    void giveContent(ArchiveIndex.Item waiting, ArchiveIndex.Item data) {
      ArchiveIndex.Item now = withContentOf(waiting.entry(), data);
      String path = waiting.entry().path();
      if (items.get(path) == waiting) {
        items.put(path, now);
        return;
      }
      // By identity: two copies of a name may be equal records and wait for two sets' data.
      List<ArchiveIndex.Item> later = laterCopies.get(path);
      for (int i = 0; i < later.size(); i++) {
        if (later.get(i) == waiting) {
          later.set(i, now);
        }
      }
    }

    /**
     * The entry {@code e} as extraction makes it: a regular file with the content of {@code
     * target}, another entry. That content is indexed once, at {@code target}: no nested index.
     */
    private static ArchiveIndex.Item withContentOf(
        org.opentransparency.verifier.archive.ArchiveEntry e, ArchiveIndex.Item target) {
      return new ArchiveIndex.Item(e, target.sha256(), target.size(), target.binary(), null);
    }

    /**
     * A hard link as extraction makes it: a regular file with the content of the entry it names,
     * which must come before it (a reader links to what it has extracted: the last copy of that
     * name so far) and be a regular file, or a link to one; the name is taken as extraction
     * resolves it ({@code ./a} is {@code a}). A link to anything else (a name not yet extracted, a
     * directory, a symbolic link) holds no content of its own.
     */
    private ArchiveIndex.Item linked(org.opentransparency.verifier.archive.ArchiveEntry e) {
      String key = ArchiveIndex.extracted(e.linkTarget());
      String name = resolved.getOrDefault(key, key);
      List<ArchiveIndex.Item> copies = laterCopies.get(name);
      ArchiveIndex.Item target = copies != null ? copies.get(copies.size() - 1) : items.get(name);
      if (target == null
          || target.sha256() == null
          || (target.entry().type() != EntryType.FILE
              && target.entry().type() != EntryType.HARDLINK)) {
        return new ArchiveIndex.Item(e, null, 0, false, null);
      }
      return withContentOf(e, target);
    }

    /**
     * Adds a file entry whose content another read has already hashed ({@link SharedEntries}): the
     * same checks and findings as {@link #add} reading that content, without reading it again.
     *
     * @param compressedSize the entry's stored size, for the ratio limit
     */
    void addHashed(
        org.opentransparency.verifier.archive.ArchiveEntry e,
        SharedEntries.Hashed h,
        long compressedSize)
        throws IOException {
      e = admit(e);
      String path = full(e.path());
      // What a read of the content counts, counted here: the total and the ratio limits grow
      // with every byte read, so the count they end at decides whether they are passed.
      checkTotal(path, totalBytes, h.count(), "");
      totalBytes += h.count();
      if (compressedSize > 0 && overRatio(h.count(), compressedSize)) {
        throw ratio(path, "");
      }
      register(e, hashed(e, h.sha256(), h.count(), h.binary(), null));
    }

    /**
     * Counts an entry against the limits and checks its name and declared size before anything of
     * it is read; returns it as it is indexed (a directory's name as every format spells it, its
     * metadata values shared with the archive's other entries).
     */
    private org.opentransparency.verifier.archive.ArchiveEntry admit(
        org.opentransparency.verifier.archive.ArchiveEntry e) throws LimitExceededException {
      if (++added > limits.maxEntries()) {
        throw tooManyEntries(prefix.isEmpty() ? "archive" : prefix);
      }
      if (e.type() == EntryType.DIRECTORY && format != ArchiveFormat.ZIP) {
        e = asDirectoryName(e);
      }
      if (format != ArchiveFormat.AR || !ArMembers.isSymbolTable(e.path())) {
        checkName(e.path());
      }
      // A size its header declares that no read could finish within the total: refused unread.
      checkTotal(full(e.path()), totalBytes, e.size(), ", by the size its header declares");
      // Entries of one archive share most metadata values (one mtime, one method, one mode):
      // hold each value once.
      return new org.opentransparency.verifier.archive.ArchiveEntry(
          e.path(),
          e.type(),
          e.size(),
          e.linkTarget(),
          ((SortedFields) e.metadata()).interned(values));
    }

    /** Keeps {@code item}, the entry {@code e} as read; a later copy of a name is kept too. */
    private void register(
        org.opentransparency.verifier.archive.ArchiveEntry e, ArchiveIndex.Item item) {
      if (items.containsKey(e.path())) {
        if (format != ArchiveFormat.AR || !ArMembers.isSymbolTable(e.path())) {
          // (An import library's two linker members, both "/", are no file: ArMembers.)
          finding(e.path(), "duplicate-name", "the archive holds more than one entry named so");
        }
        // Kept, so that a comparison pairs each copy with its own (first with first, ...).
        laterCopies.computeIfAbsent(e.path(), k -> new ArrayList<>(1)).add(item);
      } else {
        alsoKnownAs(e.path(), e.path(), "once extracted");
        items.put(e.path(), item);
      }
      if (item.nested() != null) {
        findings.addAll(item.nested().findings());
      }
    }

    /**
     * A directory named as zip and GNU tar name one, with a final {@code /}: 7z, cpio, Python's
     * tarfile and a directory on disk name it without, and a tree compared across formats must not
     * differ by that. (In a zip the slash is what makes a directory: its names stay as they are.)
     */
    private org.opentransparency.verifier.archive.ArchiveEntry asDirectoryName(
        org.opentransparency.verifier.archive.ArchiveEntry e) {
      if (e.path().isEmpty() || e.path().endsWith("/")) {
        return e;
      }
      return new org.opentransparency.verifier.archive.ArchiveEntry(
          e.path() + "/", e.type(), e.size(), e.linkTarget(), e.metadata());
    }

    /**
     * Records that readers may take the entry {@code name} for {@code spelling} ({@code how}); a
     * spelling that resolves to another entry's path is a {@code duplicate-name}.
     */
    void alsoKnownAs(String name, String spelling, String how) {
      String key = ArchiveIndex.extracted(spelling);
      String other = resolved.get(key);
      if (other == null && items.containsKey(key)) {
        // An entry whose path is this key, registered under it first (see resolved).
        other = key;
      }
      if (other == null && !key.equals(name)) {
        resolved.put(key, name);
      }
      if (other != null && !other.equals(name)) {
        finding(
            name,
            "duplicate-name",
            "'" + name + "' and '" + other + "' are one file " + how + " ('" + key + "')");
      }
    }

    private ArchiveIndex.Item content(
        org.opentransparency.verifier.archive.ArchiveEntry e,
        String path,
        InputStream raw,
        int depth,
        java.util.function.LongSupplier compressedSize)
        throws IOException {
      ContentStream c = new ContentStream(raw, path, compressedSize);
      BufferedInputStream sniff = new BufferedInputStream(new NonClosing(c), ENTRY_BUFFER);
      ArchiveIndex nested = null;
      ArchiveFormat inner = expandNested ? ArchiveFormat.detect(sniff, head) : ArchiveFormat.NONE;
      if (inner != ArchiveFormat.NONE && inner != ArchiveFormat.SEVEN_Z) {
        try {
          nested = indexStream(sniff, inner, path, compressedSize.getAsLong(), depth + 1, e.path());
        } catch (LimitExceededException x) {
          throw x;
        } catch (IOException x) {
          finding(
              e.path(),
              "unreadable-nested-archive",
              "looks like " + inner.id() + " but cannot be read: " + x.getMessage());
        }
      } else if (inner == ArchiveFormat.SEVEN_Z) {
        finding(
            e.path(),
            "not-expanded",
            "7z archives nested in others are compared as bytes (7z needs random access)");
      }
      // Drained through one buffer per archive, not a new one per entry (as transferTo would).
      while (sniff.read(drain) >= 0) {
        // Every byte is hashed and counted as it passes.
      }
      return hashed(e, c.sha256(), c.count(), c.binary(), nested);
    }

    /** The entry {@code e}, whose content of {@code count} bytes hashed to {@code sha256}. */
    private ArchiveIndex.Item hashed(
        org.opentransparency.verifier.archive.ArchiveEntry e,
        org.opentransparency.verifier.hash.Digest sha256,
        long count,
        boolean binary,
        ArchiveIndex nested) {
      if (e.size() >= 0 && e.size() != count && !unreadable.contains(e.path())) {
        // A reader that trusts the header's size sees other bytes than we hashed.
        finding(
            e.path(),
            "size-mismatch",
            String.format(
                Locale.ROOT,
                "the header claims %d bytes, the data holds %s",
                e.size(),
                count > e.size()
                    ? "more (not read past byte " + count + ")"
                    : Long.toString(count)));
      }
      return new ArchiveIndex.Item(e, sha256, count, binary, nested);
    }

    private void checkName(String name) {
      if (name.indexOf('\0') >= 0) {
        finding(name, "nul-in-name", "the name holds a NUL character");
      }
      if (name.startsWith("/") || name.startsWith("\\") || drivePath(name)) {
        finding(name, "absolute-name", "the name is an absolute path");
      }
      if (climbs(name)) {
        finding(name, "dot-dot-name", "the name climbs out of the archive with ..");
      }
    }

    ArchiveIndex build() {
      return new ArchiveIndex(format, properties, items, laterCopies, findings);
    }
  }

  /**
   * A stream that shows every byte read to {@link #observe} (which may throw to stop a hostile
   * input), whichever read method the consumer calls; skipping reads too, so nothing goes unseen.
   */
  abstract static class ObservedStream extends FilterInputStream {
    ObservedStream(InputStream in) {
      super(in);
    }

    abstract void observe(byte[] b, int off, int n) throws IOException;

    @Override
    public final int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
      int n = source(b, off, len);
      if (n > 0) {
        observe(b, off, n);
      }
      return n;
    }

    /** Reads from the wrapped stream; a subclass may read less, or refuse. */
    int source(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }

    @Override
    public final long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)];
      int r = read(buf, 0, buf.length);
      return Math.max(r, 0);
    }

    /**
     * No mark and reset: bytes read again after a reset would be observed twice. A reader that
     * needs them (gzip, to give back what it read past a member) buffers above this stream;
     * counting a gzip stream's bytes again at every member made a tar.gz of 20 GiB of zeros in 16
     * MiB members look 700:1 and pass the ratio limit.
     */
    @Override
    public final boolean markSupported() {
      return false;
    }
  }

  /** Counts and hashes an entry's bytes, and enforces the byte and ratio limits. */
  final class ContentStream extends ObservedStream {
    private final MultiDigester digester = MultiDigester.of(List.of(DigestAlgorithm.SHA256));
    private final String path;
    private final java.util.function.LongSupplier compressedSize;
    private long count;
    private boolean binary;
    private long checkedForNul;

    ContentStream(InputStream in, String path, java.util.function.LongSupplier compressedSize) {
      super(in);
      this.path = path;
      this.compressedSize = compressedSize;
    }

    @Override
    void observe(byte[] b, int off, int n) throws IOException {
      digester.update(b, off, n);
      if (checkedForNul < 8192) {
        for (int i = off; i < off + n && checkedForNul < 8192; i++, checkedForNul++) {
          if (b[i] == 0) {
            // One NUL decides it: a class file has one at its fifth byte.
            binary = true;
            checkedForNul = 8192;
            break;
          }
        }
      }
      count += n;
      checkTotal(path, totalBytes, n, "");
      totalBytes += n;
      if (count > RATIO_FLOOR) {
        long compressed = compressedSize.getAsLong();
        if (compressed > 0 && overRatio(count, compressed)) {
          throw ratio(path, "");
        }
      }
    }

    void drain() throws IOException {
      byte[] buf = new byte[8192];
      while (read(buf, 0, buf.length) != -1) {
        // Hash and count every byte.
      }
    }

    org.opentransparency.verifier.hash.Digest sha256() {
      return digester.finish().get(DigestAlgorithm.SHA256);
    }

    long count() {
      return count;
    }

    boolean binary() {
      return binary;
    }
  }

  /** Whether {@code expanded} bytes from {@code compressed} are past the floor and the ratio. */
  boolean overRatio(long expanded, long compressed) {
    return expanded > RATIO_FLOOR
        && expanded / Math.max(1, compressed) > limits.maxCompressionRatio();
  }

  /**
   * The ratio limit, hit at {@code path}; {@code how} is empty, or says how it is known ({@code ":
   * its local header declares ..."}).
   */
  LimitExceededException ratio(String path, String how) {
    return new LimitExceededException(
        "maxCompressionRatio",
        String.format(
            Locale.ROOT,
            "%s: expands more than %d times its compressed size%s (raise it with --max-ratio)",
            path,
            limits.maxCompressionRatio(),
            how));
  }

  /**
   * Refuses an entry whose header declares, before a byte of it is read, that it expands past the
   * ratio limit: {@code size} bytes from {@code compressed} ({@code header} names which header says
   * so). An unknown size (-1) declares nothing.
   */
  void checkDeclared(String path, long size, long compressed, String header)
      throws LimitExceededException {
    if (size >= 0 && compressed >= 0 && overRatio(size, compressed)) {
      throw ratio(
          path,
          String.format(Locale.ROOT, ": %s declares %d bytes from %d", header, size, compressed));
    }
  }

  /**
   * Refuses {@code more} uncompressed bytes after {@code already} when together they pass the total
   * limit; {@code how} as for {@link #ratio}.
   */
  void checkTotal(String path, long already, long more, String how) throws LimitExceededException {
    if (more > limits.maxTotalBytes() - already) {
      throw new LimitExceededException(
          "maxTotalBytes",
          String.format(
              Locale.ROOT,
              "%s: more than %d uncompressed bytes in all%s (raise it with --max-total-bytes)",
              path,
              limits.maxTotalBytes(),
              how));
    }
  }

  /** The most entries one archive may hold. */
  long maxEntries() {
    return limits.maxEntries();
  }

  long maxTotalBytes() {
    return limits.maxTotalBytes();
  }

  long maxCompressionRatio() {
    return limits.maxCompressionRatio();
  }

  /** The archive {@code archive} holds more entries than {@link #maxEntries()}. */
  LimitExceededException tooManyEntries(String archive) {
    return new LimitExceededException(
        "maxEntries",
        String.format(
            Locale.ROOT,
            "%s: more than %d entries in one archive (raise it with --max-entries)",
            archive,
            limits.maxEntries()));
  }

  /** Bytes read from all archives so far, toward the total limit. */
  long totalBytes() {
    return totalBytes;
  }

  /**
   * The entries of {@code archive} together expand past the ratio limit times its size, at {@code
   * entry}; {@code how} as for {@link #ratio}.
   */
  LimitExceededException wholeRatio(String archive, String entry, String how) {
    return new LimitExceededException(
        "maxCompressionRatio",
        String.format(
            Locale.ROOT,
            "%s: its entries together expand more than %d times its size, at entry %s%s"
                + " (raise it with --max-ratio)",
            archive,
            limits.maxCompressionRatio(),
            entry,
            how));
  }

  /** Counts compressed bytes read. */
  static final class CountingStream extends ObservedStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    void observe(byte[] b, int off, int n) {
      count += n;
    }
  }

  /** Stops a decompressed stream that expands past the ratio limit (a compression bomb). */
  final class RatioStream extends ObservedStream {
    private final CountingStream compressed;
    private final String path;
    private long out;

    RatioStream(InputStream in, CountingStream compressed, String path) {
      super(in);
      this.compressed = compressed;
      this.path = path;
    }

    @Override
    void observe(byte[] b, int off, int n) throws IOException {
      out += n;
      if (overRatio(out, compressed.count)) {
        throw ratio(path, "");
      }
    }
  }

  /**
   * Stops the entries of one archive, together, from expanding past the ratio limit times the
   * archive's size: for 7z (whose solid blocks give no per-entry compressed size) and for zips
   * whose entries overlap (the "better zip bomb", where every entry alone is within the limit).
   */
  final class WholeArchiveRatio extends ObservedStream {
    private final long[] expanded;
    private final long archiveSize;
    private final String archive;
    private final String entry;

    /**
     * @param expanded the count shared by all entries of the archive
     */
    WholeArchiveRatio(
        InputStream in, long[] expanded, long archiveSize, String archive, String entry) {
      super(in);
      this.expanded = expanded;
      this.archiveSize = archiveSize;
      this.archive = archive;
      this.entry = entry;
    }

    @Override
    void observe(byte[] b, int off, int n) throws IOException {
      expanded[0] += n;
      if (overRatio(expanded[0], archiveSize)) {
        throw wholeRatio(archive, entry, "");
      }
    }
  }

  /**
   * A tar reader that refuses what Commons Compress would buffer whole or recurse on: a GNU long
   * name or link, or a pax header, larger than {@link #MAX_TAR_HEADER} bytes, and more than {@link
   * #MAX_TAR_CHAIN} such headers in a row before an entry.
   */
  static final class BoundedTarStream extends TarArchiveInputStream {
    private final ZeroWatch watch;
    private int chain;

    /**
     * The offset of the first byte that is not zero which the call of {@link #getNextEntry()} that
     * found the end read from the marker on (the marker, the rest of its record); -1: none.
     */
    private long endNotZero = -1;

    /** Where the block after the current entry's data begins: a header or the end. */
    private long nextHeader;

    /** The long-name and pax headers read before the entry being read, by type. */
    private final StringBuilder chainTypes = new StringBuilder();

    /** The records read for the entry being read. */
    private int records;

    /** The names a long-name header, a long-link header and a pax header of the chain gave. */
    private String longName;

    private String longLink;
    private PaxValue paxPath;
    private PaxValue paxLinkpath;
    private PaxValue paxSparseName;
    private PaxValue paxUname;
    private PaxValue paxGname;

    /** A global pax header's owner and group names, for every entry after it. */
    private PaxValue globalUname;

    private PaxValue globalGname;

    /**
     * The current entry's name and link target as extraction makes them from their bytes: as UTF-8
     * where they are UTF-8, else each byte that is not printable ASCII as {@code \xNN} ({@link
     * #nameNotUtf8}), so that no two names read as one.
     */
    private String name;

    private String linkName;
    private boolean nameNotUtf8;
    private boolean linkNotUtf8;

    /** Whether a local pax header gave a size. */
    private boolean paxSize;

    /** Whether the last header read has GNU tar's own magic. */
    private boolean gnuMagic;

    /** Whether the next record is an old GNU sparse map's extension record. */
    private boolean sparseExtension;

    /**
     * Whether an old GNU sparse map goes on in an extension record after this one, whose {@code
     * slots} extents begin at {@code first}, its flag at {@code flag}. Where GNU tar and Commons
     * Compress would read a different number of records, the records it does not read as a map one
     * of them reads as the file's data: refused. Commons Compress goes on where the flag is 1, GNU
     * tar where it is not 0; GNU tar stops at the first extent whose size field begins with a NUL
     * and reads no further record, Commons Compress reads every record the flags announce.
     */
    private static boolean sparseExtends(byte[] record, int first, int slots, int flag)
        throws IOException {
      byte more = record[flag];
      if (more != 0 && more != 1) {
        throw new IOException(
            "an old GNU sparse map whose \"extended\" flag is " + (more & 0xff) + ", not 0 or 1");
      }
      for (int i = 0; more == 1 && i < slots; i++) {
        if (record[first + 24 * i + 12] == 0) {
          throw new IOException(
              "an old GNU sparse map that goes on in another record after an empty extent");
        }
      }
      return more == 1;
    }

    /** The last long-name or pax header read, whose data is not yet looked at (0: none). */
    private char pendingChain;

    /** The size its header gives. */
    private long chainSize;

    /**
     * Takes from what was read after the last header of the chain (its data) the names it gives: a
     * long name or link up to its NUL, a pax header's path and linkpath.
     */
    private void chained() throws IOException {
      char last = pendingChain;
      pendingChain = 0;
      byte[] captured = watch.captured();
      if (last == 0 || captured == null) {
        return;
      }
      // The header's data, not its padding or what was read after it.
      byte[] data = java.util.Arrays.copyOf(captured, (int) Math.min(captured.length, chainSize));
      if (last == 'L' || last == 'K') {
        int end = 0;
        while (end < data.length && data[end] != 0) {
          end++;
        }
        // GNU tar ends the name at its first NUL.
        String name = new String(data, 0, end, StandardCharsets.UTF_8);
        if (last == 'L') {
          longName = name;
        } else {
          longLink = name;
        }
      } else if (last == 'x' || last == 'g') {
        paxRecords(data, last == 'g');
      }
    }

    /**
     * Refuses an entry that GNU tar would read otherwise than Commons Compress: the entries after
     * it would differ, or its own type or data. Each case is one the two readers were seen to part
     * on (docs/hostile-input.md).
     */
    private void agreeWithGnuTar(TarArchiveEntry e) throws IOException {
      byte type = e.getLinkFlag();
      String why = null;
      if (!e.isCheckSumOK()) {
        // GNU tar skips a block whose checksum is wrong and reads the next as a header.
        why = "its header's checksum is wrong";
      } else if (type == '1' && (e.isSparse() || e.isDirectory() || paxSize)) {
        // GNU tar makes a link of it all the same; Commons Compress would read a sparse map and
        // data, or take it for a directory. A pax size GNU tar itself reads two ways: none when
        // it makes the link, that much data when it lists or skips the entry.
        why =
            "a hard link that is also "
                + (e.isSparse()
                    ? "a sparse file"
                    : e.isDirectory() ? "named as a directory" : "given a size by a pax header");
      } else if (e.getSize() > 0 && (type == '2' || type == '3' || type == '4' || type == '6')) {
        // GNU tar extracts a link, device or FIFO without reading data: it takes the data for the
        // next headers, where Commons Compress passes over it.
        why = "a link, device or FIFO with " + e.getSize() + " bytes of data";
      } else if (e.isDirectory()
          && type != '5'
          && type != 'D'
          && (e.getSize() > 0 || e.isSparse())) {
        // A name ending in '/' makes a directory to Commons Compress whatever the type, and it
        // passes over no data; GNU tar reads the type.
        why = "a name ending in '/' on an entry of type " + (char) type + " with data";
      } else if (count('L') > 1
          || count('K') > 1
          || count('x') > 1
          || overridden('L', PaxValue.text(paxPath), longName)
          || overridden('K', PaxValue.text(paxLinkpath), longLink)) {
        // GNU tar takes the last long name and the last pax header, and a pax path over a long
        // name; Commons Compress the first, and a long name read before a pax header over the
        // header's path. (A pax header before a long name, or one that repeats its name, as
        // Commons Compress's own writer and Rust's tar crate write them, reads alike.)
        why = "a chain of headers " + chainTypes + " that readers resolve differently";
      } else if (type == 'S' && !gnuMagic) {
        // GNU tar reads an old GNU sparse header only under its own magic; under ustar's it is a
        // file of its stored bytes, where Commons Compress expands the map.
        why = "an old GNU sparse header without GNU tar's magic";
      } else if ((e.isPaxGNUSparse() || e.isPaxGNU1XSparse()) && gnuMagic) {
        // And pax sparse keys only on a POSIX header: on one with its own magic, GNU tar 1.34
        // extracts the stored bytes, map and all (seen with a GNU tar sparse file whose header's
        // magic was changed), where Commons Compress expands the map.
        why = "pax sparse keys on a header with GNU tar's magic";
      } else if (e.getExtraPaxHeaders().size() > MAX_PAX_KEYS) {
        why = "more than " + MAX_PAX_KEYS + " pax keywords";
      } else if (paxSparseName != null && !paxSparseName.text().equals(e.getName())) {
        // GNU tar names the entry by GNU.sparse.name whatever else the header says; Commons
        // Compress only beside the sparse keys it reads.
        why = "a GNU.sparse.name of " + paxSparseName.text() + " that readers apply differently";
      } else if (e.isSparse()) {
        why = sparseMapOrder(e);
      }
      if (why != null) {
        throw new IOException("tar entry " + e.getName() + ": " + why);
      }
      if (type == '1' && e.getSize() > 0) {
        // GNU tar reads a hard link as holding no data whatever its size (Go's and Rust's writers
        // leave the file's size there), its next header right after it. Commons Compress would
        // read that size of data and its padding: it reads none (size 0), and the padding it
        // still skips by the size it parsed is read from zeros, the stream not moved.
        long size = e.getSize();
        e.setSize(0);
        watch.unread(new byte[(int) ((512 - size % 512) % 512)]);
      }
    }

    /**
     * Reads a pax header's records as every writer writes them, "length keyword=value\n", each
     * length in decimal digits, one space, a keyword without NUL or blank, the records filling the
     * header's data exactly; refuses anything else, which GNU tar and Commons Compress each read
     * their own way. Notes the names a local header gives; refuses a global header that sets a
     * name, a size, a sparse file or a dump directory (GNU tar applies those to every entry after
     * it, over a long name; Commons Compress keeps a long name, and the sparse and dump directory
     * keys only as fields).
     */
    private void paxRecords(byte[] data, boolean global) throws IOException {
      int at = 0;
      while (at < data.length) {
        int i = at;
        long len = 0;
        while (i < data.length && data[i] >= '0' && data[i] <= '9' && len <= data.length) {
          len = len * 10 + (data[i++] - '0');
        }
        int eq = i + 1;
        while (eq < at + len && eq < data.length && data[eq] != '=' && data[eq] != 0) {
          eq++;
        }
        if (i == at
            || len <= 0
            || at + len > data.length
            || data[i] != ' '
            || eq == i + 1
            || eq >= at + len - 1
            || data[eq] != '='
            || data[i + 1] == ' '
            || data[i + 1] == '\t'
            || data[(int) (at + len - 1)] != '\n') {
          throw new IOException("a pax record that tar readers read differently");
        }
        String key = new String(data, i + 1, eq - i - 1, StandardCharsets.UTF_8);
        String value = new String(data, eq + 1, (int) (at + len - eq - 2), StandardCharsets.UTF_8);
        PaxValue pax = PaxValue.of(value, data, eq + 1, (int) (at + len - 1));
        if (!paxNumber(key, value)) {
          // Java's parsers take other scripts' digits (Commons Compress read size=١٠ as 10,
          // where GNU tar took the header's size and bsdtar none).
          throw new IOException("a pax " + key + " that is not a number in ASCII digits");
        }
        if (global && key.equals("uname")) {
          globalUname = pax;
        } else if (global && key.equals("gname")) {
          globalGname = pax;
        } else if (global) {
          if (key.equals("path")
              || key.equals("linkpath")
              || key.equals("size")
              || key.equals("GNU.dumpdir")
              || key.startsWith("GNU.sparse.")) {
            throw new IOException("a global pax header setting " + key);
          }
        } else if (key.equals("path")) {
          paxPath = pax;
        } else if (key.equals("linkpath")) {
          paxLinkpath = pax;
        } else if (key.equals("uname")) {
          paxUname = pax;
        } else if (key.equals("gname")) {
          paxGname = pax;
        } else if (key.equals("size")) {
          paxSize = true;
        } else if ((key.equals("GNU.sparse.size") || key.equals("GNU.sparse.realsize"))
            && new java.math.BigInteger(value).compareTo(INT_MAX) > 0) {
          // (Its digits are ASCII: paxNumber, above.)
          // Commons Compress parses these as int ("Unable to parse int from string value").
          throw new IOException(
              "a pax sparse file of "
                  + value
                  + " bytes: larger than the 2 GiB our tar reader takes in a pax sparse header"
                  + " (not supported; in GNU tar's own format, --format=gnu, up to 8 GiB are read)");
        } else if (key.equals("GNU.sparse.name")) {
          paxSparseName = pax;
        }
        at += (int) len;
      }
    }

    private static final java.math.BigInteger INT_MAX =
        java.math.BigInteger.valueOf(Integer.MAX_VALUE);

    /**
     * A pax value as Commons Compress decodes it (UTF-8) and its bytes, for the names tar extracts
     * from them (decoded, bytes that are not UTF-8 are lost).
     */
    private record PaxValue(String text, byte[] bytes) {
      static PaxValue of(String text, byte[] data, int from, int to) {
        return new PaxValue(text, java.util.Arrays.copyOfRange(data, from, to));
      }

      static String text(PaxValue v) {
        return v == null ? null : v.text();
      }
    }

    /** The pax keys whose values are numbers: a decimal integer, times with a fraction. */
    private static final java.util.Set<String> PAX_INTEGERS =
        java.util.Set.of(
            "size",
            "uid",
            "gid",
            "SCHILY.devmajor",
            "SCHILY.devminor",
            "GNU.sparse.size",
            "GNU.sparse.realsize",
            "GNU.sparse.numblocks",
            "GNU.sparse.offset",
            "GNU.sparse.numbytes",
            "GNU.sparse.major",
            "GNU.sparse.minor");

    private static final java.util.Set<String> PAX_TIMES =
        java.util.Set.of("mtime", "atime", "ctime");

    /** Whether {@code value} is as every tar reader reads it where {@code key} takes a number. */
    private static boolean paxNumber(String key, String value) {
      if (PAX_INTEGERS.contains(key)) {
        return value.matches("[0-9]+");
      }
      if (PAX_TIMES.contains(key)) {
        return value.matches("-?[0-9]+(\\.[0-9]+)?");
      }
      return true;
    }

    /** Whether a pax value read after a long-name header of {@code type} gives another name. */
    private boolean overridden(char type, String pax, String longOne) {
      int t = chainTypes.indexOf(String.valueOf(type));
      int x = chainTypes.indexOf("x");
      return t >= 0 && x > t && pax != null && !pax.equals(longOne);
    }

    private int count(char type) {
      int n = 0;
      for (int i = 0; i < chainTypes.length(); i++) {
        if (chainTypes.charAt(i) == type) {
          n++;
        }
      }
      return n;
    }

    /**
     * Null when GNU tar and Commons Compress read a sparse entry's extents from the same bytes: the
     * extents that hold data in ascending order, none overlapping, each but the last a whole number
     * of blocks (GNU tar reads each from fresh blocks, in the map's order; Commons Compress sorts
     * them and reads them back to back), and none after an empty one (GNU tar stops its map there,
     * at the file's size; an old GNU header's unused slots are empty too).
     */
    private static String sparseMapOrder(TarArchiveEntry e) {
      List<org.apache.commons.compress.archivers.tar.TarArchiveStructSparse> map =
          e.getSparseHeaders();
      if (map == null) {
        return null;
      }
      long end = 0;
      boolean ended = false;
      org.apache.commons.compress.archivers.tar.TarArchiveStructSparse last = null;
      for (org.apache.commons.compress.archivers.tar.TarArchiveStructSparse x : map) {
        if (x.getNumbytes() == 0) {
          ended = true;
          continue;
        }
        if (ended) {
          return "a sparse map with data after an empty extent";
        }
        if (x.getOffset() < end) {
          return "a sparse map whose extents are out of order or overlap";
        }
        if (last != null && last.getNumbytes() % 512 != 0) {
          return "a sparse map with an extent of " + last.getNumbytes() + " bytes before its last";
        }
        end = x.getOffset() + x.getNumbytes();
        last = x;
      }
      return null;
    }

    BoundedTarStream(InputStream in) {
      this(new ZeroWatch(in));
    }

    private BoundedTarStream(ZeroWatch watch) {
      // ISO-8859-1 maps every byte of a header's name (or a long name) to one char and back: the
      // name's bytes, whatever they are. (The platform's charset, the default, made every byte
      // that is not ASCII a '?' under a C locale, a U+FFFD under UTF-8: two names read as one.)
      super(watch, StandardCharsets.ISO_8859_1.name());
      this.watch = watch;
    }

    /** The current entry's name as extraction makes it from its bytes (see {@link #name}). */
    String name() {
      return name;
    }

    /** The current entry's link target, as {@link #name()}; empty where it has none. */
    String linkName() {
      return linkName;
    }

    /** Whether the current entry's name is not UTF-8 (shown with bytes as {@code \xNN}). */
    boolean nameNotUtf8() {
      return nameNotUtf8;
    }

    /** Whether the current entry's link target is not UTF-8. */
    boolean linkNotUtf8() {
      return linkNotUtf8;
    }

    /**
     * The bytes of {@code read}, a name as Commons Compress gives it: a pax value's bytes where it
     * is that value (one of {@code pax}, decoded as UTF-8), else a header's or long name's bytes,
     * read as ISO-8859-1.
     */
    private static byte[] bytes(String read, PaxValue... pax) throws IOException {
      for (PaxValue v : pax) {
        if (v != null && matches(read, v.text())) {
          return v.bytes();
        }
      }
      for (int i = 0; i < read.length(); i++) {
        if (read.charAt(i) > 0xff) {
          // Not possible from a header: a pax value it does not match.
          throw new IOException("a tar name that is neither its header's nor its pax header's");
        }
      }
      return read.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether {@code read} is the pax value {@code pax}, or that value with its leading slashes
     * removed, as Commons Compress removes them from a pax path (which tar -P extracts there: the
     * name keeps them, so that an absolute name is a finding, as in a header).
     */
    private static boolean matches(String read, String pax) {
      int slashes = 0;
      while (slashes < pax.length() && pax.charAt(slashes) == '/') {
        slashes++;
      }
      return read.equals(pax.substring(slashes));
    }

    @Override
    public TarArchiveEntry getNextEntry() throws IOException {
      // Commons Compress reads a long-name or pax header, then calls this again for the entry.
      if (++chain > MAX_TAR_CHAIN) {
        // Not an InvalidInputException, so that the caller names the archive.
        throw new IOException(
            "more than " + MAX_TAR_CHAIN + " GNU long-name or pax headers in a row");
      }
      boolean outermost = chain == 1;
      if (outermost) {
        // Next: the last entry's padding (not watched: some writers leave old bytes there, which
        // no reader takes for anything), then a header, or the end-of-archive marker (two zero
        // blocks) and the rest of its record. Watched, in case it is the end.
        watch.watchFrom(nextHeader);
        chainTypes.setLength(0);
        records = 0;
        sparseExtension = false;
        longName = null;
        longLink = null;
        paxPath = null;
        paxLinkpath = null;
        paxSparseName = null;
        paxUname = null;
        paxGname = null;
        paxSize = false;
        pendingChain = 0;
      }
      try {
        TarArchiveEntry e = super.getNextEntry();
        if (outermost && e == null && endNotZero < 0) {
          endNotZero = watch.firstNonZero();
        }
        if (outermost && e != null) {
          byte[] n = bytes(e.getName(), paxSparseName, paxPath);
          name = utf8OrEscaped(n);
          nameNotUtf8 = !isUtf8(n);
          byte[] l = bytes(e.getLinkName(), paxLinkpath);
          linkName = utf8OrEscaped(l);
          linkNotUtf8 = !isUtf8(l);
          // Owner and group names: shown as text, compared as fields (no finding).
          e.setUserName(utf8OrEscaped(bytes(e.getUserName(), paxUname, globalUname)));
          e.setGroupName(utf8OrEscaped(bytes(e.getGroupName(), paxGname, globalGname)));
          agreeWithGnuTar(e);
        }
        if (outermost && e != null && e.isPaxGNU1XSparse()) {
          checkSparseMap(e);
        }
        if (outermost && e != null && e.getLinkFlag() == 'D') {
          dumpDir(e);
          nextHeader = watch.offset();
        } else if (outermost && e != null) {
          // The header (and any long-name or pax header before it) is read: its data follows,
          // in the blocks of its size.
          nextHeader = (watch.offset() + e.getSize() + 511) & ~511L;
        }
        return e;
      } finally {
        if (outermost) {
          watch.stop();
          watch.capture(-1);
        }
        chain--;
      }
    }

    /**
     * A record as the reader takes it. Where it is the end-of-archive marker, the watch begins
     * there at the latest: the reader does not always consume an entry's data by its size (a
     * directory's, which it does not skip; a pax sparse map, which it reads before), so where the
     * last entry ends by its header may lie past the marker.
     */
    @Override
    protected byte[] readRecord() throws IOException {
      // Watched from here while it is read, in case it is the end (a short record at the end of
      // the stream holds bytes too); a header puts the watch back as it was.
      ZeroWatch.State before = watch.watchNoLaterThan(watch.offset());
      byte[] record = super.readRecord();
      if (++records > MAX_TAR_RECORDS) {
        throw new IOException("more than " + MAX_TAR_RECORDS + " tar records for one entry");
      }
      // Past the marker, the reader reads one more record to see whether a second zero block
      // follows: what it holds stays watched.
      if (record != null && sparseExtension) {
        // An old GNU sparse map's extension record: 21 extents, then its own "more follow".
        sparseExtension = sparseExtends(record, 0, 21, 504);
        watch.restore(before);
        watch.capture(MAX_TAR_HEADER + 512);
      } else if (record != null && !isEOFRecord(record) && !isAtEOF()) {
        chained();
        // GNU's magic, "ustar  \0": the last header's is the entry's own.
        gnuMagic =
            record[257] == 'u' && record[262] == ' ' && record[263] == ' ' && record[264] == 0;
        byte type = record[156];
        // Commons Compress reads extension records after an old GNU sparse header only under
        // GNU's magic (under ustar's, the entry is refused).
        sparseExtension = type == 'S' && gnuMagic && sparseExtends(record, 386, 4, 482);
        if (type == 'L' || type == 'K' || type == 'x' || type == 'X' || type == 'g') {
          // A header the reader reads before the entry's own.
          if (!org.apache.commons.compress.archivers.tar.TarUtils.verifyCheckSum(record)) {
            throw new IOException(
                "a tar header whose checksum is wrong (type " + (char) type + ")");
          }
          // Solaris's 'X' is a pax header too.
          pendingChain = (char) (type == 'X' ? 'x' : type);
          chainTypes.append(pendingChain);
          try {
            chainSize =
                org.apache.commons.compress.archivers.tar.TarUtils.parseOctalOrBinary(
                    record, 124, 12);
          } catch (IllegalArgumentException x) {
            throw new IOException("a tar header whose size is not a number", x);
          }
        }
        watch.restore(before);
        // What the reader reads after a header before it hands the entry out: a pax sparse map.
        watch.capture(MAX_TAR_HEADER + 512);
      }
      return record;
    }

    /**
     * Puts back the block of data Commons Compress skips after a pax 1.0 sparse map whose text ends
     * on a block boundary. GNU tar pads the map with zeros to the next block, and writes none where
     * it ends on one; Commons Compress always skips to the next block, a whole block of the file's
     * data in that case, and read the rest out of step: a file tar extracts whole was indexed
     * shifted by 512 bytes, its content digest wrong, and the entries after it misread.
     */
    private void checkSparseMap(TarArchiveEntry e) throws IOException {
      byte[] read = watch.captured();
      if (read == null) {
        throw new IOException("a pax sparse map not read");
      }
      int at = 0;
      long lines = 1;
      for (long line = 0; line < lines; line++) {
        int start = at;
        while (at < read.length && read[at] != '\n') {
          at++;
        }
        if (at == read.length) {
          throw new IOException("a pax sparse map that ends before its last number");
        }
        // As GNU tar reads them: 1 to 19 digits a line (Commons Compress takes an empty line for
        // 0, and lets a longer number wrap).
        if (at == start || at - start > 19) {
          throw new IOException("a pax sparse map with a number of " + (at - start) + " digits");
        }
        if (line == 0) {
          // The first number counts the extents; two numbers follow for each.
          try {
            lines =
                1
                    + 2
                        * Long.parseLong(
                            new String(read, start, at - start, StandardCharsets.US_ASCII));
          } catch (NumberFormatException x) {
            throw new IOException("a pax sparse map whose count is not a number", x);
          }
        }
        at++;
      }
      if (at % 512 == 0) {
        if (read.length - at != 512) {
          throw new IOException(
              "a pax sparse map of whole blocks followed by "
                  + (read.length - at)
                  + " bytes, not the one block expected");
        }
        watch.unread(java.util.Arrays.copyOfRange(read, at, read.length));
      } else if (read.length != (at + 511) / 512 * 512) {
        throw new IOException("a pax sparse map followed by more than its padding");
      }
    }

    /**
     * Reads the data of a GNU incremental archive's dump directory ({@code tar -g}, type 'D'): the
     * names the directory held, each after a letter (Y a file in this dump, N one not in it, D a
     * directory, R and T a rename), each ended by a NUL. Commons Compress takes the entry for a
     * directory and does not read past its header, so that it read these names as the next header:
     * for an empty directory, a zero block, the end of the archive, with every entry after it
     * unseen. They become the entry's field {@code pax.GNU.dumpdir} (the keyword GNU tar gives them
     * in a pax archive), NULs written {@code \0}: tar -G deletes on extraction what a directory's
     * list does not name, so two lists that differ are a difference to see.
     */
    private void dumpDir(TarArchiveEntry e) throws IOException {
      if (!e.isDirectory() || e.isSparse()) {
        // GNU tar makes a directory of it whatever its name, and reads its size in data; Commons
        // Compress would take it for a file (a name without a slash) and read that data again,
        // or read a sparse map first: the two would read other entries after it.
        throw new IOException(
            "a GNU dump directory "
                + (e.isSparse() ? "with a sparse map" : "not named as a directory")
                + ": "
                + e.getName());
      }
      if (e.getSize() > MAX_TAR_HEADER) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "a GNU dump directory of %d bytes (more than %d)",
                e.getSize(),
                MAX_TAR_HEADER));
      }
      int size = (int) e.getSize();
      byte[] names = watch.readNBytes(size);
      int padding = (512 - size % 512) % 512;
      if (names.length < size || watch.readNBytes(padding).length < padding) {
        throw new IOException("a GNU dump directory cut short by the end of the archive");
      }
      String pax = e.getExtraPaxHeader("GNU.dumpdir");
      // A pax header's list is the one GNU tar uses, its data then passed over; both shown alike.
      e.addPaxHeader(
          "GNU.dumpdir", dumpDirText(pax != null ? pax.getBytes(StandardCharsets.UTF_8) : names));
    }

    /** A dump directory's list as text that tells every two lists apart ({@link #escapedBytes}). */
    static String dumpDirText(byte[] list) {
      return escapedBytes(list);
    }

    /**
     * Once {@link #getNextEntry()} has found the end: the offset of the first byte that is not zero
     * from the end-of-archive marker to the end of the stream (tar writes zeros there), or -1. GNU
     * tar's {@code -i} reads on past the marker, and finds a second tar joined by {@code cat}.
     */
    long afterTheEnd() throws IOException {
      return endNotZero >= 0 ? endNotZero : watch.restNotZero();
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      TarArchiveEntry e = getCurrentEntry();
      if (e != null
          && e.getSize() > MAX_TAR_HEADER
          && (e.isGNULongNameEntry()
              || e.isGNULongLinkEntry()
              || e.isPaxHeader()
              || e.isGlobalPaxHeader())) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "a %s header of %d bytes (more than %d: not a real name or pax header)",
                e.isPaxHeader() || e.isGlobalPaxHeader() ? "pax" : "GNU long-name",
                e.getSize(),
                MAX_TAR_HEADER));
      }
      return super.read(buf, off, len);
    }
  }

  /**
   * The stream under a tar or cpio reader. While watching, it notes the first byte read that is not
   * zero (and its offset); a skip while watching reads the bytes it passes; mark and reset are not
   * offered, so that every byte passes once; and a read returns all the bytes asked for but at the
   * end of the stream.
   */
  static final class ZeroWatch extends java.io.FilterInputStream {
    private static final byte[] ZEROS = new byte[8192];
    private long offset;
    private long firstNonZero = -1;
    private boolean watching;
    private long from;
    private java.io.ByteArrayOutputStream captured;
    private int captureLimit = -1;

    private final byte[] one = new byte[1];

    /** Bytes put back by {@link #unread}, read again before the stream's next. */
    private byte[] pending;

    private int pendingAt;

    ZeroWatch(InputStream in) {
      super(in);
    }

    /**
     * Watches the bytes read from now on that lie at offset {@code from} or later; {@link
     * #firstNonZero()} counts from now.
     */
    void watchFrom(long from) {
      watching = true;
      this.from = from;
      firstNonZero = -1;
    }

    /** Where it watches from, and what it has seen there. */
    record State(long from, long firstNonZero) {}

    /**
     * While watching, watches from {@code at} if that is before where it watches from; what it
     * watched before, for {@link #restore}.
     */
    State watchNoLaterThan(long at) {
      State before = new State(from, firstNonZero);
      if (watching && at < from) {
        from = at;
      }
      return before;
    }

    /** Watches again from where {@code s} did, with what it had seen then. */
    void restore(State s) {
      from = s.from();
      firstNonZero = s.firstNonZero();
    }

    /**
     * Keeps a copy of the bytes read from now, up to {@code limit} of them (past it, {@link
     * #captured()} is null); a negative limit keeps none.
     */
    void capture(int limit) {
      captureLimit = limit;
      captured = limit < 0 ? null : new java.io.ByteArrayOutputStream();
    }

    /** The bytes read since {@link #capture(int)}; null when they passed its limit, or none. */
    byte[] captured() {
      return captured == null ? null : captured.toByteArray();
    }

    /**
     * Puts {@code bytes} before the stream's next byte, at the offsets before it: the last read,
     * read again, or bytes a reader would consume there in place of some never written (a hard
     * link's padding); the stream stays where it is.
     */
    void unread(byte[] bytes) {
      if (pending != null && pendingAt < pending.length) {
        throw new IllegalStateException("bytes put back twice");
      }
      pending = bytes;
      pendingAt = 0;
      offset -= bytes.length;
    }

    /** Watches no more. */
    void stop() {
      watching = false;
    }

    /** How many bytes have been read. */
    long offset() {
      return offset;
    }

    /**
     * The offset in the stream of the first byte watched since {@link #watchFrom(long)} that is not
     * zero; -1 if none.
     */
    long firstNonZero() {
      return firstNonZero;
    }

    /** Reads the rest of the stream: the offset of its first byte that is not zero, or -1. */
    long restNotZero() throws IOException {
      watchFrom(offset);
      byte[] buf = new byte[8192];
      while (firstNonZero < 0 && read(buf, 0, buf.length) >= 0) {
        // Each byte is watched as it passes.
      }
      return firstNonZero;
    }

    /**
     * Copies what was read while capturing; past the limit, stops the read there (a pax sparse map
     * of millions of extents, which the reader would otherwise parse into as many objects).
     */
    private void keep(byte[] b, int off, int n) throws IOException {
      if (captured != null) {
        if (captured.size() + n > captureLimit) {
          captured = null;
          throw new IOException(
              "more than " + captureLimit + " bytes between a tar header and its entry's data");
        }
        captured.write(b, off, n);
      }
    }

    @Override
    public int read() throws IOException {
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    /** Reads {@code len} bytes, those put back first; fewer only at the end of the stream. */
    private int fill(byte[] b, int off, int len) throws IOException {
      int n = 0;
      if (pending != null) {
        n = Math.min(len, pending.length - pendingAt);
        System.arraycopy(pending, pendingAt, b, off, n);
        pendingAt += n;
        if (pendingAt == pending.length) {
          pending = null;
        }
      }
      return n + in.readNBytes(b, off + n, len - n);
    }

    /**
     * Reads {@code len} bytes, fewer only at the end of the stream. Commons Compress takes a short
     * read of a sparse entry's data for the end of an extent and goes on with the next one, out of
     * step with the stream: a pax sparse file in a tar.gz, which the decompressor hands out in
     * pieces, was "truncated".
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = fill(b, off, len);
      if (n == 0 && len > 0) {
        return -1;
      }
      keep(b, off, n);
      if (n > 0) {
        if (watching && firstNonZero < 0 && offset + n > from) {
          // The watched part of what was read: from offset {@code from} on.
          for (int i = (int) Math.max(0, from - offset); i < n; i += ZEROS.length) {
            int k = Math.min(ZEROS.length, n - i);
            int m = java.util.Arrays.mismatch(b, off + i, off + i + k, ZEROS, 0, k);
            if (m >= 0) {
              firstNonZero = offset + i + m;
              break;
            }
          }
        }
        offset += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      if (!watching && pending == null && captured == null) {
        long k = in.skip(n);
        offset += k;
        return k;
      }
      byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
      long done = 0;
      while (done < n) {
        int k = read(buf, 0, (int) Math.min(buf.length, n - done));
        if (k < 0) {
          break;
        }
        done += k;
      }
      return done;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
      // Not offered: see the class comment.
    }

    @Override
    public synchronized void reset() throws IOException {
      throw new IOException("mark/reset not supported");
    }
  }

  /**
   * An entry's data read no further than one byte past the size its header declares (-1: unknown,
   * no bound), so that a bomb behind a header that lies is not inflated. Past that byte it ends
   * (the index then reports a size that lies), or, for an entry of a streamed zip, fails with
   * {@link Exceeded}: to reach the next entry the zip reader would inflate the rest itself, past
   * every limit, so nothing after it is read.
   */
  static final class DeclaredSize extends ObservedStream {
    private final long declared;
    private final boolean refuse;
    private long count;

    /** The data of a streamed zip's entry holds more than its local header declares. */
    static final class Exceeded extends IOException {
      private static final long serialVersionUID = 1L;

      Exceeded(long declared) {
        super(
            String.format(
                Locale.ROOT,
                "the local header claims %d bytes, the data holds more (not read past byte %d):"
                    + " the entries after it are not read",
                declared,
                declared + 1));
      }
    }

    DeclaredSize(InputStream in, long declared, boolean refuse) {
      super(in);
      this.declared = declared;
      this.refuse = refuse;
    }

    /** Whether the data held more than the header declares (and was cut one byte past it). */
    boolean overran() {
      return declared >= 0 && count > declared;
    }

    @Override
    void observe(byte[] b, int off, int n) {
      // Counted as read, in source.
    }

    @Override
    int source(byte[] b, int off, int len) throws IOException {
      if (declared < 0) {
        return in.read(b, off, len);
      }
      // Every read past the end fails, not only the first: a reader that swallowed the first
      // failure (format detection does) must not take the entry for ended.
      if (overran()) {
        return fail(-1);
      }
      int n = in.read(b, off, (int) Math.min(len, declared + 1 - count));
      count += Math.max(n, 0);
      return overran() ? fail(n) : n;
    }

    /** Past the declared size: fails, or else gives {@code n}. */
    private int fail(int n) throws IOException {
      if (refuse) {
        throw new Exceeded(declared);
      }
      return n;
    }

    @Override
    public int available() throws IOException {
      return overran() ? 0 : in.available();
    }
  }

  /** Keeps a nested reader from closing the entry stream under the outer archive. */
  static final class NonClosing extends FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // The outer archive owns the stream.
    }
  }

  static String hex(byte[] b) {
    return b == null || b.length == 0 ? null : HexFormat.of().formatHex(b);
  }
}
