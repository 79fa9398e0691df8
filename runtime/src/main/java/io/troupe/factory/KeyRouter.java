package io.troupe.factory;

/**
 * The user's routing function for {@link Routing#custom(KeyRouter)}: picks the worker for a key. It
 * must be fast and must not block. It is called on the submitting thread (to refuse a bad index at
 * once) and again on the factory's thread (with the pool size at routing time).
 *
 * @param <K> the jobs' keys
 */
@FunctionalInterface
public interface KeyRouter<K> {
  /**
   * The worker for {@code key}, in {@code [0, workers)}. An index out of range makes {@link
   * Factory#submit(Job)} throw {@link IllegalArgumentException}; if the pool shrank in the meantime
   * and the factory's own call gets an index out of range (or the function throws there), the job
   * is discarded with {@link DiscardReason#ROUTING_FAILED}.
   *
   * @param key the job's key
   * @param workers the pool size
   * @return the worker's index
   */
  int workerFor(K key, int workers);
}
