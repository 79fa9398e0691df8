package io.troupe.bench;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Spawn 10,000 trivial actors, stop them all, and wait until every one has terminated. Score:
 * actors per second (spawned, stopped and awaited).
 *
 * <p>Pekko's {@code spawn} returns a ref at once and runs the new actor's set-up later on its
 * dispatcher; Troupe's peer of that is {@link Node#spawnInstant}, which {@link #troupe} uses from
 * the benchmark thread; then it {@code stop()}s each actor and {@code awaitExit}s each. {@link
 * #troupeAwaitingStart} uses {@link Node#spawn} instead, which returns only once the actor's {@code
 * preStart} has run: one thread hand-off and back per actor. Pekko has no spawn from outside an
 * actor system's tree (other than a system actor), so a parent actor spawns the children, watches
 * them, stops them, and counts their {@link Terminated} signals.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpawnStopBench {

  static final int ACTORS = 10_000;

  /** Actors per invocation; lowered by the smoke test. */
  int actors = ACTORS;

  /** An actor that does nothing. */
  static final class Trivial implements Actor<Object, Void, Void> {
    @Override
    public Void preStart(ActorRef<Object> self, Void args) {
      return null;
    }
  }

  /** Asks the Pekko parent for one round. */
  record Round(int actors, CountDownLatch done) {}

  static Behavior<Round> pekkoParent() {
    return Behaviors.setup(
        ctx -> {
          Behavior<Object> trivial = Behaviors.ignore();
          int[] left = new int[1];
          CountDownLatch[] done = new CountDownLatch[1];
          return Behaviors.receive(Round.class)
              .onMessage(
                  Round.class,
                  round -> {
                    left[0] = round.actors();
                    done[0] = round.done();
                    List<org.apache.pekko.actor.typed.ActorRef<Object>> kids =
                        new ArrayList<>(round.actors());
                    for (int i = 0; i < round.actors(); i++) {
                      org.apache.pekko.actor.typed.ActorRef<Object> kid =
                          ctx.spawnAnonymous(trivial);
                      ctx.watch(kid);
                      kids.add(kid);
                    }
                    for (org.apache.pekko.actor.typed.ActorRef<Object> kid : kids) {
                      ctx.stop(kid);
                    }
                    return Behaviors.same();
                  })
              .onSignal(
                  Terminated.class,
                  t -> {
                    if (--left[0] == 0) {
                      done[0].countDown();
                    }
                    return Behaviors.same();
                  })
              .build();
        });
  }

  private static final Trivial TRIVIAL = new Trivial();
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

  /** A Troupe node to spawn on. */
  @State(Scope.Benchmark)
  public static class TroupeNode {
    Node node;

    @Setup(Level.Trial)
    public void setup() {
      node = Node.create("spawn-stop");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      node.close();
    }
  }

  /** A Pekko actor system with the parent that spawns. */
  @State(Scope.Benchmark)
  public static class PekkoParent {
    ActorSystem<Void> system;
    org.apache.pekko.actor.typed.ActorRef<Round> parent;

    @Setup(Level.Trial)
    public void setup() {
      system = PekkoSystems.create("spawn-stop");
      parent = PekkoSystems.spawn(system, pekkoParent(), "parent");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      PekkoSystems.terminate(system);
    }
  }

  @Benchmark
  @OperationsPerInvocation(ACTORS)
  public void troupe(TroupeNode target) {
    Node node = target.node;
    List<ActorRef<Object>> refs = new ArrayList<>(actors);
    for (int i = 0; i < actors; i++) {
      refs.add(node.spawnInstant(null, TRIVIAL, null, null).ref());
    }
    stopAndAwait(refs);
  }

  @Benchmark
  @OperationsPerInvocation(ACTORS)
  public void troupeAwaitingStart(TroupeNode target) {
    Node node = target.node;
    List<ActorRef<Object>> refs = new ArrayList<>(actors);
    for (int i = 0; i < actors; i++) {
      refs.add(node.spawn(TRIVIAL, null));
    }
    stopAndAwait(refs);
  }

  private static void stopAndAwait(List<ActorRef<Object>> refs) {
    for (ActorRef<Object> ref : refs) {
      ref.stop();
    }
    for (ActorRef<Object> ref : refs) {
      if (!ref.awaitExit(EXIT_TIMEOUT)) {
        throw new IllegalStateException(ref + " did not stop");
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(ACTORS)
  public void pekko(PekkoParent target) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    target.parent.tell(new Round(actors, done));
    Await.latch(done);
  }
}
