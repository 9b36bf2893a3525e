package org.opentransparency.verifier.archive.sevenz;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.deflate64.Deflate64CompressorInputStream;
import org.opentransparency.verifier.LimitExceededException;
import org.tukaani.xz.ARM64Options;
import org.tukaani.xz.ARMOptions;
import org.tukaani.xz.ARMThumbOptions;
import org.tukaani.xz.DeltaOptions;
import org.tukaani.xz.FilterOptions;
import org.tukaani.xz.IA64Options;
import org.tukaani.xz.LZMA2InputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.PowerPCOptions;
import org.tukaani.xz.RISCVOptions;
import org.tukaani.xz.SPARCOptions;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.X86Options;

/**
 * The 7z coders this reader decodes, by method id (7-Zip's DOC/Methods.txt): the libraries'
 * decoders where they have one (xz-java for LZMA, LZMA2 and the branch and delta filters; the JDK's
 * Inflater; Commons Compress for Deflate64 and BZip2), ours for PPMd and BCJ2.
 */
final class Coders {
  static final long COPY = 0x00;
  static final long DELTA = 0x03;
  static final long X86 = 0x04;
  static final long PPC = 0x05;
  static final long IA64 = 0x06;
  static final long ARM = 0x07;
  static final long ARMT = 0x08;
  static final long SPARC = 0x09;
  static final long ARM64 = 0x0A;
  static final long RISCV = 0x0B;
  static final long LZMA2 = 0x21;
  static final long LZMA = 0x030101;
  static final long BCJ = 0x03030103;
  static final long BCJ2 = 0x0303011B;
  static final long BCJ_PPC = 0x03030205;
  static final long BCJ_IA64 = 0x03030401;
  static final long BCJ_ARM = 0x03030501;
  static final long BCJ_ARMT = 0x03030701;
  static final long BCJ_SPARC = 0x03030805;
  static final long PPMD = 0x030401;
  static final long DEFLATE = 0x040108;
  static final long DEFLATE64 = 0x040109;
  static final long BZIP2 = 0x040202;
  static final long AES = 0x06F10701;

  /** The largest PPMd model we allocate: what one Java array holds (7-Zip allows 4 GiB). */
  static final long MAX_PPMD_MEMORY = Integer.MAX_VALUE - 64;

  /** The coders read here, by method id. */
  private static final Map<Long, String> SUPPORTED =
      Map.ofEntries(
          Map.entry(COPY, "Copy"),
          Map.entry(DELTA, "Delta"),
          Map.entry(X86, "BCJ"),
          Map.entry(BCJ, "BCJ"),
          Map.entry(PPC, "PPC"),
          Map.entry(BCJ_PPC, "PPC"),
          Map.entry(IA64, "IA64"),
          Map.entry(BCJ_IA64, "IA64"),
          Map.entry(ARM, "ARM"),
          Map.entry(BCJ_ARM, "ARM"),
          Map.entry(ARMT, "ARMT"),
          Map.entry(BCJ_ARMT, "ARMT"),
          Map.entry(SPARC, "SPARC"),
          Map.entry(BCJ_SPARC, "SPARC"),
          Map.entry(ARM64, "ARM64"),
          Map.entry(RISCV, "RISCV"),
          Map.entry(LZMA2, "LZMA2"),
          Map.entry(LZMA, "LZMA"),
          Map.entry(BCJ2, "BCJ2"),
          Map.entry(PPMD, "PPMd"),
          Map.entry(DEFLATE, "Deflate"),
          Map.entry(DEFLATE64, "Deflate64"),
          Map.entry(BZIP2, "BZip2"));

  /** Coders known by name, and not read here (encryption among them). */
  private static final Map<Long, String> OTHERS =
      Map.ofEntries(
          Map.entry(AES, "7zAES"),
          Map.entry(0x020302L, "Swap2"),
          Map.entry(0x020304L, "Swap4"),
          Map.entry(0x03030301L, "Alpha"),
          Map.entry(0x03030605L, "M68"),
          Map.entry(0x040101L, "Shrink"),
          Map.entry(0x040106L, "Implode"),
          Map.entry(0x04010EL, "LZMA-zip"),
          Map.entry(0x040162L, "PPMd-zip"),
          Map.entry(0x04F71101L, "ZSTD"),
          Map.entry(0x04F71102L, "Brotli"),
          Map.entry(0x04F71104L, "LZ4"),
          Map.entry(0x04F71105L, "LZ5"),
          Map.entry(0x04F71106L, "Lizard"),
          Map.entry(0x04F71001L, "LZHAM"));

