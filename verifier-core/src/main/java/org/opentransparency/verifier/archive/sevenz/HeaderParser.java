package org.opentransparency.verifier.archive.sevenz;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Parses a 7z header (7-Zip's DOC/7zFormat.txt) from memory: streams info (packed streams, folders
 * and their coder graphs, substreams and CRCs) and files info. Every count is checked against the
 * bytes left before anything is allocated for it, so a header that claims more than it holds is
 * refused as damaged; nothing here decodes data.
 */
final class HeaderParser {
  static final int END = 0x00;
  static final int HEADER = 0x01;
  static final int ARCHIVE_PROPERTIES = 0x02;
  static final int ADDITIONAL_STREAMS_INFO = 0x03;
  static final int MAIN_STREAMS_INFO = 0x04;
  static final int FILES_INFO = 0x05;
  static final int PACK_INFO = 0x06;
  static final int UNPACK_INFO = 0x07;
  static final int SUBSTREAMS_INFO = 0x08;
  static final int SIZE = 0x09;
  static final int CRC = 0x0A;
  static final int FOLDER = 0x0B;
  static final int CODERS_UNPACK_SIZE = 0x0C;
  static final int NUM_UNPACK_STREAM = 0x0D;
  static final int EMPTY_STREAM = 0x0E;
  static final int EMPTY_FILE = 0x0F;
  static final int ANTI = 0x10;
  static final int NAME = 0x11;
  static final int CTIME = 0x12;
  static final int ATIME = 0x13;
  static final int MTIME = 0x14;
  static final int WIN_ATTRIBUTES = 0x15;
  static final int ENCODED_HEADER = 0x17;

  /** 7-Zip reads at most 64 coders and 64 streams in a folder; real ones have up to 4. */
  static final int MAX_CODERS = 64;

  static final int MAX_STREAMS = 64;

  /** Packed streams, folders and substreams: what a header's streams info describes. */
  static final class StreamsInfo {
    long packPos;
    long[] packSizes = new long[0];
    Folder[] folders = new Folder[0];
    int[] substreams = new int[0];
    long[] substreamSizes = new long[0];
    BitSet substreamCrcDefined = new BitSet();
    int[] substreamCrcs = new int[0];
  }

  private final long maxEntries;

  HeaderParser(long maxEntries) {
    this.maxEntries = maxEntries;
  }

  private static IOException damaged(String format, Object... args) {
    return new IOException(String.format(Locale.ROOT, format, args));
  }

  StreamsInfo streamsInfo(HeaderBuffer b) throws IOException {
    StreamsInfo s = new StreamsInfo();
    long id = b.readNumber();
    if (id == PACK_INFO) {
      packInfo(b, s);
      id = b.readNumber();
    }
    if (id == UNPACK_INFO) {
      unpackInfo(b, s);
      id = b.readNumber();
    }
    boolean substreamsRead = false;
    if (id == SUBSTREAMS_INFO) {
      substreamsInfo(b, s);
      substreamsRead = true;
      id = b.readNumber();
    }
    if (!substreamsRead) {
      // One substream per folder, the folder's whole output, with the folder's CRC.
      int n = s.folders.length;
      s.substreams = new int[n];
      s.substreamSizes = new long[n];
      s.substreamCrcs = new int[n];
      for (int i = 0; i < n; i++) {
        s.substreams[i] = 1;
        s.substreamSizes[i] = s.folders[i].unpackSize();
        if (s.folders[i].crcDefined) {
          s.substreamCrcDefined.set(i);
          s.substreamCrcs[i] = s.folders[i].crc;
        }
      }
    }
    if (id != END) {
      throw damaged("unexpected property %d in streams info", id);
    }
    return s;
  }

  private void packInfo(HeaderBuffer b, StreamsInfo s) throws IOException {
    s.packPos = b.readNumber();
    int n = b.readCount("a number of packed streams", b.remaining());
    s.packSizes = new long[n];
    for (long id; (id = b.readNumber()) != END; ) {
      if (id == SIZE) {
        for (int i = 0; i < n; i++) {
          s.packSizes[i] = b.readNumber();
          if (s.packSizes[i] < 0) {
            throw damaged("a packed stream of %s bytes", Long.toUnsignedString(s.packSizes[i]));
          }
        }
      } else if (id == CRC) {
        // Packed streams' CRCs: 7-Zip neither writes nor checks them.
        BitSet defined = b.readDefined(n);
        b.skip(4L * defined.cardinality());
      } else {
        skipProperty(b);
      }
    }
  }

