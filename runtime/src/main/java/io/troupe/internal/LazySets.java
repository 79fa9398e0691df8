package io.troupe.internal;

import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Concurrent sets kept in a field that stays null until first needed: most actors never need some
 * of their sets, and empty concurrent sets were a third of an idle actor's heap
 * (IdleFootprintBench).
 */
final class LazySets {

  private LazySets() {}

  /** The set in {@code owner}'s field behind {@code handle}, created on first use (thread-safe). */
  @SuppressWarnings("unchecked")
  static <T> Set<T> created(VarHandle handle, Object owner) {
    Set<T> set = (Set<T>) handle.getAcquire(owner);
    if (set == null) {
      set = ConcurrentHashMap.newKeySet();
      if (!handle.compareAndSet(owner, null, set)) {
        set = (Set<T>) handle.getAcquire(owner); // another thread created it first
      }
    }
    return set;
  }
}
