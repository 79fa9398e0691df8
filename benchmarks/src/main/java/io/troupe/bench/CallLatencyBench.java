package io.troupe.bench;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequential request/reply from the benchmark thread to one actor that answers at once: Troupe's
 * {@code call} against Pekko's {@code ask}. Mode SampleTime: JMH reports the latency distribution
 * (read p0.50 and p0.99).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CallLatencyBench {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** A request carrying its reply port. */
  record Get(RpcReplyPort<Integer> reply) {}

  static final class Answerer implements Actor<Get, Void, Void> {
    @Override
    public Void preStart(ActorRef<Get> self, Void args) {
      return null;
    }

    @Override
    public Void handle(ActorRef<Get> self, Get get, Void state) {
      get.reply().send(42);
      return null;
    }
  }

  record PekkoGet(org.apache.pekko.actor.typed.ActorRef<Integer> replyTo) {}

  static Behavior<PekkoGet> pekkoAnswerer() {
    return Behaviors.receiveMessage(
        get -> {
          get.replyTo().tell(42);
          return Behaviors.same();
        });
  }

  /** A Troupe answerer on its own node. */
  @State(Scope.Benchmark)
  public static class TroupeAnswerer {
    Node node;
    ActorRef<Get> answerer;

    @Setup(Level.Trial)
    public void setup() {
      node = Node.create("call");
      answerer = node.spawn(new Answerer(), null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      node.close();
    }
  }

  /** A Pekko answerer in its own actor system. */
  @State(Scope.Benchmark)
  public static class PekkoAnswerer {
    ActorSystem<Void> system;
    org.apache.pekko.actor.typed.ActorRef<PekkoGet> answerer;

    @Setup(Level.Trial)
    public void setup() {
      system = PekkoSystems.create("call");
      answerer = PekkoSystems.spawn(system, pekkoAnswerer(), "answerer");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      PekkoSystems.terminate(system);
    }
  }

  @Benchmark
  public Integer troupe(TroupeAnswerer target) {
    return target.answerer.<Integer>call(Get::new, TIMEOUT).orThrow();
  }

  @Benchmark
  public Integer pekko(PekkoAnswerer target) throws Exception {
    return AskPattern.<PekkoGet, Integer>ask(
            target.answerer, PekkoGet::new, TIMEOUT, target.system.scheduler())
        .toCompletableFuture()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