  private static void skipProperty(HeaderBuffer b) throws IOException {
    long size = b.readNumber();
    if (size < 0 || size > b.remaining()) {
      throw damaged("a property of %s bytes, %d left", Long.toUnsignedString(size), b.remaining());
    }
    b.skip(size);
  }

  private void unpackInfo(HeaderBuffer b, StreamsInfo s) throws IOException {
    if (b.readNumber() != FOLDER) {
      throw damaged("unpack info without its folders");
    }
    // A folder takes 2 bytes at least.
    int n = b.readCount("a number of folders", b.remaining() / 2);
    if (b.readByte() != 0) {
      throw damaged("folders stored outside the header (not written by 7-Zip)");
    }
    Folder[] folders = new Folder[n];
    int packStream = 0;
    for (int i = 0; i < n; i++) {
      folders[i] = folder(b, packStream);
      packStream += folders[i].packedIn.length;
      if (packStream > s.packSizes.length) {
        throw damaged("folders use more packed streams than the %d there are", s.packSizes.length);
      }
    }
    if (b.readNumber() != CODERS_UNPACK_SIZE) {
      throw damaged("unpack info without its sizes");
    }
    for (Folder f : folders) {
      f.unpackSizes = new long[f.coders.length];
      for (int c = 0; c < f.coders.length; c++) {
        f.unpackSizes[c] = b.readNumber();
        if (f.unpackSizes[c] < 0) {
          throw damaged("a coder output of %s bytes", Long.toUnsignedString(f.unpackSizes[c]));
        }
      }
    }
    for (long id; (id = b.readNumber()) != END; ) {
      if (id == CRC) {
        BitSet defined = b.readDefined(n);
        for (int i = 0; i < n; i++) {
          if (defined.get(i)) {
            folders[i].crcDefined = true;
            folders[i].crc = b.readUInt32();
          }
        }
      } else {
        skipProperty(b);
      }
    }
    s.folders = folders;
  }

  private static Folder folder(HeaderBuffer b, int firstPackStream) throws IOException {
    int numCoders = b.readCount("a number of coders in a folder", MAX_CODERS);
    if (numCoders == 0) {
      throw damaged("a folder without coders");
    }
    Folder.Coder[] coders = new Folder.Coder[numCoders];
    int numIn = 0;
    for (int i = 0; i < numCoders; i++) {
      int flags = b.readByte();
      if ((flags & 0xC0) != 0) {
        throw damaged("a coder with alternative methods (flags %02x)", flags);
      }
      int idLength = flags & 0x0F;
      if (idLength > 8) {
        throw damaged("a coder id of %d bytes", idLength);
      }
      long id = 0;
      for (int k = 0; k < idLength; k++) {
        id = id << 8 | b.readByte();
      }
      int in = 1;
      if ((flags & 0x10) != 0) {
        in = b.readCount("a number of coder input streams", MAX_STREAMS);
        long out = b.readNumber();
        if (out != 1) {
          throw damaged("a coder with %s output streams", Long.toUnsignedString(out));
        }
      }
      byte[] props = new byte[0];
      if ((flags & 0x20) != 0) {
        int size = b.readCount("a coder's properties size", b.remaining());
        props = new byte[size];
        System.arraycopy(b.data(), b.position(), props, 0, size);
        b.skip(size);
      }
      coders[i] = new Folder.Coder(id, idLength, in, numIn, props);
      numIn += in;
      if (numIn > MAX_STREAMS) {
        throw damaged("a folder of more than %d streams", MAX_STREAMS);
      }
    }
    int numBonds = numCoders - 1;
    if (numIn < numBonds) {
      throw damaged("a folder of %d coders and %d input streams", numCoders, numIn);
    }
    boolean[] inUsed = new boolean[numIn];
    boolean[] coderUsed = new boolean[numCoders];
    int[] bondIn = new int[numBonds];
    int[] bondOut = new int[numBonds];
    for (int i = 0; i < numBonds; i++) {
      bondIn[i] = b.readCount("a bond's input stream", numIn - 1);
      bondOut[i] = b.readCount("a bond's coder", numCoders - 1);
      if (inUsed[bondIn[i]] || coderUsed[bondOut[i]]) {
        throw damaged("a folder binds a stream twice");
      }
      inUsed[bondIn[i]] = true;
      coderUsed[bondOut[i]] = true;
    }
    int numPacked = numIn - numBonds;
    int[] packedIn = new int[numPacked];
    if (numPacked == 1) {
      int i = 0;
      while (inUsed[i]) {
        i++;
      }
      packedIn[0] = i;
    } else {
      for (int i = 0; i < numPacked; i++) {
        packedIn[i] = b.readCount("a packed stream's input", numIn - 1);
        if (inUsed[packedIn[i]]) {
          throw damaged("a folder binds a stream twice");
        }
        inUsed[packedIn[i]] = true;
      }
    }
    int main = 0;
    while (coderUsed[main]) {
      main++; // numBonds < numCoders, so one coder's output is free
    }
    return new Folder(coders, bondIn, bondOut, packedIn, firstPackStream, main);
  }

