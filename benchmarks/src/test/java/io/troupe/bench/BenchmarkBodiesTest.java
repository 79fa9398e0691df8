package io.troupe.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark body once, on small sizes, through the same set-up and tear-down JMH calls:
 * it checks that each contender completes its round (correctness), not how fast.
 */
class BenchmarkBodiesTest {

  @Test
  void observedRalliesComplete() throws Exception {
    ObservedPingPongBench bench = new ObservedPingPongBench();
    ObservedPingPongBench.Plain plain = new ObservedPingPongBench.Plain();
    plain.setup();
    try {
      bench.plain(plain);
    } finally {
      plain.tearDown();
    }
    ObservedPingPongBench.Metered metered = new ObservedPingPongBench.Metered();
    metered.setup();
    try {
      bench.metered(metered);
    } finally {
      metered.tearDown();
    }
    ObservedPingPongBench.TracedAndMetered traced = new ObservedPingPongBench.TracedAndMetered();
    traced.setup();
    try {
      bench.tracedAndMetered(traced);
    } finally {
      traced.tearDown();
    }
  }

  @Test
  void pingPongRalliesComplete() throws Exception {
    PingPongBench bench = new PingPongBench();
    bench.rounds = 100;
    PingPongBench.TroupePair troupe = new PingPongBench.TroupePair();
    troupe.setup();
    try {
      bench.troupe(troupe);
    } finally {
      troupe.tearDown();
    }
    PingPongBench.PekkoPair pekko = new PingPongBench.PekkoPair();
    pekko.setup();
    try {
      bench.pekko(pekko);
    } finally {
      pekko.tearDown();
    }
    PingPongBench.VirtualPair virtual = new PingPongBench.VirtualPair();
    virtual.setup();
    try {
      bench.virtualThreadHandoff(virtual);
    } finally {
      virtual.tearDown();
    }
    PingPongBench.SpinPair spin = new PingPongBench.SpinPair();
    spin.setup();
    try {
      bench.platformBusySpin(spin);
      assertEquals(100, spin.pong.get());
    } finally {
      spin.tearDown();
    }
  }

  @Test
  void fanInCountsEveryMessage() throws Exception {
    FanInBench bench = new FanInBench();
    bench.messages = 4_000;
    FanInBench.Producers producers = new FanInBench.Producers();
    producers.setup();
    try {
      FanInBench.TroupeCounter troupe = new FanInBench.TroupeCounter();
      troupe.setup();
      try {
        bench.troupe(producers, troupe);
      } finally {
        troupe.tearDown();
      }
      FanInBench.PekkoCounter pekko = new FanInBench.PekkoCounter();
      pekko.setup();
      try {
        bench.pekko(producers, pekko);
      } finally {
        pekko.tearDown();
      }
      assertEquals(4_000, bench.jctoolsMpsc(producers, new FanInBench.JctoolsQueue()));
    } finally {
      producers.tearDown();
    }
  }

  @Test
  void spawnStopEndsEveryActor() throws Exception {
    SpawnStopBench bench = new SpawnStopBench();
    bench.actors = 200;
    SpawnStopBench.TroupeNode troupe = new SpawnStopBench.TroupeNode();
    troupe.setup();
    try {
      bench.troupe(troupe);
      bench.troupeAwaitingStart(troupe);
    } finally {
      troupe.tearDown();
    }
    SpawnStopBench.PekkoParent pekko = new SpawnStopBench.PekkoParent();
    pekko.setup();
    try {
      bench.pekko(pekko);
    } finally {
      pekko.tearDown();
    }
  }

