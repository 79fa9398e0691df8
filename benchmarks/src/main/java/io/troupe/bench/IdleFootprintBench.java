package io.troupe.bench;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
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
 * Heap bytes per idle actor with 100,000 actors alive. The score that matters is the secondary
 * result {@code ·bytesPerActor} (reported by {@link FootprintProfiler}); the primary score, the
 * time to spawn 100,000 actors and settle, is incidental.
 *
 * <p>Method: each iteration starts a fresh runtime, forces full collections and reads the used heap
 * ({@link java.lang.management.MemoryMXBean}), spawns the actors and waits until all of them have
 * started and gone idle, collects again, and divides the growth by the number of actors. The refs
 * stay reachable (in an array allocated before the first reading, or in the Pekko parent's
 * children) so nothing is collected early. The heap is fixed ({@code -Xms = -Xmx}) so a resize
 * cannot blur the reading. Baseline: {@link #parkedVirtualThread}, one parked virtual thread per
 * "actor", the least a thread-per-actor design pays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class IdleFootprintBench {

  static final int ACTORS = 100_000;

  /** Actors alive while measuring; lowered by the smoke test. */
  int actors = ACTORS;

  /** The last measurement, for the smoke test. */
  long bytesPerActor;

  /** An actor that does nothing and is never sent anything. */
  static final class Idle implements Actor<Object, Void, Void> {
    @Override
    public Void preStart(ActorRef<Object> self, Void args) {
      return null;
    }
  }

  /** Asks the Pekko parent to spawn children, each counting {@code started} down once running. */
  record SpawnChildren(int count, CountDownLatch started) {}

  static Behavior<SpawnChildren> pekkoParent() {
    return Behaviors.receive(
        (ctx, spawn) -> {
          Behavior<Object> child =
              Behaviors.setup(
                  c -> {
                    spawn.started().countDown();
                    return Behaviors.ignore();
                  });
          for (int i = 0; i < spawn.count(); i++) {
            ctx.spawnAnonymous(child);
          }
          return Behaviors.same();
        });
  }

  /** A fresh Troupe node per iteration, and room for the refs. */
  @State(Scope.Thread)
  public static class TroupeNode {
    Node node;
    Object[] keep;

    @Setup(Level.Iteration)
    public void setup(IdleFootprintBench bench) {
      node = Node.create("idle");
      keep = new Object[bench.actors];
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
      keep = null;
      node.close();
    }
  }

  /** A fresh Pekko actor system per iteration. */
  @State(Scope.Thread)
  public static class PekkoSystem {
    ActorSystem<Void> system;

    @Setup(Level.Iteration)
    public void setup() {
      system = PekkoSystems.create("idle");
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws Exception {
      PekkoSystems.terminate(system);
    }
  }

  /** Room for the parked threads, and the flag that releases them. */
  @State(Scope.Thread)
  public static class ParkedThreads {
    Thread[] keep;
    volatile boolean released;

    @Setup(Level.Iteration)
    public void setup(IdleFootprintBench bench) {
      keep = new Thread[bench.actors];
      released = false;
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws InterruptedException {
      released = true;
      for (Thread t : keep) {
        if (t != null) {
          LockSupport.unpark(t);
          t.join();
        }
      }
      keep = null;
    }
  }

  @Benchmark
  public void troupe(TroupeNode target) throws InterruptedException {
    long before = usedHeapAfterGc();
    Idle idle = new Idle();
    for (int i = 0; i < actors; i++) {
      target.keep[i] = target.node.spawn(idle, null);
    }
    // Every spawn returned after preStart; the activations end once their linger expires
    // (microseconds). Give them ample time so that only idle actors remain.
    Thread.sleep(200);
    report(before);
  }

  @Benchmark
  public void pekko(PekkoSystem target) throws InterruptedException {
    org.apache.pekko.actor.typed.ActorRef<SpawnChildren> parent =
        PekkoSystems.spawn(target.system, pekkoParent(), "parent");
    CountDownLatch started = new CountDownLatch(actors);
    long before = usedHeapAfterGc();
    parent.tell(new SpawnChildren(actors, started));
    Await.latch(started);
    Thread.sleep(200); // let the dispatcher finish the children's start-up work
    report(before);
  }

  /** One parked virtual thread per would-be actor: the floor of a thread-per-actor design. */
  @Benchmark
  public void parkedVirtualThread(ParkedThreads target) throws InterruptedException {
    long before = usedHeapAfterGc();
    CountDownLatch parked = new CountDownLatch(actors);
    Runnable park =
        () -> {
          parked.countDown();
          while (!target.released) {
            LockSupport.park();
          }
        };
    for (int i = 0; i < actors; i++) {
      target.keep[i] = Thread.ofVirtual().start(park);
    }
    Await.latch(parked);
    Thread.sleep(200);
    report(before);
  }

  private void report(long usedBefore) throws InterruptedException {
    bytesPerActor = (usedHeapAfterGc() - usedBefore) / actors;
    FootprintProfiler.lastBytesPerActor = bytesPerActor;
  }

  static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    // Repeated: a collection can free what the previous one only made unreachable (reference
    // processing); take the lowest reading.
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
