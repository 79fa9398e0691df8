package io.troupe.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a benchmark round to finish, failing loudly instead of hanging a broken run. The limit
 * is generous: on a loaded machine a slow runtime took 60 s for one round of 1,000,000 thread-ring
 * hops, which is a result, not a hang.
 */
final class Await {
  private static final long LIMIT_SECONDS = 600;

  private Await() {}

  static void latch(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "benchmark round did not finish within " + LIMIT_SECONDS + " s");
    }
  }

  /** The round's result, or an exception if it did not come within the limit. */
  static <T> T future(CompletableFuture<T> future) throws InterruptedException, ExecutionException {
    try {
      return future.get(LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "benchmark round did not finish within " + LIMIT_SECONDS + " s", e);
    }
  }
}
