package io.troupe.factory;

import java.util.Objects;

/**
 * How a factory chooses the worker for a job. The built-in modes are the constants of {@link Mode}
 * (also reachable as {@code Routing.QUEUER} and so on); a user function from key to worker index is
 * {@link #custom(KeyRouter)}.
 *
 * <p>Jobs wait in the factory, either in its shared queue (queuer modes) or in the queue it keeps
 * for one worker (the other modes), until the worker has room in its prefetch window (see {@link
 * Factory.Builder#prefetch(int)}: by default 1 job under the queuer modes, 32 under the others with
 * FIFO queues).
 */
public sealed interface Routing permits Routing.Mode, Routing.Custom {

  /** Jobs wait in the factory's shared queue and each goes to the next free worker. */
  Mode QUEUER = Mode.QUEUER;

  /** Like {@link #QUEUER}, but a job whose key a worker already holds goes to that worker. */
  Mode STICKY_QUEUER = Mode.STICKY_QUEUER;

  /** A key always goes to the same worker ({@code hash(key) mod workers}). */
  Mode KEY_PERSISTENT = Mode.KEY_PERSISTENT;

  /** Jobs go to the workers in turn. */
  Mode ROUND_ROBIN = Mode.ROUND_ROBIN;

  /** The built-in routing modes. */
  enum Mode implements Routing {
    /**
     * Jobs wait in the factory's queue and each goes to the next free worker: the best balance; no
     * ordering between jobs of one key.
     */
    QUEUER,
    /**
     * Like {@link #QUEUER}, except that a job whose key is held by a worker (running or queued for
     * it) joins that worker's queue, so jobs of a busy key do not spread over the pool. No strict
     * per-key ordering: a key that is not held by any worker goes to the shared queue.
     */
    STICKY_QUEUER,
    /**
     * A key always goes to the same worker ({@code floorMod(key.hashCode(), workers)}) and waits in
     * that worker's queue: per key, jobs run one at a time in submission order (from one submitter,
     * while the pool size is unchanged).
     */
    KEY_PERSISTENT,
    /** Jobs go to the workers in turn and wait in that worker's queue; no ordering per key. */
    ROUND_ROBIN
  }

  /**
   * Routing by a user function: each job waits in the queue of worker {@code router.workerFor(key,
   * workers)}. Per key order is kept like {@link Mode#KEY_PERSISTENT} if the function is
   * deterministic.
   *
   * @param <K> the routing key's type
   * @param router picks the worker for a key
   */
  record Custom<K>(KeyRouter<? super K> router) implements Routing {
    /**
     * Custom routing.
     *
     * @param router picks the worker for a key, not null
     * @throws NullPointerException if {@code router} is null
     */
    public Custom {
      Objects.requireNonNull(router, "router");
    }
  }

  /**
   * Custom routing by {@code router}; an index outside {@code [0, workers)} is refused (see {@link
   * KeyRouter}).
   *
   * @param <K> the routing key's type
   * @param router picks the worker for a key, not null
   * @return the routing
   * @throws NullPointerException if {@code router} is null
   */
  static <K> Custom<K> custom(KeyRouter<? super K> router) {
    return new Custom<>(router);
  }
}
