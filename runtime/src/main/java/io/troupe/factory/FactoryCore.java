package io.troupe.factory;

import io.troupe.ActorRef;
import io.troupe.MessagingException;
import io.troupe.internal.Interception;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The factory's state and the flow of a job through it: rate gate, router, queue (with load
 * shedding), worker, and the accounting of how it ended. Runs on the factory actor's thread only.
 *
 * <p>Invariant: every accepted job is in exactly one place — held by the rate gate, in the shared
 * queue, in one worker's queue, or the current job of one worker — until it is counted processed or
 * reported discarded. A worker holds at most {@code prefetch} jobs (sent, reported back in order);
 * an active worker with room in that window has an empty queue of its own and, under queuer
 * routing, the shared queue is empty.
 */
final class FactoryCore<K, M, S> {
  private static final System.Logger LOG = System.getLogger("io.troupe.factory");

  /**
   * The gauges are computed over every slot: per message that was 5% of the factory's time at
   * prefetch 32 (FactoryBench), so a busy factory publishes them every this many messages.
   */
  private static final int PUBLISH_EVERY = 64;

  private final ActorRef<FactoryMsg<K, M>> self;
  private final FactoryConfig<K, M, S> config;
  private final FactoryCounters counters;
  private final LongSupplier clock;
  private final Router<K> router;
  private final JobQueue<K, M> shared;
  private final LoadShedder shedder;
  private final int prefetch;
  private final WorkerPool<K, M, S> pool;
  private final Upkeep<K, M> upkeep;
  private final FactoryMsg.ReleaseHeld<K, M> releaseHeld = new FactoryMsg.ReleaseHeld<>();
  private final FactoryMsg.LogDiscards<K, M> logDiscards = new FactoryMsg.LogDiscards<>();

  /** The warnings logged for discards when no discard handler is set; null when one is. */
  private final DiscardLog discardLog;

  private boolean discardLogScheduled;
  private RateGate<K, M> gate;
  private boolean releaseScheduled;
  private boolean draining;

  /**
   * Set once the factory has handed itself to the runtime's drain: submits already in its mailbox
   * are still handled (and reported {@code SHUTDOWN}), later ones are refused to the caller.
   */
  private boolean stopping;

  /** Submits taken from the mailbox (published in {@link FactoryCounters#submitted}). */
  private long submitted;

  /** Messages handled since the gauges were last published. */
  private int unpublished;

  /** The gauges as last published, to store only changes. */
  private long publishedQueued;

  private int publishedBusy;
  private int publishedWorkers;

  FactoryCore(
      ActorRef<FactoryMsg<K, M>> self, FactoryConfig<K, M, S> config, FactoryCounters counters) {
    this.self = self;
    this.config = config;
    this.counters = counters;
    this.clock = config.clock();
    this.router = Router.of(config.routing());
    this.shared = config.newQueue();
    this.shedder = new LoadShedder(config.discard(), clock);
    this.prefetch = config.prefetch();
    this.pool = new WorkerPool<>(self, config.workerBuilder(), config::newQueue, config.prefetch());
    this.gate = config.rateLimit() == null ? null : new RateGate<>(config.rateLimit(), clock);
    this.upkeep = new Upkeep<>(self, config);
    this.discardLog =
        config.discardHandler() != null
            ? null
            : new DiscardLog(config.logger(), self.name().orElse(self.id().toString()), clock);
    pool.grow(config.workers());
    reschedule();
    publish();
  }

  void started() {
    hook("started", config.lifecycle()::started);
  }

