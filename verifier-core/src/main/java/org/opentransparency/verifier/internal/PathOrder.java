package org.opentransparency.verifier.internal;

/**
 * Orders path strings by Unicode code point, which is the byte order of their UTF-8 form: the order
 * {@code sort} gives under {@code LC_ALL=C} and Go's dirhash uses.
 */
public final class PathOrder {
  private PathOrder() {}

  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
