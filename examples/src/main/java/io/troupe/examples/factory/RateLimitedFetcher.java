package io.troupe.examples.factory;

import io.troupe.Node;
import io.troupe.factory.DiscardReason;
import io.troupe.factory.DiscardSettings;
import io.troupe.factory.Factory;
import io.troupe.factory.FactoryStats;
import io.troupe.factory.Job;
import io.troupe.factory.RateLimit;
import io.troupe.factory.Routing;
import io.troupe.factory.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A polite crawler on a factory: 3 workers fetch 40 pages from 4 hosts, at most 100 fetches a
 * second (excess fetches wait their turn instead of being dropped). Sticky-queuer routing keeps a
 * host's fetches on the worker already talking to it. One page never answers: the dead-man's switch
 * kills the worker stuck on it after 200 ms, reports the fetch as {@code STUCK}, and a fresh worker
 * carries on. The "web" is a map in memory, so the example needs no network.
 */
public final class RateLimitedFetcher {
  private RateLimitedFetcher() {}

  /** A page to fetch. */
  public record Fetch(String host, String path) {
    String url() {
      return "https://" + host + path;
    }
  }

  /**
   * What a run produced: page sizes by URL, the fetches given up with their reason, and the stats.
   */
  public record Result(
      Map<String, Integer> pages, List<String> givenUp, FactoryStats stats, Duration elapsed) {}

  /** The path that never answers. */
  static final String HANGING = "/slow-forever";

  /** Fetches from the in-memory web; a connection to the hanging path never completes. */
  static final class Fetcher implements Worker<String, Fetch, Integer> {
    private final Map<String, Integer> pages;

    Fetcher(Map<String, Integer> pages) {
      this.pages = pages;
    }

    @Override
    public Integer start(int workerIndex) {
      return 0; // pages fetched by this worker
    }

    @Override
    public Integer handle(Job<String, Fetch> job, Integer fetched) throws InterruptedException {
      Fetch fetch = job.message();
      if (fetch.path().equals(HANGING)) {
        new CountDownLatch(1).await(); // a server that never answers: only a kill ends this
      }
      pages.put(fetch.url(), ("<html>" + fetch.url() + "</html>").length());
      return fetched + 1;
    }
  }

  /** Crawls the example's 40 pages and waits for the crawl to finish. */
  public static Result run(Node node) {
    Map<String, Integer> pages = new ConcurrentHashMap<>();
    List<String> givenUp = new CopyOnWriteArrayList<>();
    Factory<String, Fetch> crawler =
        Factory.<String, Fetch, Integer>builder(() -> new Fetcher(pages))
            .workers(3)
            .routing(Routing.STICKY_QUEUER)
            .rateLimit(RateLimit.of(10, Duration.ofMillis(100)).delayingExcess())
            .deadMansSwitch(Duration.ofMillis(200))
            .discardSettings(DiscardSettings.none())
            .discardHandler((job, reason) -> givenUp.add(reason + " " + job.message().url()))
            .spawn(node, "crawler");
    String[] hosts = {"a.example", "b.example", "c.example", "d.example"};
    long start = System.nanoTime();
    for (int i = 0; i < 40; i++) {
      String host = hosts[i % hosts.length];
      String path = i == 13 ? HANGING : "/page-" + i;
      crawler.submit(host, new Fetch(host, path));
    }
    crawler.drainAndWait(Duration.ofSeconds(10));
    return new Result(
        new TreeMap<>(pages),
        List.copyOf(givenUp),
        crawler.stats(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  public static void main(String[] args) {
    try (Node node = Node.create("crawler")) {
      Result result = run(node);
      FactoryStats stats = result.stats();
      System.out.println(
          "fetched "
              + result.pages().size()
              + " pages in "
              + result.elapsed().toMillis()
              + " ms (at most 100 fetches a second: the rate limit held the excess back)");
      result.givenUp().forEach(g -> System.out.println("  gave up: " + g));
      System.out.printf(
          "processed %d, stuck %d, mean wait %.1f ms, mean fetch %.3f ms%n",
          stats.processed(),
          stats.discarded(DiscardReason.STUCK),
          stats.waitingTime().meanNanos() / 1e6,
          stats.processingTime().meanNanos() / 1e6);
    }
  }
}
