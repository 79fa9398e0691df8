package io.troupe.factory;

/** Jobs wait for the workers in turn. */
final class RoundRobinRouter<K> implements Router<K> {
  private int next;

  @Override
  public int route(K key, int workers) {
    int worker = next % workers;
    next = worker + 1;
    return worker;
  }

  @Override
  public boolean usesSharedQueue() {
    return false;
  }
}
