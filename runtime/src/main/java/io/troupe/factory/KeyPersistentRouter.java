package io.troupe.factory;

/** A key always waits for the same worker: {@code floorMod(hash(key), workers)}. */
final class KeyPersistentRouter<K> implements Router<K> {
  @Override
  public int route(K key, int workers) {
    return Math.floorMod(key == null ? 0 : key.hashCode(), workers);
  }

  @Override
  public boolean usesSharedQueue() {
    return false;
  }
}
