package io.troupe.examples;

import java.lang.reflect.Method;
import java.util.List;

/** Runs every example in turn: what {@code ./troupe examples} does. */
public final class RunAll {
  private RunAll() {}

  /** The examples, in the order a newcomer should read them. */
  static final List<String> EXAMPLES =
      List.of(
          "io.troupe.examples.pingpong.PingPong",
          "io.troupe.examples.counter.CounterExample",
          "io.troupe.examples.codegen.FacadeExample",
          "io.troupe.examples.supervision.SupervisorTree",
          "io.troupe.examples.pipeline.OutputPortPipeline",
          "io.troupe.examples.chat.ChatRoom",
          "io.troupe.examples.factory.KeyedAggregation",
          "io.troupe.examples.factory.RateLimitedFetcher",
          "io.troupe.examples.cluster.ThreeNodes",
          "io.troupe.examples.cluster.TwoJvms",
          "io.troupe.examples.cluster.Subscribers",
          "io.troupe.examples.observability.TracedAcrossNodes");

  public static void main(String[] args) throws Exception {
    for (String example : EXAMPLES) {
      System.out.println();
      System.out.println("=== " + example.substring(example.lastIndexOf('.') + 1) + " ===");
      Method main = Class.forName(example).getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    }
    System.out.println();
    System.out.println("All " + EXAMPLES.size() + " examples finished.");
  }
}
