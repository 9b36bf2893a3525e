package org.opentransparency.verifier.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

/**
 * The members of a cpio archive as GNU cpio, bsdtar and the Linux kernel's initramfs unpacker read
 * them, over Commons Compress's reader: a name is its bytes (reported as UTF-8 where it is UTF-8),
 * a symbolic link whose checksum is 0 is not checked (GNU cpio writes 0 there and checks none), and
 * the names of a hard-link set share the data the set carries once ({@link LinkSets}).
 */
final class CpioReader {
  private final CpioArchiveInputStream archive;
  private final InputStream data;
  private CpioArchiveEntry entry;
  private byte[] rawName;

  /** The current member's data when it is a symbolic link of a crc archive with checksum 0. */
  private SymlinkData symlink;

  private static final String TRAILER = "TRAILER!!!";

  /** The format of the archive's first member (0 before it). */
  private short format;

  /** The last bytes read under Commons Compress's reader: a name's terminator among them. */
  private final Tail tail;

  CpioReader(InputStream in) {
    tail = new Tail(in);
    // ISO-8859-1 maps every byte to one char and back: the name's bytes, whatever they are.
    // (Commons Compress's default, US-ASCII, refused the archive at the first other byte.)
    archive = new CpioArchiveInputStream(tail, StandardCharsets.ISO_8859_1.name());
    data = new AtOffsetZero(archive);
  }

  /** The next member, or null after the trailer. */
  CpioArchiveEntry next() throws IOException {
    if (symlink != null) {
      // Read to its end through the sum, or Commons Compress checks the checksum as it skips.
      symlink.transferTo(OutputStream.nullOutputStream());
    }
    entry = archive.getNextEntry();
    if (entry == null && !tail.trailerEnded()) {
      // Commons Compress ends at a name of TRAILER!!! and one more byte, which GNU cpio and
      // bsdtar extract as a file of that name.
      throw new IOException("a cpio trailer whose name is not TRAILER!!! ended by a NUL");
    }
    symlink = null;
    rawName = entry == null ? null : entry.getName().getBytes(StandardCharsets.ISO_8859_1);
    if (entry != null && format != 0 && entry.getFormat() != format) {
      // GNU cpio reads on in the first member's format, passing over the others as junk (and
      // finding a header in their data); bsdtar fails.
      throw new IOException(
          "cpio member " + name() + " in another format than the archive's first member");
    }
    if (entry != null) {
      format = entry.getFormat();
    }
    if (entry != null && tail.back(entry.getHeaderPadCount(rawName.length)) != 0) {
      // Commons Compress drops the name's last byte unread; GNU cpio and bsdtar extract it as
      // part of the name when it is not the NUL that should end it.
      throw new IOException(
          "a cpio member name not ended by a NUL (" + name() + " and one more byte)");
    }
    if (entry != null
        && entry.getFormat() == CpioConstants.FORMAT_NEW_CRC
        && type(entry) == CpioConstants.C_ISLNK
        && entry.getChksum() == 0) {
      symlink = new SymlinkData(data, entry);
    }
    return entry;
  }

  /** The current member's data. */
  InputStream data() {
    return symlink != null ? symlink : data;
  }

  /** Whether the current member's name is UTF-8. */
  boolean nameIsUtf8() {
    return ArchiveIndexer.isUtf8(rawName);
  }

  /**
   * The current member's name as reported: its bytes as UTF-8; a name that is not UTF-8 (which the
   * index reports as a finding) with each byte that is not printable ASCII as {@code \xNN}, so that
   * no two such names read as one.
   */
  String name() {
    return ArchiveIndexer.utf8OrEscaped(rawName);
  }

  private static long type(CpioArchiveEntry e) {
    return e.getMode() & CpioConstants.S_IFMT;
  }

  /** Whether {@code e} is in the old formats (odc, binary), whose device is one number. */
  private static boolean oldFormat(CpioArchiveEntry e) {
    return (e.getFormat() & CpioConstants.FORMAT_OLD_MASK) != 0;
  }

  /**
   * The inode {@code e} names, for a member every reader links to the others of its inode (a link
   * count of 2 or more); else null.
   */
  private static Key key(CpioArchiveEntry e) {
    if (e.getNumberOfLinks() < 2) {
      return null;
    }
    return oldFormat(e)
        ? new Key(e.getDevice(), -1, e.getInode())
        : new Key(e.getDeviceMaj(), e.getDeviceMin(), e.getInode());
  }

  /** A device and inode, as the readers key their link tables (GNU cpio, bsdtar, the kernel). */
  private record Key(long major, long minor, long inode) {
    @Override
    public String toString() {
      return (minor < 0 ? "device " + major : "device " + major + "," + minor) + ", inode " + inode;
    }
  }

