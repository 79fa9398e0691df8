package io.troupe.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark body once, on small sizes, through the same set-up and tear-down JMH
 * calls: it checks that each contender completes its round (correctness), not how fast.
 */
class BenchmarkBodiesTest {

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
  void quickModeExpandsToShortJmhFlagsAndEnablesTheFootprintProfiler() {
    assertArrayEquals(
        new String[] {
          "-prof", FootprintProfiler.class.getName(),
          "-f", "1", "-wi", "1", "-i", "2", "-w", "1s", "-r", "1s", "PingPong"
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
