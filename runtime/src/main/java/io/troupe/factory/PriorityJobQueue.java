package io.troupe.factory;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One FIFO per priority level; the highest non-empty level runs first. Shedding takes from the
 * lowest level present, so a full queue gives way to more urgent work.
 */
final class PriorityJobQueue<K, M> implements JobQueue<K, M> {
  private final ArrayDeque<Pending<K, M>>[] levels;
  private int size;

  @SuppressWarnings({
    "unchecked",
    "rawtypes"
  }) // a generic array: made raw, filled with typed deques only
  PriorityJobQueue(int levelCount) {
    levels = new ArrayDeque[levelCount];
    for (int i = 0; i < levelCount; i++) {
      levels[i] = new ArrayDeque<>();
    }
  }

  @Override
  public void add(Pending<K, M> job) {
    levels[job.priority()].add(job);
    size++;
  }

  @Override
  public Pending<K, M> poll() {
    for (int i = levels.length - 1; i >= 0; i--) {
      Pending<K, M> job = levels[i].poll();
      if (job != null) {
        size--;
        return job;
      }
    }
    return null;
  }

  @Override
  public int size() {
    return size;
  }

  private int lowestPresent() {
    for (int i = 0; i < levels.length; i++) {
      if (!levels[i].isEmpty()) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Pending<K, M> displace(Pending<K, M> incoming, DiscardMode mode) {
    int lowest = lowestPresent();
    // The arriving job gives way if it is less urgent than everything queued, or, under NEWEST,
    // as urgent as the least urgent (it is then the newest of that level).
    if (lowest < 0
        || incoming.priority() < lowest
        || (mode == DiscardMode.NEWEST && incoming.priority() == lowest)) {
      return incoming;
    }
    Pending<K, M> victim =
        mode == DiscardMode.OLDEST ? levels[lowest].pollFirst() : levels[lowest].pollLast();
    levels[incoming.priority()].add(incoming);
    return victim;
  }

  @Override
  public Pending<K, M> evict(DiscardMode mode) {
    int lowest = lowestPresent();
    if (lowest < 0) {
      return null;
    }
    size--;
    return mode == DiscardMode.OLDEST ? levels[lowest].pollFirst() : levels[lowest].pollLast();
  }

  @Override
  public void drainTo(Consumer<? super Pending<K, M>> sink) {
    Pending<K, M> job;
    while ((job = poll()) != null) {
      sink.accept(job);
    }
  }
}
