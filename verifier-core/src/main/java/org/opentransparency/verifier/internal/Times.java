package org.opentransparency.verifier.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the times and durations of SPEC 3.9: ISO-8601 instants, {@code P365D}, {@code 12h}. */
public final class Times {
  private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})([dhms])");

  private Times() {}

  /**
   * A duration: ISO-8601 ({@code P365D}, {@code PT12H}) or the shorthand {@code 365d}, {@code 12h},
   * {@code 30m}, {@code 45s}.
   *
   * @throws IllegalArgumentException if it is neither, or not positive
   */
  public static Duration duration(String text) {
    Duration d;
    Matcher m = SHORT.matcher(text.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "d":
          d = Duration.ofDays(n);
          break;
        case "h":
          d = Duration.ofHours(n);
          break;
        case "m":
          d = Duration.ofMinutes(n);
          break;
        default:
          d = Duration.ofSeconds(n);
      }
    } else {
      try {
        d = Duration.parse(text);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(
            "not a duration: '" + text + "' (e.g. P365D, PT12H, 365d, 12h, 30m)");
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("duration must be positive: '" + text + "'");
    }
    return d;
  }

  /**
   * An instant ({@code 2027-11-01T00:00:00Z}), or a duration after {@code from}.
   *
   * @throws IllegalArgumentException if it is neither
   */
  public static Instant instantOrDuration(String text, Instant from) {
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      try {
        return from.plus(duration(text));
      } catch (IllegalArgumentException e2) {
        throw new IllegalArgumentException(
            "not an ISO-8601 instant or a duration: '"
                + text
                + "' (e.g. 2027-11-01T00:00:00Z, P365D, 365d)");
      }
    }
  }
}
