package io.troupe.bench;

import io.troupe.Actor;
import io.troupe.Node;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;
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
 * Four producer threads send 1,000,000 messages (250,000 each) to one actor, which counts them.
 * Score: messages per second, from the first send to the last message handled.
 *
 * <p>The producers are the same four platform threads for every contender. The message is one
 * shared instance, so the score measures the mailbox, not the allocation of messages. Baseline:
 * {@link #jctoolsMpsc}, the same producers offering to a JCTools MPSC queue that this thread drains
 * by busy polling (no wake-ups, no handler dispatch).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FanInBench {

  static final int PRODUCERS = 4;
  static final int MESSAGES = 1_000_000;

  /** Messages per invocation (a multiple of {@link #PRODUCERS}); lowered by the smoke test. */
  int messages = MESSAGES;

  /** A message of the counted kind, or a new round to count. */
  sealed interface Count {}

  /** The one message the producers send. */
  enum Tick implements Count {
    TICK
  }

  /** Starts a round: the next {@code expected} ticks complete {@code done}. */
  record Expect(int expected, CountDownLatch done) implements Count {}

  /** A counter's mutable state (owned by the actor). */
  static final class Tally {
    int left;
    CountDownLatch done;

    void on(Count message) {
      if (message instanceof Expect e) {
        left = e.expected();
        done = e.done();
      } else if (--left == 0) {
        done.countDown();
      }
    }
  }

  static final class Counter implements Actor<Count, Tally, Void> {
    @Override
    public Tally preStart(io.troupe.ActorRef<Count> self, Void args) {
      return new Tally();
    }

    @Override
    public Tally handle(io.troupe.ActorRef<Count> self, Count message, Tally tally) {
      tally.on(message);
      return tally;
    }
  }

  static Behavior<Count> pekkoCounter() {
    return Behaviors.setup(
        ctx -> {
          Tally tally = new Tally();
          return Behaviors.receiveMessage(
              message -> {
                tally.on(message);
                return Behaviors.same();
              });
        });
  }

  /** The four producer threads, shared by every contender. */
  @State(Scope.Benchmark)
  public static class Producers {
    ExecutorService pool;

    @Setup(Level.Trial)
    public void setup() {
      pool = Executors.newFixedThreadPool(PRODUCERS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pool.shutdownNow();
    }

    /** Runs {@code send} {@code messages / PRODUCERS} times in each producer. */
    void produce(int messages, Runnable send) {
      int each = messages / PRODUCERS;
      for (int p = 0; p < PRODUCERS; p++) {
        pool.execute(
            () -> {
              for (int i = 0; i < each; i++) {
                send.run();
              }
            });
      }
    }
  }

  /** A Troupe counter on its own node. */
  @State(Scope.Benchmark)
  public static class TroupeCounter {
    Node node;
    io.troupe.ActorRef<Count> counter;

    @Setup(Level.Trial)
    public void setup() {
      node = Node.create("fan-in");
      counter = node.spawn(new Counter(), null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      node.close();
    }
  }

  /** A Pekko counter in its own actor system. */
  @State(Scope.Benchmark)
  public static class PekkoCounter {
    ActorSystem<Void> system;
    org.apache.pekko.actor.typed.ActorRef<Count> counter;

    @Setup(Level.Trial)
    public void setup() {
      system = PekkoSystems.create("fan-in");
      counter = PekkoSystems.spawn(system, pekkoCounter(), "counter");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      PekkoSystems.terminate(system);
    }
  }

  /**
   * JCTools' MPSC queue for fan-in (unbounded, chunked, producers claim slots with one atomic add).
   */
  @State(Scope.Benchmark)
  public static class JctoolsQueue {
    final MpscUnboundedXaddArrayQueue<Tick> queue = new MpscUnboundedXaddArrayQueue<>(4096);
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void troupe(Producers producers, TroupeCounter target) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    target.counter.cast(new Expect(messages, done));
    producers.produce(messages, () -> target.counter.cast(Tick.TICK));
    Await.latch(done);
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void pekko(Producers producers, PekkoCounter target) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    target.counter.tell(new Expect(messages, done));
    producers.produce(messages, () -> target.counter.tell(Tick.TICK));
    Await.latch(done);
  }

  /** The producers offer to the queue; this thread takes by busy polling. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long jctoolsMpsc(Producers producers, JctoolsQueue target) {
    MpscUnboundedXaddArrayQueue<Tick> queue = target.queue;
    producers.produce(messages, () -> queue.offer(Tick.TICK));
    long taken = 0;
    while (taken < messages) {
      if (queue.poll() != null) {
        taken++;
      } else {
        Thread.onSpinWait();
      }
    }
    return taken;
  }
}
