package io.troupe.factory;

/**
 * Picks where a job waits: the factory's shared queue, or the queue of one worker. One
 * implementation per {@link Routing}; owned by the factory's thread.
 */
interface Router<K> {
  /** The job waits in the shared queue and goes to the next free worker. */
  int SHARED = -1;

  /**
   * {@link #SHARED}, or the index of an active worker in {@code [0, workers)}.
   *
   * @throws IllegalStateException if a custom function fails or answers out of range
   */
  int route(K key, int workers);

  /** Whether free workers take jobs from the shared queue. */
  boolean usesSharedQueue();

  /** A job of {@code key} is now held by {@code worker} (queued for it or running on it). */
  default void held(K key, int worker) {}

  /** A job of {@code key} is no longer held by {@code worker} (done, discarded or moved). */
  default void released(K key, int worker) {}

  @SuppressWarnings("unchecked")
  static <K> Router<K> of(Routing routing) {
    return switch (routing) {
      case Routing.Mode mode ->
          switch (mode) {
            case QUEUER -> new QueuerRouter<>();
            case STICKY_QUEUER -> new StickyQueuerRouter<>();
            case KEY_PERSISTENT -> new KeyPersistentRouter<>();
            case ROUND_ROBIN -> new RoundRobinRouter<>();
          };
      case Routing.Custom<?> custom -> new CustomRouter<>((KeyRouter<? super K>) custom.router());
    };
  }
}
