package io.troupe.factory;

/**
 * Told about every job a factory does not process, with the reason. Called on the factory's thread:
 * keep it short and never block.
 *
 * @param <K> the jobs' keys
 * @param <M> the jobs' messages
 */
@FunctionalInterface
public interface DiscardHandler<K, M> {
  /**
   * Told that {@code job} will not be processed.
   *
   * @param job the job, as submitted
   * @param reason why it was discarded
   */
  void discarded(Job<K, M> job, DiscardReason reason);
}
