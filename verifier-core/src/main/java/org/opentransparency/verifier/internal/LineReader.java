package org.opentransparency.verifier.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads {@code \n}-terminated lines of at most a bounded number of bytes, dropping a trailing
 * {@code \r}. A longer line is skipped to its end and returned empty with {@link #wasTooLong()}
 * set, so a hostile file cannot make us buffer more than the bound.
 */
public final class LineReader {
  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[8192];
  private int pos;
  private int end;
  private byte[] line = new byte[256];
  private boolean tooLong;

  public LineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** The next line (UTF-8, malformed bytes replaced), or null at the end. */
  public String next() throws IOException {
    int length = 0;
    tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == end) {
        end = in.read(buffer);
        pos = 0;
        if (end <= 0) {
          end = 0;
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      byte b = buffer[pos++];
      if (b == '\n') {
        break;
      }
      if (tooLong) {
        continue;
      }
      if (length == maxBytes) {
        tooLong = true;
        continue;
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, Math.min(maxBytes, line.length * 2));
      }
      line[length++] = b;
    }
    if (tooLong) {
      return "";
    }
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return new String(line, 0, length, StandardCharsets.UTF_8);
  }

  /** Whether the line {@link #next()} returned last was longer than the bound (and is empty). */
  public boolean wasTooLong() {
    return tooLong;
  }
}
