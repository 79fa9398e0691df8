package io.troupe.internal;

import java.util.concurrent.CompletableFuture;

/**
 * Lets a platform thread that makes a blocking call spin briefly for the answer before it parks,
 * when its recent answers came quickly: an answer that lands during the spin costs no park and no
 * wake-up (several microseconds each, on both sides). Adaptive per thread: a thread whose answers
 * take longer than {@link #WORTHWHILE_NANOS} on average never spins; virtual threads never spin (a
 * spinning virtual thread would hold the carrier the answering actor may need).
 */
final class AnswerSpin {

  /** Answers faster than this on average make spinning pay. */
  static final long WORTHWHILE_NANOS = 50_000;

  /** The longest spin. */
  static final long SPIN_NANOS = 50_000;

  /** Per thread: the moving average of answer times, in nanoseconds. */
  private static final ThreadLocal<long[]> AVERAGE = ThreadLocal.withInitial(() -> new long[] {0});

  private AnswerSpin() {}

  /** Spins until {@code answer} is done or the spin is not worth it any more. */
  static void await(CompletableFuture<?> answer, long sentAt) {
    Thread me = Thread.currentThread();
    if (me.isVirtual()) {
      return;
    }
    if (worthSpinning()) {
      long end = sentAt + SPIN_NANOS;
      for (int i = 1; !answer.isDone(); i++) {
        Thread.onSpinWait();
        if ((i & 15) == 0 && System.nanoTime() - end > 0) {
          break;
        }
      }
    }
  }

  /** True if the calling thread's recent answers came fast enough to spin for the next one. */
  static boolean worthSpinning() {
    return AVERAGE.get()[0] <= WORTHWHILE_NANOS;
  }

  /** Records how long an answer took (after the call returned). */
  static void record(long sentAt) {
    if (Thread.currentThread().isVirtual()) {
      return;
    }
    recordAnswerTime(System.nanoTime() - sentAt);
  }

  /**
   * Adds one answer time to the calling thread's average. NOTE: each counts as at most twice {@link
   * #WORTHWHILE_NANOS}, so one slow answer (a GC pause, a descheduled worker) cannot end a
   * request/reply loop's spinning for good: the loop would fall back to parking and waking on both
   * sides, and its answers would then stay slow enough never to spin again.
   */
  static void recordAnswerTime(long nanos) {
    long[] average = AVERAGE.get();
    long took = Math.min(Math.max(0, nanos), 2 * WORTHWHILE_NANOS);
    average[0] += (took - average[0]) >> 3;
  }
}