  /**
   * The stream positioned at the data of the member named {@code name} (its copy {@code copy}, 0
   * for the first), or at the member numbered {@code ordinal} (from 0) where that is 0 or more;
   * null if there is none. A member of a link set that carries no data is read from the member of
   * its set that does, later in the archive; an empty stream if none does.
   *
   * @throws Relink if the member that carries its data came before it: read again, to that member
   */
  static InputStream find(InputStream in, String name, int copy, int ordinal) throws IOException {
    CpioReader r = new CpioReader(in);
    // The first member with data of each link set met before the one sought.
    Map<Key, Integer> firstData = new HashMap<>();
    Key wanted = null;
    int skip = copy;
    for (int i = 0; r.next() != null; i++) {
      Key k = type(r.entry) == CpioConstants.C_ISREG ? key(r.entry) : null;
      boolean carries = r.entry.getSize() > 0;
      if (wanted != null) {
        if (wanted.equals(k) && carries) {
          return r.data();
        }
      } else if (ordinal >= 0
          ? i == ordinal
          : EntryOpener.indexedName(r.name(), r.entry.isDirectory()).equals(name) && skip-- == 0) {
        if (k == null || carries) {
          return r.data();
        }
        Integer at = firstData.get(k);
        if (at != null) {
          throw new Relink(at);
        }
        wanted = k;
      } else if (k != null && carries) {
        firstData.putIfAbsent(k, i);
      }
    }
    return wanted == null ? null : InputStream.nullInputStream();
  }

  /**
   * The member sought has its data in a member that came before it: the archive is to be read
   * again, to member {@link #ordinal} of the archive at part {@link #part} of the path.
   */
  static final class Relink extends IOException {
    private static final long serialVersionUID = 1L;

    final int ordinal;
    final int part;

    Relink(int ordinal) {
      this(ordinal, -1);
    }

    private Relink(int ordinal, int part) {
      super("a link's data is in an earlier member");
      this.ordinal = ordinal;
      this.part = part;
    }

    /** This, at part {@code part} of the path. */
    Relink at(int part) {
      return new Relink(ordinal, part);
    }
  }

  /**
   * The hard links of one archive, as the readers link them: members of one device and inode whose
   * link count is 2 or more. GNU cpio and bsdtar write the data of a file's links once, with the
   * last of them (newc, crc) and the others with none; every reader gives every name of the set
   * that data (GNU cpio and bsdtar seen, the kernel's {@code init/initramfs.c} read). Where the
   * readers would give a name other content, the archive is refused ({@link #join}, {@link
   * LinkSet#member}). What is kept is one small record a set and one reference a name waiting for
   * data: no more than the entries the index holds.
   */
  static final class LinkSets {
    private final Map<Key, LinkSet> sets = new HashMap<>();

