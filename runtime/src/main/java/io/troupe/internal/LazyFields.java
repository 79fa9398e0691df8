package io.troupe.internal;

import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Fields that stay null until first needed (concurrent sets, an actor's resources): most actors
 * never need some of them, and empty concurrent sets were a third of an idle actor's heap
 * (IdleFootprintBench). The first user publishes the object with a compare-and-set; readers use
 * acquire loads, so they see it whole.
 */
final class LazyFields {

  private LazyFields() {}

  /** The object in {@code owner}'s field behind {@code handle}, made on first use (thread-safe). */
  @SuppressWarnings("unchecked")
  static <T> T created(VarHandle handle, Object owner, Supplier<T> make) {
    T value = (T) handle.getAcquire(owner);
    if (value == null) {
      value = make.get();
      T first = (T) handle.compareAndExchange(owner, null, value);
      if (first != null) {
        value = first; // another thread made it first
      }
    }
    return value;
  }

  /** The concurrent set in {@code owner}'s field behind {@code handle}, made on first use. */
  static <T> Set<T> createdSet(VarHandle handle, Object owner) {
    return created(handle, owner, ConcurrentHashMap::newKeySet);
  }
}
