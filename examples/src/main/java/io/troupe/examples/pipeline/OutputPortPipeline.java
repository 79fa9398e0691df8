package io.troupe.examples.pipeline;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.port.OutputPort;
import java.time.Duration;
import java.util.Optional;

/**
 * A sensor publishes readings on an {@link OutputPort}; a logger takes every reading, an alarm only
 * the ones above a threshold (its converter drops the rest). The subscribers never know the sensor,
 * and each receives its own message type.
 */
public final class OutputPortPipeline {
  private OutputPortPipeline() {}

  /** A reading published by the sensor. */
  public record Reading(String sensor, double celsius) {}

  /** The alarm's message. */
  public record TooHot(String sensor, double celsius) {}

  /** Prints every line it receives. */
  static final class Logger implements Actor<String, Integer, Void> {
    @Override
    public Integer preStart(ActorRef<String> self, Void args) {
      return 0;
    }

    @Override
    public Integer handle(ActorRef<String> self, String line, Integer count) {
      System.out.println("  log #" + (count + 1) + ": " + line);
      return count + 1;
    }
  }

  /** Raises the alarm. */
  static final class Alarm implements Actor<TooHot, Integer, Void> {
    @Override
    public Integer preStart(ActorRef<TooHot> self, Void args) {
      return 0;
    }

    @Override
    public Integer handle(ActorRef<TooHot> self, TooHot hot, Integer count) {
      System.out.println("  ALARM: " + hot.sensor() + " at " + hot.celsius() + " °C");
      return count + 1;
    }
  }

  public static void main(String[] args) {
    try (Node node = Node.create("pipeline")) {
      OutputPort<Reading> readings = new OutputPort<>();
      ActorRef<String> logger = node.spawn(new Logger(), null);
      ActorRef<TooHot> alarm = node.spawn(new Alarm(), null);
      readings.subscribe(logger, r -> Optional.of(r.sensor() + " reads " + r.celsius() + " °C"));
      readings.subscribe(
          alarm,
          r ->
              r.celsius() > 30
                  ? Optional.of(new TooHot(r.sensor(), r.celsius()))
                  : Optional.empty());
      for (double t : new double[] {21.5, 24.0, 31.2, 28.9, 35.0}) {
        readings.send(new Reading("greenhouse", t));
      }
      logger.drainAndWait(Duration.ofSeconds(1));
      alarm.drainAndWait(Duration.ofSeconds(1));
      readings.send(new Reading("greenhouse", 40.0)); // both subscribers are gone: dropped quietly
      System.out.println("subscribers left: " + readings.subscriberCount());
    }
  }
}
