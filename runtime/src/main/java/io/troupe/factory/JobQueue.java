package io.troupe.factory;

import java.util.function.Consumer;

/** Where accepted jobs wait in the factory; touched only by the factory's thread. */
interface JobQueue<K, M> {
  void add(Pending<K, M> job);

  /** The job to run next, or null if empty. */
  Pending<K, M> poll();

  int size();

  default boolean isEmpty() {
    return size() == 0;
  }

  /**
   * The queue is at its limit and {@code incoming} arrives: returns the job that gives way per
   * {@code mode}, and has queued {@code incoming} unless it is the one returned.
   */
  Pending<K, M> displace(Pending<K, M> incoming, DiscardMode mode);

  /**
   * Removes and returns the job that gives way first per {@code mode} (for a lowered limit), or
   * null.
   */
  Pending<K, M> evict(DiscardMode mode);

  /** Removes every job, in run order. */
  void drainTo(Consumer<? super Pending<K, M>> sink);
}