  private void substreamsInfo(HeaderBuffer b, StreamsInfo s) throws IOException {
    Folder[] folders = s.folders;
    int[] counts = new int[folders.length];
    java.util.Arrays.fill(counts, 1);
    long id = b.readNumber();
    if (id == NUM_UNPACK_STREAM) {
      long total = 0;
      for (int i = 0; i < folders.length; i++) {
        counts[i] = b.readCount("a number of substreams", Integer.MAX_VALUE);
        total += counts[i];
        // All but the last substream of each folder need a size: a byte at least.
        if (total - i - 1 > b.remaining()) {
          throw damaged("%d substreams in a header of %d bytes", total, b.remaining());
        }
        if (total > maxEntries) {
          throw new EntryLimitException(total);
        }
      }
      id = b.readNumber();
    }
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    long[] sizes = new long[total];
    int k = 0;
    boolean sizesGiven = id == SIZE;
    for (int i = 0; i < folders.length; i++) {
      long sum = 0;
      for (int j = 0; j + 1 < counts[i]; j++) {
        if (!sizesGiven) {
          throw damaged("substreams without their sizes");
        }
        sizes[k] = b.readNumber();
        sum += sizes[k];
        if (sizes[k] < 0 || sum < 0 || sum > folders[i].unpackSize()) {
          throw damaged("the substreams of folder %d are larger than the folder", i);
        }
        k++;
      }
      if (counts[i] > 0) {
        sizes[k++] = folders[i].unpackSize() - sum;
      }
    }
    if (sizesGiven) {
      id = b.readNumber();
    }
    BitSet defined = new BitSet(total);
    int[] crcs = new int[total];
    // Folders of one substream with a CRC give it; the CRC list holds the others'.
    int unknown = 0;
    for (int i = 0; i < folders.length; i++) {
      if (counts[i] != 1 || !folders[i].crcDefined) {
        unknown += counts[i];
      }
    }
    while (id != END) {
      if (id == CRC) {
        BitSet listed = b.readDefined(unknown);
        int u = 0;
        k = 0;
        for (int i = 0; i < folders.length; i++) {
          if (counts[i] == 1 && folders[i].crcDefined) {
            k++;
            continue;
          }
          for (int j = 0; j < counts[i]; j++, k++, u++) {
            if (listed.get(u)) {
              defined.set(k);
              crcs[k] = b.readUInt32();
            }
          }
        }
      } else {
        skipProperty(b);
      }
      id = b.readNumber();
    }
    k = 0;
    for (int i = 0; i < folders.length; i++) {
      if (counts[i] == 1 && folders[i].crcDefined) {
        defined.set(k);
        crcs[k] = folders[i].crc;
      }
      k += counts[i];
    }
    s.substreams = counts;
    s.substreamSizes = sizes;
    s.substreamCrcDefined = defined;
    s.substreamCrcs = crcs;
  }

