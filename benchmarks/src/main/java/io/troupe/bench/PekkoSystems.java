package io.troupe.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Pekko actor systems for the benchmarks: default dispatcher and mailbox (what a user gets out of
 * the box), with logging turned down so it does not pollute JMH's output.
 */
final class PekkoSystems {

  private static final Config QUIET =
      ConfigFactory.parseString(
          """
          pekko.loglevel = WARNING
          pekko.stdout-loglevel = WARNING
          pekko.log-dead-letters = off
          pekko.log-dead-letters-during-shutdown = off
          """);

  private PekkoSystems() {}

  static ActorSystem<Void> create(String name) {
    return ActorSystem.create(Behaviors.empty(), name, QUIET.withFallback(ConfigFactory.load()));
  }

  /** A system with {@code extra} settings on top of the quiet defaults (e.g. remoting). */
  static ActorSystem<Void> create(String name, Config extra) {
    return ActorSystem.create(
        Behaviors.empty(), name, extra.withFallback(QUIET).withFallback(ConfigFactory.load()));
  }

  /** Spawns a top-level actor from outside the system (benchmark set-up only). */
  static <T> ActorRef<T> spawn(ActorSystem<Void> system, Behavior<T> behavior, String name) {
    return system.systemActorOf(behavior, name, Props.empty());
  }

  static void terminate(ActorSystem<Void> system) throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static final Duration TIMEOUT = Duration.ofSeconds(30);
}
