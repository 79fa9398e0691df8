package io.troupe.factory;

import io.troupe.ActorRef;
import io.troupe.MessagingException;
import io.troupe.Node;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A supervised pool of workers behind one actor: jobs are routed by key or to the next free
 * worker, queued, shed under load, and every job is either processed or reported to the discard
 * handler exactly once, with the reason.
 *
 * <pre>{@code
 * Factory<String, Event> factory = Factory.<String, Event, Totals>builder(TotalsWorker::new)
 *     .workers(4)
 *     .routing(Routing.KEY_PERSISTENT)
 *     .queueCapacity(10_000)
 *     .discardHandler((job, reason) -> log(job, reason))
 *     .spawn(node, "totals");
 * factory.submit("customer-7", new Event(...));
 * factory.drainAndWait(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Workers are children of the factory actor: a worker that fails is replaced at once, the job
 * it was handling is reported {@link DiscardReason#WORKER_FAILED}, and the jobs waiting for it go to
 * its replacement in order. When the factory stops (or drains) everything not processed is
 * reported {@link DiscardReason#SHUTDOWN}; a killed factory reports nothing.
 */
public final class Factory<K, M> {

  private final ActorRef<FactoryMsg<K, M>> ref;
  private final FactoryCounters counters;

  private Factory(ActorRef<FactoryMsg<K, M>> ref, FactoryCounters counters) {
    this.ref = ref;
    this.counters = counters;
  }

  /** Starts building a factory whose workers {@code workerBuilder} makes (one call per worker and replacement). */
  public static <K, M, S> Builder<K, M, S> builder(Supplier<? extends Worker<K, M, S>> workerBuilder) {
    return new Builder<>(workerBuilder);
  }

  /**
   * Submits a job. A job refused because of load, a drain or its time-to-live is reported to the
   * discard handler, not thrown.
   *
   * @throws MessagingException if the factory has stopped
   */
  public void submit(Job<K, M> job) {
    ref.cast(new FactoryMsg.Submit<>(job));
    counters.submitted.increment();
  }

  /** Submits {@code Job.of(key, message)}. */
  public void submit(K key, M message) {
    submit(Job.of(key, message));
  }

  /** The counters, now. Readable from any thread. */
  public FactoryStats stats() {
    return counters.snapshot();
  }

  /** Refuses new jobs (reported {@code SHUTDOWN}), finishes the accepted ones, then stops. */
  public void drain() {
    ref.cast(new FactoryMsg.Drain<>());
  }

  /** {@link #drain()} and waits; true if the factory stopped within {@code timeout}. */
  public boolean drainAndWait(Duration timeout) {
    drain();
    return ref.awaitExit(timeout);
  }

  /** The factory actor, for lifecycle, supervision and monitoring. */
  public ActorRef<?> ref() {
    return ref;
  }

  /** Builds a {@link Factory}. Defaults: 4 workers, queuer routing, capacity 10,000, discard newest. */
  public static final class Builder<K, M, S> {
    private final Supplier<? extends Worker<K, M, S>> workerBuilder;
    private int workers = 4;
    private Routing routing = Routing.QUEUER;
    private int queueCapacity = 10_000;
    private DiscardMode discardMode = DiscardMode.NEWEST;
    private DiscardHandler<K, M> discardHandler = (job, reason) -> {};

    private Builder(Supplier<? extends Worker<K, M, S>> workerBuilder) {
      this.workerBuilder = Objects.requireNonNull(workerBuilder, "workerBuilder");
    }

    public Builder<K, M, S> workers(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("a factory needs at least one worker, not " + count);
      }
      this.workers = count;
      return this;
    }

    public Builder<K, M, S> routing(Routing routing) {
      this.routing = Objects.requireNonNull(routing, "routing");
      return this;
    }

    /**
     * The most jobs waiting: in the factory's queue (queuer), or per worker beyond the one it is
     * handling (other routings). More are discarded as {@code LOAD_SHED}.
     */
    public Builder<K, M, S> queueCapacity(int capacity) {
      if (capacity < 0) {
        throw new IllegalArgumentException("queue capacity cannot be negative: " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    public Builder<K, M, S> discardMode(DiscardMode mode) {
      this.discardMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    public Builder<K, M, S> discardHandler(DiscardHandler<K, M> handler) {
      this.discardHandler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Spawns the factory actor (registered under {@code name} if not null) and its workers.
     *
     * @throws io.troupe.SpawnException if the name is taken or a worker fails to start
     */
    public Factory<K, M> spawn(Node node, String name) {
      FactoryCounters counters = new FactoryCounters();
      FactorySettings<K, M> settings = new FactorySettings<>(workers, routing, queueCapacity, discardMode, discardHandler);
      ActorRef<FactoryMsg<K, M>> ref = node.spawn(name, new FactoryActor<>(workerBuilder, settings, counters), null);
      return new Factory<>(ref, counters);
    }
  }
}
