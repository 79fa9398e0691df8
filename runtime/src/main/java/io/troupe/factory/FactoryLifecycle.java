package io.troupe.factory;

/**
 * Hooks told about a factory's life. They run on the factory's thread: keep them short and never
 * block. A hook that throws is logged and otherwise ignored.
 */
public interface FactoryLifecycle {
  /** The factory and its first workers have started; jobs submitted from now on are routed. */
  default void started() {}

  /** The factory began draining: it refuses new jobs and finishes the accepted ones. */
  default void draining() {}

  /**
   * The factory stopped; every job not processed has already been reported to the discard handler.
   */
  default void stopped() {}
}
