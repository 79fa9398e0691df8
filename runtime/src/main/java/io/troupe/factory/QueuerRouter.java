package io.troupe.factory;

/** Every job waits in the shared queue. */
final class QueuerRouter<K> implements Router<K> {
  @Override
  public int route(K key, int workers) {
    return SHARED;
  }

  @Override
  public boolean usesSharedQueue() {
    return true;
  }
}
