package io.troupe.factory;

import io.troupe.ActorRef;
import io.troupe.timer.TimerHandle;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * The factory's periodic work: one interval timer at the shortest period an enabled feature needs
 * (a quarter of the dead-man's switch timeout, the dynamic discard controller's period, the pool
 * size controller's period), or none. Says what is due; the factory acts on it. Owned by the
 * factory's thread.
 */
final class Upkeep<K, M> {
  private static final long MIN_PERIOD_NANOS = Duration.ofMillis(1).toNanos();

  private final ActorRef<FactoryMsg<K, M>> self;
  private final LongSupplier clock;
  private final FactoryMsg.Tick<K, M> tick = new FactoryMsg.Tick<>();
  private final IntUnaryOperator poolController;
  private final long poolControllerNanos;
  private long poolControllerDue;
  private DeadMansSwitch deadMans;
  private TimerHandle timer;
  private long period;

  Upkeep(ActorRef<FactoryMsg<K, M>> self, FactoryConfig<K, M, ?> config) {
    this.self = self;
    this.clock = config.clock();
    this.poolController = config.poolController();
    this.poolControllerNanos = poolController == null ? 0 : config.poolControllerEvery().toNanos();
    this.poolControllerDue = clock.getAsLong() + poolControllerNanos;
    deadMansSwitch(config.deadMansSwitch());
  }

  /** A new timeout; zero turns the switch off. Call {@link #reschedule} after. */
  void deadMansSwitch(Duration timeout) {
    deadMans = timeout.isZero() ? null : new DeadMansSwitch(timeout);
  }

  /** Starts, changes or stops the timer for the features enabled now. */
  void reschedule(long discardRefreshNanos) {
    long next = Long.MAX_VALUE;
    if (deadMans != null) {
      next = Math.min(next, deadMans.timeoutNanos() / 4);
    }
    if (discardRefreshNanos > 0) {
      next = Math.min(next, discardRefreshNanos);
    }
    if (poolController != null) {
      next = Math.min(next, poolControllerNanos);
    }
    next = next == Long.MAX_VALUE ? 0 : Math.max(next, MIN_PERIOD_NANOS);
    if (next == period) {
      return;
    }
    stop();
    period = next;
    if (next > 0) {
      timer = self.sendInterval(Duration.ofNanos(next), () -> tick);
    }
  }

  /** True if the dead-man's switch is on. */
  boolean watchesStuck() {
    return deadMans != null;
  }

  /** The workers on one job for longer than the dead-man's switch allows (none if it is off). */
  List<WorkerSlot<K, M>> stuck(List<WorkerSlot<K, M>> slots) {
    return deadMans == null ? List.of() : deadMans.stuck(slots, clock.getAsLong());
  }

  /** The pool size the controller wants, if it is due (its period has passed since it last ran). */
  OptionalInt poolSize(int current) {
    long now = clock.getAsLong();
    if (poolController == null || now - poolControllerDue < 0) {
      return OptionalInt.empty();
    }
    poolControllerDue = now + poolControllerNanos;
    return OptionalInt.of(poolController.applyAsInt(current));
  }

  void stop() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    period = 0;
  }
}
