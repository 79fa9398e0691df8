package io.troupe.bench;

import io.troupe.bench.Hosted.Context;
import io.troupe.bench.Hosted.Logic;
import io.troupe.bench.Hosted.Peer;
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
 * Savina's Fibonacci: fib(22) computed by actors. An actor asked for fib(n) with n > 2 spawns two
 * children, asks them for fib(n - 1) and fib(n - 2), adds their answers, answers its parent and
 * stops; fib(1) = fib(2) = 1 are answered at once. That is 2 fib(22) - 1 = 35,421 short-lived
 * actors per round, each spawned by an actor (Troupe: {@code spawnInstant}; Pekko: {@code
 * spawnAnonymous}). Score: actors per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FibBench {

  static final int N = 22;

  /** Actors per round for {@link #N}: 2 fib(22) - 1. */
  static final int ACTORS = 35_421;

  /** The argument; lowered by the smoke test. */
  int n = N;

  sealed interface FibMsg {}

  /** Compute fib(n) and answer {@code parent}. */
  record Request(int n, Peer<FibMsg> parent) implements FibMsg {}

  /** An answer from a child. */
  record Answer(long value) implements FibMsg {}

  /** A round, sent to the driver: compute fib(n) and complete {@code result}. */
  record Compute(int n, CompletableFuture<Long> result) implements FibMsg {}

  /** One node of the call tree: answers its request, directly or with its two children's help. */
  static final class Fib implements Logic<FibMsg> {
    private final Context<FibMsg> ctx;
    private Peer<FibMsg> parent;
    private int pending;
    private long sum;

    Fib(Context<FibMsg> ctx) {
      this.ctx = ctx;
    }

    @Override
    public boolean on(FibMsg message) {
      switch (message) {
        case Request r -> {
          if (r.n() <= 2) {
            r.parent().tell(new Answer(1));
            return false;
          }
          parent = r.parent();
          pending = 2;
          ctx.spawn(Fib::new).tell(new Request(r.n() - 1, ctx.self()));
          ctx.spawn(Fib::new).tell(new Request(r.n() - 2, ctx.self()));
          return true;
        }
        case Answer a -> {
          sum += a.value();
          if (--pending > 0) {
            return true;
          }
          parent.tell(new Answer(sum));
          return false;
        }
        case Compute c -> throw new IllegalArgumentException("only the driver computes");
      }
    }
  }

  /** Lives across rounds: starts the root of each round's tree and completes its result. */
  static final class Driver implements Logic<FibMsg> {
    private final Context<FibMsg> ctx;
    private CompletableFuture<Long> result;

    Driver(Context<FibMsg> ctx) {
      this.ctx = ctx;
    }

    @Override
    public boolean on(FibMsg message) {
      switch (message) {
        case Compute c -> {
          result = c.result();
          ctx.spawn(Fib::new).tell(new Request(c.n(), ctx.self()));
        }
        case Answer a -> result.complete(a.value());
        case Request r -> throw new IllegalArgumentException("the driver answers no request");
      }
      return true;
    }
  }

  /** The driver on a Troupe node. */
  @State(Scope.Benchmark)
  public static class TroupeDriver extends Trials.OnTroupe<Peer<FibMsg>> {
    @Override
    Peer<FibMsg> spawn(Hosted.Spawner spawner) {
      return spawner.spawn(Driver::new, "driver");
    }
  }

  /** The driver in a Pekko actor system. */
  @State(Scope.Benchmark)
  public static class PekkoDriver extends Trials.OnPekko<Peer<FibMsg>> {
    @Override
    Peer<FibMsg> spawn(Hosted.Spawner spawner) {
      return spawner.spawn(Driver::new, "driver");
    }
  }

  /** One round; returns fib(n). */
  long run(Peer<FibMsg> driver) throws InterruptedException, ExecutionException {
    CompletableFuture<Long> result = new CompletableFuture<>();
    driver.tell(new Compute(n, result));
    return Await.future(result);
  }

  @Benchmark
  @OperationsPerInvocation(ACTORS)
  public long troupe(TroupeDriver target) throws Exception {
    return run(target.spawned);
  }

  @Benchmark
  @OperationsPerInvocation(ACTORS)
  public long pekko(PekkoDriver target) throws Exception {
    return run(target.spawned);
  }
}
