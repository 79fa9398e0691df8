package io.troupe.internal.cluster;

import io.troupe.cluster.ClusterException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Wakes threads waiting for the node's view (names, group members) to show something: the
 * remote-actor layer calls {@link #changed()} after each change it applies, and waiters re-check.
 *
 * <p>No change is missed: a waiter counts itself in {@link #waiting} (volatile) before its first
 * check, and a changer reads it after its change; so either the waiter's check sees the change, or
 * the changer sees the waiter and bumps {@link #version} under the lock, which the waiter compares
 * with the version it read before checking.
 */
final class ViewChanges {
  private final Object lock = new Object();
  private volatile int waiting;

  /** Guarded by lock. */
  private long version;

  /** Something in the view changed: waiters look again. Cheap when nobody waits. */
  void changed() {
    if (waiting > 0) {
      synchronized (lock) {
        version++;
        lock.notifyAll();
      }
    }
  }

  /**
   * Returns the first non-null value of {@code check}, re-evaluated after every change, or null
   * once {@code timeout} has passed.
   *
   * @throws ClusterException if the waiting thread is interrupted (its interrupt is kept)
   */
  <T> T await(Supplier<T> check, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      waiting++;
    }
    try {
      for (; ; ) {
        long seen;
        synchronized (lock) {
          seen = version;
        }
        T found = check.get();
        if (found != null) {
          return found;
        }
        synchronized (lock) {
          for (; ; ) {
            long left = deadline - System.nanoTime();
            if (version != seen) {
              break;
            }
            if (left <= 0) {
              return null;
            }
            lock.wait(Math.max(1, left / 1_000_000), 0);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while waiting");
    } finally {
      synchronized (lock) {
        waiting--;
      }
    }
  }
}
