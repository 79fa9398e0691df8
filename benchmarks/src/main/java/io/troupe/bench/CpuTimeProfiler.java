package io.troupe.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the process CPU time of each iteration of {@link SparseLoadBench}, as two secondary
 * results averaged over iterations: {@code ·cpuPerMessage} (CPU nanoseconds of the whole process,
 * every thread, per message handled in the iteration) and {@code ·cpuCores} (that CPU time over the
 * iteration's wall-clock time: how many cores were busy on average). {@link BenchMain} enables it
 * on every run; it reports nothing for benchmarks that record no messages.
 *
 * <p>The process CPU time ({@code OperatingSystemMXBean.getProcessCpuTime}) moves in steps of 10 ms
 * on Linux, so it is read around a whole iteration (2 s by default; a 1 s iteration is still within
 * 1%), not around each invocation.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Messages handled in this iteration; added to by the benchmark thread, read after it. */
  private static final AtomicLong messages = new AtomicLong();

  private long cpuBefore;
  private long wallBefore;

  /** CPU time of the whole process so far, in nanoseconds (every thread, user and system). */
  static long processCpuNanos() {
    return OS.getProcessCpuTime();
  }

  /** Counts messages handled by one invocation. */
  static void handled(long count) {
    messages.addAndGet(count);
  }

  @Override
  public String getDescription() {
    return "process CPU time per message, as measured by SparseLoadBench";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    messages.set(0);
    wallBefore = System.nanoTime();
    cpuBefore = processCpuNanos();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = processCpuNanos() - cpuBefore;
    long wall = System.nanoTime() - wallBefore;
    long count = messages.get();
    if (count == 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("cpuPerMessage", (double) cpu / count, "ns/msg", AggregationPolicy.AVG),
        new ScalarResult("cpuCores", (double) cpu / wall, "cores", AggregationPolicy.AVG));
  }
}
