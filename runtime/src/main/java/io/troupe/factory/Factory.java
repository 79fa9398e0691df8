package io.troupe.factory;

import io.troupe.ActorRef;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.CallTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A supervised pool of workers behind one actor: jobs are routed by key or to the next free worker,
 * queued (FIFO or by priority), shed under load, rate limited, guarded against stuck workers, and
 * every accepted job is either processed or reported to the discard handler exactly once, with the
 * reason.
 *
 * <pre>{@code
 * Factory<String, Event> factory = Factory.<String, Event, Totals>builder(TotalsWorker::new)
 *     .workers(4)
 *     .routing(Routing.KEY_PERSISTENT)
 *     .discardSettings(DiscardSettings.staticLimit(10_000, DiscardMode.NEWEST)) // default: no limit
 *     .discardHandler((job, reason) -> log(job, reason))                        // default: a warning
 *     .spawn(node, "totals");
 * factory.submit("customer-7", new Event(...));
 * factory.drainAndWait(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Workers are children of the factory actor and run one job at a time: a worker that fails is
 * replaced at once, the job it was handling is reported {@link DiscardReason#WORKER_FAILED}, and
 * the jobs waiting for it go to its replacement in order. When the factory stops (or drains)
 * everything not processed is reported {@link DiscardReason#SHUTDOWN}; a killed factory reports
 * nothing.
 *
 * <p>The operations that change settings at run time ({@link #resize}, {@link #discardSettings},
 * {@link #queueCapacity}, {@link #rateLimit}, {@link #deadMansSwitch}) are messages to the factory:
 * they apply after the jobs this thread submitted before them, and before those submitted after.
 *
 * <p>A submitter that needs back-pressure (a producer outside the actor system that must slow down
 * when the factory sheds) asks whether each job was accepted: {@link #submitWithAcceptance} or
 * {@link #submitAndAwaitAcceptance}.
 *
 * @param <K> the jobs' routing key type
 * @param <M> the jobs' message type
 */
public final class Factory<K, M> {

  private final ActorRef<FactoryMsg<K, M>> ref;
  private final FactoryCounters counters;
  private final FactoryConfig<K, M, ?> config;

  private Factory(
      ActorRef<FactoryMsg<K, M>> ref, FactoryCounters counters, FactoryConfig<K, M, ?> config) {
    this.ref = ref;
    this.counters = counters;
    this.config = config;
  }

  /**
   * Starts building a factory whose workers {@code workerBuilder} makes (one call per worker and
   * replacement).
   *
   * @param <K> the jobs' routing key type
   * @param <M> the jobs' message type
   * @param <S> the workers' state type
   * @param workerBuilder makes each worker
   * @return a builder with the defaults
   * @throws NullPointerException if {@code workerBuilder} is null
   */
  public static <K, M, S> Builder<K, M, S> builder(
      Supplier<? extends Worker<K, M, S>> workerBuilder) {
    return new Builder<>(workerBuilder);
  }

  /**
   * Submits a job. A job refused because of load, a rate limit, a drain or its time-to-live is
   * reported to the discard handler (or, without one, counted in a logged warning), not thrown.
   *
   * @param job the job
   * @throws IllegalArgumentException if the job's priority is outside the factory's levels, or
   *     custom routing sends its key to a worker that does not exist
   * @throws MessagingException if the factory has stopped, or has finished draining or stopping and
   *     refuses new messages (the job was not accepted and is not reported)
   */
  public void submit(Job<K, M> job) {
    int priority = checked(job);
    ref.cast(
        new FactoryMsg.Submit<>(new Pending<>(job, config.clock().getAsLong(), priority, 0, null)));
  }

  /**
   * Submits a job and tells whether the factory accepted it (see {@link JobAcceptance} for when the
   * answer comes and what it means): for a submitter that slows down or retries when jobs are shed.
   * The future completes with {@link JobAcceptance.Rejected} (reason {@code SHUTDOWN}) if the
   * factory actor ends before it decided, so it always completes. It is completed on the factory's
   * thread: stages chained to it without an {@code ...Async} method run there, and must be short
   * and never block.
   *
   * <p>Each such submit costs a tracked reply port and a timer entry on top of {@link #submit};
   * plain {@code submit} stays the fast path.
   *
   * @param job the job
   * @return a future of the factory's answer, completed on the factory's thread
   * @throws IllegalArgumentException as {@link #submit(Job)}
   * @throws MessagingException as {@link #submit(Job)}: the job was not accepted and is not
   *     reported
   */
  public CompletableFuture<JobAcceptance<K, M>> submitWithAcceptance(Job<K, M> job) {
    int priority = checked(job);
    long now = config.clock().getAsLong();
    return ref.<JobAcceptance<K, M>>callAsync(
            port -> new FactoryMsg.Submit<>(new Pending<>(job, now, priority, 0, port)), NO_TIMEOUT)
        .thenApply(
            result ->
                switch (result) {
                  case CallResult.Success<JobAcceptance<K, M>> s -> s.value();
                  // The factory ended with the submit still in its mailbox (stopped by its ref, or
                  // killed).
                  case CallResult.SenderError<JobAcceptance<K, M>> e ->
                      new JobAcceptance.Rejected<>(job, DiscardReason.SHUTDOWN);
                  case CallResult.Timeout<JobAcceptance<K, M>> t ->
                      throw new IllegalStateException(
                          "a factory submit has no timeout, yet it timed out");
                });
  }

  /**
   * {@link #submitWithAcceptance} and waits for the answer.
   *
   * @param job the job
   * @param timeout how long to wait for the answer, not negative
   * @return the factory's answer
   * @throws CallTimeoutException if there was no answer within {@code timeout} (the factory is far
   *     behind, or a delaying rate limit holds the job): the job may still be accepted later
   * @throws InterruptedException if the thread was interrupted while waiting (the job may still be
   *     accepted)
   * @throws IllegalArgumentException as {@link #submit(Job)}, or if {@code timeout} is negative
   * @throws MessagingException as {@link #submit(Job)}
   */
  public JobAcceptance<K, M> submitAndAwaitAcceptance(Job<K, M> job, Duration timeout)
      throws InterruptedException {
    checkWait(timeout);
    CompletableFuture<JobAcceptance<K, M>> answer = submitWithAcceptance(job);
    try {
      return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new CallTimeoutException(
          "the factory did not say within "
              + timeout
              + " whether it accepted the job; it may still accept it");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the acceptance answer failed", e.getCause());
    }
  }

  /** Refuses a null or negative wait before anything is sent. */
  private static void checkWait(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout must not be null");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
  }

  /** The wait of {@link #submitWithAcceptance}: the answer always comes, so in effect none. */
  private static final Duration NO_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE);

  /**
   * Checks a job on the submitter's thread, before anything is sent; returns its priority level.
   */
  private int checked(Job<K, M> job) {
    Objects.requireNonNull(job, "job");
    int priority = config.priorityOf(job);
    if (config.routing() instanceof Routing.Custom<?> custom) {
      checkRoute(custom, job.key());
    }
    return priority;
  }

  @SuppressWarnings("unchecked")
  private void checkRoute(Routing.Custom<?> custom, K key) {
    int workers = counters.workers.get();
    int worker = ((KeyRouter<? super K>) custom.router()).workerFor(key, workers);
    if (worker < 0 || worker >= workers) {
      throw new IllegalArgumentException(CustomRouter.outOfRange(key, worker, workers));
    }
  }

  /**
   * Submits {@code Job.of(key, message)}.
   *
   * @param key decides the worker under key-persistent and custom routing
   * @param message what the worker handles
   * @throws IllegalArgumentException as {@link #submit(Job)}
   * @throws MessagingException as {@link #submit(Job)}
   */
  public void submit(K key, M message) {
    submit(Job.of(key, message));
  }

  /**
   * The counters, now. Readable from any thread.
   *
   * @return a snapshot of the counters
   */
  public FactoryStats stats() {
    return counters.snapshot();
  }

  /** Refuses new jobs (reported {@code SHUTDOWN}), finishes the accepted ones, then stops. */
  public void drain() {
    ref.cast(new FactoryMsg.Drain<>());
  }

  /**
   * {@link #drain()} and waits; true if the factory stopped within {@code timeout}.
   *
   * @param timeout how long to wait, not negative
   * @return true if the factory stopped within {@code timeout}
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public boolean drainAndWait(Duration timeout) {
    checkWait(timeout);
    drain();
    return ref.awaitExit(timeout);
  }

  /**
   * Stops the factory without running the waiting jobs: every job not yet sent to a worker
   * (waiting, held by the rate limit, or submitted before this call and still in the factory's
   * mailbox) is reported {@code SHUTDOWN}; the jobs already sent to workers finish (processed, or
   * failed as usual); then the factory and its workers stop. Submits after that are refused with
   * {@link MessagingException}. Unlike {@code ref().stop()} (which reports running jobs {@code
   * SHUTDOWN} even if their handler completes, and drops unreported the submits still in the
   * factory's mailbox), every accepted job is processed or reported exactly once.
   */
  public void stop() {
    ref.cast(new FactoryMsg.Stop<>());
  }

  /**
   * {@link #stop()} and waits; true if the factory stopped within {@code timeout}.
   *
   * @param timeout how long to wait, not negative
   * @return true if the factory stopped within {@code timeout}
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public boolean stopAndWait(Duration timeout) {
    checkWait(timeout);
    stop();
    return ref.awaitExit(timeout);
  }

  /**
   * Grows or shrinks the pool to {@code workers}. New workers take waiting jobs at once. Removed
   * workers (the highest indexes) finish their current job, then stop; the jobs waiting for them
   * are routed again among the remaining workers, beyond the queue limit if need be, so none is
   * lost. Keys move between workers under key-persistent and custom routing.
   *
   * @param workers the new pool size, at least 1
   * @throws IllegalArgumentException if {@code workers < 1}
   */
  public void resize(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("a factory needs at least one worker, not " + workers);
    }
    ref.cast(new FactoryMsg.Resize<>(workers));
  }

  /**
   * Replaces the discard settings; jobs beyond a lowered limit are shed at once ({@code
   * LOAD_SHED}).
   *
   * @param settings the new settings
   * @throws NullPointerException if {@code settings} is null
   */
  public void discardSettings(DiscardSettings settings) {
    ref.cast(new FactoryMsg.SetDiscard<>(Objects.requireNonNull(settings, "settings")));
  }

  /**
   * A static limit of {@code capacity} waiting jobs per queue, keeping the discard mode.
   *
   * @param capacity the most jobs waiting per queue, not negative
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  public void queueCapacity(int capacity) {
    DiscardSettings.staticLimit(capacity, DiscardMode.NEWEST); // validates
    ref.cast(new FactoryMsg.SetCapacity<>(capacity));
  }

  /**
   * Replaces the rate limit (the bucket starts full). Jobs held back by the previous limit go
   * through the new one first, in arrival order.
   *
   * @param limit the new rate limit
   * @throws NullPointerException if {@code limit} is null
   */
  public void rateLimit(RateLimit limit) {
    ref.cast(new FactoryMsg.SetRateLimit<>(Objects.requireNonNull(limit, "limit")));
  }

  /** Removes the rate limit; held jobs are routed at once. */
  public void removeRateLimit() {
    ref.cast(new FactoryMsg.SetRateLimit<>(null));
  }

  /**
   * Sets the dead-man's switch: a worker on one job for longer than {@code timeout} is killed and
   * replaced, and the job reported {@link DiscardReason#STUCK}. {@link Duration#ZERO} turns it off.
   *
   * @param timeout the longest a worker may spend on one job; zero for no limit
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public void deadMansSwitch(Duration timeout) {
    ref.cast(new FactoryMsg.SetDeadMansSwitch<>(Builder.checkTimeout(timeout)));
  }

  /**
   * The factory actor, for lifecycle, supervision and monitoring.
   *
   * @return the factory actor's ref
   */
  public ActorRef<?> ref() {
    return ref;
  }

  /**
   * Builds a {@link Factory}. Defaults: 4 workers, queuer routing, FIFO queues without a limit
   * (nothing is shed: memory is the limit), a prefetch window that depends on the routing (see
   * {@link #prefetch(int)}), no rate limit, no dead-man's switch, no hooks, and no discard handler:
   * discards are then logged as warnings (the first at once, then at most one every 10 seconds with
   * the counts by reason, and the rest when the factory stops).
   *
   * @param <K> the jobs' routing key type
   * @param <M> the jobs' message type
   * @param <S> the workers' state type
   */
  public static final class Builder<K, M, S> {
    private final Supplier<? extends Worker<K, M, S>> workerBuilder;
    private int workers = 4;

    /** 0 until set: then the default of the routing ({@link #defaultPrefetch}). */
    private int prefetch;

    private int retries;
    private Routing routing = Routing.QUEUER;

    /** -1 until set: then no limit, unless {@link #discardSettings} is set. */
    private int queueCapacity = -1;

    private DiscardMode discardMode = DiscardMode.NEWEST;
    private DiscardSettings discardSettings;

    /** Null until set: then discards are logged (see {@link DiscardLog}). */
    private DiscardHandler<K, M> discardHandler;

    private int priorityLevels;
    private ToIntFunction<? super Job<K, M>> priorityOf;
    private RateLimit rateLimit;
    private Duration deadMansSwitch = Duration.ZERO;
    private FactoryLifecycle lifecycle = new FactoryLifecycle() {};
    private IntUnaryOperator poolController;
    private Duration poolControllerEvery;

    /**
     * Null until set: then the node's clock ({@link Node#time()}), so manual time drives it too.
     */
    private LongSupplier clock;

    private System.Logger logger = System.getLogger("io.troupe.factory");

    private Builder(Supplier<? extends Worker<K, M, S>> workerBuilder) {
      this.workerBuilder = Objects.requireNonNull(workerBuilder, "workerBuilder");
    }

    /**
     * The initial pool size.
     *
     * @param count the number of workers, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code count} is less than 1
     */
    public Builder<K, M, S> workers(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("a factory needs at least one worker, not " + count);
      }
      this.workers = count;
      return this;
    }

    /**
     * The most jobs a worker holds at once: the one it runs plus {@code jobs - 1} already sent to
     * its mailbox. With 1 a worker gets its next job only when it has reported the last, so
     * priorities, load shedding, sticky keys and the queuer's balance apply to every waiting job. A
     * larger window raises throughput (the worker no longer waits for the factory between jobs) but
     * jobs in it are out of the factory's hands: they run in the order sent, are not shed (the
     * queue limit counts only the jobs waiting in the factory), run to the end on {@code stop()},
     * and a worker that fails or is found stuck hands them to its replacement (only its running job
     * is reported). The worker still discards a prefetched job whose time-to-live passed.
     *
     * <p>Default: {@value #DEFAULT_WINDOW} for routings that fix the worker when the job is routed
     * (round robin, key-persistent, custom) with FIFO queues, where the window changes only which
     * jobs count against the queue limit; 1 for the queuer modes and for priority queues.
     *
     * @param jobs the window, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code jobs} is less than 1
     */
    public Builder<K, M, S> prefetch(int jobs) {
      if (jobs < 1) {
        throw new IllegalArgumentException(
            "a worker holds at least one job at a time, not " + jobs);
      }
      this.prefetch = jobs;
      return this;
    }

    /**
     * The default window of routings that fix a job's worker when it is routed, with FIFO queues.
     */
    public static final int DEFAULT_WINDOW = 32;

    /** The prefetch window when none is set: see {@link #prefetch(int)}. */
    static int defaultPrefetch(Routing routing, int priorityLevels) {
      boolean sharedQueue = routing == Routing.QUEUER || routing == Routing.STICKY_QUEUER;
      return sharedQueue || priorityLevels > 0 ? 1 : DEFAULT_WINDOW;
    }

    /**
     * How many times a job is run again after its worker failed on it or was found stuck (default
     * 0). The retry goes to the failed worker's replacement before anything else, so per-key order
     * holds; a job whose retries are used up is reported {@code WORKER_FAILED} or {@code STUCK}.
     * Retries are counted in {@link FactoryStats#retried()}.
     *
     * @param times how many retries, 0 or more
     * @return this builder
     * @throws IllegalArgumentException if {@code times} is negative
     */
    public Builder<K, M, S> retries(int times) {
      if (times < 0) {
        throw new IllegalArgumentException("retries cannot be negative: " + times);
      }
      this.retries = times;
      return this;
    }

    /**
     * How jobs are routed: a {@link Routing.Mode} or {@link Routing#custom(KeyRouter)}.
     *
     * @param routing the routing
     * @return this builder
     * @throws NullPointerException if {@code routing} is null
     */
    public Builder<K, M, S> routing(Routing routing) {
      this.routing = Objects.requireNonNull(routing, "routing");
      return this;
    }

    /**
     * The most jobs waiting per queue: the factory's shared queue (queuer modes), or each worker's
     * queue (other modes). More are discarded as {@code LOAD_SHED}. Same as {@code
     * discardSettings(DiscardSettings.staticLimit(capacity, mode))}; {@link #discardSettings}
     * overrides it. Default: no limit.
     *
     * @param capacity the most jobs waiting per queue, 0 or more
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public Builder<K, M, S> queueCapacity(int capacity) {
      if (capacity < 0) {
        throw new IllegalArgumentException("queue capacity cannot be negative: " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * Which job gives way under {@link #queueCapacity} (default {@code NEWEST}; no effect without a
     * limit).
     *
     * @param mode which job gives way when a job arrives at a full queue
     * @return this builder
     * @throws NullPointerException if {@code mode} is null
     */
    public Builder<K, M, S> discardMode(DiscardMode mode) {
      this.discardMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The discard settings: none, a static limit, or a dynamic limit (overrides {@link
     * #queueCapacity}).
     *
     * @param settings the discard settings
     * @return this builder
     * @throws NullPointerException if {@code settings} is null
     */
    public Builder<K, M, S> discardSettings(DiscardSettings settings) {
      this.discardSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Told about every job not processed, with the reason; runs on the factory's thread. Without
     * one, discards are logged as a warning through {@code System.Logger} (logger {@code
     * io.troupe.factory.Factory}) with their counts by reason, at most one warning every 10
     * seconds.
     *
     * @param handler told of each discarded job and why
     * @return this builder
     * @throws NullPointerException if {@code handler} is null
     */
    public Builder<K, M, S> discardHandler(DiscardHandler<K, M> handler) {
      this.discardHandler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Priority queues of {@code levels} levels: a job's level is {@link JobOptions#priority()}
     * ({@code 0} lowest, {@code levels - 1} highest); higher levels run first, FIFO within a level.
     *
     * @param levels the number of levels, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code levels} is less than 1
     */
    public Builder<K, M, S> priorityQueue(int levels) {
      if (levels < 1) {
        throw new IllegalArgumentException(
            "a priority queue needs at least one level, not " + levels);
      }
      this.priorityLevels = levels;
      this.priorityOf = null;
      return this;
    }

    /**
     * Priority queues of {@code levels} levels, the level of a job given by {@code priorityOf}
     * (called on the submitting thread; a level out of range makes {@code submit} throw).
     *
     * @param levels the number of levels, at least 1
     * @param priorityOf gives a job's level, from 0 to {@code levels - 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code levels} is less than 1
     * @throws NullPointerException if {@code priorityOf} is null
     */
    public Builder<K, M, S> priorityQueue(int levels, ToIntFunction<? super Job<K, M>> priorityOf) {
      priorityQueue(levels);
      this.priorityOf = Objects.requireNonNull(priorityOf, "priorityOf");
      return this;
    }

    /**
     * Limits the rate at which jobs are routed (see {@link RateLimit}).
     *
     * @param limit the rate limit
     * @return this builder
     * @throws NullPointerException if {@code limit} is null
     */
    public Builder<K, M, S> rateLimit(RateLimit limit) {
      this.rateLimit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Kills and replaces a worker that has been on one job for longer than {@code timeout} (checked
     * every quarter of it); the job is reported {@link DiscardReason#STUCK}. Zero: off (default).
     *
     * @param timeout the longest a worker may spend on one job; zero for no limit
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws NullPointerException if {@code timeout} is null
     */
    public Builder<K, M, S> deadMansSwitch(Duration timeout) {
      this.deadMansSwitch = checkTimeout(timeout);
      return this;
    }

    static Duration checkTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException(
            "a dead-man's switch timeout cannot be negative: " + timeout);
      }
      return timeout;
    }

    /**
     * Hooks told when the factory has started, begins draining, and has stopped.
     *
     * @param hooks the lifecycle hooks
     * @return this builder
     * @throws NullPointerException if {@code hooks} is null
     */
    public Builder<K, M, S> lifecycle(FactoryLifecycle hooks) {
      this.lifecycle = Objects.requireNonNull(hooks, "hooks");
      return this;
    }

    /**
     * Every {@code every}, asks {@code controller} for the pool size given the current one and
     * resizes to it (an answer below 1 is ignored and logged). Runs on the factory's thread.
     *
     * @param controller maps the current pool size to the next one
     * @param every how often it is asked, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code every} is not positive
     * @throws NullPointerException if {@code controller} is null
     */
    public Builder<K, M, S> poolSizeController(IntUnaryOperator controller, Duration every) {
      this.poolController = Objects.requireNonNull(controller, "controller");
      if (every == null || every.isZero() || every.isNegative()) {
        throw new IllegalArgumentException(
            "the controller's period must be positive, not " + every);
      }
      this.poolControllerEvery = every;
      return this;
    }

    /**
     * The nanosecond clock of the rate limit, dynamic limits, the dead-man's switch and the stats;
     * tests only.
     */
    Builder<K, M, S> clock(LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The logger of the warnings about discards without a handler; tests only. */
    Builder<K, M, S> logger(System.Logger logger) {
      this.logger = Objects.requireNonNull(logger, "logger");
      return this;
    }

    /**
     * Spawns the factory actor (registered under {@code name} if not null) and its workers.
     *
     * @param node the node to run the factory on
     * @param name the name to register the factory actor under, or null for none
     * @return the running factory
     * @throws io.troupe.SpawnException if the name is taken or a worker fails to start
     */
    public Factory<K, M> spawn(Node node, String name) {
      FactoryCounters counters = new FactoryCounters();
      DiscardSettings discard =
          discardSettings != null
              ? discardSettings
              : queueCapacity >= 0
                  ? DiscardSettings.staticLimit(queueCapacity, discardMode)
                  : DiscardSettings.none();
      FactoryConfig<K, M, S> config =
          new FactoryConfig<>(
              workerBuilder,
              workers,
              prefetch > 0 ? prefetch : defaultPrefetch(routing, priorityLevels),
              retries,
              routing,
              priorityLevels,
              priorityOf,
              discard,
              discardHandler,
              rateLimit,
              deadMansSwitch,
              lifecycle,
              poolController,
              poolControllerEvery,
              clock != null ? clock : node.time()::nanoTime,
              logger);
      ActorRef<FactoryMsg<K, M>> ref = node.spawn(name, new FactoryActor<>(config, counters), null);
      return new Factory<>(ref, counters, config);
    }
  }
}
