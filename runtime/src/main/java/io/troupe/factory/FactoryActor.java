package io.troupe.factory;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.internal.MailboxHooks;
import io.troupe.supervision.SupervisionEvent;

/**
 * The factory as an actor: builds its {@link FactoryCore} (which spawns the workers as linked
 * children), feeds it messages and the workers' lifecycle events, and shuts it down.
 */
final class FactoryActor<K, M, S>
    implements Actor<FactoryMsg<K, M>, FactoryCore<K, M, S>, Void>,
        MailboxHooks<FactoryCore<K, M, S>> {
  private final FactoryConfig<K, M, S> config;
  private final FactoryCounters counters;

  FactoryActor(FactoryConfig<K, M, S> config, FactoryCounters counters) {
    this.config = config;
    this.counters = counters;
  }

  /** Publishes the gauges once the run of messages in the mailbox is handled. */
  @Override
  public FactoryCore<K, M, S> mailboxEmptied(FactoryCore<K, M, S> core) {
    core.publish();
    return core;
  }

  @Override
  public FactoryCore<K, M, S> preStart(ActorRef<FactoryMsg<K, M>> self, Void args) {
    return new FactoryCore<>(self, config, counters);
  }

  @Override
  public FactoryCore<K, M, S> postStart(
      ActorRef<FactoryMsg<K, M>> self, FactoryCore<K, M, S> core) {
    core.started();
    return core;
  }

  @Override
  public FactoryCore<K, M, S> handle(
      ActorRef<FactoryMsg<K, M>> self, FactoryMsg<K, M> message, FactoryCore<K, M, S> core) {
    core.handle(message);
    return core;
  }

  @Override
  public FactoryCore<K, M, S> handleSupervisorEvent(
      ActorRef<FactoryMsg<K, M>> self, SupervisionEvent event, FactoryCore<K, M, S> core) {
    // A worker whose handler threw has already sent FactoryMsg.Failed in order with its other
    // reports, and is handled there; only an end the worker could not report (stopped or killed
    // from outside, or a failure outside its handler) is handled from the supervision event.
    ActorRef<?> ended =
        switch (event) {
          case SupervisionEvent.ActorFailed f ->
              f.error() instanceof WorkerReportedFailure ? null : f.actor();
          case SupervisionEvent.ActorTerminated t -> t.actor();
          default -> null;
        };
    if (ended != null) {
      core.workerEnded(ended);
      core.afterMessage();
      core.publish(); // a supervision event is no message: the mailbox-empty hook may not follow
    }
    return core;
  }

  @Override
  public void postStop(ActorRef<FactoryMsg<K, M>> self, FactoryCore<K, M, S> core) {
    if (core != null) {
      core.shutdown();
    }
  }
}