  private Coders() {}

  /** The coder's name, or its method id in hex when it has none we know. */
  static String name(long methodId) {
    String n = SUPPORTED.getOrDefault(methodId, OTHERS.get(methodId));
    return n != null ? n : "0x" + Long.toHexString(methodId);
  }

  /**
   * Refuses, by name, what this reader cannot decode: encryption and unknown coders.
   *
   * @param archive the archive's name, which starts the message
   */
  static void check(Folder.Coder c, String archive) throws SevenZUnsupportedException {
    if (c.methodId == AES) {
      throw new SevenZUnsupportedException(archive + ": encrypted 7z entries cannot be checked");
    }
    if (!SUPPORTED.containsKey(c.methodId)) {
      throw new SevenZUnsupportedException(
          archive + ": 7z coder " + name(c.methodId) + " is not supported");
    }
  }

  /**
   * The decoder of coder {@code c} over its inputs, giving exactly {@code outSize} bytes.
   *
   * @throws IOException if the coder's properties or inputs do not fit it
   */
  static InputStream decoder(Folder.Coder c, InputStream[] in, long outSize, Resources res)
      throws IOException {
    String name = name(c.methodId);
    int needed = c.methodId == BCJ2 ? 4 : 1;
    if (in.length != needed) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "a %s coder with %d input streams (it takes %d)",
              name,
              in.length,
              needed));
    }
    InputStream d;
    try {
      d = open(c, in, outSize, res);
    } catch (UnsupportedOptionsException | IllegalArgumentException e) {
      throw new IOException(name + " properties are not valid: " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      // A model or dictionary is one array, allocated here or not at all: nothing else failed.
      throw new LimitExceededException(
          "memory",
          String.format(
              Locale.ROOT,
              "%s: its 7z %s coder needs more memory than the Java heap has free (raise -Xmx)",
              res.archive,
              name));
    }
    return new ExactSizeStream(d, outSize, name);
  }

  private static InputStream open(Folder.Coder c, InputStream[] in, long outSize, Resources res)
      throws IOException {
    long id = c.methodId;
    byte[] p = c.props;
    if (id == COPY) {
      return in[0];
    } else if (id == LZMA) {
      props(p, 5, "LZMA");
      long dict = u32(p, 1);
      int dictSize = (int) dictionary(dict, outSize, "LZMA");
      LZMAInputStream lzma = new LZMAInputStream(in[0], outSize, p[0], dictSize, null);
      // A stream of known size may end with the end marker too (bsdtar's compressed headers do):
      // 7-Zip reads both, and so does this. What follows the marker is still checked as any
      // stream's end is (ExactSizeStream).
      lzma.enableRelaxedEndCondition();
      return lzma;
    } else if (id == LZMA2) {
      props(p, 1, "LZMA2");
      int b = p[0] & 0xff;
      if (b > 40) {
        throw new IOException("LZMA2 properties are not valid: dictionary byte " + b);
      }
      long dict = b == 40 ? 0xFFFFFFFFL : (2L | (b & 1)) << (b / 2 + 11);
      int dictSize =
          (int) Math.max(LZMA2InputStream.DICT_SIZE_MIN, dictionary(dict, outSize, "LZMA2"));
      return new LZMA2InputStream(in[0], dictSize);
    } else if (id == PPMD) {
      props(p, 5, "PPMd");
      int order = p[0] & 0xff;
      long mem = u32(p, 1);
      if (order < PpmdInputStream.MIN_ORDER
          || order > PpmdInputStream.MAX_ORDER
          || mem < PpmdInputStream.MIN_MEMORY
          || mem > PpmdInputStream.MAX_MEMORY_7ZIP) {
        throw new IOException(
            String.format(
                Locale.ROOT, "PPMd properties are not valid: order %d, memory %d", order, mem));
      }
      if (mem > MAX_PPMD_MEMORY) {
        throw new LimitExceededException(
            "ppmdMemory",
            String.format(
                Locale.ROOT,
                "%s: its 7z PPMd coder needs a model of %d MiB, more than the %d MiB this reader"
                    + " allows",
                res.archive,
                mem >> 20,
                MAX_PPMD_MEMORY >> 20));
      }
      return new PpmdInputStream(
          in[0], order, (int) mem, res.ppmdMemory(PpmdInputStream.arraySize((int) mem)), outSize);
    } else if (id == BCJ2) {
      return new Bcj2InputStream(in, outSize);
    } else if (id == DEFLATE) {
      return new InflaterInputStream(in[0], new Inflater(true), 64 * 1024) {
        private boolean ended;

        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            if (!ended) {
              ended = true;
              inf.end();
            }
          }
        }
      };
    } else if (id == DEFLATE64) {
      return new Deflate64CompressorInputStream(in[0]);
    } else if (id == BZIP2) {
      return new BZip2CompressorInputStream(in[0], /* decompressConcatenated= */ false);
    } else if (id == DELTA) {
      props(p, 1, "Delta");
      return new DeltaOptions((p[0] & 0xff) + 1).getInputStream(in[0]);
    }
    FilterOptions filter = branchFilter(id);
    if (p.length != 0) {
      // An optional start offset, as 7-Zip writes for the branch converters.
      props(p, 4, name(id));
      int start = (int) u32(p, 0);
      if (filter instanceof X86Options) {
        ((X86Options) filter).setStartOffset(start);
      } else if (filter instanceof ARM64Options) {
        ((ARM64Options) filter).setStartOffset(start);
      } else if (filter instanceof RISCVOptions) {
        ((RISCVOptions) filter).setStartOffset(start);
      } else if (filter instanceof ARMOptions) {
        ((ARMOptions) filter).setStartOffset(start);
      } else if (filter instanceof ARMThumbOptions) {
        ((ARMThumbOptions) filter).setStartOffset(start);
      } else if (filter instanceof PowerPCOptions) {
        ((PowerPCOptions) filter).setStartOffset(start);
      } else if (filter instanceof SPARCOptions) {
        ((SPARCOptions) filter).setStartOffset(start);
      } else {
        ((IA64Options) filter).setStartOffset(start);
      }
    }
    return filter.getInputStream(in[0]);
  }

  private static FilterOptions branchFilter(long id) throws IOException {
    if (id == X86 || id == BCJ) {
      return new X86Options();
    } else if (id == PPC || id == BCJ_PPC) {
      return new PowerPCOptions();
    } else if (id == IA64 || id == BCJ_IA64) {
      return new IA64Options();
    } else if (id == ARM || id == BCJ_ARM) {
      return new ARMOptions();
    } else if (id == ARMT || id == BCJ_ARMT) {
      return new ARMThumbOptions();
    } else if (id == SPARC || id == BCJ_SPARC) {
      return new SPARCOptions();
    } else if (id == ARM64) {
      return new ARM64Options();
    } else if (id == RISCV) {
      return new RISCVOptions();
    }
    throw new IOException("7z coder " + name(id) + " is not supported");
  }

  /**
   * The dictionary an LZ decoder needs: never more than the output (no match reaches further back
   * than the output's start), so that a header claiming a huge dictionary costs nothing.
   */
  private static long dictionary(long declared, long outSize, String coder)
      throws LimitExceededException {
    long dict = Math.min(declared, outSize);
    if (dict > LZMA2InputStream.DICT_SIZE_MAX) {
      throw new LimitExceededException(
          "dictionarySize",
          String.format(
              Locale.ROOT,
              "a 7z %s dictionary of %d MiB is larger than the %d MiB this reader supports",
              coder,
              dict >> 20,
              LZMA2InputStream.DICT_SIZE_MAX >> 20));
    }
    return dict;
  }

  private static void props(byte[] p, int length, String coder) throws IOException {
    if (p.length < length) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "%s properties are not valid: %d bytes, it needs %d",
              coder,
              p.length,
              length));
    }
  }

  private static long u32(byte[] p, int off) {
    return (p[off] & 0xffL)
        | (p[off + 1] & 0xffL) << 8
        | (p[off + 2] & 0xffL) << 16
        | (p[off + 3] & 0xffL) << 24;
  }
}
