package org.opentransparency.verifier.archive;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;

/**
 * The members of an ar archive named as GNU ar and bsdtar name them, over Commons Compress's
 * reader.
 *
 * <ul>
 *   <li>The symbol table of a GNU or System V archive, the member named {@code /} (and {@code
 *       /SYM64/}, its 64-bit form), which Commons Compress names {@code ""} (and {@code /SYM64}):
 *       named as written, and told apart by {@link #isSymbolTable}. {@code ar x} extracts no file
 *       of it; the linker reads it.
 *   <li>A BSD long name ({@code #1/N}, the N bytes after the header), which BSD ar and llvm-ar pad
 *       with NULs to a multiple of 4 or 8 bytes: without the padding, as GNU ar and bsdtar end the
 *       name at its first NUL. A NUL followed by anything else stays in the name, where the index
 *       reports it ({@code nul-in-name}), as it does a name of NULs alone.
 * </ul>
 */
final class ArMembers extends ArArchiveInputStream {
  static final String SYMBOL_TABLE = "/";
  static final String SYMBOL_TABLE_64 = "/SYM64/";

  private final FirstHeader head;

  ArMembers(InputStream in) {
    this(new FirstHeader(in));
  }

  private ArMembers(FirstHeader head) {
    super(head);
    this.head = head;
  }

  @Override
  public ArArchiveEntry getNextEntry() throws IOException {
    ArArchiveEntry e = super.getNextEntry();
    if (e == null) {
      return null;
    }
    String name = named(e.getName());
    if (isSymbolTable(name) && !head.symbolTable(name, e.getLength())) {
      // GNU ar takes "/" for the symbol table only as the first member, named so exactly: further
      // on, after a long-name table, it reads "/" as the long name at offset 0 and extracts a file
      // of it (seen with binutils 2.40), which the index would leave out of the digest.
      throw new IOException(
          "an ar member named \""
              + name
              + "\" that is not the archive's first, or a name of spaces: GNU ar does not read it"
              + " as the symbol table");
    }
    if (name.equals(e.getName())) {
      return e;
    }
    // Commons Compress reads a member's data by its own record of the member, not this one.
    return new ArArchiveEntry(
        name, e.getLength(), e.getUserId(), e.getGroupId(), e.getMode(), e.getLastModified());
  }

  /** The name of a member that Commons Compress names {@code read}. */
  static String named(String read) {
    if (read.isEmpty()) {
      return SYMBOL_TABLE;
    }
    if (read.equals("/SYM64")) {
      return SYMBOL_TABLE_64;
    }
    int end = read.length();
    while (end > 0 && read.charAt(end - 1) == '\0') {
      end--;
    }
    // A name of NULs alone is left as it is: no reader extracts a file of no name.
    return end == 0 ? read : read.substring(0, end);
  }

  /** The message of the finding for a {@link #lossy} name. */
  static final String LOSSY =
      "the name holds bytes that are not ASCII, which this reader shows as U+FFFD: two such names"
          + " may read as one";

  /**
   * Whether {@code name} lost bytes: Commons Compress reads an ar name as ASCII, each other byte a
   * U+FFFD, so that names that differ there read alike (GNU ar extracts the bytes).
   */
  static boolean lossy(String name) {
    return name.indexOf('\uFFFD') >= 0;
  }

  /**
   * The input, counted, with the name field kept of the header where a symbol table may stand: the
   * first member's, then the one right after a first symbol table.
   */
  private static final class FirstHeader extends ArchiveIndexer.ObservedStream {
    private static final int MAGIC = 8;
    private static final int HEADER = 60;
    private final byte[] field = new byte[16];
    private long count;

    /** Where the header whose name field is kept begins. */
    private long watch = MAGIC;

    private int tables;

    FirstHeader(InputStream in) {
      super(in);
    }

    /**
     * Whether the member just read, named {@code name} and of {@code length} bytes, is a symbol
     * table as GNU ar reads one: the first member, its name field {@code /} or {@code /SYM64/} and
     * blanks (Commons Compress names a field of blanks alone "" too); or a second {@code /} right
     * after a first, a Microsoft import library's second linker member, which GNU ar passes over
     * (seen with binutils 2.40).
     */
    boolean symbolTable(String name, long length) {
      if (count != watch + HEADER || tables > 1 || (tables == 1 && !name.equals(SYMBOL_TABLE))) {
        return false;
      }
      String kept = new String(field, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (!kept.equals(String.format(java.util.Locale.ROOT, "%-16s", name))) {
        return false;
      }
      tables++;
      watch = count + length + length % 2;
      return true;
    }

    @Override
    void observe(byte[] b, int off, int n) {
      long from = Math.max(count, watch);
      long to = Math.min(count + n, watch + field.length);
      for (long i = from; i < to; i++) {
        field[(int) (i - watch)] = b[off + (int) (i - count)];
      }
      count += n;
    }
  }

  /** Whether {@code name}, as this reader names members, is an archive's symbol table. */
  static boolean isSymbolTable(String name) {
    return name.equals(SYMBOL_TABLE) || name.equals(SYMBOL_TABLE_64);
  }
}
