package org.opentransparency.verifier.archive.sevenz;

import java.time.Instant;

/**
 * One file of a 7z archive as its header lists it: a name, whether it is a directory, its size and
 * the times and attributes the header gives. Immutable.
 */
public final class SevenZEntry {
  private final String name;
  private final boolean directory;
  private final boolean anti;
  private final long size;
  private final Instant mtime;
  private final Instant ctime;
  private final Instant atime;
  private final Integer attributes;

  // Where the data is: a folder (-1 for none), the offset in its output, the CRC when given.
  final int folder;
  final long offset;
  final boolean crcDefined;
  final int crc;

  SevenZEntry(
      String name,
      boolean directory,
      boolean anti,
      long size,
      Instant[] times,
      Integer attributes,
      int folder,
      long offset,
      boolean crcDefined,
      int crc) {
    this.name = name;
    this.directory = directory;
    this.anti = anti;
    this.size = size;
    this.mtime = times[0];
    this.ctime = times[1];
    this.atime = times[2];
    this.attributes = attributes;
    this.folder = folder;
    this.offset = offset;
    this.crcDefined = crcDefined;
    this.crc = crc;
  }

  /** The name as stored (UTF-16 code units as they are, unpaired surrogates kept). */
  public String name() {
    return name;
  }

  /** An entry with no data that is not marked an empty file. */
  public boolean isDirectory() {
    return directory;
  }

  /** An "anti" item: an update's mark that a file is to be deleted. */
  public boolean isAnti() {
    return anti;
  }

  /** The size of the data; 0 for an entry without data. */
  public long size() {
    return size;
  }

  /** The modification time, or null when the header gives none. */
  public Instant lastModified() {
    return mtime;
  }

  /** The creation time, or null. */
  public Instant created() {
    return ctime;
  }

  /** The access time, or null. */
  public Instant lastAccessed() {
    return atime;
  }

  /**
   * The Windows attributes (with the Unix mode in the high 16 bits when 0x8000 is set), or null.
   */
  public Integer attributes() {
    return attributes;
  }

  boolean hasData() {
    return folder >= 0;
  }

  @Override
  public String toString() {
    return name;
  }
}
