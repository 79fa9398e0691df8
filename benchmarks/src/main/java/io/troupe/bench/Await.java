package io.troupe.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits for a benchmark round to finish, failing loudly instead of hanging a broken run. */
final class Await {
  private Await() {}

  static void latch(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("benchmark round did not finish within 60 s");
    }
  }
}
