package io.troupe.internal.scheduler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a worker that ran out of work may spin for the next task instead of parking. */
class SpinPolicyTest {
  private static final long SHORT = 1_000; // a request/reply loop's gap: about a microsecond
  private static final long LONG = 200_000; // a GC pause, a descheduled caller
  private final Worker worker = new Worker(new Scheduler(2, 32));

  @Test
  void aNewWorkerDoesNotSpin() {
    assertFalse(worker.spinWorthwhile());
  }

  @Test
  void aRunOfShortGapsMakesSpinningWorthwhile() {
    for (int i = 0; i < 8; i++) {
      worker.recordIdleGap(SHORT);
    }
    assertTrue(worker.spinWorthwhile());
  }

  @Test
  void oneLongGapDoesNotEndALoopsSpinning() {
    for (int i = 0; i < 16; i++) {
      worker.recordIdleGap(SHORT);
    }
    worker.recordIdleGap(LONG);
    assertTrue(worker.spinWorthwhile(), "one pause among short gaps");
    for (int i = 0; i < 3; i++) {
      worker.recordIdleGap(SHORT);
      worker.recordIdleGap(LONG);
    }
    assertTrue(worker.spinWorthwhile(), "4 long gaps of the last 16");
  }

  @Test
  void gapsJustLongerThanAWakeUpNeverMakeAWorkerSpin() {
    // A paced sparse load: a message every 10 µs per worker; spinning 9 µs to save a wake-up of a
    // few µs would cost more CPU than it saves.
    for (int i = 0; i < 1_000; i++) {
      worker.recordIdleGap(Scheduler.SPIN_WORTHWHILE_NANOS * 2);
      assertFalse(worker.spinWorthwhile());
    }
  }

  @Test
  void aLoadThatTurnsSparseStopsTheSpinning() {
    for (int i = 0; i < 16; i++) {
      worker.recordIdleGap(SHORT);
    }
    for (int i = 0; i < 9; i++) {
      worker.recordIdleGap(LONG);
    }
    assertFalse(worker.spinWorthwhile(), "9 long gaps of the last 16");
  }
}
