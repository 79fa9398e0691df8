package io.troupe.bench;

import io.troupe.bench.Hosted.Logic;
import io.troupe.bench.Hosted.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Savina's thread ring: 503 actors in a ring pass one token 1,000,000 hops; each hop is a new
 * message to the next actor, so exactly one actor is busy at any time and every hop wakes an idle
 * one. Score: hops per second.
 *
 * <p>{@link #troupeWithBusyThread} and {@link #pekkoWithBusyThread} run the same ring next to a
 * {@link CompetingThread} that keeps one core busy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ThreadRingBench {

  static final int ACTORS = 503;
  static final int HOPS = 1_000_000;

  /** Hops per invocation; lowered by the smoke test. */
  int hops = HOPS;

  /** The token: hops still to go, and where to report the actor that holds it last. */
  record Token(int remaining, CompletableFuture<Integer> done) {}

  /** Member {@code index} of the ring: passes the token on to member {@code index + 1}. */
  static final class Member implements Logic<Token> {
    private final List<Peer<Token>> ring;
    private final int index;
    private Peer<Token> next;

    Member(List<Peer<Token>> ring, int index) {
      this.ring = ring;
      this.index = index;
    }

    @Override
    public boolean on(Token token) {
      if (token.remaining() == 0) {
        token.done().complete(index);
      } else {
        if (next == null) {
          // The ring is complete before the first token is sent (and that send publishes it).
          next = ring.get((index + 1) % ring.size());
        }
        next.tell(new Token(token.remaining() - 1, token.done()));
      }
      return true;
    }
  }

  static List<Peer<Token>> spawnRing(int actors, Hosted.Spawner spawner) {
    List<Peer<Token>> ring = new ArrayList<>(actors);
    for (int i = 0; i < actors; i++) {
      int index = i;
      ring.add(spawner.spawn(ctx -> new Member(ring, index), "member-" + i));
    }
    return ring;
  }

  /** A ring of Troupe actors on their own node. */
  @State(Scope.Benchmark)
  public static class TroupeRing extends Trials.OnTroupe<List<Peer<Token>>> {
    int actors = ACTORS;

    @Override
    List<Peer<Token>> spawn(Hosted.Spawner spawner) {
      return spawnRing(actors, spawner);
    }
  }

  /** A ring of Pekko actors in their own actor system. */
  @State(Scope.Benchmark)
  public static class PekkoRing extends Trials.OnPekko<List<Peer<Token>>> {
    int actors = ACTORS;

    @Override
    List<Peer<Token>> spawn(Hosted.Spawner spawner) {
      return spawnRing(actors, spawner);
    }
  }

  /** Sends the token round {@code ring}; returns the index of the member that held it last. */
  int run(List<Peer<Token>> ring) throws InterruptedException, ExecutionException {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    ring.get(0).tell(new Token(hops, done));
    return Await.future(done);
  }

  @Benchmark
  @OperationsPerInvocation(HOPS)
  public int troupe(TroupeRing target) throws Exception {
    return run(target.spawned);
  }

  @Benchmark
  @OperationsPerInvocation(HOPS)
  public int pekko(PekkoRing target) throws Exception {
    return run(target.spawned);
  }

  @Benchmark
  @OperationsPerInvocation(HOPS)
  public int troupeWithBusyThread(TroupeRing target, CompetingThread busy) throws Exception {
    return run(target.spawned);
  }

  @Benchmark
  @OperationsPerInvocation(HOPS)
  public int pekkoWithBusyThread(PekkoRing target, CompetingThread busy) throws Exception {
    return run(target.spawned);
  }
}
