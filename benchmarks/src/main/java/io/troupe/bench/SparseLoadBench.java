package io.troupe.bench;

import io.troupe.bench.Hosted.Logic;
import io.troupe.bench.Hosted.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CPU efficiency under a sparse load: 10,000 idle actors, and the benchmark thread sends them lone
 * messages at a paced {@link #rate} (100,000 or 1,000,000 a second), round robin, so each actor
 * gets one message every 100 ms (or 10 ms) and is idle in between. What matters is not the score
 * (messages per second, which is the pace as long as the runtime keeps up) but the process CPU time
 * this costs: the secondary results {@code ·cpuPerMessage} (CPU ns of every thread of the process
 * per message) and {@code ·cpuCores} (cores busy on average), reported by {@link CpuTimeProfiler}.
 * An invocation returns only once every message it sent was handled (a latch counted down by each
 * handler), so a lost message fails the run.
 *
 * <p>Pacing: every millisecond the thread sends {@code rate / 1000} messages, then parks until the
 * next millisecond is due (deadlines are absolute, so a late wake-up is caught up, not lost). It
 * never spins, so it adds little CPU of its own; {@link #pacerAlone} measures what it and the rest
 * of the process (JMH, the JIT, the GC) cost with no actor at all: the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SparseLoadBench {

  static final int ACTORS = 10_000;
  static final int MESSAGES = 50_000;
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** Messages sent per second. */
  @Param({"100000", "1000000"})
  int rate;

  /** Messages per invocation; lowered by the smoke test. */
  int messages = MESSAGES;

  /** The one message: count {@code handled} down. Immutable, so one instance per round. */
  record Hit(CountDownLatch handled) {}

  /** An actor that counts the hit down and waits for the next one. */
  private static final Logic<Hit> SINK =
      hit -> {
        hit.handled().countDown();
        return true;
      };

  static List<Peer<Hit>> spawnSinks(int actors, Hosted.Spawner spawner) {
    List<Peer<Hit>> sinks = new ArrayList<>(actors);
    for (int i = 0; i < actors; i++) {
      sinks.add(spawner.spawn(ctx -> SINK, "sink-" + i));
    }
    return List.copyOf(sinks);
  }

  /** The sinks on a Troupe node. */
  @State(Scope.Benchmark)
  public static class TroupeSinks extends Trials.OnTroupe<List<Peer<Hit>>> {
    int actors = ACTORS;

    @Override
    List<Peer<Hit>> spawn(Hosted.Spawner spawner) {
      return spawnSinks(actors, spawner);
    }
  }

  /** The sinks in a Pekko actor system. */
  @State(Scope.Benchmark)
  public static class PekkoSinks extends Trials.OnPekko<List<Peer<Hit>>> {
    int actors = ACTORS;

    @Override
    List<Peer<Hit>> spawn(Hosted.Spawner spawner) {
      return spawnSinks(actors, spawner);
    }
  }

  /** Where {@link #pacerAlone} "sends": a counter, standing in for the actors. */
  @State(Scope.Thread)
  public static class Nowhere {
    long sent;
  }

  /** One round against {@code sinks}; returns the messages handled. */
  long run(List<Peer<Hit>> sinks) throws InterruptedException {
    CountDownLatch handled = new CountDownLatch(messages);
    Hit hit = new Hit(handled);
    long start = System.nanoTime();
    pace(
        start,
        new Batch() {
          private int at; // round robin over the sinks

          @Override
          public void send(int count) {
            for (int i = 0; i < count; i++) {
              sinks.get(at).tell(hit);
              if (++at == sinks.size()) {
                at = 0;
              }
            }
          }
        });
    Await.latch(handled);
    CpuTimeProfiler.handled(messages);
    return messages - handled.getCount();
  }

  /** Sends {@code count} messages now. */
  interface Batch {
    void send(int count);
  }

  /** Calls {@code batch} once a millisecond from {@code start} with that millisecond's share. */
  void pace(long start, Batch batch) {
    int perTick = Math.max(1, rate / 1000);
    int sent = 0;
    for (long tick = 0; sent < messages; tick++) {
      long wait = start + tick * TICK_NANOS - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int count = Math.min(perTick, messages - sent);
      batch.send(count);
      sent += count;
    }
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long troupe(TroupeSinks target) throws InterruptedException {
    return run(target.spawned);
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long pekko(PekkoSinks target) throws InterruptedException {
    return run(target.spawned);
  }

  /** The pacer with nothing to send to: the process's CPU floor for this pace. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long pacerAlone(Nowhere target) {
    long before = target.sent;
    pace(System.nanoTime(), count -> target.sent += count);
    CpuTimeProfiler.handled(messages);
    return target.sent - before;
  }
}