    /**
     * The set the current member of {@code r} joins (null: it is linked to nothing), once it is
     * checked that the readers link it alike.
     *
     * @throws IOException if they would not
     */
    LinkSet join(CpioReader r) throws IOException {
      Key k = key(r.entry);
      if (k == null) {
        return null;
      }
      long type = type(r.entry);
      String name = r.name();
      LinkSet set = sets.get(k);
      if (set == null) {
        set = new LinkSet(k, type, r.entry.getNumberOfLinks(), name, oldFormat(r.entry));
        sets.put(k, set);
        return set;
      }
      if (set.type != type) {
        // Seen: bsdtar made a symbolic link a hard link to the file before it, and GNU cpio made a
        // file a link to a device; the kernel links only members of one type.
        throw new IOException(
            String.format(
                Locale.ROOT,
                "cpio members '%s' and '%s' share an inode (%s) but not a file type: readers link"
                    + " them otherwise (bsdtar whatever their type, GNU cpio a file to a device,"
                    + " the Linux kernel neither)",
                set.first,
                name,
                k));
      }
      if (type == CpioConstants.C_ISDIR) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "cpio directories '%s' and '%s' share an inode (%s): bsdtar links the second to"
                    + " the first, which fails, where GNU cpio makes both",
                set.first,
                name,
                k));
      }
      if (type == CpioConstants.C_ISREG && ++set.members > set.links) {
        // bsdtar counts the names its first member's link count announces, and starts a new file
        // after them (seen: an empty one where GNU cpio linked the name to the data).
        throw new IOException(
            String.format(
                Locale.ROOT,
                "cpio link set of '%s' (%s) has more members than its link count, %d, at '%s':"
                    + " bsdtar makes a new file of it, GNU cpio a link to the others",
                set.first,
                k,
                set.links,
                name));
      }
      return set;
    }
  }

  /** One set of hard links: what its first member said, and its data once a member carried it. */
  static final class LinkSet {
    private final Key key;
    private final long type;
    private final long links;
    private final String first;
    private final boolean oldFormat;
    private int members = 1;

    /** The content every regular name of the set gets, once known; null before. */
    private ArchiveIndex.Item data;

    /** The entries indexed without data that wait for the set's. */
    private List<ArchiveIndex.Item> waiting = new ArrayList<>(1);

    /** A symbolic link's target: bsdtar gives the first to every name. */
    private String target;

    private LinkSet(Key key, long type, long links, String first, boolean oldFormat) {
      this.key = key;
      this.type = type;
      this.links = links;
      this.first = first;
      this.oldFormat = oldFormat;
    }

    /**
     * For a regular member that carries no data: the content its set has given its names so far,
     * which it gets too; null while none is known.
     */
    ArchiveIndex.Item data() {
      return type == CpioConstants.C_ISREG ? data : null;
    }

    /**
     * Records {@code item}, a member of this set as indexed from its own data ({@code carries}
     * whether its header gave it any); returns the entries indexed before it that wait for the data
     * it carries, now to be given it.
     *
     * @throws IOException if the readers would give the set's names other content
     */
    List<ArchiveIndex.Item> member(ArchiveIndex.Item item, boolean carries) throws IOException {
      if (type == CpioConstants.C_ISLNK) {
        if (target == null) {
          target = item.entry().linkTarget();
        } else if (!target.equals(item.entry().linkTarget())) {
          throw new IOException(
              String.format(
                  Locale.ROOT,
                  "cpio symbolic links '%s' and '%s' share an inode (%s) but not a target: bsdtar"
                      + " gives the second the first's, GNU cpio its own",
                  first,
                  item.entry().path(),
                  key));
        }
        return List.of();
      }
      if (type != CpioConstants.C_ISREG) {
        return List.of();
      }
      // GNU cpio links the later members of an odc or binary set to the first, whatever data they
      // carry: its data, none included, is the set's.
      if (data == null && (carries || oldFormat)) {
        data = item;
        List<ArchiveIndex.Item> given = waiting;
        waiting = null;
        return given;
      }
      if (data == null) {
        waiting.add(item);
      } else if (carries && (data.size() != item.size() || !data.sha256().equals(item.sha256()))) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "cpio members '%s' and '%s' of one link set (%s) carry different data: GNU cpio"
                    + " gives every name of the set %s, bsdtar the last's that carries any",
                data.entry().path(),
                item.entry().path(),
                key,
                oldFormat
                    ? "the first member's data (here " + data.size() + " bytes)"
                    : "the first's"));
      }
      return List.of();
    }
  }

  /**
   * The input, with the last 1 KiB read kept: a name's terminator, and the trailer's name, which
   * Commons Compress has read past to the end of its block when it says the archive ended.
   */
  private static final class Tail extends ArchiveIndexer.ObservedStream {
    private final byte[] last = new byte[1024];
    private long count;

    Tail(InputStream in) {
      super(in);
    }

    @Override
    void observe(byte[] b, int off, int n) {
      for (int i = Math.max(0, n - last.length); i < n; i++) {
        last[(int) ((count + i) % last.length)] = b[off + i];
      }
      count += n;
    }

    /**
     * Whether the last {@code TRAILER!!!} in the bytes kept is followed by its NUL. (What follows
     * the trailer is zeros, or a finding: unreferenced bytes.)
     */
    boolean trailerEnded() {
      byte[] name = TRAILER.getBytes(StandardCharsets.US_ASCII);
      int kept = (int) Math.min(count, last.length);
      for (int end = 1; end + name.length <= kept; end++) {
        boolean match = true;
        for (int i = 0; i < name.length && match; i++) {
          match = back(end + name.length - 1 - i) == name[i];
        }
        if (match) {
          return back(end - 1) == 0;
        }
      }
      return false;
    }

    /** The byte read {@code k} bytes before the last one (0: the last), or -1 if none. */
    int back(int k) {
      return k >= last.length || k >= count ? -1 : last[(int) ((count - 1 - k) % last.length)];
    }
  }

  /**
   * Reads from Commons Compress's reader at offset 0 only: it sums a crc member's checksum over the
   * bytes from 0 whatever offset it was given (1.28.0), and refused honest archives read at
   * another.
   */
  private static final class AtOffsetZero extends ArchiveIndexer.ObservedStream {
    private byte[] scratch;

    AtOffsetZero(InputStream in) {
      super(in);
    }

    @Override
    int source(byte[] b, int off, int len) throws IOException {
      if (off == 0 || len == 0) {
        return in.read(b, off, len);
      }
      if (scratch == null) {
        scratch = new byte[8192];
      }
      int n = in.read(scratch, 0, Math.min(len, scratch.length));
      if (n > 0) {
        System.arraycopy(scratch, 0, b, off, n);
      }
      return n;
    }

    @Override
    void observe(byte[] b, int off, int n) {}
  }

  /**
   * A crc member's symbolic-link target whose checksum is 0, read with the checksum Commons
   * Compress checks at its end made what the bytes sum to: GNU cpio writes 0 there (for every link)
   * and checks it neither on extraction nor with {@code --only-verify-crc}; bsdtar checks no
   * checksum. Any other checksum is checked, as a regular file's is.
   */
  private static final class SymlinkData extends ArchiveIndexer.ObservedStream {
    private final CpioArchiveEntry entry;
    private long sum;

    SymlinkData(InputStream in, CpioArchiveEntry entry) {
      super(in);
      this.entry = entry;
    }

    @Override
    void observe(byte[] b, int off, int n) {
      for (int i = off; i < off + n; i++) {
        sum += b[i] & 0xff;
      }
      entry.setChksum(sum & 0xffffffffL);
    }
  }
}
