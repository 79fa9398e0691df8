package io.troupe.bench;

import io.troupe.bench.Hosted.Context;
import io.troupe.bench.Hosted.Logic;
import io.troupe.bench.Hosted.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * Savina's big: 120 actors, each pings a randomly chosen other and waits for its pong before the
 * next ping, 2,000 pings each per round (one ping in flight per actor, so up to 120 busy actors on
 * a few cores: many-to-many traffic). Score: pings (answered) per second.
 *
 * <p>Each actor draws its targets from its own seeded {@link SplittableRandom}, so both runtimes
 * see the same sequence of targets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BigBench {

  static final int ACTORS = 120;
  static final int PINGS = 2_000;

  /** Pings per actor and invocation; lowered by the smoke test. */
  int pings = PINGS;

  sealed interface BigMsg {}

  /** A round: send {@code pings} pings, then count {@code done} down. */
  record Start(int pings, CountDownLatch done) implements BigMsg {}

  /** A ping from {@code from}, which waits for the pong. */
  record Ping(Peer<BigMsg> from) implements BigMsg {}

  /** The answer to a ping. */
  enum Pong implements BigMsg {
    PONG
  }

  /** One of the actors; {@code all} holds every actor, this one at {@code index}. */
  static final class Pinger implements Logic<BigMsg> {
    private final List<Peer<BigMsg>> all;
    private final int index;
    private final Ping ping;
    private final SplittableRandom random;
    private int left;
    private CountDownLatch done;

    Pinger(Context<BigMsg> ctx, List<Peer<BigMsg>> all, int index) {
      this.all = all;
      this.index = index;
      this.ping = new Ping(ctx.self()); // immutable: one instance serves every ping of this actor
      this.random = new SplittableRandom(index);
    }

    @Override
    public boolean on(BigMsg message) {
      switch (message) {
        case Start s -> {
          left = s.pings();
          done = s.done();
          pingSomeone();
        }
        case Ping p -> p.from().tell(Pong.PONG);
        case Pong p -> {
          if (--left == 0) {
            done.countDown();
          } else {
            pingSomeone();
          }
        }
      }
      return true;
    }

    private void pingSomeone() {
      int target = random.nextInt(all.size() - 1);
      all.get(target >= index ? target + 1 : target).tell(ping);
    }
  }

  static List<Peer<BigMsg>> spawnAll(int actors, Hosted.Spawner spawner) {
    List<Peer<BigMsg>> all = new ArrayList<>(actors);
    for (int i = 0; i < actors; i++) {
      int index = i;
      all.add(spawner.spawn(ctx -> new Pinger(ctx, all, index), "pinger-" + i));
    }
    return all;
  }

  /** The actors on a Troupe node. */
  @State(Scope.Benchmark)
  public static class TroupeActors extends Trials.OnTroupe<List<Peer<BigMsg>>> {
    int actors = ACTORS;

    @Override
    List<Peer<BigMsg>> spawn(Hosted.Spawner spawner) {
      return spawnAll(actors, spawner);
    }
  }

  /** The actors in a Pekko actor system. */
  @State(Scope.Benchmark)
  public static class PekkoActors extends Trials.OnPekko<List<Peer<BigMsg>>> {
    int actors = ACTORS;

    @Override
    List<Peer<BigMsg>> spawn(Hosted.Spawner spawner) {
      return spawnAll(actors, spawner);
    }
  }

  /** One round: every actor sends its pings; returns once every one of them was answered. */
  void run(List<Peer<BigMsg>> all) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(all.size());
    Start start = new Start(pings, done);
    for (Peer<BigMsg> p : all) {
      p.tell(start);
    }
    Await.latch(done);
  }

  @Benchmark
  @OperationsPerInvocation(ACTORS * PINGS)
  public void troupe(TroupeActors target) throws InterruptedException {
    run(target.spawned);
  }

  @Benchmark
  @OperationsPerInvocation(ACTORS * PINGS)
  public void pekko(PekkoActors target) throws InterruptedException {
    run(target.spawned);
  }
}
