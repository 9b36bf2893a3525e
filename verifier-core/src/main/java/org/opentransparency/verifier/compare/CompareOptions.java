package org.opentransparency.verifier.compare;

import static java.util.Objects.requireNonNull;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import org.opentransparency.verifier.Limits;

/** Options of a comparison; build with {@link #builder()}. Immutable. */
public final class CompareOptions {
  /** How much of an entry's content is read for a text diff, per side. */
  public static final long MAX_TEXT_DIFF_BYTES = 1 << 20;

  private final boolean contentMode;
  private final List<String> ignore;
  private final List<PathMatcher> matchers;
  private final int maxDiffLines;
  private final int maxDetailedEntries;
  private final Limits limits;
  private final List<NormalizationRule> rules;

  private CompareOptions(Builder b) {
    this.contentMode = b.contentMode;
    this.ignore = List.copyOf(b.ignore);
    List<PathMatcher> m = new ArrayList<>();
    for (String glob : ignore) {
      m.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
    }
    this.matchers = List.copyOf(m);
    this.maxDiffLines = b.maxDiffLines;
    this.maxDetailedEntries = b.maxDetailedEntries;
    this.limits = b.limits;
    this.rules = List.copyOf(b.rules);
  }

  /** The {@code --normalize} rules to try on entries whose contents differ. */
  public List<NormalizationRule> rules() {
    return rules;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code --mode content}: an equivalent result passes. */
  public boolean contentMode() {
    return contentMode;
  }

  public int maxDiffLines() {
    return maxDiffLines;
  }

  /** How many modified entries get a text diff or a first differing offset; the rest, digests. */
  public int maxDetailedEntries() {
    return maxDetailedEntries;
  }

  public Limits limits() {
    return limits;
  }

  /** Whether an entry path matches an {@code --ignore} glob (on the full or the base name). */
  boolean ignored(String path) {
    if (matchers.isEmpty()) {
      return false;
    }
    try {
      Path p = Path.of(path.replace("!/", "/"));
      Path base = p.getFileName();
      for (PathMatcher m : matchers) {
        if (m.matches(p) || (base != null && m.matches(base))) {
          return true;
        }
      }
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
    return false;
  }

  /** Builds {@link CompareOptions}. */
  public static final class Builder {
    private boolean contentMode;
    private final List<String> ignore = new ArrayList<>();
    private int maxDiffLines = 200;
    private int maxDetailedEntries = 100;
    private Limits limits = Limits.defaults();
    private final List<NormalizationRule> rules = new ArrayList<>();

    private Builder() {}

    public Builder normalize(NormalizationRule rule) {
      if (!rules.contains(rule)) {
        rules.add(requireNonNull(rule, "rule"));
      }
      return this;
    }

    public Builder contentMode(boolean contentMode) {
      this.contentMode = contentMode;
      return this;
    }

    /** Leaves out entries matching this glob ({@code **}{@code /*.sha1}, {@code META-INF/*}). */
    public Builder ignore(String glob) {
      ignore.add(requireNonNull(glob, "glob"));
      return this;
    }

    public Builder maxDiffLines(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("max diff lines must not be negative");
      }
      maxDiffLines = n;
      return this;
    }

    public Builder maxDetailedEntries(int n) {
      maxDetailedEntries = n;
      return this;
    }

    public Builder limits(Limits limits) {
      this.limits = requireNonNull(limits, "limits");
      return this;
    }

    public CompareOptions build() {
      return new CompareOptions(this);
    }
  }
}
