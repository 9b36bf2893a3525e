package org.opentransparency.verifier.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.opentransparency.verifier.hash.ProgressListener;

/**
 * Draws "hashing: 1.2 GiB, 812 MB/s" on stderr a few times a second while long work runs, and only
 * when stderr is a terminal and --quiet was not given. Erases itself when done.
 */
final class Progress implements ProgressListener, AutoCloseable {
  private static final long START_AFTER_NANOS = 500_000_000L;
  private static final long EVERY_MILLIS = 250;

  private final LongAdder bytes = new LongAdder();
  private final PrintStream err;
  private final String label;
  private final Thread painter;
  private volatile boolean done;
  private boolean drawn;

  private Progress(PrintStream err, String label, boolean enabled) {
    this.err = err;
    this.label = label;
    if (enabled) {
      painter = new Thread(this::paint, "verifier-progress");
      painter.setDaemon(true);
      painter.start();
    } else {
      painter = null;
    }
  }

  static Progress start(CliEnvironment env, CommonOptions common, String label) {
    return new Progress(env.err(), label, env.stderrIsTerminal() && !common.quiet);
  }

  @Override
  public void advanced(long n) {
    bytes.add(n);
  }

  private void paint() {
    long start = System.nanoTime();
    try {
      while (!done) {
        Thread.sleep(EVERY_MILLIS);
        long elapsed = System.nanoTime() - start;
        if (done || elapsed < START_AFTER_NANOS) {
          continue;
        }
        long total = bytes.sum();
        double rate = total / (elapsed / 1e9);
        synchronized (this) {
          if (!done) {
            err.print(
                String.format(
                    Locale.ROOT, "\r%s: %s, %s/s   ", label, size(total), size((long) rate)));
            err.flush();
            drawn = true;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String size(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** Erases the progress line, so a line printed next starts clean. */
  synchronized void beforeOutput() {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
      drawn = false;
    }
  }

  @Override
  public void close() {
    done = true;
    if (painter != null) {
      painter.interrupt();
      synchronized (this) {
        if (drawn) {
          err.print("\r\033[K");
          err.flush();
        }
      }
    }
  }
}
