package io.troupe.factory;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.MessagingException;
import io.troupe.supervision.SupervisionEvent;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The factory itself: an actor that owns the workers, routes jobs, keeps the queue, replaces
 * failed workers and accounts for every job (processed, or discarded with a reason).
 *
 * <p>Invariant: every accepted job is in exactly one place — the factory's queue, or the
 * in-flight list of the worker it was sent to — until it is counted processed or discarded. A
 * worker reports each job it finishes, in order, so the head of its in-flight list is always the
 * job it is working on.
 */
final class FactoryActor<K, M, S> implements Actor<FactoryMsg<K, M>, FactoryActor.State<K, M>, Void> {

  /** The factory's mutable state, touched only by its own handlers. */
  static final class State<K, M> {
    ActorRef<Job<K, M>>[] workers;
    long[] generations;
    ArrayDeque<Job<K, M>>[] inFlight;
    final ArrayDeque<Job<K, M>> queue = new ArrayDeque<>();
    int nextRoundRobin;
    boolean draining;
  }

  private final Supplier<? extends Worker<K, M, S>> workerBuilder;
  private final FactorySettings<K, M> settings;
  private final FactoryCounters counters;

  FactoryActor(Supplier<? extends Worker<K, M, S>> workerBuilder, FactorySettings<K, M> settings, FactoryCounters counters) {
    this.workerBuilder = workerBuilder;
    this.settings = settings;
    this.counters = counters;
  }

  @Override
  @SuppressWarnings("unchecked")
  public State<K, M> preStart(ActorRef<FactoryMsg<K, M>> self, Void args) {
    State<K, M> s = new State<>();
    int n = settings.workers();
    s.workers = new ActorRef[n];
    s.generations = new long[n];
    s.inFlight = new ArrayDeque[n];
    for (int i = 0; i < n; i++) {
      s.inFlight[i] = new ArrayDeque<>();
      s.workers[i] = spawnWorker(self, i, 0);
    }
    counters.workers.set(n);
    return s;
  }

  private ActorRef<Job<K, M>> spawnWorker(ActorRef<FactoryMsg<K, M>> self, int index, long generation) {
    return self.node()
        .spawnLinked(null, new WorkerActor<>(workerBuilder.get()), new WorkerActor.Slot<>(index, generation, self), self);
  }

  @Override
  public State<K, M> handle(ActorRef<FactoryMsg<K, M>> self, FactoryMsg<K, M> message, State<K, M> s) {
    switch (message) {
      case FactoryMsg.Submit<K, M> submit -> submit(s, submit.job());
      case FactoryMsg.Done<K, M> done -> done(s, done);
      case FactoryMsg.Drain<K, M> drain -> s.draining = true;
    }
    finishDrainIfIdle(self, s);
    return s;
  }

  private void submit(State<K, M> s, Job<K, M> job) {
    if (s.draining) {
      discard(job, DiscardReason.SHUTDOWN);
      return;
    }
    if (settings.routing() == Routing.QUEUER) {
      if (s.queue.size() >= settings.queueCapacity()) {
        if (settings.discardMode() == DiscardMode.NEWEST) {
          discard(job, DiscardReason.LOAD_SHED);
          return;
        }
        counters.queued.decrement();
        discard(s.queue.poll(), DiscardReason.LOAD_SHED);
      }
      s.queue.add(job);
      counters.queued.increment();
      dispatchQueued(s);
      return;
    }
    int n = s.workers.length;
    int index =
        settings.routing() == Routing.KEY_PERSISTENT
            ? Math.floorMod(job.key() == null ? 0 : job.key().hashCode(), n)
            : (s.nextRoundRobin = (s.nextRoundRobin + 1) % n);
    if (s.inFlight[index].size() > settings.queueCapacity()) {
      discard(job, DiscardReason.LOAD_SHED);
      return;
    }
    send(s, index, job);
  }

