package io.troupe.factory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a test's workers do and what they saw. Messages: {@code "fail"} throws, {@code "block"}
 * waits for {@link #gate}, {@code "hang"} waits until interrupted (killed), {@code "slow"} takes 5
 * ms, {@code "flakyN..."} throws on its first N attempts; anything else is just logged as {@code
 * "worker:key:message"}. Discards are logged as {@code "REASON:message"}.
 */
final class Probe {
  final List<String> log = new CopyOnWriteArrayList<>();
  final List<String> discards = new CopyOnWriteArrayList<>();
  final AtomicInteger starts = new AtomicInteger();

  /** Workers that have entered a {@code "hang"} job. */
  final AtomicInteger hanging = new AtomicInteger();

  final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  volatile CountDownLatch gate = new CountDownLatch(0);

  void closeGate() {
    gate = new CountDownLatch(1);
  }

  void openGate() {
    gate.countDown();
  }

  Factory.Builder<String, String, Integer> builder() {
    return Factory.<String, String, Integer>builder(Worker::new)
        .discardHandler((job, reason) -> discards.add(reason + ":" + job.message()));
  }

  /** The messages handled, in order. */
  List<String> messages() {
    return log.stream().map(l -> l.split(":", 3)[2]).toList();
  }

  long discarded(DiscardReason reason) {
    return discards.stream().filter(d -> d.startsWith(reason + ":")).count();
  }

  final class Worker implements io.troupe.factory.Worker<String, String, Integer> {
    @Override
    public Integer start(int workerIndex) {
      starts.incrementAndGet();
      return workerIndex;
    }

    @Override
    public Integer handle(Job<String, String> job, Integer index) throws Exception {
      switch (job.message()) {
        case "fail" -> throw new IllegalStateException("asked to fail");
        case "block" -> gate.await();
        case "slow" -> Thread.sleep(5);
        case "hang" -> {
          hanging.incrementAndGet();
          new CountDownLatch(1).await();
        }
        default -> {
          String m = job.message();
          int attempt = attempts.computeIfAbsent(m, k -> new AtomicInteger()).incrementAndGet();
          if (m.startsWith("flaky") && attempt <= m.charAt(5) - '0') {
            throw new IllegalStateException("flaky, attempt " + attempt);
          }
        }
      }
      log.add(index + ":" + job.key() + ":" + job.message());
      return index;
    }
  }
}
