package io.troupe.factory;

/**
 * Told about every job a factory does not process, with the reason. Called on the factory's
 * thread: keep it short and never block.
 */
@FunctionalInterface
public interface DiscardHandler<K, M> {
  void discarded(Job<K, M> job, DiscardReason reason);
}
