package io.troupe.bench;

import io.troupe.Actor;
import io.troupe.Node;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
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
 * Two actors, one message in flight: each answers the other's ball until the rally ends. Score:
 * round trips per second.
 *
 * <p>Baselines: {@link #virtualThreadHandoff} (two virtual threads passing a token through {@link
 * SynchronousQueue}s, which spin briefly before parking) and {@link #platformBusySpin} (two
 * platform threads spinning on volatile fields, never parking: the machine's limit). {@link
 * #troupeWithBusyThread} and {@link #pekkoWithBusyThread} play the same rally next to a {@link
 * CompetingThread} that keeps one core busy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PingPongBench {

  static final int ROUNDS = 10_000;

  /** Round trips per invocation; lowered by the smoke test. */
  int rounds = ROUNDS;

  // ------------------------------------------------------------------ Troupe

  /** The ball: who hit it, how many hits are left, and whom to tell when the rally ends. */
  record Ball(io.troupe.ActorRef<Ball> from, int remaining, CountDownLatch done) {}

  /** Returns every ball to its sender, one hit fewer. */
  static final class Returner implements Actor<Ball, Void, Void> {
    @Override
    public Void preStart(io.troupe.ActorRef<Ball> self, Void args) {
      return null;
    }

    @Override
    public Void handle(io.troupe.ActorRef<Ball> self, Ball ball, Void state) {
      if (ball.remaining() == 0) {
        ball.done().countDown();
      } else {
        ball.from().cast(new Ball(self, ball.remaining() - 1, ball.done()));
      }
      return null;
    }
  }

  /** Two Troupe actors on their own node. */
  @State(Scope.Benchmark)
  public static class TroupePair {
    Node node;
    io.troupe.ActorRef<Ball> a;
    io.troupe.ActorRef<Ball> b;

    @Setup(Level.Trial)
    public void setup() {
      node = Node.create("ping-pong");
      a = node.spawn(new Returner(), null);
      b = node.spawn(new Returner(), null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      node.close();
    }
  }

  // ------------------------------------------------------------------ Pekko

  record PekkoBall(
      org.apache.pekko.actor.typed.ActorRef<PekkoBall> from, int remaining, CountDownLatch done) {}

  static Behavior<PekkoBall> pekkoReturner() {
    return Behaviors.setup(
        ctx ->
            Behaviors.receiveMessage(
                ball -> {
                  if (ball.remaining() == 0) {
                    ball.done().countDown();
                  } else {
                    ball.from()
                        .tell(new PekkoBall(ctx.getSelf(), ball.remaining() - 1, ball.done()));
                  }
                  return Behaviors.same();
                }));
  }

  /** Two Pekko actors in their own actor system. */
  @State(Scope.Benchmark)
  public static class PekkoPair {
    ActorSystem<Void> system;
    org.apache.pekko.actor.typed.ActorRef<PekkoBall> a;
    org.apache.pekko.actor.typed.ActorRef<PekkoBall> b;

    @Setup(Level.Trial)
    public void setup() {
      system = PekkoSystems.create("ping-pong");
      a = PekkoSystems.spawn(system, pekkoReturner(), "a");
      b = PekkoSystems.spawn(system, pekkoReturner(), "b");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      PekkoSystems.terminate(system);
    }
  }

  // ------------------------------------------------------------------ baselines

  /** A virtual thread that answers every token served on one queue on the other. */
  @State(Scope.Benchmark)
  public static class VirtualPair {
    final SynchronousQueue<Integer> serve = new SynchronousQueue<>();
    final SynchronousQueue<Integer> answer = new SynchronousQueue<>();
    Thread answerer;

    @Setup(Level.Trial)
    public void setup() {
      answerer =
          Thread.ofVirtual()
              .name("answerer")
              .start(
                  () -> {
                    try {
                      for (; ; ) {
                        answer.put(serve.take());
                      }
                    } catch (InterruptedException e) {
                      // trial over
                    }
                  });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      answerer.interrupt();
      answerer.join();
    }
  }

  /**
   * A platform thread that echoes {@code ping} into {@code pong}, spinning, never parking. It holds
   * a core for the whole trial, which is why each contender has its own state: it must not run
   * while the others are measured.
   */
  @State(Scope.Benchmark)
  public static class SpinPair {
    final AtomicLong ping = new AtomicLong();
    final AtomicLong pong = new AtomicLong();
    volatile boolean spinning;
    Thread answerer;

    @Setup(Level.Trial)
    public void setup() {
      spinning = true;
      answerer =
          Thread.ofPlatform()
              .name("spin-answerer")
              .daemon()
              .start(
                  () -> {
                    long seen = 0;
                    while (spinning) {
                      long v = ping.getAcquire();
                      if (v != seen) {
                        seen = v;
                        pong.setRelease(v);
                      } else {
                        Thread.onSpinWait();
                      }
                    }
                  });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      spinning = false;
      answerer.join();
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROUNDS)
  public void troupe(TroupePair pair) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    pair.a.cast(new Ball(pair.b, 2 * rounds, done));
    Await.latch(done);
  }

  @Benchmark
  @OperationsPerInvocation(ROUNDS)
  public void pekko(PekkoPair pair) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    pair.a.tell(new PekkoBall(pair.b, 2 * rounds, done));
    Await.latch(done);
  }

  /** {@link #troupe} next to a {@link CompetingThread} that keeps one core busy. */
  @Benchmark
  @OperationsPerInvocation(ROUNDS)
  public void troupeWithBusyThread(TroupePair pair, CompetingThread busy)
      throws InterruptedException {
    troupe(pair);
  }

  /** {@link #pekko} next to a {@link CompetingThread} that keeps one core busy. */
  @Benchmark
  @OperationsPerInvocation(ROUNDS)
  public void pekkoWithBusyThread(PekkoPair pair, CompetingThread busy)
      throws InterruptedException {
    pekko(pair);
  }

  /** Two virtual threads: one serves, the other answers, through SynchronousQueues. */
  @Benchmark
  @OperationsPerInvocation(ROUNDS)
  public void virtualThreadHandoff(VirtualPair pair) throws InterruptedException {
    Thread server =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    for (int i = 0; i < rounds; i++) {
                      pair.serve.put(i);
                      pair.answer.take();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    server.join();
  }

  /** Two platform threads spinning on volatile fields (this thread serves). */
  @Benchmark
  @OperationsPerInvocation(ROUNDS)
  public void platformBusySpin(SpinPair pair) {
    long base = pair.ping.get();
    for (long i = base + 1; i <= base + rounds; i++) {
      pair.ping.setRelease(i);
      while (pair.pong.getAcquire() != i) {
        Thread.onSpinWait();
      }
    }
  }
}
