package io.troupe.factory;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.MessagingException;
import io.troupe.internal.MailboxHooks;

/**
 * Runs a user {@link Worker} for one slot of a factory and reports every job back, in order, so the
 * factory always knows which jobs a worker holds and users cannot forget to say they are done.
 *
 * <p>Reports are batched: one {@link FactoryMsg.Done} covers the run of jobs finished since the
 * last one, sent when the worker's mailbox is empty, when the batch reaches its limit (half the
 * prefetch window, so the factory refills the window while the worker still has work) or 1 ms since
 * its first job started, and before a failure report. With a window of 1 that is one report per
 * job, as the mailbox is then empty after every job. Each finished job is also counted in the
 * shared {@link WorkerProgress}.
 */
final class WorkerActor<K, M, S>
    implements Actor<Job<K, M>, S, WorkerActor.Slot<K, M>>, MailboxHooks {

  /**
   * Which slot this is, which incarnation of it, whom to report to, where to count progress, and
   * how many finished jobs a report may hold at most.
   */
  record Slot<K, M>(
      int index,
      long generation,
      ActorRef<FactoryMsg<K, M>> factory,
      WorkerProgress progress,
      int batchLimit) {}

  private final Worker<K, M, S> worker;

  /**
   * A batch is reported once its jobs have taken this long, so slow jobs are reported one by one
   * and fast ones (microseconds) in batches.
   */
  private static final long MAX_BATCH_NANOS = 1_000_000;

  private Slot<K, M> slot;

  /** When the first job of the current batch started. */
  private long batchStarted;

  /** Jobs finished by this incarnation (run or expired), the last one's sequence number. */
  private long finished;

  /** Finished since the last report: all of them, and the ones run with their processing times. */
  private int batched;

  private int ran;
  private long ranNanos;
  private long maxNanos;

  WorkerActor(Worker<K, M, S> worker) {
    this.worker = worker;
  }

  @Override
  public S preStart(ActorRef<Job<K, M>> self, Slot<K, M> slot) throws Exception {
    this.slot = slot;
    return worker.start(slot.index());
  }

  @Override
  public S handle(ActorRef<Job<K, M>> self, Job<K, M> job, S state) throws Exception {
    // A prefetched job may have waited in this mailbox past its time-to-live.
    if (job.isExpired()) {
      long now = System.nanoTime();
      finish(true, now, now);
      return state;
    }
    long started = System.nanoTime();
    S next;
    try {
      next = worker.handle(job, state);
    } catch (Exception | Error e) {
      // In-band, after the jobs finished before it, so the factory blames the right job (the
      // supervision event travels on a faster lane and could overtake the reports).
      report();
      tell(new FactoryMsg.Failed<>(slot.index(), slot.generation()));
      throw new WorkerReportedFailure(slot.index(), e);
    }
    long ended = System.nanoTime();
    long nanos = ended - started;
    ran++;
    ranNanos += nanos;
    if (nanos > maxNanos) {
      maxNanos = nanos;
    }
    finish(false, started, ended);
    return next;
  }

  /**
   * Counts a finished job (which started at {@code started}) and reports the batch if it is due.
   */
  private void finish(boolean expired, long started, long now) {
    slot.progress().finished(++finished, expired);
    if (batched++ == 0) {
      batchStarted = started;
    }
    if (batched >= slot.batchLimit() || now - batchStarted >= MAX_BATCH_NANOS) {
      report();
    }
  }

  @Override
  public void mailboxEmptied() {
    report();
  }

  /** Sends the batch of finished jobs, if any. */
  private void report() {
    if (batched == 0) {
      return;
    }
    tell(new FactoryMsg.Done<>(slot.index(), slot.generation(), finished, ran, ranNanos, maxNanos));
    batched = 0;
    ran = 0;
    ranNanos = 0;
    maxNanos = 0;
  }

  private void tell(FactoryMsg<K, M> message) {
    try {
      slot.factory().cast(message);
    } catch (MessagingException factoryGone) {
      // The factory is stopping: it has already accounted for these jobs as a shutdown.
    }
  }
}
