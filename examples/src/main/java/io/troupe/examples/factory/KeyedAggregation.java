package io.troupe.examples.factory;

import io.troupe.Node;
import io.troupe.factory.DiscardReason;
import io.troupe.factory.Factory;
import io.troupe.factory.FactoryStats;
import io.troupe.factory.Job;
import io.troupe.factory.Routing;
import io.troupe.factory.Worker;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A keyed aggregation on a factory: orders are summed per customer by 3 workers. Key-persistent
 * routing sends every order of one customer to the same worker, so each worker can keep its
 * customers' totals in plain state with no locking. One bad order crashes a worker: the factory
 * replaces it, reports the order, and carries on.
 */
public final class KeyedAggregation {
  private KeyedAggregation() {}

  /**
   * An order of {@code cents} for a customer; a negative amount is a bug that crashes the worker.
   */
  public record Order(String customer, long cents) {}

  /** The published results: each worker writes its own customers only. */
  static final Map<String, Long> TOTALS = new ConcurrentHashMap<>();

  /** Sums orders per customer. */
  static final class Summer implements Worker<String, Order, Map<String, Long>> {
    @Override
    public Map<String, Long> start(int workerIndex) {
      return new TreeMap<>();
    }

    @Override
    public Map<String, Long> handle(Job<String, Order> job, Map<String, Long> totals) {
      Order order = job.message();
      if (order.cents() < 0) {
        throw new IllegalArgumentException("negative order " + order);
      }
      long total = totals.merge(order.customer(), order.cents(), Long::sum);
      TOTALS.put(order.customer(), total);
      return totals;
    }
  }

  public static void main(String[] args) {
    try (Node node = Node.create("factory")) {
      Factory<String, Order> factory =
          Factory.<String, Order, Map<String, Long>>builder(Summer::new)
              .workers(3)
              .routing(Routing.KEY_PERSISTENT)
              .discardHandler(
                  (job, reason) ->
                      System.out.println("  discarded (" + reason + "): " + job.message()))
              .spawn(node, "order-totals");
      String[] customers = {"ada", "grace", "alan", "barbara"};
      for (int i = 0; i < 1000; i++) {
        String customer = customers[i % customers.length];
        factory.submit(customer, new Order(customer, 100 + i));
        if (i == 500) {
          factory.submit(customer, new Order(customer, -1)); // crashes that customer's worker
        }
      }
      factory.drainAndWait(Duration.ofSeconds(10));
      FactoryStats stats = factory.stats();
      System.out.println("totals per customer: " + new TreeMap<>(TOTALS));
      System.out.println(
          "(the crashed worker restarted with empty state: its customers' totals count only the orders after the crash)");
      System.out.println(
          "submitted "
              + stats.submitted()
              + ", processed "
              + stats.processed()
              + ", worker failures "
              + stats.discarded().get(DiscardReason.WORKER_FAILED));
    }
  }
}
