package io.troupe.factory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far one worker incarnation has got, shared with the factory: the number of jobs it has
 * finished (run, or found expired) and which of them were expired. The worker reports finished jobs
 * in batches ({@link FactoryMsg.Done}); this lets the factory account for the jobs a worker
 * finished but had not yet reported when it must act on the worker at once (it failed, was killed,
 * or looks stuck), so that a finished job is never blamed for the one that hangs.
 *
 * <p>Written by the worker's thread only; read by the factory's.
 */
final class WorkerProgress {
  /** Jobs finished so far, counted from 1 in the order sent; a release store per job. */
  private final AtomicLong finished = new AtomicLong();

  /** The sequence numbers of finished jobs that were expired (never run), in increasing order. */
  private final ConcurrentLinkedQueue<Long> expired = new ConcurrentLinkedQueue<>();

  /** Worker: job number {@code sequence} is finished ({@code wasExpired}: it was not run). */
  void finished(long sequence, boolean wasExpired) {
    if (wasExpired) {
      expired.add(sequence); // before the count: a reader that sees the count sees this too
    }
    finished.lazySet(sequence);
  }

  /** Factory: how many jobs the worker has finished. */
  long finished() {
    return finished.get();
  }

  /** Factory: whether job number {@code sequence} (read in increasing order) was expired. */
  boolean wasExpired(long sequence) {
    Long head = expired.peek();
    if (head != null && head == sequence) {
      expired.poll();
      return true;
    }
    return false;
  }
}