  @Test
  void idleFootprintReportsAPositiveSize() throws Exception {
    IdleFootprintBench bench = new IdleFootprintBench();
    bench.actors = 2_000;
    // A heap reading can be disturbed by other allocation; only require a sane size.
    IdleFootprintBench.TroupeNode troupe = new IdleFootprintBench.TroupeNode();
    troupe.setup(bench);
    try {
      bench.troupe(troupe);
      assertTrue(bench.bytesPerActor > 0, "Troupe bytes per actor: " + bench.bytesPerActor);
    } finally {
      troupe.tearDown();
    }
    IdleFootprintBench.PekkoSystem pekko = new IdleFootprintBench.PekkoSystem();
    pekko.setup();
    try {
      bench.pekko(pekko);
      assertTrue(bench.bytesPerActor > 0, "Pekko bytes per actor: " + bench.bytesPerActor);
    } finally {
      pekko.tearDown();
    }
    IdleFootprintBench.ParkedThreads parked = new IdleFootprintBench.ParkedThreads();
    parked.setup(bench);
    try {
      bench.parkedVirtualThread(parked);
      assertTrue(bench.bytesPerActor > 0, "thread bytes per actor: " + bench.bytesPerActor);
    } finally {
      parked.tearDown();
    }
  }

  @Test
  void callsAndAsksAreAnswered() throws Exception {
    CallLatencyBench bench = new CallLatencyBench();
    CallLatencyBench.TroupeAnswerer troupe = new CallLatencyBench.TroupeAnswerer();
    troupe.setup();
    try {
      assertEquals(42, bench.troupe(troupe));
    } finally {
      troupe.tearDown();
    }
    CallLatencyBench.PekkoAnswerer pekko = new CallLatencyBench.PekkoAnswerer();
    pekko.setup();
    try {
      assertEquals(42, bench.pekko(pekko));
    } finally {
      pekko.tearDown();
    }
  }

  @Test
  void remoteCastsArriveAndRemoteCallsAreAnsweredOverLoopback() throws Exception {
    RemoteBench bench = new RemoteBench();
    bench.messages = 2_000;
    RemoteBench.TroupeRemote troupe = new RemoteBench.TroupeRemote();
    troupe.setup();
    try {
      bench.castThroughputTroupe(troupe); // returns only once the remote actor counted them all
      bench.castThroughputTroupe(troupe);
      assertEquals(42L, bench.callLatencyTroupe(troupe));
    } finally {
      troupe.tearDown();
    }
    RemoteBench.PekkoRemote pekko = new RemoteBench.PekkoRemote();
    pekko.setup();
    try {
      bench.castThroughputPekko(pekko);
      bench.castThroughputPekko(pekko);
      assertEquals(42L, bench.callLatencyPekko(pekko));
    } finally {
      pekko.tearDown();
    }
  }

  @Test
  void pingPongAndThreadRingCompleteNextToABusyThread() throws Exception {
    CompetingThread busy = new CompetingThread();
    busy.setup();
    try {
      assertTrue(busy.isRunning());
      PingPongBench pingPong = new PingPongBench();
      pingPong.rounds = 100;
      PingPongBench.TroupePair troupe = new PingPongBench.TroupePair();
      troupe.setup();
      try {
        pingPong.troupeWithBusyThread(troupe, busy);
      } finally {
        troupe.tearDown();
      }
      PingPongBench.PekkoPair pekko = new PingPongBench.PekkoPair();
      pekko.setup();
      try {
        pingPong.pekkoWithBusyThread(pekko, busy);
      } finally {
        pekko.tearDown();
      }
      ThreadRingBench ring = new ThreadRingBench();
      ring.hops = 250;
      ThreadRingBench.TroupeRing troupeRing = new ThreadRingBench.TroupeRing();
      troupeRing.actors = 20;
      troupeRing.setup();
      try {
        assertEquals(250 % 20, ring.troupeWithBusyThread(troupeRing, busy));
      } finally {
        troupeRing.tearDown();
      }
      ThreadRingBench.PekkoRing pekkoRing = new ThreadRingBench.PekkoRing();
      pekkoRing.actors = 20;
      pekkoRing.setup();
      try {
        assertEquals(250 % 20, ring.pekkoWithBusyThread(pekkoRing, busy));
      } finally {
        pekkoRing.tearDown();
      }
    } finally {
      busy.tearDown();
    }
    assertFalse(busy.isRunning());
  }

