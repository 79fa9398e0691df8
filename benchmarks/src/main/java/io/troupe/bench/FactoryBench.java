package io.troupe.bench;

import io.troupe.Node;
import io.troupe.factory.DiscardSettings;
import io.troupe.factory.Factory;
import io.troupe.factory.Job;
import io.troupe.factory.Routing;
import io.troupe.factory.Worker;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.PoolRouter;
import org.apache.pekko.actor.typed.javadsl.Routers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The benchmark thread submits 100,000 jobs (keys cycling over 64 strings) to a pool of 4 workers
 * whose handler only counts the job. Score: jobs per second, from the first submit to the last job
 * handled.
 *
 * <p>Troupe: a {@link Factory} per routing mode, without a queue limit (so nothing is shed and
 * every job is handled). Pekko Typed: {@code Routers.pool(4, worker)} (each routee restarted on
 * failure), round robin and consistent hashing on the same key. Peers where the shapes match:
 * {@code troupeRoundRobin} / {@code pekkoRoundRobin}, {@code troupeKeyPersistent} / {@code
 * pekkoConsistentHashing}. The queuer modes have no Pekko Typed peer (a balancing pool exists only
 * in classic Pekko); they are compared with Pekko's round robin in the results.
 *
 * <p>Shapes differ in one way worth knowing: Pekko's router sends each message straight into a
 * routee's mailbox, while a factory sends a worker at most {@code prefetch} jobs and learns when
 * each is done (that is what lets it queue, prioritize, shed, time out and re-route jobs), so each
 * Troupe job costs one more message, the job to the worker, plus its "done" back (one report per
 * run of jobs the worker found in its mailbox). With {@code prefetch = 1} (the queuer modes'
 * default) a worker also waits for the factory between two jobs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class FactoryBench {

  static final int JOBS = 100_000;
  static final int WORKERS = 4;
  static final String[] KEYS = new String[64];

  static {
    for (int i = 0; i < KEYS.length; i++) {
      KEYS[i] = "key-" + i;
    }
  }

  /** Jobs per invocation; lowered by the smoke test. */
  int jobs = JOBS;

  /** Counts handled jobs for one invocation; shared by the workers of one contender. */
  static final class Round {
    final AtomicInteger left = new AtomicInteger();
    volatile CountDownLatch done = new CountDownLatch(0);

    CountDownLatch start(int jobs) {
      CountDownLatch latch = new CountDownLatch(1);
      done = latch;
      left.set(jobs);
      return latch;
    }

    void handled() {
      if (left.decrementAndGet() == 0) {
        done.countDown();
      }
    }
  }

  /** The job message of the Pekko contenders (Troupe's job carries the key itself). */
  record Work(String key) {}

  static final Object PAYLOAD = new Object();

  /** A Troupe worker that only counts. */
  static final class CountingWorker implements Worker<String, Object, Void> {
    private final Round round;

    CountingWorker(Round round) {
      this.round = round;
    }

    @Override
    public Void start(int workerIndex) {
      return null;
    }

    @Override
    public Void handle(Job<String, Object> job, Void state) {
      round.handled();
      return null;
    }
  }

  /** A factory of {@link #WORKERS} counting workers with the given routing, on its own node. */
  @State(Scope.Benchmark)
  public abstract static class TroupeFactory {
    /**
     * Jobs a worker holds at once (see {@code Factory.Builder.prefetch}): 1, the default of the
     * queuer modes, or 32, the default of the others (with FIFO queues).
     */
    @Param({"1", "32"})
    public int prefetch = 1;

    /** Pool size (4 in the recorded runs; {@code -p workers=N} to explore). */
    @Param({"4"})
    public int workers = WORKERS;

    final Round round = new Round();
    Node node;
    Factory<String, Object> factory;

    abstract Routing routing();

    void start() {
      node = Node.create("factory-bench");
      factory =
          Factory.<String, Object, Void>builder(() -> new CountingWorker(round))
              .workers(workers)
              .prefetch(prefetch)
              .routing(routing())
              .discardSettings(DiscardSettings.none())
              .spawn(node, null);
    }

    void stop() {
      node.close();
    }
  }

  @State(Scope.Benchmark)
  public static class TroupeQueuer extends TroupeFactory {
    @Override
    Routing routing() {
      return Routing.QUEUER;
    }

    @Setup(Level.Trial)
    public void setup() {
      start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      stop();
    }
  }

  @State(Scope.Benchmark)
  public static class TroupeStickyQueuer extends TroupeFactory {
    @Override
    Routing routing() {
      return Routing.STICKY_QUEUER;
    }

    @Setup(Level.Trial)
    public void setup() {
      start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      stop();
    }
  }

  @State(Scope.Benchmark)
  public static class TroupeKeyPersistent extends TroupeFactory {
    @Override
    Routing routing() {
      return Routing.KEY_PERSISTENT;
    }

    @Setup(Level.Trial)
    public void setup() {
      start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      stop();
    }
  }

  @State(Scope.Benchmark)
  public static class TroupeRoundRobin extends TroupeFactory {
    @Override
    Routing routing() {
      return Routing.ROUND_ROBIN;
    }

    @Setup(Level.Trial)
    public void setup() {
      start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      stop();
    }
  }

  @State(Scope.Benchmark)
  public static class TroupeCustom extends TroupeFactory {
    @Override
    Routing routing() {
      return Routing.<String>custom((key, workers) -> Math.floorMod(key.hashCode(), workers));
    }

    @Setup(Level.Trial)
    public void setup() {
      start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      stop();
    }
  }

  /** A Pekko pool router of {@link #WORKERS} counting routees, in its own actor system. */
  @State(Scope.Benchmark)
  public abstract static class PekkoPool {
    /** Pool size, as for Troupe. */
    @Param({"4"})
    public int workers = WORKERS;

    final Round round = new Round();
    ActorSystem<Void> system;
    org.apache.pekko.actor.typed.ActorRef<Work> router;

    abstract PoolRouter<Work> routing(PoolRouter<Work> pool);

    void start() {
      Behavior<Work> worker =
          Behaviors.receiveMessage(
              work -> {
                round.handled();
                return Behaviors.same();
              });
      system = PekkoSystems.create("factory-bench");
      PoolRouter<Work> pool =
          Routers.pool(
              workers, Behaviors.supervise(worker).onFailure(SupervisorStrategy.restart()));
      router = PekkoSystems.spawn(system, routing(pool), "pool");
    }

    void stop() throws Exception {
      PekkoSystems.terminate(system);
    }
  }

  @State(Scope.Benchmark)
  public static class PekkoRoundRobin extends PekkoPool {
    @Override
    PoolRouter<Work> routing(PoolRouter<Work> pool) {
      return pool.withRoundRobinRouting();
    }

    @Setup(Level.Trial)
    public void setup() {
      start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      stop();
    }
  }

  @State(Scope.Benchmark)
  public static class PekkoConsistentHashing extends PekkoPool {
    @Override
    PoolRouter<Work> routing(PoolRouter<Work> pool) {
      return pool.withConsistentHashingRouting(10, Work::key);
    }

    @Setup(Level.Trial)
    public void setup() {
      start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      stop();
    }
  }

  private void submitAll(TroupeFactory target) throws InterruptedException {
    CountDownLatch done = target.round.start(jobs);
    Factory<String, Object> factory = target.factory;
    for (int i = 0; i < jobs; i++) {
      factory.submit(KEYS[i & 63], PAYLOAD);
    }
    Await.latch(done);
  }

  private void tellAll(PekkoPool target) throws InterruptedException {
    CountDownLatch done = target.round.start(jobs);
    org.apache.pekko.actor.typed.ActorRef<Work> router = target.router;
    for (int i = 0; i < jobs; i++) {
      router.tell(new Work(KEYS[i & 63]));
    }
    Await.latch(done);
  }

  @Benchmark
  @OperationsPerInvocation(JOBS)
  public void troupeQueuer(TroupeQueuer target) throws InterruptedException {
    submitAll(target);
  }

  @Benchmark
  @OperationsPerInvocation(JOBS)
  public void troupeStickyQueuer(TroupeStickyQueuer target) throws InterruptedException {
    submitAll(target);
  }

  @Benchmark
  @OperationsPerInvocation(JOBS)
  public void troupeKeyPersistent(TroupeKeyPersistent target) throws InterruptedException {
    submitAll(target);
  }

  @Benchmark
  @OperationsPerInvocation(JOBS)
  public void troupeRoundRobin(TroupeRoundRobin target) throws InterruptedException {
    submitAll(target);
  }

  @Benchmark
  @OperationsPerInvocation(JOBS)
  public void troupeCustom(TroupeCustom target) throws InterruptedException {
    submitAll(target);
  }

  @Benchmark
  @OperationsPerInvocation(JOBS)
  public void pekkoRoundRobin(PekkoRoundRobin target) throws InterruptedException {
    tellAll(target);
  }

  @Benchmark
  @OperationsPerInvocation(JOBS)
  public void pekkoConsistentHashing(PekkoConsistentHashing target) throws InterruptedException {
    tellAll(target);
  }
}
