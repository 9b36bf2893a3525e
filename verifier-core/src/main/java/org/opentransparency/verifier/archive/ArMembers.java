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

  ArMembers(InputStream in) {
    super(in);
  }

  @Override
  public ArArchiveEntry getNextEntry() throws IOException {
    ArArchiveEntry e = super.getNextEntry();
    if (e == null) {
      return null;
    }
    String name = named(e.getName());
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

  /** Whether {@code name}, as this reader names members, is an archive's symbol table. */
  static boolean isSymbolTable(String name) {
    return name.equals(SYMBOL_TABLE) || name.equals(SYMBOL_TABLE_64);
  }
}