  void handle(FactoryMsg<K, M> message) {
    switch (message) {
      case FactoryMsg.Submit<K, M> submit -> {
        counters.submitted.lazySet(++submitted);
        // The job keeps its submitter's attachments, not those of whatever message frees a worker.
        submit(submit.job().carrying(Interception.handlingAttachments(self)));
      }
      case FactoryMsg.Done<K, M> done -> done(done);
      case FactoryMsg.Failed<K, M> failed -> {
        WorkerSlot<K, M> slot = pool.slotOf(failed.worker(), failed.generation());
        if (slot != null && !stopping) {
          replace(slot, DiscardReason.WORKER_FAILED);
        }
      }
      case FactoryMsg.Drain<K, M> drain -> drain();
      case FactoryMsg.Stop<K, M> stop -> stopNow();
      case FactoryMsg.Resize<K, M> resize -> resize(resize.workers());
      case FactoryMsg.SetDiscard<K, M> set -> setDiscard(set.settings());
      case FactoryMsg.SetCapacity<K, M> set ->
          setDiscard(DiscardSettings.staticLimit(set.limit(), shedder.mode()));
      case FactoryMsg.SetRateLimit<K, M> set -> setRateLimit(set.limit());
      case FactoryMsg.SetDeadMansSwitch<K, M> set -> {
        upkeep.deadMansSwitch(set.timeout());
        reschedule();
      }
      case FactoryMsg.Tick<K, M> t -> tick();
      case FactoryMsg.ReleaseHeld<K, M> r -> {
        releaseScheduled = false;
        releaseHeldJobs();
      }
      case FactoryMsg.LogDiscards<K, M> l -> {
        discardLogScheduled = false;
        if (!discardLog.logIfDue()) {
          scheduleDiscardLog();
        }
      }
    }
    afterMessage();
  }

  /**
   * Stops when a drain is complete, and publishes the gauges every {@link #PUBLISH_EVERY} messages
   * (and when the mailbox is empty: {@link #publish}).
   */
  void afterMessage() {
    if (draining && !stopping && idle()) {
      stopAfterAdmitted();
    }
    if (++unpublished >= PUBLISH_EVERY) {
      publish();
    }
  }

  /**
   * Stops through the runtime's drain rather than {@code stop}, which would drop the submits
   * already in the mailbox without a report: they are handled first (as {@code SHUTDOWN}).
   */
  private void stopAfterAdmitted() {
    stopping = true;
    self.drain();
  }

  /**
   * A drain that does not run the waiting jobs: everything not yet sent to a worker is reported
   * {@code SHUTDOWN} now; the jobs already sent finish (or fail) as usual, then the factory stops.
   */
  private void stopNow() {
    draining = true;
    shared.drainTo(job -> discard(job, DiscardReason.SHUTDOWN));
    if (gate != null) {
      gate.takeAll().forEach(job -> discard(job, DiscardReason.SHUTDOWN));
    }
    for (WorkerSlot<K, M> slot : pool.slots()) {
      if (slot != null) {
        slot.waiting.drainTo(job -> discard(job, DiscardReason.SHUTDOWN));
      }
    }
  }

  // ---- a job's way in ----

  private void submit(Pending<K, M> job) {
    if (draining) {
      discard(job, DiscardReason.SHUTDOWN);
      return;
    }
    throughGate(job);
  }

  private void throughGate(Pending<K, M> job) {
    if (gate != null) {
      switch (gate.admit(job)) {
        case PASS -> {}
        case REFUSED -> {
          discard(job, DiscardReason.RATE_LIMITED);
          return;
        }
        case HELD -> {
          if (gate.heldCount() > shedder.limit()) {
            discard(gate.dropNewest(), DiscardReason.LOAD_SHED);
          }
          scheduleRelease();
          return;
        }
      }
    }
    route(job, false);
  }

