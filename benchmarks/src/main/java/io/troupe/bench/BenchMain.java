package io.troupe.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark jar's entry point: JMH's own command line, plus {@code --quick}.
 *
 * <p>{@code --quick} stands for one fork, one warm-up iteration and two measured iterations of one
 * second each: a smoke run that shows every shape works and gives rough numbers in a few minutes.
 * Flags given after it override it, since JMH takes the last value of a repeated flag.
 *
 * <p>It also enables {@link FootprintProfiler}, which reports {@link IdleFootprintBench}'s bytes
 * per actor, and {@link CpuTimeProfiler}, which reports {@link SparseLoadBench}'s CPU time per
 * message (each reports nothing for the other benchmarks).
 */
public final class BenchMain {

  static final List<String> QUICK =
      List.of("-f", "1", "-wi", "1", "-i", "2", "-w", "1s", "-r", "1s");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(expand(args));
  }

  static String[] expand(String[] args) {
    List<String> out =
        new ArrayList<>(
            List.of(
                "-prof",
                FootprintProfiler.class.getName(),
                "-prof",
                CpuTimeProfiler.class.getName()));
    for (String arg : args) {
      if (arg.equals("--quick")) {
        out.addAll(QUICK);
      } else {
        out.add(arg);
      }
    }
    return out.toArray(String[]::new);
  }
}
