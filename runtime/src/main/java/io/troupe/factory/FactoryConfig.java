package io.troupe.factory;

import java.time.Duration;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A factory's settings as built (validated by {@link Factory.Builder}); the changeable ones are the
 * starting values.
 *
 * @param prefetch the most jobs a worker holds at once (running plus in its mailbox)
 * @param retries how many times a job is retried after its worker failed or was stuck
 * @param priorityLevels 0 for a FIFO queue, else the number of priority levels
 * @param priorityOf the job's priority, or null to read {@link JobOptions#priority()}
 * @param discardHandler null for none: discards are then logged as warnings to {@code logger}
 * @param rateLimit null for none
 * @param deadMansSwitch {@link Duration#ZERO} for none
 * @param poolController null for a fixed size (changed only by {@code resize})
 * @param clock nanoseconds, {@code System::nanoTime} except in tests
 * @param logger the factory's logger (named after {@link Factory}) except in tests
 */
record FactoryConfig<K, M, S>(
    Supplier<? extends Worker<K, M, S>> workerBuilder,
    int workers,
    int prefetch,
    int retries,
    Routing routing,
    int priorityLevels,
    ToIntFunction<? super Job<K, M>> priorityOf,
    DiscardSettings discard,
    DiscardHandler<K, M> discardHandler,
    RateLimit rateLimit,
    Duration deadMansSwitch,
    FactoryLifecycle lifecycle,
    IntUnaryOperator poolController,
    Duration poolControllerEvery,
    LongSupplier clock,
    System.Logger logger) {

  JobQueue<K, M> newQueue() {
    return priorityLevels == 0 ? new FifoJobQueue<>() : new PriorityJobQueue<>(priorityLevels);
  }

  /**
   * The queue level of {@code job}.
   *
   * @throws IllegalArgumentException if it is outside the factory's levels
   */
  int priorityOf(Job<K, M> job) {
    if (priorityLevels == 0) {
      return 0;
    }
    int priority = priorityOf == null ? job.options().priority() : priorityOf.applyAsInt(job);
    if (priority < 0 || priority >= priorityLevels) {
      throw new IllegalArgumentException(
          "job priority "
              + priority
              + " is outside the factory's levels 0 to "
              + (priorityLevels - 1));
    }
    return priority;
  }
}
