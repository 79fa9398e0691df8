package io.troupe.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a platform thread waiting in {@code call} spins for its answer. */
class AnswerSpinTest {

  @Test
  void oneSlowAnswerAmongFastOnesKeepsTheCallerSpinning() throws Exception {
    runOnFreshPlatformThread(
        () -> {
          for (int i = 0; i < 50; i++) {
            AnswerSpin.recordAnswerTime(2_000);
          }
          AnswerSpin.recordAnswerTime(1_000_000_000L); // a one-second GC pause or stall
          assertTrue(AnswerSpin.worthSpinning());
        });
  }

  @Test
  void steadilySlowAnswersStopTheSpinning() throws Exception {
    runOnFreshPlatformThread(
        () -> {
          for (int i = 0; i < 50; i++) {
            AnswerSpin.recordAnswerTime(AnswerSpin.WORTHWHILE_NANOS * 2);
          }
          assertFalse(AnswerSpin.worthSpinning());
        });
  }

  /** The average is per thread: each test starts from a thread that has made no call. */
  private static void runOnFreshPlatformThread(Runnable body) throws Exception {
    Throwable[] failure = new Throwable[1];
    Thread t =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    body.run();
                  } catch (Throwable e) {
                    failure[0] = e;
                  }
                });
    t.join();
    if (failure[0] instanceof Error e) {
      throw e;
    }
    if (failure[0] != null) {
      throw new AssertionError(failure[0]);
    }
  }
}
