package io.troupe.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One platform thread that computes without pause for the whole trial: a CPU-bound neighbour that
 * takes a core's worth of time slices from whatever the benchmark runs. The {@code
 * ...WithBusyThread} variants of {@link PingPongBench} and {@link ThreadRingBench} take it, to show
 * how a runtime fares when the machine is not idle (a scheduler that only wins on idle cores is no
 * win).
 */
@State(Scope.Benchmark)
public class CompetingThread {
  private volatile boolean running;
  private Thread thread;

  /** The thread's result, kept so the computation cannot be optimised away. */
  volatile long result;

  @Setup(Level.Trial)
  public void setup() {
    running = true;
    thread =
        Thread.ofPlatform()
            .name("competing-cpu")
            .daemon()
            .start(
                () -> {
                  long x = 1;
                  while (running) {
                    for (int i = 0; i < 10_000; i++) {
                      x = x * 6364136223846793005L + 1442695040888963407L; // an LCG step
                    }
                  }
                  result = x;
                });
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    running = false;
    thread.join();
  }

  /** True while the thread runs (for the smoke test). */
  boolean isRunning() {
    return thread.isAlive();
  }
}
