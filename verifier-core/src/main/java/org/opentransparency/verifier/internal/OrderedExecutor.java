package org.opentransparency.verifier.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs tasks on a pool and hands their results to a sink in submission order. At most a few tasks
 * per thread are in flight, so memory stays flat however many tasks come.
 */
public final class OrderedExecutor<T> implements AutoCloseable {
  private final ExecutorService pool;
  private final Deque<Future<T>> window = new ArrayDeque<>();
  private final int maxInFlight;
  private final Consumer<? super T> sink;

  public OrderedExecutor(int threads, String name, Consumer<? super T> sink) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    this.maxInFlight = threads * 4;
    this.sink = sink;
  }

  /** Submits a task; first hands over the oldest result when the window is full. */
  public void submit(Callable<T> task) throws InterruptedException {
    if (window.size() >= maxInFlight) {
      sink.accept(take(window.removeFirst()));
    }
    window.addLast(pool.submit(task));
  }

  /** Hands over every outstanding result, in order. */
  public void drain() throws InterruptedException {
    while (!window.isEmpty()) {
      sink.accept(take(window.removeFirst()));
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private static <T> T take(Future<T> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      // Tasks catch their own checked exceptions and return them as results.
      throw new IllegalStateException("task threw a checked exception", cause);
    }
  }
}
