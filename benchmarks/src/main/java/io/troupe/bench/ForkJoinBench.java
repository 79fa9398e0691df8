package io.troupe.bench;

import io.troupe.bench.Hosted.Context;
import io.troupe.bench.Hosted.Logic;
import io.troupe.bench.Hosted.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
 * Savina's two fork-join shapes, where every message costs a little arithmetic (Savina's {@code
 * sin²} of an angle) and nothing else.
 *
 * <ul>
 *   <li>{@link #troupeThroughput} / {@link #pekkoThroughput}: the benchmark thread feeds 10,000
 *       messages to each of 60 long-lived actors, round robin; a round ends when every actor has
 *       handled its share. Score: messages per second.
 *   <li>{@link #troupeCreation} / {@link #pekkoCreation}: an actor spawns 40,000 actors and sends
 *       each one message; each handles it and stops. A round ends when all 40,000 have handled
 *       theirs. Score: actors per second. (Troupe spawns with {@code spawnInstant}, which, like
 *       Pekko's {@code spawnAnonymous}, returns before the child has started.)
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ForkJoinBench {

  static final int WORKERS = 60;
  static final int MESSAGES_EACH = 10_000;
  static final int CREATED = 40_000;

  /** Messages per worker and invocation (throughput); lowered by the smoke test. */
  int messagesEach = MESSAGES_EACH;

  /** Actors per invocation (creation); lowered by the smoke test. */
  int created = CREATED;

  /** Savina's per-message work; a result no sine can give would mean the JIT broke it. */
  static double compute(double theta) {
    double sin = Math.sin(theta);
    double square = sin * sin;
    if (square < 0) {
      throw new AssertionError("sin² < 0");
    }
    return square;
  }

  sealed interface Work {}

  /** A throughput round: the next {@code count} ticks count {@code done} down once. */
  record Expect(int count, CountDownLatch done) implements Work {}

  /** A message to work on. */
  enum Tick implements Work {
    TICK
  }

  /** A creation round: spawn {@code count} actors, send each {@code job}. */
  record Create(int count, Job job) implements Work {}

  /** The one message a created actor handles (shared by the round's actors). */
  record Job(CountDownLatch done) {}

  /** A long-lived throughput worker. */
  static final class Worker implements Logic<Work> {
    private double theta = 37.2;
    private int left;
    private CountDownLatch done;

    @Override
    public boolean on(Work message) {
      switch (message) {
        case Expect e -> {
          left = e.count();
          done = e.done();
        }
        case Tick t -> {
          compute(theta);
          if (--left == 0) {
            done.countDown();
          }
        }
        case Create c -> throw new IllegalArgumentException("a worker creates nothing");
      }
      return true;
    }
  }

  /** Spawns the actors of a creation round. */
  static final class Creator implements Logic<Work> {
    private final Context<Work> ctx;

    Creator(Context<Work> ctx) {
      this.ctx = ctx;
    }

    @Override
    public boolean on(Work message) {
      if (!(message instanceof Create create)) {
        throw new IllegalArgumentException("a creator only creates: " + message);
      }
      for (int i = 0; i < create.count(); i++) {
        Peer<Job> created = ctx.spawn(c -> CREATED_ONCE);
        created.tell(create.job());
      }
      return true;
    }
  }

  /** A created actor: handles one job and stops. Stateless, so one instance serves all. */
  private static final Logic<Job> CREATED_ONCE =
      job -> {
        compute(37.2);
        job.done().countDown();
        return false;
      };

  /** The 60 workers and the creator of one runtime. */
  record Actors(List<Peer<Work>> workers, Peer<Work> creator) {
    static Actors spawn(Hosted.Spawner spawner) {
      List<Peer<Work>> workers = new ArrayList<>(WORKERS);
      for (int i = 0; i < WORKERS; i++) {
        workers.add(spawner.spawn(ctx -> new Worker(), "worker-" + i));
      }
      return new Actors(List.copyOf(workers), spawner.spawn(Creator::new, "creator"));
    }
  }

  /** The workers and the creator on a Troupe node. */
  @State(Scope.Benchmark)
  public static class TroupeActors extends Trials.OnTroupe<Actors> {
    @Override
    Actors spawn(Hosted.Spawner spawner) {
      return Actors.spawn(spawner);
    }
  }

  /** The workers and the creator in a Pekko actor system. */
  @State(Scope.Benchmark)
  public static class PekkoActors extends Trials.OnPekko<Actors> {
    @Override
    Actors spawn(Hosted.Spawner spawner) {
      return Actors.spawn(spawner);
    }
  }

  void throughput(Actors actors) throws InterruptedException {
    List<Peer<Work>> workers = actors.workers();
    CountDownLatch done = new CountDownLatch(workers.size());
    Expect expect = new Expect(messagesEach, done);
    for (Peer<Work> w : workers) {
      w.tell(expect);
    }
    for (int i = 0; i < messagesEach; i++) {
      for (Peer<Work> w : workers) {
        w.tell(Tick.TICK);
      }
    }
    Await.latch(done);
  }

  void creation(Actors actors) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(created);
    actors.creator().tell(new Create(created, new Job(done)));
    Await.latch(done);
  }

  @Benchmark
  @OperationsPerInvocation(WORKERS * MESSAGES_EACH)
  public void troupeThroughput(TroupeActors target) throws InterruptedException {
    throughput(target.spawned);
  }

  @Benchmark
  @OperationsPerInvocation(WORKERS * MESSAGES_EACH)
  public void pekkoThroughput(PekkoActors target) throws InterruptedException {
    throughput(target.spawned);
  }

  @Benchmark
  @OperationsPerInvocation(CREATED)
  public void troupeCreation(TroupeActors target) throws InterruptedException {
    creation(target.spawned);
  }

  @Benchmark
  @OperationsPerInvocation(CREATED)
  public void pekkoCreation(PekkoActors target) throws InterruptedException {
    creation(target.spawned);
  }
}
