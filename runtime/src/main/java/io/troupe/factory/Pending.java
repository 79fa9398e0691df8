package io.troupe.factory;

/**
 * A job the factory has accepted, with what the factory needs to queue and measure it.
 *
 * @param acceptedNanos {@code System.nanoTime()} (or the test clock) when {@code submit} was called
 * @param priority its level in a priority queue (0 in a FIFO queue)
 * @param retries how many times it was retried after its worker failed or was found stuck
 */
record Pending<K, M>(Job<K, M> job, long acceptedNanos, int priority, int retries) {
  K key() {
    return job.key();
  }

  Pending<K, M> retried() {
    return new Pending<>(job, acceptedNanos, priority, retries + 1);
  }
}