  @Test
  void threadRingTokenEndsAtTheMemberItsHopCountNames() throws Exception {
    ThreadRingBench bench = new ThreadRingBench();
    ThreadRingBench.TroupeRing troupe = new ThreadRingBench.TroupeRing();
    troupe.actors = 53;
    troupe.setup();
    try {
      // Two rounds on the same ring: the second starts where the JMH loop would.
      for (int hops : new int[] {1_000, 1_007}) {
        bench.hops = hops;
        assertEquals(hops % 53, bench.troupe(troupe));
      }
    } finally {
      troupe.tearDown();
    }
    ThreadRingBench.PekkoRing pekko = new ThreadRingBench.PekkoRing();
    pekko.actors = 53;
    pekko.setup();
    try {
      for (int hops : new int[] {1_000, 1_007}) {
        bench.hops = hops;
        assertEquals(hops % 53, bench.pekko(pekko));
      }
    } finally {
      pekko.tearDown();
    }
  }

  @Test
  void chameneosCreaturesCountTwiceTheMeetingsHeld() throws Exception {
    ChameneosBench bench = new ChameneosBench();
    bench.meetings = 2_000;
    ChameneosBench.TroupeWorld troupe = new ChameneosBench.TroupeWorld();
    troupe.creatures = 10;
    troupe.setup();
    try {
      assertEquals(4_000, bench.troupe(troupe));
      assertEquals(4_000, bench.troupe(troupe)); // a second round in the same world
    } finally {
      troupe.tearDown();
    }
    ChameneosBench.PekkoWorld pekko = new ChameneosBench.PekkoWorld();
    pekko.creatures = 10;
    pekko.setup();
    try {
      assertEquals(4_000, bench.pekko(pekko));
      assertEquals(4_000, bench.pekko(pekko));
    } finally {
      pekko.tearDown();
    }
  }

  @Test
  void chameneosColoursComplementAsInTheGame() {
    for (ChameneosBench.Colour a : ChameneosBench.Colour.values()) {
      assertEquals(a, a.complement(a));
      for (ChameneosBench.Colour b : ChameneosBench.Colour.values()) {
        if (a != b) {
          ChameneosBench.Colour c = a.complement(b);
          assertTrue(c != a && c != b, a + " meets " + b + " gives " + c);
          assertEquals(c, b.complement(a));
        }
      }
    }
  }

  @Test
  void bigAnswersEveryPing() throws Exception {
    BigBench bench = new BigBench();
    bench.pings = 200;
    BigBench.TroupeActors troupe = new BigBench.TroupeActors();
    troupe.actors = 12;
    troupe.setup();
    try {
      bench.troupe(troupe); // returns only once every actor had all its pings answered
      bench.troupe(troupe);
    } finally {
      troupe.tearDown();
    }
    BigBench.PekkoActors pekko = new BigBench.PekkoActors();
    pekko.actors = 12;
    pekko.setup();
    try {
      bench.pekko(pekko);
      bench.pekko(pekko);
    } finally {
      pekko.tearDown();
    }
  }

  @Test
  void forkJoinWorkersHandleTheirShareAndCreatedActorsTheirJob() throws Exception {
    ForkJoinBench bench = new ForkJoinBench();
    bench.messagesEach = 200;
    bench.created = 2_000;
    ForkJoinBench.TroupeActors troupe = new ForkJoinBench.TroupeActors();
    troupe.setup();
    try {
      bench.troupeThroughput(troupe);
      bench.troupeThroughput(troupe);
      bench.troupeCreation(troupe);
      bench.troupeCreation(troupe);
    } finally {
      troupe.tearDown();
    }
    ForkJoinBench.PekkoActors pekko = new ForkJoinBench.PekkoActors();
    pekko.setup();
    try {
      bench.pekkoThroughput(pekko);
      bench.pekkoThroughput(pekko);
      bench.pekkoCreation(pekko);
      bench.pekkoCreation(pekko);
    } finally {
      pekko.tearDown();
    }
  }

