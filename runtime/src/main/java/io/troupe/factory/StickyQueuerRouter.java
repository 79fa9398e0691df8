package io.troupe.factory;

import java.util.HashMap;
import java.util.Map;

/**
 * The shared queue, except that a key some worker holds goes to that worker. Keeps, per held key,
 * the worker and how many of the key's jobs it holds; the entry goes when the count reaches zero.
 */
final class StickyQueuerRouter<K> implements Router<K> {
  /** worker index and count of jobs held, per key. */
  private final Map<K, int[]> holders = new HashMap<>();

  @Override
  public int route(K key, int workers) {
    int[] holder = holders.get(key);
    // A worker being retired (index >= workers) takes no new jobs: the key goes to the shared
    // queue.
    return holder != null && holder[0] < workers ? holder[0] : SHARED;
  }

  @Override
  public boolean usesSharedQueue() {
    return true;
  }

  @Override
  public void held(K key, int worker) {
    int[] holder = holders.get(key);
    if (holder == null) {
      holders.put(key, new int[] {worker, 1});
    } else if (holder[0] == worker) {
      holder[1]++;
    }
    // else: a second worker holds the key too (it was free when the key was unheld); the first
    // stays the holder, and this job is not tracked, so released() must ignore it.
  }

  @Override
  public void released(K key, int worker) {
    int[] holder = holders.get(key);
    if (holder != null && holder[0] == worker && --holder[1] == 0) {
      holders.remove(key);
    }
  }
}
