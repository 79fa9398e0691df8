package io.troupe.factory;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.MessagingException;

/**
 * Runs a user {@link Worker} for one slot of a factory and reports every job back, in order, so
 * the factory always knows which jobs a worker holds and users cannot forget to say they are done.
 */
final class WorkerActor<K, M, S> implements Actor<Job<K, M>, S, WorkerActor.Slot<K, M>> {

  /** Which slot this is, which incarnation of it, and whom to report to. */
  record Slot<K, M>(int index, long generation, ActorRef<FactoryMsg<K, M>> factory) {}

  private final Worker<K, M, S> worker;
  private Slot<K, M> slot;

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
      report(true, 0);
      return state;
    }
    long started = System.nanoTime();
    S next;
    try {
      next = worker.handle(job, state);
    } catch (Exception | Error e) {
      // In-band, so the factory sees it after this worker's earlier reports (the supervision
      // event travels on a faster lane and could overtake them).
      tell(new FactoryMsg.Failed<>(slot.index(), slot.generation()));
      throw new WorkerReportedFailure(slot.index(), e);
    }
    report(false, System.nanoTime() - started);
    return next;
  }

  private void report(boolean expired, long nanos) {
    tell(new FactoryMsg.Done<>(slot.index(), slot.generation(), expired, nanos));
  }

  private void tell(FactoryMsg<K, M> message) {
    try {
      slot.factory().cast(message);
    } catch (MessagingException factoryGone) {
      // The factory is stopping: it has already accounted for this job as a shutdown.
    }
  }
}
