package io.troupe.internal.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The actors of this node that one peer may reach because a ref to them was sent to it inside a
 * message: the per-session export table. An id enters when a ref is encoded for the session and
 * leaves when its actor ends (or the session ends, with the table). At most {@code max} ids are
 * held at once, so a peer cannot make this node keep an unbounded table by asking its actors for
 * fresh refs.
 *
 * <p>Thread-safe: any sender's thread adds, the stop listener removes, the session's reader checks.
 * The size is an {@link AtomicInteger} reserved before the set is touched, so concurrent adders
 * never overshoot the bound.
 */
final class ExportedRefs {
  private final Set<Long> ids = ConcurrentHashMap.newKeySet();
  private final AtomicInteger size = new AtomicInteger();
  private final int max;

  ExportedRefs(int max) {
    this.max = max;
  }

  /**
   * Adds {@code id}; false (and nothing added) if the table is full and does not hold it yet.
   *
   * @param id a local actor id of this node
   * @return true if the id is in the table now
   */
  boolean add(long id) {
    if (ids.contains(id)) {
      return true;
    }
    if (size.incrementAndGet() > max) {
      size.decrementAndGet();
      return ids.contains(id); // another thread may have added it meanwhile
    }
    if (!ids.add(id)) {
      size.decrementAndGet(); // added by another thread between the check and here
    }
    return true;
  }

  /**
   * Removes {@code id}.
   *
   * @param id a local actor id
   * @return true if it was in the table
   */
  boolean remove(long id) {
    if (ids.remove(id)) {
      size.decrementAndGet();
      return true;
    }
    return false;
  }

  boolean contains(long id) {
    return ids.contains(id);
  }

  int size() {
    return size.get();
  }

  int max() {
    return max;
  }
}
