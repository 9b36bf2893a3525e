package org.opentransparency.verifier.archive.sevenz;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decodes 7-Zip's BCJ2 filter for x86 code: four input streams (the code with the targets of
 * converted CALL/JMP/Jcc instructions taken out, the absolute targets of CALLs, of jumps, and a
 * range-coded bit per branch opcode saying whether it was converted) make one output. Written from
 * the algorithm as 7-Zip's public-domain Bcj2.c describes it.
 */
final class Bcj2InputStream extends BlockInputStream {
  private static final int BUFFER = 32 * 1024;
  private static final long TOP = 1 << 24;
  private static final int MODEL_BITS = 11;
  private static final int MOVE_BITS = 5;

  private final InputStream[] in;
  private final byte[][] bufs = new byte[4][];
  private final int[] pos = new int[4];
  private final int[] lim = new int[4];

  /** One probability per byte before an E8 (CALL), one for E9 (JMP), one for Jcc. */
  private final int[] probs = new int[256 + 2];

  private long range;
  private long code;
  private final long size;
  private long produced;
  private int prevByte;

  /** Bytes of a converted target not yet returned, lowest first, and how many. */
  private int pending;

  private int pendingCount;

  /**
   * @param in the main, call, jump and range-coder streams, in 7z's order
   */
  Bcj2InputStream(InputStream[] in, long size) throws IOException {
    this.in = in;
    this.size = size;
    for (int i = 0; i < 4; i++) {
      bufs[i] = new byte[i == 0 ? BUFFER : 4096];
    }
    Arrays.fill(probs, 1 << (MODEL_BITS - 1));
    if (next(3) != 0) {
      throw new IOException("BCJ2 data is damaged (its range coder does not start with 0)");
    }
    for (int i = 0; i < 4; i++) {
      code = (code << 8) | next(3);
    }
    if (code == 0xFFFFFFFFL) {
      throw new IOException("BCJ2 data is damaged (bad range coder start)");
    }
    range = 0xFFFFFFFFL;
  }

  private static final String[] NAMES = {"main", "call", "jump", "range coder"};

  /** The range coder's stream, the fourth input. */
  private static final int RC = 3;

  /** The most bytes of the range coder's final flush that may follow what decoding needs. */
  private static final int MAX_FLUSH_LEFT = 4;

  private boolean fill(int s) throws IOException {
    int n = in[s].read(bufs[s], 0, bufs[s].length);
    if (n <= 0) {
      return false;
    }
    pos[s] = 0;
    lim[s] = n;
    return true;
  }

  private int next(int s) throws IOException {
    if (pos[s] == lim[s] && !fill(s)) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "the BCJ2 %s stream ends early (after %d of %d bytes out)",
              NAMES[s],
              produced,
              size));
    }
    return bufs[s][pos[s]++] & 0xff;
  }

  private int decodeBit(int i) throws IOException {
    if (range < TOP) {
      range = (range << 8) & 0xFFFFFFFFL;
      code = ((code << 8) | next(3)) & 0xFFFFFFFFL;
    }
    int p = probs[i];
    long bound = (range >>> MODEL_BITS) * p;
    if (code < bound) {
      range = bound;
      probs[i] = p + (((1 << MODEL_BITS) - p) >>> MOVE_BITS);
      return 0;
    }
    range -= bound;
    code -= bound;
    probs[i] = p - (p >>> MOVE_BITS);
    return 1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (produced == size) {
      return -1;
    }
    int end = off + (int) Math.min(len, size - produced);
    int o = off;
    while (o < end) {
      if (pendingCount > 0) {
        b[o++] = (byte) pending;
        pending >>>= 8;
        pendingCount--;
        produced++;
        continue;
      }
      // Copy code up to and including the next branch opcode.
      if (pos[0] == lim[0] && !fill(0)) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "the BCJ2 main stream ends early (after %d of %d bytes out)",
                produced,
                size));
      }
      byte[] main = bufs[0];
      int p = pos[0];
      int stop = Math.min(lim[0], p + (end - o));
      int prev = prevByte;
      int marker = -1;
      while (p < stop) {
        int x = main[p++] & 0xff;
        b[o++] = (byte) x;
        if ((x & 0xFE) == 0xE8 || (prev == 0x0F && (x & 0xF0) == 0x80)) {
          marker = x;
          break;
        }
        prev = x;
      }
      produced += p - pos[0];
      pos[0] = p;
      if (marker < 0) {
        prevByte = prev;
        continue;
      }
      if (produced == size) {
        break; // a branch opcode as the last byte has no bit
      }
      int bit = decodeBit(marker == 0xE8 ? prev : marker == 0xE9 ? 256 : 257);
      if (bit == 0) {
        prevByte = marker;
        continue;
      }
      int s = marker == 0xE8 ? 1 : 2;
      int target = next(s) << 24 | next(s) << 16 | next(s) << 8 | next(s);
      // The stream holds absolute targets; the code holds them relative to the next instruction.
      int dest = target - (int) (produced + 4);
      pending = dest;
      pendingCount = 4;
      prevByte = dest >>> 24;
    }
    if (produced == size) {
      finish();
    }
    return o - off;
  }

  /**
   * 7-Zip's checks at the end of the output (Bcj2Coder.cpp, in its finish mode), where it fails,
   * and so must this, or it would vouch for data 7-Zip does not extract: the range coder ends at 0
   * and every input stream is read to its end. The range coder's stream may hold a few bytes of its
   * encoder's final flush past what decoding needs: p7zip 16.02 writes such archives (found in
   * review, testdata/archives/kept/bcj2-rc-flush.7z) and tests them as good; they change no output.
   */
  private void finish() throws IOException {
    if (code != 0) {
      throw new IOException("BCJ2 data is damaged (its range coder does not end at 0)");
    }
    for (int s = 0; s < 4; s++) {
      int allowed = s == RC ? MAX_FLUSH_LEFT : 0;
      long left = lim[s] - pos[s];
      while (left <= allowed && in[s].read() >= 0) {
        left++;
      }
      if (left > allowed) {
        throw new IOException(
            "BCJ2 data is damaged (bytes follow the end of its " + NAMES[s] + " stream)");
      }
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (InputStream s : in) {
      try {
        s.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
