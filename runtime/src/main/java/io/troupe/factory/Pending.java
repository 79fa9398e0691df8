package io.troupe.factory;

import io.troupe.rpc.RpcReplyPort;

/**
 * A job the factory has accepted, with what the factory needs to queue and measure it.
 *
 * @param acceptedNanos {@code System.nanoTime()} (or the test clock) when {@code submit} was called
 * @param priority its level in a priority queue (0 in a FIFO queue)
 * @param retries how many times it was retried after its worker failed or was found stuck
 * @param acceptance where to tell the submitter whether the job was accepted, or null if it did not
 *     ask
 * @param carried the attachments the node's interceptors made for the submit (the submitter's trace
 *     context, say), handed to the worker with the job however long it waits; or null
 */
record Pending<K, M>(
    Job<K, M> job,
    long acceptedNanos,
    int priority,
    int retries,
    RpcReplyPort<JobAcceptance<K, M>> acceptance,
    Object carried) {
  Pending(
      Job<K, M> job,
      long acceptedNanos,
      int priority,
      int retries,
      RpcReplyPort<JobAcceptance<K, M>> acceptance) {
    this(job, acceptedNanos, priority, retries, acceptance, null);
  }

  K key() {
    return job.key();
  }

  Pending<K, M> retried() {
    return new Pending<>(job, acceptedNanos, priority, retries + 1, acceptance, carried);
  }

  /** This job with the submit's attachments ({@code Interception.handlingAttachments}). */
  Pending<K, M> carrying(Object attachments) {
    return attachments == null
        ? this
        : new Pending<>(job, acceptedNanos, priority, retries, acceptance, attachments);
  }

  /** Tells a submitter that asked that the job is queued or sent (a no-op once answered). */
  void accepted() {
    if (acceptance != null && !acceptance.isClosed()) {
      acceptance.send(new JobAcceptance.Accepted<>());
    }
  }

  /**
   * Tells a submitter that asked that the job was discarded before it was placed (a no-op once
   * answered).
   */
  void rejected(DiscardReason reason) {
    if (acceptance != null && !acceptance.isClosed()) {
      acceptance.send(new JobAcceptance.Rejected<>(job, reason));
    }
  }
}
