package io.troupe.bench;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the heap bytes per actor that {@link IdleFootprintBench} measured in each iteration, as
 * the secondary result {@code ·bytesPerActor}, averaged over iterations. (JMH's
 * {@code @AuxCounters} would sum them instead.) {@link BenchMain} enables it on every run; it
 * reports nothing for the other benchmarks.
 */
public final class FootprintProfiler implements InternalProfiler {

  /** Set by a footprint benchmark once per iteration; negative when nothing was measured. */
  static volatile long lastBytesPerActor = -1;

  @Override
  public String getDescription() {
    return "heap bytes per idle actor, as measured by IdleFootprintBench";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    lastBytesPerActor = -1;
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares this method with the raw Result
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long bytes = lastBytesPerActor;
    if (bytes < 0) {
      return List.of();
    }
    return List.of(new ScalarResult("bytesPerActor", bytes, "bytes/actor", AggregationPolicy.AVG));
  }
}
