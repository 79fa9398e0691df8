package io.troupe.factory;

/**
 * A job the factory has accepted, with what the factory needs to queue and measure it.
 *
 * @param acceptedNanos {@code System.nanoTime()} (or the test clock) when {@code submit} was called
 * @param priority its level in a priority queue (0 in a FIFO queue)
 */
record Pending<K, M>(Job<K, M> job, long acceptedNanos, int priority) {
  K key() {
    return job.key();
  }
}
