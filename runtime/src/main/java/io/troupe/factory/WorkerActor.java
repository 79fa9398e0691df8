package io.troupe.factory;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.MessagingException;

/**
 * Runs a user {@link Worker} for one slot of a factory and reports every finished job back, so the
 * factory always knows whether a worker is free and users cannot forget to say they are done.
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
    long started = System.nanoTime();
    S next = worker.handle(job, state);
    try {
      slot.factory().cast(new FactoryMsg.Done<>(slot.index(), slot.generation(), System.nanoTime() - started));
    } catch (MessagingException factoryGone) {
      // The factory is stopping: it has already accounted for this job as a shutdown.
    }
    return next;
  }
}