  @Test
  void fibActorsComputeFib() throws Exception {
    FibBench bench = new FibBench();
    bench.n = 15;
    FibBench.TroupeDriver troupe = new FibBench.TroupeDriver();
    troupe.setup();
    try {
      assertEquals(610, bench.troupe(troupe));
      assertEquals(610, bench.troupe(troupe));
    } finally {
      troupe.tearDown();
    }
    FibBench.PekkoDriver pekko = new FibBench.PekkoDriver();
    pekko.setup();
    try {
      assertEquals(610, bench.pekko(pekko));
      assertEquals(610, bench.pekko(pekko));
    } finally {
      pekko.tearDown();
    }
    // The operation count JMH divides by is the size of fib(22)'s call tree.
    assertEquals(FibBench.ACTORS, 2 * fib(FibBench.N) - 1);
  }

  private static long fib(int n) {
    return n <= 2 ? 1 : fib(n - 1) + fib(n - 2);
  }

  @Test
  void sparseLoadHandlesEveryMessageAndReportsCpuPerMessage() throws Exception {
    SparseLoadBench bench = new SparseLoadBench();
    bench.rate = 100_000;
    bench.messages = 2_000; // 20 ms of pacing
    CpuTimeProfiler profiler = new CpuTimeProfiler();
    SparseLoadBench.TroupeSinks troupe = new SparseLoadBench.TroupeSinks();
    troupe.actors = 500;
    troupe.setup();
    try {
      profiler.beforeIteration(null, null);
      assertEquals(2_000, bench.troupe(troupe));
      assertCpuPerMessageReported(profiler);
    } finally {
      troupe.tearDown();
    }
    SparseLoadBench.PekkoSinks pekko = new SparseLoadBench.PekkoSinks();
    pekko.actors = 500;
    pekko.setup();
    try {
      profiler.beforeIteration(null, null);
      assertEquals(2_000, bench.pekko(pekko));
      assertCpuPerMessageReported(profiler);
    } finally {
      pekko.tearDown();
    }
    bench.rate = 1_000_000;
    profiler.beforeIteration(null, null);
    assertEquals(2_000, bench.pacerAlone(new SparseLoadBench.Nowhere()));
    assertCpuPerMessageReported(profiler);
    // Another benchmark's iteration: nothing to report.
    profiler.beforeIteration(null, null);
    assertTrue(profiler.afterIteration(null, null, null).isEmpty());
  }

  private static void assertCpuPerMessageReported(CpuTimeProfiler profiler) {
    // The process CPU clock moves in 10 ms steps: wait (with a deadline) until it has moved.
    long before = CpuTimeProfiler.processCpuNanos();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (CpuTimeProfiler.processCpuNanos() == before && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    var results = profiler.afterIteration(null, null, null);
    assertEquals(
        java.util.List.of("cpuPerMessage", "cpuCores"),
        results.stream().map(r -> r.getLabel()).toList());
    for (var r : results) {
      assertTrue(r.getScore() > 0, r.getLabel() + " = " + r.getScore());
    }
  }

  @Test
  void sparseLoadPacesItsSends() {
    SparseLoadBench bench = new SparseLoadBench();
    bench.rate = 100_000;
    bench.messages = 3_000; // 100 a millisecond: due over 30 ms
    long start = System.nanoTime();
    long[] sent = new long[1];
    bench.pace(start, count -> sent[0] += count);
    assertEquals(3_000, sent[0]);
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMillis >= 29, "sent 3,000 at 100,000/s in " + tookMillis + " ms");
  }

