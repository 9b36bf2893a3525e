package org.opentransparency.verifier.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive access to a state directory, across processes (an OS file lock on {@code .lock}) and
 * across threads of this JVM (which one OS lock cannot tell apart).
 */
public final class StateLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
      new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(ReentrantLock local, FileChannel channel, FileLock lock) {
    this.local = local;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Waits for and takes the lock of {@code dir}, creating the directory when missing. A thread that
   * holds it already takes it again at once (the OS lock is held once per process).
   */
  public static StateLock acquire(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path key = dir.toRealPath();
    ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    boolean nested = local.isHeldByCurrentThread();
    local.lock();
    if (nested) {
      return new StateLock(local, null, null);
    }
    FileChannel ch = null;
    try {
      ch =
          FileChannel.open(
              key.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l = ch.lock();
      return new StateLock(local, ch, l);
    } catch (IOException | RuntimeException e) {
      if (ch != null) {
        ch.close();
      }
      local.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (lock != null) {
        lock.release();
        channel.close();
      }
    } finally {
      local.unlock();
    }
  }
}
