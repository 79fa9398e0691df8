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
    implements Actor<Job<K, M>, WorkerActor.Run<K, M, S>, WorkerActor.Slot<K, M>>,
        MailboxHooks<WorkerActor.Run<K, M, S>> {

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

  /**
   * The state of one incarnation: the user worker's state, and the jobs finished since the last
   * report. Only the worker's own thread touches it (it is the actor's state).
   */
  static final class Run<K, M, S> {
    final Slot<K, M> slot;
    S user;

    /** When the first job of the current batch started. */
    long batchStarted;

    /** Jobs finished by this incarnation (run or expired), the last one's sequence number. */
    long finished;

    /**
     * Finished since the last report: all of them, and the ones run with their processing times.
     */
    int batched;

    int ran;
    long ranNanos;
    long maxNanos;

    Run(Slot<K, M> slot, S user) {
      this.slot = slot;
      this.user = user;
    }
  }

  /**
   * A batch is reported once its jobs have taken this long, so slow jobs are reported one by one
   * and fast ones (microseconds) in batches.
   */
  private static final long MAX_BATCH_NANOS = 1_000_000;

  private final Worker<K, M, S> worker;

  WorkerActor(Worker<K, M, S> worker) {
    this.worker = worker;
  }

  @Override
  public Run<K, M, S> preStart(ActorRef<Job<K, M>> self, Slot<K, M> slot) throws Exception {
    return new Run<>(slot, worker.start(slot.index()));
  }

  @Override
  public Run<K, M, S> handle(ActorRef<Job<K, M>> self, Job<K, M> job, Run<K, M, S> run)
      throws Exception {
    // A prefetched job may have waited in this mailbox past its time-to-live.
    if (job.isExpired()) {
      long now = System.nanoTime();
      finish(run, true, now, now);
      return run;
    }
    long started = System.nanoTime();
    try {
      run.user = worker.handle(job, run.user);
    } catch (Exception | Error e) {
      // In-band, after the jobs finished before it, so the factory blames the right job (the
      // supervision event travels on a faster lane and could overtake the reports).
      report(run);
      tell(run.slot, new FactoryMsg.Failed<>(run.slot.index(), run.slot.generation()));
      throw new WorkerReportedFailure(run.slot.index(), e);
    }
    long ended = System.nanoTime();
    long nanos = ended - started;
    run.ran++;
    run.ranNanos += nanos;
    if (nanos > run.maxNanos) {
      run.maxNanos = nanos;
    }
    finish(run, false, started, ended);
    return run;
  }

  /**
   * Counts a finished job (which started at {@code started}) and reports the batch if it is due.
   */
  private void finish(Run<K, M, S> run, boolean expired, long started, long now) {
    run.slot.progress().finished(++run.finished, expired);
    if (run.batched++ == 0) {
      run.batchStarted = started;
    }
    if (run.batched >= run.slot.batchLimit() || now - run.batchStarted >= MAX_BATCH_NANOS) {
      report(run);
    }
  }

  @Override
  public Run<K, M, S> mailboxEmptied(Run<K, M, S> run) {
    report(run);
    return run;
  }

  /** Sends the batch of finished jobs, if any. */
  private void report(Run<K, M, S> run) {
    if (run.batched == 0) {
      return;
    }
    tell(
        run.slot,
        new FactoryMsg.Done<>(
            run.slot.index(),
            run.slot.generation(),
            run.finished,
            run.ran,
            run.ranNanos,
            run.maxNanos));
    run.batched = 0;
    run.ran = 0;
    run.ranNanos = 0;
    run.maxNanos = 0;
  }

  private static <K, M> void tell(Slot<K, M> slot, FactoryMsg<K, M> message) {
    try {
      slot.factory().cast(message);
    } catch (MessagingException factoryGone) {
      // The factory is stopping: it has already accounted for these jobs as a shutdown.
    }
  }
}