  /** Hands queued jobs to free workers (queuer routing: one job per worker at a time). */
  private void dispatchQueued(State<K, M> s) {
    for (int i = 0; i < s.workers.length && !s.queue.isEmpty(); i++) {
      while (s.inFlight[i].isEmpty() && !s.queue.isEmpty()) {
        Job<K, M> job = s.queue.poll();
        counters.queued.decrement();
        if (job.isExpired()) {
          discard(job, DiscardReason.TTL_EXPIRED);
        } else {
          send(s, i, job);
        }
      }
    }
  }

  private void send(State<K, M> s, int index, Job<K, M> job) {
    s.inFlight[index].add(job);
    try {
      s.workers[index].cast(job);
    } catch (MessagingException workerEnding) {
      // The worker is ending; its failure event will re-send what it holds to its replacement.
    }
  }

  private void done(State<K, M> s, FactoryMsg.Done<K, M> done) {
    if (done.generation() != s.generations[done.worker()]) {
      return; // from a replaced worker
    }
    Job<K, M> job = s.inFlight[done.worker()].poll();
    if (job == null) {
      return;
    }
    if (done.expired()) {
      discard(job, DiscardReason.TTL_EXPIRED);
    } else {
      counters.processed.increment();
    }
    if (settings.routing() == Routing.QUEUER) {
      dispatchQueued(s);
    }
  }

  @Override
  public State<K, M> handleSupervisorEvent(ActorRef<FactoryMsg<K, M>> self, SupervisionEvent event, State<K, M> s) {
    ActorRef<?> ended =
        switch (event) {
          case SupervisionEvent.ActorFailed f -> f.actor();
          case SupervisionEvent.ActorTerminated t -> t.actor();
          default -> null;
        };
    if (ended == null) {
      return s;
    }
    for (int i = 0; i < s.workers.length; i++) {
      if (s.workers[i].equals(ended)) {
        replace(self, s, i);
      }
    }
    finishDrainIfIdle(self, s);
    return s;
  }

  /** The worker of slot {@code i} ended: its current job failed; the rest go to its replacement. */
  private void replace(ActorRef<FactoryMsg<K, M>> self, State<K, M> s, int i) {
    Job<K, M> current = s.inFlight[i].poll();
    if (current != null) {
      discard(current, DiscardReason.WORKER_FAILED);
    }
    s.generations[i]++;
    s.workers[i] = spawnWorker(self, i, s.generations[i]);
    ArrayDeque<Job<K, M>> pending = s.inFlight[i];
    s.inFlight[i] = new ArrayDeque<>();
    for (Job<K, M> job : pending) {
      send(s, i, job);
    }
    if (settings.routing() == Routing.QUEUER) {
      dispatchQueued(s);
    }
  }

  private void finishDrainIfIdle(ActorRef<FactoryMsg<K, M>> self, State<K, M> s) {
    if (!s.draining || !s.queue.isEmpty()) {
      return;
    }
    for (ArrayDeque<Job<K, M>> jobs : s.inFlight) {
      if (!jobs.isEmpty()) {
        return;
      }
    }
    self.stop("drained");
  }

  @Override
  public void postStop(ActorRef<FactoryMsg<K, M>> self, State<K, M> s) {
    // Whatever was not processed is accounted for before the workers are stopped.
    for (Job<K, M> job : s.queue) {
      counters.queued.decrement();
      discard(job, DiscardReason.SHUTDOWN);
    }
    s.queue.clear();
    for (ArrayDeque<Job<K, M>> jobs : s.inFlight) {
      jobs.forEach(job -> discard(job, DiscardReason.SHUTDOWN));
      jobs.clear();
    }
    self.stopChildren("factory stopped");
    counters.workers.set(0);
  }

  private void discard(Job<K, M> job, DiscardReason reason) {
    counters.discarded(reason);
    try {
      settings.discardHandler().discarded(job, reason);
    } catch (RuntimeException e) {
      System.getLogger(FactoryActor.class.getName())
          .log(System.Logger.Level.WARNING, "discard handler failed on a " + reason + " job", e);
    }
  }
}
