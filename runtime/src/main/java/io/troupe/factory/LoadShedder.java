package io.troupe.factory;

import java.util.function.LongSupplier;

/**
 * The discard policy: the current limit of a queue (fixed, or recomputed by a dynamic controller)
 * and which job gives way beyond it. Owned by the factory's thread.
 */
final class LoadShedder {
  private static final System.Logger LOG = System.getLogger("io.troupe.factory");

  private DiscardSettings settings;
  private int limit;
  private DiscardMode mode;
  private long nextUpdateNanos;
  private final LongSupplier clock;

  LoadShedder(DiscardSettings settings, LongSupplier clock) {
    this.clock = clock;
    set(settings);
  }

  void set(DiscardSettings settings) {
    this.settings = settings;
    switch (settings) {
      case DiscardSettings.None none -> {
        limit = Integer.MAX_VALUE;
        mode = DiscardMode.NEWEST;
      }
      case DiscardSettings.Static s -> {
        limit = s.limit();
        mode = s.mode();
      }
      case DiscardSettings.Dynamic d -> {
        limit = d.initialLimit();
        mode = d.mode();
        nextUpdateNanos = clock.getAsLong() + d.every().toNanos();
      }
    }
  }

  DiscardSettings settings() {
    return settings;
  }

  int limit() {
    return limit;
  }

  DiscardMode mode() {
    return mode;
  }

  /** The period at which {@link #refresh} has work, or 0 for none. */
  long refreshPeriodNanos() {
    return settings instanceof DiscardSettings.Dynamic d ? d.every().toNanos() : 0;
  }

  /**
   * Queues {@code job} if {@code queue} is below the limit; otherwise returns the job that gives
   * way (maybe {@code job} itself), having queued {@code job} if it is not that one.
   */
  <K, M> Pending<K, M> offer(JobQueue<K, M> queue, Pending<K, M> job) {
    if (queue.size() < limit) {
      queue.add(job);
      return null;
    }
    return queue.displace(job, mode);
  }

  /** Asks a dynamic controller for a new limit if it is due; true if the limit changed. */
  boolean refresh() {
    if (!(settings instanceof DiscardSettings.Dynamic d)) {
      return false;
    }
    long now = clock.getAsLong();
    if (now - nextUpdateNanos < 0) {
      return false;
    }
    nextUpdateNanos = now + d.every().toNanos();
    int next;
    try {
      next = d.controller().applyAsInt(limit);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "dynamic discard controller failed; keeping the limit " + limit,
          e);
      return false;
    }
    if (next < 0) {
      LOG.log(
          System.Logger.Level.WARNING,
          "dynamic discard controller answered " + next + "; keeping the limit " + limit);
      return false;
    }
    boolean changed = next != limit;
    limit = next;
    return changed;
  }
}
