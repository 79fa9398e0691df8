package io.troupe.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a benchmark round to finish, failing loudly instead of hanging a broken run. */
final class Await {
  private Await() {}

  static void latch(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("benchmark round did not finish within 60 s");
    }
  }

  /** The round's result, or an exception if it did not come within 60 s. */
  static <T> T future(CompletableFuture<T> future) throws InterruptedException, ExecutionException {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("benchmark round did not finish within 60 s", e);
    }
  }
}
