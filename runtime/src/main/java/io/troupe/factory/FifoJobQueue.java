package io.troupe.factory;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/** First in, first out. */
final class FifoJobQueue<K, M> implements JobQueue<K, M> {
  private final ArrayDeque<Pending<K, M>> jobs = new ArrayDeque<>();

  @Override
  public void add(Pending<K, M> job) {
    jobs.add(job);
  }

  @Override
  public Pending<K, M> poll() {
    return jobs.poll();
  }

  @Override
  public int size() {
    return jobs.size();
  }

  @Override
  public Pending<K, M> displace(Pending<K, M> incoming, DiscardMode mode) {
    if (mode == DiscardMode.NEWEST || jobs.isEmpty()) {
      return incoming;
    }
    Pending<K, M> oldest = jobs.poll();
    jobs.add(incoming);
    return oldest;
  }

  @Override
  public Pending<K, M> evict(DiscardMode mode) {
    return mode == DiscardMode.OLDEST ? jobs.pollFirst() : jobs.pollLast();
  }

  @Override
  public void drainTo(Consumer<? super Pending<K, M>> sink) {
    Pending<K, M> job;
    while ((job = jobs.poll()) != null) {
      sink.accept(job);
    }
  }
}
