package org.opentransparency.verifier.archive;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An entry's metadata: an immutable map sorted by field name, kept as one array of names and
 * values. An archive of 100,000 entries holds 100,000 of these, so they are as small as a map can
 * be (a {@link java.util.TreeMap} of five fields takes four times the memory).
 */
final class SortedFields extends AbstractMap<String, String> {
  private static final SortedFields EMPTY = new SortedFields(new String[0]);

  /** Names at even indexes, sorted; each value follows its name. */
  private final String[] pairs;

  private SortedFields(String[] pairs) {
    this.pairs = pairs;
  }

  /**
   * The fields of {@code m} without its null values, sorted by name. A loop, not a stream: this
   * runs once per entry of every archive, and the JIT compiled the stream pipeline into one of the
   * largest methods of a comparison (async-profiler, docs/benchmarks.md).
   */
  static SortedFields of(Map<String, String> m) {
    if (m instanceof SortedFields) {
      return (SortedFields) m;
    }
    String[] names = new String[m.size()];
    int n = 0;
    for (Map.Entry<String, String> e : m.entrySet()) {
      if (e.getValue() != null) {
        names[n++] = java.util.Objects.requireNonNull(e.getKey(), "field name");
      }
    }
    if (n == 0) {
      return EMPTY;
    }
    // A tar's pax header may add many fields: a sort, not an insertion by hand.
    Arrays.sort(names, 0, n);
    String[] pairs = new String[n * 2];
    for (int i = 0; i < n; i++) {
      pairs[2 * i] = names[i];
      pairs[2 * i + 1] = m.get(names[i]);
    }
    return new SortedFields(pairs);
  }

  @Override
  public String get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : pairs[2 * i + 1];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return pairs.length / 2;
  }

  private int indexOf(Object key) {
    if (!(key instanceof String)) {
      return -1;
    }
    int lo = 0;
    int hi = pairs.length / 2 - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = pairs[2 * mid].compareTo((String) key);
      if (c == 0) {
        return mid;
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  /** The same fields with each value replaced by an equal one from {@code pool}. */
  SortedFields interned(Map<String, String> pool) {
    String[] copy = Arrays.copyOf(pairs, pairs.length);
    for (int i = 1; i < copy.length; i += 2) {
      copy[i] = pool.computeIfAbsent(copy[i], v -> v);
    }
    return new SortedFields(copy);
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return pairs.length / 2;
      }

      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < pairs.length;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (i >= pairs.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, String> e = new SimpleImmutableEntry<>(pairs[i], pairs[i + 1]);
            i += 2;
            return e;
          }
        };
      }
    };
  }
}
