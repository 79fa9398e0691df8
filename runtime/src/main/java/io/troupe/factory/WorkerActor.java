package io.troupe.factory;

import io.troupe.Actor;
import io.troupe.ActorRef;

/**
 * Runs a user {@link Worker} for one slot of a factory and reports every job back, so the factory
 * always knows which jobs a worker holds and users cannot forget to say they are done.
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
    if (job.isExpired()) {
      report(true);
      return state;
    }
    S next = worker.handle(job, state);
    report(false);
    return next;
  }

  private void report(boolean expired) {
    try {
      slot.factory().cast(new FactoryMsg.Done<>(slot.index(), slot.generation(), expired));
    } catch (io.troupe.MessagingException factoryGone) {
      // The factory is stopping: it has already accounted for this job as a shutdown.
    }
  }
}
