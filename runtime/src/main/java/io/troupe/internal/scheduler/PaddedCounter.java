package io.troupe.internal.scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An int counter alone on its cache line: for a count that the workers write all the time (the
 * scheduler's count of searching workers), so that its writes do not keep invalidating the line of
 * the counts every submission reads (idle and available workers), as they did when the counters
 * were small objects allocated side by side. The padding is fields of the superclass (laid out
 * before the value) and of this class (after it), the way JCTools pads its queue indices.
 */
final class PaddedCounter extends PaddedCounterValue {

  @SuppressWarnings("unused")
  private long p10, p11, p12, p13, p14, p15, p16, p17;

  /** The current count (volatile read). */
  int get() {
    return (int) VALUE.getVolatile(this);
  }

  void increment() {
    VALUE.getAndAdd(this, 1);
  }

  void decrement() {
    VALUE.getAndAdd(this, -1);
  }
}

/** The padding before the value. */
abstract class PaddedCounterBefore {
  @SuppressWarnings("unused")
  private long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** The value, between the paddings. */
abstract class PaddedCounterValue extends PaddedCounterBefore {
  static final VarHandle VALUE;

  static {
    try {
      VALUE = MethodHandles.lookup().findVarHandle(PaddedCounterValue.class, "value", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through VALUE
  private volatile int value;
}