  /**
   * Puts the job where the router says; {@code force} skips the queue limit (jobs moved by a
   * shrink).
   */
  private void route(Pending<K, M> job, boolean force) {
    int target;
    try {
      target = router.route(job.key(), pool.active());
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING, "routing failed; the job is discarded as ROUTING_FAILED", e);
      discard(job, DiscardReason.ROUTING_FAILED);
      return;
    }
    if (target == Router.SHARED) {
      WorkerSlot<K, M> free = shared.isEmpty() ? pool.slotWithRoom(prefetch) : null;
      if (free != null) {
        shared.add(job);
        pump(free);
      } else {
        enqueue(shared, job, force, Router.SHARED);
      }
      job.accepted(); // unless it was discarded above: then its submitter has heard why
      return;
    }
    WorkerSlot<K, M> slot = pool.get(target);
    router.held(job.key(), target);
    if (slot.inFlight.size() < prefetch && slot.waiting.isEmpty()) {
      slot.waiting.add(job);
      pump(slot);
    } else {
      enqueue(slot.waiting, job, force, target);
    }
    job.accepted(); // unless it was discarded above: then its submitter has heard why
  }

  private void enqueue(JobQueue<K, M> queue, Pending<K, M> job, boolean force, int worker) {
    if (force) {
      queue.add(job);
      return;
    }
    Pending<K, M> shed = shedder.offer(queue, job);
    if (shed != null) {
      if (worker != Router.SHARED) {
        router.released(shed.key(), worker);
      }
      discard(shed, DiscardReason.LOAD_SHED);
    }
  }

  /**
   * Fills a worker's prefetch window: its own queue first, then (queuer modes) the shared queue. A
   * retiring worker takes nothing new and is removed once idle.
   */
  private void pump(WorkerSlot<K, M> slot) {
    if (slot.retiring) {
      if (slot.idle() && slot.waiting.isEmpty()) {
        pool.remove(slot);
      }
      return;
    }
    while (slot.inFlight.size() < prefetch) {
      Pending<K, M> job = slot.waiting.poll();
      if (job == null) {
        if (router.usesSharedQueue() && (job = shared.poll()) != null) {
          router.held(job.key(), slot.index);
        } else {
          return;
        }
      }
      if (job.job().isExpired()) {
        router.released(job.key(), slot.index);
        discard(job, DiscardReason.TTL_EXPIRED);
        continue;
      }
      send(slot, job);
    }
  }

  private void send(WorkerSlot<K, M> slot, Pending<K, M> job) {
    slot.inFlight.add(job);
    if (slot.inFlight.size() == 1) {
      started(slot);
    }
    try {
      Interception.castCarrying(slot.worker, job.job(), job.carried());
    } catch (MessagingException workerEnding) {
      // The worker is ending: its supervision event reports this job and replaces it.
    }
  }

  /** The head of the slot's in-flight jobs is now running (as far as the factory can tell). */
  private void started(WorkerSlot<K, M> slot) {
    slot.startedNanos = clock.getAsLong();
    counters.waiting.record(slot.startedNanos - slot.inFlight.peek().acceptedNanos());
  }

  // ---- a job's way out ----

  private void done(FactoryMsg.Done<K, M> done) {
    WorkerSlot<K, M> slot = pool.slotOf(done.worker(), done.generation());
    if (slot == null) {
      return; // from a worker that was replaced or removed: its jobs are already accounted for
    }
    if (done.ran() > 0) {
      counters.processing.record(done.ran(), done.ranNanos(), done.maxNanos());
    }
    settle(slot, done.finished());
    pump(slot);
  }

  /**
   * Accounts for the slot's jobs up to number {@code finished} of its incarnation (processed, or
   * expired), unless done already: from a report, or from the worker's shared progress when the
   * factory must act on the worker before its report arrives.
   */
  private void settle(WorkerSlot<K, M> slot, long finished) {
    long n = finished - slot.settled;
    if (n <= 0) {
      return;
    }
    long processed = 0;
    long started = 0;
    long waitedNanos = 0;
    long waitedMax = 0;
    long now = clock.getAsLong();
    for (long i = 0; i < n; i++) {
      Pending<K, M> job = slot.inFlight.poll();
      if (job == null) {
        break; // cannot happen: a worker finishes only jobs sent to it, and they stay here until
        // settled
      }
      router.released(job.key(), slot.index);
      if (slot.progress.wasExpired(slot.settled + i + 1)) {
        discard(job, DiscardReason.TTL_EXPIRED);
      } else {
        processed++;
      }
      Pending<K, M> next = slot.inFlight.peek();
      if (next != null) {
        // The next job started (as far as the factory can tell) when this report came.
        long waited = now - next.acceptedNanos();
        started++;
        waitedNanos += waited;
        waitedMax = Math.max(waitedMax, waited);
      }
    }
    slot.settled = finished;
    if (processed > 0) {
      counters.processed.add(processed);
    }
    if (started > 0) {
      slot.startedNanos = now;
      counters.waiting.record(started, waitedNanos, waitedMax);
    }
  }

  /**
   * A worker actor ended without reporting a failure first (stopped or killed from outside, or an
   * {@code Error}): count the jobs it finished, report the one it was on, replace it. (A handler
   * that throws is handled at its {@code Failed} report, and the worker is already replaced when
   * this comes.)
   */
  void workerEnded(ActorRef<?> worker) {
    WorkerSlot<K, M> slot = pool.slotOf(worker);
    if (slot == null || stopping) {
      return; // one we replaced or removed ourselves
    }
    replace(slot, DiscardReason.WORKER_FAILED);
  }

  /**
   * The slot's worker is gone: its running job is retried first if it has retries left, else
   * reported with {@code reason}; the jobs it had not started follow it to its replacement in order
   * (or, if it was retiring, go to the other workers).
   */
  private void replace(WorkerSlot<K, M> slot, DiscardReason reason) {
    // The jobs it finished without reporting them yet are done: the one to blame comes after them.
    settle(slot, slot.progress.finished());
    List<Pending<K, M>> resend = new ArrayList<>(slot.inFlight.size());
    Pending<K, M> running = slot.inFlight.poll();
    if (running != null
        && running.retries() < config.retries()
        && reason != DiscardReason.SHUTDOWN) {
      counters.retried.increment();
      resend.add(running.retried());
    } else if (running != null) {
      router.released(running.key(), slot.index);
      discard(running, reason);
    }
    resend.addAll(slot.inFlight);
    slot.inFlight.clear();
    if (slot.retiring) {
      for (Pending<K, M> job : resend) {
        router.released(job.key(), slot.index);
        route(job, true);
      }
    } else {
      pool.spawn(slot);
      // Beyond the window if need be (a retry plus a full window): each is reported back in order.
      for (Pending<K, M> job : resend) {
        send(slot, job);
      }
    }
    pump(slot);
  }

  /**
   * Counts and reports a job not processed: to the discard handler, or (without one) in the
   * warnings of {@link DiscardLog}; then, if the job was not placed yet, to a submitter waiting to
   * hear whether it was accepted (after the handler, so that the submitter finds it told).
   */
  private void discard(Pending<K, M> job, DiscardReason reason) {
    counters.discarded(reason);
    if (discardLog != null) {
      if (discardLog.record(reason)) {
        scheduleDiscardLog();
      }
    } else {
      try {
        config.discardHandler().discarded(job.job(), reason);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "discard handler failed on a " + reason + " job", e);
      }
    }
    job.rejected(reason);
  }

  private void scheduleDiscardLog() {
    if (!discardLogScheduled && !stopping) {
      discardLogScheduled = true;
      self.sendAfter(Duration.ofNanos(Math.max(1, discardLog.nanosUntilDue())), () -> logDiscards);
    }
  }

  // ---- operations ----

  private void drain() {
    if (!draining) {
      draining = true;
      hook("draining", config.lifecycle()::draining);
    }
  }

  private boolean idle() {
    if (!shared.isEmpty() || (gate != null && gate.heldCount() > 0)) {
      return false;
    }
    for (WorkerSlot<K, M> slot : pool.slots()) {
      if (slot != null && (!slot.idle() || !slot.waiting.isEmpty())) {
        return false;
      }
    }
    return true;
  }

  private void resize(int workers) {
    if (stopping) {
      return;
    }
    if (workers < 1) {
      LOG.log(
          System.Logger.Level.WARNING,
          "ignoring a resize to " + workers + " workers: at least one is needed");
      return;
    }
    if (workers > pool.active()) {
      for (WorkerSlot<K, M> slot : pool.grow(workers)) {
        pump(slot);
      }
    } else if (workers < pool.active()) {
      for (WorkerSlot<K, M> slot : pool.shrink(workers)) {
        // Its waiting jobs go to the remaining workers, past the limit if need be: none is lost.
        List<Pending<K, M>> moved = new ArrayList<>(slot.waiting.size());
        slot.waiting.drainTo(moved::add);
        for (Pending<K, M> job : moved) {
          router.released(job.key(), slot.index);
          route(job, true);
        }
        pump(slot); // removes it now if idle
      }
    }
  }

  private void setDiscard(DiscardSettings settings) {
    shedder.set(settings);
    shedExcess();
    reschedule();
  }

  /** After the limit went down: sheds what is beyond it, per the discard mode. */
  private void shedExcess() {
    int limit = shedder.limit();
    DiscardMode mode = shedder.mode();
    while (shared.size() > limit) {
      discard(shared.evict(mode), DiscardReason.LOAD_SHED);
    }
    for (WorkerSlot<K, M> slot : pool.slots()) {
      while (slot != null && slot.waiting.size() > limit) {
        Pending<K, M> job = slot.waiting.evict(mode);
        router.released(job.key(), slot.index);
        discard(job, DiscardReason.LOAD_SHED);
      }
    }
    while (gate != null && gate.heldCount() > limit) {
      discard(gate.dropNewest(), DiscardReason.LOAD_SHED);
    }
  }

  private void setRateLimit(RateLimit limit) {
    RateGate<K, M> old = gate;
    gate = limit == null ? null : new RateGate<>(limit, clock);
    if (old != null) {
      // Held jobs go through the new limit in arrival order (straight to routing if there is none).
      for (Pending<K, M> job : old.takeAll()) {
        throughGate(job);
      }
    }
  }

  private void scheduleRelease() {
    if (!releaseScheduled && gate != null && gate.heldCount() > 0) {
      releaseScheduled = true;
      self.sendAfter(Duration.ofNanos(gate.nanosUntilToken()), () -> releaseHeld);
    }
  }

  private void releaseHeldJobs() {
    if (gate == null) {
      return;
    }
    Pending<K, M> job;
    while ((job = gate.release()) != null) {
      route(job, false);
    }
    scheduleRelease();
  }

  // ---- periodic upkeep ----

  private void reschedule() {
    upkeep.reschedule(shedder.refreshPeriodNanos());
  }

  private void tick() {
    if (stopping) {
      return;
    }
    if (upkeep.watchesStuck()) {
      // A worker reports finished jobs in batches: take its progress first, so that a worker
      // running through many jobs is not seen as on its first one, nor a finished job blamed.
      for (WorkerSlot<K, M> slot : new ArrayList<>(pool.slots())) {
        if (slot != null && !slot.idle()) {
          settle(slot, slot.progress.finished());
          pump(slot);
        }
      }
    }
    for (WorkerSlot<K, M> slot : upkeep.stuck(pool.slots())) {
      replaceStuck(slot);
    }
    if (shedder.refresh()) {
      shedExcess();
    }
    try {
      upkeep.poolSize(pool.active()).ifPresent(this::resize);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "pool size controller failed; keeping " + pool.active() + " workers",
          e);
    }
  }

  private void replaceStuck(WorkerSlot<K, M> slot) {
    ActorRef<Job<K, M>> stuck = slot.worker;
    LOG.log(
        System.Logger.Level.WARNING,
        "worker " + slot.index + " was stuck on one job past the dead-man's switch; killing it");
    stuck.kill();
    replace(slot, DiscardReason.STUCK);
  }

  // ---- end ----

  /**
   * The factory stops: everything not processed is reported {@code SHUTDOWN}, then workers stop.
   */
  void shutdown() {
    reportAllShutdown();
    if (discardLog != null) {
      discardLog.logNow();
    }
    self.stopChildren("factory stopped");
    counters.queued.set(0);
    counters.busy.set(0);
    counters.workers.set(0);
    hook("stopped", config.lifecycle()::stopped);
  }

  /** Reports every job not processed (waiting, held, sent to a worker) as {@code SHUTDOWN}. */
  private void reportAllShutdown() {
    upkeep.stop();
    shared.drainTo(job -> discard(job, DiscardReason.SHUTDOWN));
    if (gate != null) {
      gate.takeAll().forEach(job -> discard(job, DiscardReason.SHUTDOWN));
    }
    for (WorkerSlot<K, M> slot : pool.slots()) {
      if (slot != null) {
        settle(slot, slot.progress.finished()); // finished, their report not yet handled: processed
        slot.inFlight.forEach(job -> discard(job, DiscardReason.SHUTDOWN));
        slot.inFlight.clear();
        slot.waiting.drainTo(job -> discard(job, DiscardReason.SHUTDOWN));
      }
    }
  }

  /**
   * Publishes the gauges (busy, queued, workers): from the mailbox-empty hook and every {@link
   * #PUBLISH_EVERY} messages.
   */
  void publish() {
    unpublished = 0;
    long queued = shared.size() + (gate == null ? 0 : gate.heldCount());
    int busy = 0;
    for (WorkerSlot<K, M> slot : pool.slots()) {
      if (slot != null) {
        queued += slot.waiting.size();
        if (!slot.idle()) {
          busy++;
          queued += slot.inFlight.size() - 1;
        }
      }
    }
    if (queued != publishedQueued) {
      publishedQueued = queued;
      counters.queued.lazySet(queued);
    }
    if (busy != publishedBusy) {
      publishedBusy = busy;
      counters.busy.lazySet(busy);
    }
    if (pool.active() != publishedWorkers) {
      publishedWorkers = pool.active();
      counters.workers.lazySet(publishedWorkers);
    }
  }

  private static void hook(String name, Runnable hook) {
    try {
      hook.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "factory lifecycle hook '" + name + "' failed", e);
    }
  }
}
