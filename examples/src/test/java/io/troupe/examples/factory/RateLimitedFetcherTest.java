package io.troupe.examples.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Node;
import io.troupe.factory.DiscardReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitedFetcherTest {
  @Test
  void everyPageButTheHangingOneIsFetchedAtTheLimitedRate() {
    try (Node node = Node.create("crawler-test")) {
      RateLimitedFetcher.Result result = RateLimitedFetcher.run(node);
      assertEquals(39, result.pages().size());
      assertEquals(
          List.of("STUCK https://b.example" + RateLimitedFetcher.HANGING), result.givenUp());
      assertEquals(39, result.stats().processed());
      assertEquals(1, result.stats().discarded(DiscardReason.STUCK));
      assertEquals(40, result.stats().submitted());
      // 30 fetches beyond the first 10 at one token per 10 ms: never faster than ~300 ms.
      assertTrue(
          result.elapsed().compareTo(Duration.ofMillis(250)) >= 0, "elapsed " + result.elapsed());
    }
  }
}