  @Test
  void quickModeExpandsToShortJmhFlagsAndEnablesTheProfilers() {
    assertArrayEquals(
        new String[] {
          "-prof",
          FootprintProfiler.class.getName(),
          "-prof",
          CpuTimeProfiler.class.getName(),
          "-f",
          "1",
          "-wi",
          "1",
          "-i",
          "2",
          "-w",
          "1s",
          "-r",
          "1s",
          "PingPong"
        },
        BenchMain.expand(new String[] {"--quick", "PingPong"}));
  }

  @Test
  void codecBodiesAgreeOnTheMessage() throws Exception {
    CodecBench bench = new CodecBench();
    bench.setup();
    assertEquals(bench.message, bench.troupeDecode());
    assertEquals(bench.record, bench.recordCodecDecode());
    assertEquals(bench.proto, bench.protobufDecode());
    assertEquals(bench.record, bench.javaDecode());
    // The generated codec, the hand-built one and protoc's code write the very same bytes.
    assertArrayEquals(bench.protobufEncode(), bench.troupeEncode());
    assertArrayEquals(bench.protobufEncode(), bench.recordCodecEncode());
    assertArrayEquals(bench.protobufEncode(), bench.protobufBuildAndEncode());
    assertArrayEquals(bench.protobufEncode(), bench.troupeBuildAndEncode());
  }

  @Test
  void factoryBodiesHandleEveryJobUnderEveryRouting() throws Exception {
    FactoryBench bench = new FactoryBench();
    bench.jobs = 2_000;
    FactoryBench.TroupeQueuer queuer = new FactoryBench.TroupeQueuer();
    FactoryBench.TroupeStickyQueuer sticky = new FactoryBench.TroupeStickyQueuer();
    FactoryBench.TroupeKeyPersistent keyed = new FactoryBench.TroupeKeyPersistent();
    FactoryBench.TroupeRoundRobin roundRobin = new FactoryBench.TroupeRoundRobin();
    FactoryBench.TroupeCustom custom = new FactoryBench.TroupeCustom();
    for (var target : java.util.List.of(queuer, sticky, keyed, roundRobin, custom)) {
      target.start();
    }
    try {
      bench.troupeQueuer(queuer);
      bench.troupeStickyQueuer(sticky);
      bench.troupeKeyPersistent(keyed);
      bench.troupeRoundRobin(roundRobin);
      bench.troupeCustom(custom);
      // The latch counts handled jobs; the factory's count follows when the last "done" arrives.
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      for (var target : java.util.List.of(queuer, sticky, keyed, roundRobin, custom)) {
        while (target.factory.stats().processed() < 2_000 && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        assertEquals(2_000, target.factory.stats().processed());
        assertEquals(0, target.factory.stats().discardedTotal());
      }
    } finally {
      for (var target : java.util.List.of(queuer, sticky, keyed, roundRobin, custom)) {
        target.stop();
      }
    }
    FactoryBench.PekkoRoundRobin pekkoRoundRobin = new FactoryBench.PekkoRoundRobin();
    pekkoRoundRobin.setup();
    try {
      bench.pekkoRoundRobin(pekkoRoundRobin);
    } finally {
      pekkoRoundRobin.tearDown();
    }
    FactoryBench.PekkoConsistentHashing pekkoHashing = new FactoryBench.PekkoConsistentHashing();
    pekkoHashing.setup();
    try {
      bench.pekkoConsistentHashing(pekkoHashing);
    } finally {
      pekkoHashing.tearDown();
    }
  }

  @Test
  void handlerDispatchMatchesTheHandWrittenSwitch() throws Exception {
    HandlerDispatchBench hand = new HandlerDispatchBench();
    HandlerDispatchBench generated = new HandlerDispatchBench();
    for (int i = 0; i < 10; i++) {
      assertEquals(hand.handWritten(), generated.generatedHandler());
    }
  }
}
