package org.opentransparency.verifier;

import java.util.Locale;

/**
 * The bounds on hostile input of SPEC section 4. Immutable; start from {@link #defaults()}.
 *
 * {@snippet :
 * Limits limits = Limits.defaults().toBuilder().maxJsonBytes(1 << 20).build();
 * }
 */
public final class Limits {
  private static final Limits DEFAULTS = new Builder().build();

  private final int maxNestingDepth;
  private final long maxEntries;
  private final long maxTotalBytes;
  private final long maxCompressionRatio;
  private final long maxJsonBytes;
  private final long maxSignatureBytes;

  private Limits(Builder b) {
    this.maxNestingDepth = b.maxNestingDepth;
    this.maxEntries = b.maxEntries;
    this.maxTotalBytes = b.maxTotalBytes;
    this.maxCompressionRatio = b.maxCompressionRatio;
    this.maxJsonBytes = b.maxJsonBytes;
    this.maxSignatureBytes = b.maxSignatureBytes;
  }

  /** Nesting depth 8, 1,000,000 entries, 64 GiB, ratio 1000, JSON 16 MiB, signature 1 MiB. */
  public static Limits defaults() {
    return DEFAULTS;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxNestingDepth = maxNestingDepth;
    b.maxEntries = maxEntries;
    b.maxTotalBytes = maxTotalBytes;
    b.maxCompressionRatio = maxCompressionRatio;
    b.maxJsonBytes = maxJsonBytes;
    b.maxSignatureBytes = maxSignatureBytes;
    return b;
  }

  /** How deep archives may nest inside archives. */
  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  /** How many entries one archive may have. */
  public long maxEntries() {
    return maxEntries;
  }

  /** How many uncompressed bytes may be read in all. */
  public long maxTotalBytes() {
    return maxTotalBytes;
  }

  /** How many times larger than its compressed size one entry may be. */
  public long maxCompressionRatio() {
    return maxCompressionRatio;
  }

  /** How large a JSON document (manifest, envelope, statement) may be. */
  public long maxJsonBytes() {
    return maxJsonBytes;
  }

  /** How large a signature file may be. */
  public long maxSignatureBytes() {
    return maxSignatureBytes;
  }

  /**
   * Throws when {@code size} is over a byte limit.
   *
   * @throws LimitExceededException naming the limit and its command-line option
   */
  public static void checkBytes(String what, long size, long max, String limit, String option)
      throws LimitExceededException {
    if (size > max) {
      throw new LimitExceededException(
          limit,
          String.format(
              Locale.ROOT,
              "%s is larger than the limit of %d bytes%s",
              what,
              max,
              option == null ? "" : " (raise it with " + option + ")"));
    }
  }

  /** Builds {@link Limits}; every value must be positive. */
  public static final class Builder {
    private int maxNestingDepth = 8;
    private long maxEntries = 1_000_000;
    private long maxTotalBytes = 64L << 30;
    private long maxCompressionRatio = 1000;
    private long maxJsonBytes = 16L << 20;
    private long maxSignatureBytes = 1L << 20;

    private Builder() {}

    public Builder maxNestingDepth(int v) {
      maxNestingDepth = positive(v, "maxNestingDepth");
      return this;
    }

    public Builder maxEntries(long v) {
      maxEntries = positive(v, "maxEntries");
      return this;
    }

    public Builder maxTotalBytes(long v) {
      maxTotalBytes = positive(v, "maxTotalBytes");
      return this;
    }

    public Builder maxCompressionRatio(long v) {
      maxCompressionRatio = positive(v, "maxCompressionRatio");
      return this;
    }

    public Builder maxJsonBytes(long v) {
      maxJsonBytes = positive(v, "maxJsonBytes");
      return this;
    }

    public Builder maxSignatureBytes(long v) {
      maxSignatureBytes = positive(v, "maxSignatureBytes");
      return this;
    }

    public Limits build() {
      return new Limits(this);
    }

    private static <T extends Number> T positive(T v, String name) {
      if (v.longValue() < 1) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return v;
    }
  }
}