  /** The files of a header whose streams are {@code s}: names, kinds, times, where the data is. */
  List<SevenZEntry> filesInfo(HeaderBuffer b, StreamsInfo s) throws IOException {
    // A file without data takes a bit at least, a file with data a substream.
    long bound = 8L * b.remaining() + s.substreamSizes.length;
    long declared = b.readNumber();
    // Past an array's size too (a header of hundreds of MB allows billions), whatever the limit.
    if (declared < 0 || declared > bound || declared > Integer.MAX_VALUE - 8) {
      throw damaged(
          "%s files in a header of %d bytes", Long.toUnsignedString(declared), b.remaining());
    }
    if (declared > maxEntries) {
      throw new EntryLimitException(declared);
    }
    int n = (int) declared;
    BitSet emptyStream = new BitSet();
    BitSet emptyFile = new BitSet();
    BitSet anti = new BitSet();
    String[] names = null;
    Instant[][] times = new Instant[3][];
    Integer[] attributes = new Integer[n];
    for (long id; (id = b.readNumber()) != END; ) {
      long size = b.readNumber();
      if (size < 0 || size > b.remaining()) {
        throw damaged("a file property of %s bytes", Long.toUnsignedString(size));
      }
      HeaderBuffer p = b.slice(size);
      if (id == EMPTY_STREAM) {
        emptyStream = p.readBits(n);
        emptyFile = new BitSet();
        anti = new BitSet();
      } else if (id == EMPTY_FILE) {
        emptyFile = p.readBits(emptyStream.cardinality());
      } else if (id == ANTI) {
        anti = p.readBits(emptyStream.cardinality());
      } else if (id == NAME) {
        names = names(p, n);
      } else if (id == MTIME || id == CTIME || id == ATIME) {
        times[(int) (id == MTIME ? 0 : id == CTIME ? 1 : 2)] = times(p, n);
      } else if (id == WIN_ATTRIBUTES) {
        BitSet defined = p.readDefined(n);
        external(p);
        for (int i = 0; i < n; i++) {
          if (defined.get(i)) {
            attributes[i] = p.readUInt32();
          }
        }
      }
      // Other properties (kDummy padding, kStartPos, kComment, ...) are skipped by their size.
    }
    int withData = n - emptyStream.cardinality();
    if (withData != s.substreamSizes.length) {
      throw damaged("%d files with data and %d substreams", withData, s.substreamSizes.length);
    }
    List<SevenZEntry> entries = new ArrayList<>(n);
    int folder = 0;
    int inFolder = 0;
    long offset = 0;
    int substream = 0;
    int empty = 0;
    Instant[] t = new Instant[3];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 3; k++) {
        t[k] = times[k] == null ? null : times[k][i];
      }
      String name = names == null ? "" : names[i];
      if (emptyStream.get(i)) {
        boolean isFile = emptyFile.get(empty);
        entries.add(
            new SevenZEntry(name, !isFile, anti.get(empty), 0, t, attributes[i], -1, 0, false, 0));
        empty++;
        continue;
      }
      while (inFolder == s.substreams[folder]) {
        folder++;
        inFolder = 0;
        offset = 0;
      }
      long size = s.substreamSizes[substream];
      entries.add(
          new SevenZEntry(
              name,
              false,
              false,
              size,
              t,
              attributes[i],
              folder,
              offset,
              s.substreamCrcDefined.get(substream),
              s.substreamCrcs[substream]));
      offset += size;
      inFolder++;
      substream++;
    }
    return entries;
  }

  /** Names: UTF-16LE, each ended by a NUL; kept as code units, as Commons Compress reads them. */
  private static String[] names(HeaderBuffer p, int n) throws IOException {
    external(p);
    if (p.remaining() % 2 != 0) {
      throw damaged("file names of an odd number of bytes");
    }
    String[] names = new String[n];
    byte[] d = p.data();
    int start = p.position();
    int end = start + p.remaining();
    int k = 0;
    StringBuilder name = new StringBuilder();
    for (int i = start; i < end; i += 2) {
      char c = (char) ((d[i] & 0xff) | (d[i + 1] & 0xff) << 8);
      if (c != 0) {
        name.append(c);
        continue;
      }
      if (k == n) {
        throw damaged("more file names than the %d files", n);
      }
      names[k++] = name.toString();
      name.setLength(0);
    }
    if (k != n || name.length() != 0) {
      throw damaged("%d file names for %d files", k, n);
    }
    return names;
  }

  private static Instant[] times(HeaderBuffer p, int n) throws IOException {
    BitSet defined = p.readDefined(n);
    external(p);
    Instant[] t = new Instant[n];
    for (int i = 0; i < n; i++) {
      if (defined.get(i)) {
        t[i] = ntfsTime(p.readUInt64());
      }
    }
    return t;
  }

  /** 100 ns ticks since 1601 (unsigned) as an instant, exactly. */
  static Instant ntfsTime(long ticks) {
    long seconds = Long.divideUnsigned(ticks, 10_000_000L);
    long nanos = Long.remainderUnsigned(ticks, 10_000_000L) * 100;
    return Instant.ofEpochSecond(seconds - 11_644_473_600L, nanos);
  }

  private static void external(HeaderBuffer p) throws IOException {
    if (p.readByte() != 0) {
      throw damaged("file properties stored outside the header (not written by 7-Zip)");
    }
  }

  /** More files than the entry limit allows; the archive turns it into the limit's message. */
  static final class EntryLimitException extends IOException {
    private static final long serialVersionUID = 1L;
    final long files;

    EntryLimitException(long files) {
      super("too many files: " + files);
      this.files = files;
    }
  }
}
