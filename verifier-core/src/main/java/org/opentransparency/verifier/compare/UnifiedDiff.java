package org.opentransparency.verifier.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A unified diff of two texts (Myers' O(ND) algorithm), with three lines of context, cut at a
 * maximum number of lines. Gives up (returns empty) when the texts differ in more than a bounded
 * number of edits, to keep time and memory bounded for hostile input.
 */
final class UnifiedDiff {
  static final int CONTEXT = 3;
  static final int MAX_EDITS = 2000;

  private UnifiedDiff() {}

  /** Diff lines ({@code ---}, {@code +++}, {@code @@} hunks), at most {@code maxLines}. */
  static List<String> of(String path, List<String> a, List<String> b, int maxLines) {
    List<int[]> ops = edits(a, b);
    if (ops == null) {
      return List.of("(too many differences to show)");
    }
    List<String> out = new ArrayList<>();
    out.add("--- left/" + path);
    out.add("+++ right/" + path);
    // ops: {kind, aIndex, bIndex} with kind 0 = same, 1 = delete a, 2 = insert b.
    int i = 0;
    while (i < ops.size()) {
      while (i < ops.size() && ops.get(i)[0] == 0) {
        i++;
      }
      if (i == ops.size()) {
        break;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      int sameRun = 0;
      while (end < ops.size()) {
        sameRun = ops.get(end)[0] == 0 ? sameRun + 1 : 0;
        if (sameRun > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(ops.size(), end - Math.max(0, sameRun - CONTEXT));
      int aStart = -1;
      int bStart = -1;
      int aCount = 0;
      int bCount = 0;
      List<String> body = new ArrayList<>();
      for (int k = start; k < end; k++) {
        int[] op = ops.get(k);
        if (op[0] != 2 && aStart < 0) {
          aStart = op[1];
        }
        if (op[0] != 1 && bStart < 0) {
          bStart = op[2];
        }
        switch (op[0]) {
          case 0:
            body.add(" " + a.get(op[1]));
            aCount++;
            bCount++;
            break;
          case 1:
            body.add("-" + a.get(op[1]));
            aCount++;
            break;
          default:
            body.add("+" + b.get(op[2]));
            bCount++;
        }
      }
      out.add(
          String.format(
              Locale.ROOT,
              "@@ -%d,%d +%d,%d @@",
              aCount == 0 ? Math.max(aStart, 0) : aStart + 1,
              aCount,
              bCount == 0 ? Math.max(bStart, 0) : bStart + 1,
              bCount));
      out.addAll(body);
      i = end;
    }
    if (out.size() > maxLines) {
      List<String> cut = new ArrayList<>(out.subList(0, maxLines));
      cut.add(String.format(Locale.ROOT, "(%d more lines not shown)", out.size() - maxLines));
      return cut;
    }
    return out;
  }

  /** The edit script, or null past {@link #MAX_EDITS}. */
  private static List<int[]> edits(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int max = Math.min(n + m, MAX_EDITS);
    int offset = max + 1;
    int[] v = new int[2 * max + 3];
    List<int[]> trace = new ArrayList<>();
    int found = -1;
    for (int d = 0; d <= max && found < 0; d++) {
      // Only the diagonals this round can read: memory grows with D squared, not D times N.
      trace.add(java.util.Arrays.copyOfRange(v, offset - d, offset + d + 1));
      for (int k = -d; k <= d; k += 2) {
        int x =
            k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                ? v[offset + k + 1]
                : v[offset + k - 1] + 1;
        int y = x - k;
        while (x < n && y < m && a.get(x).equals(b.get(y))) {
          x++;
          y++;
        }
        v[offset + k] = x;
        if (x >= n && y >= m) {
          found = d;
          break;
        }
      }
    }
    if (found < 0) {
      return null;
    }
    List<int[]> ops = new ArrayList<>();
    int x = n;
    int y = m;
    for (int d = found; d > 0; d--) {
      int[] vd = trace.get(d);
      int k = x - y;
      int prevK = k == -d || (k != d && vd[d + k - 1] < vd[d + k + 1]) ? k + 1 : k - 1;
      int prevX = vd[d + prevK];
      int prevY = prevX - prevK;
      while (x > prevX && y > prevY) {
        ops.add(new int[] {0, --x, --y});
      }
      if (x == prevX) {
        ops.add(new int[] {2, x, --y});
      } else {
        ops.add(new int[] {1, --x, y});
      }
    }
    while (x > 0 && y > 0) {
      ops.add(new int[] {0, --x, --y});
    }
    java.util.Collections.reverse(ops);
    return ops;
  }
}
