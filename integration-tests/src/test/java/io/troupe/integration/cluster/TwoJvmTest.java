package io.troupe.integration.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.cluster.NodeConfig;
import io.troupe.cluster.NodeEvent;
import io.troupe.rpc.CallResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A second node in its own JVM process, killed with destroyForcibly in the middle of traffic. */
class TwoJvmTest {

  @Test
  void aNodeInAnotherJvmServesCallsAndItsSuddenDeathFailsPendingCalls() throws Exception {
    String cookie = NodeConfig.generateCookie();
    try (Node here = Node.create("test-jvm", LocalNodes.config(cookie).build())) {
      List<NodeEvent> events = new CopyOnWriteArrayList<>();
      here.cluster().subscribe(events::add);
      int port = here.cluster().listen("127.0.0.1", 0).getPort();
      try (SecondJvm other = SecondJvm.start(port, cookie, "tally")) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (here.groups().members("tallies").isEmpty()) {
          assertTrue(System.nanoTime() < deadline, "the other JVM's tally never appeared");
          Thread.sleep(10);
        }
        @SuppressWarnings("unchecked")
        ActorRef<RemoteActorsTest.TallyMsg> remote =
            (ActorRef<RemoteActorsTest.TallyMsg>) here.groups().members("tallies").getFirst();
        assertFalse(remote.id().isLocal());
        TallyMsgRef tally = TallyMsgRef.from(remote);
        for (int i = 0; i < 1000; i++) {
          tally.add(1);
        }
        assertEquals(1000, tally.total(Duration.ofSeconds(10)));

        // Mid-traffic: casts in flight and a call that will never be answered.
        List<CompletableFuture<CallResult<Integer>>> pending = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          tally.add(1);
          pending.add(remote.callAsync(RemoteActorsTest.TallyMsg.Hang::new, Duration.ofMinutes(1)));
        }
        other.kill();
        for (CompletableFuture<CallResult<Integer>> call : pending) {
          assertInstanceOf(CallResult.SenderError.class, call.get(20, TimeUnit.SECONDS));
        }
        while (!here.groups().members("tallies").isEmpty()) {
          assertTrue(
              System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(20),
              "the dead JVM's tally stayed in the group");
          Thread.sleep(10);
        }
        // Listeners are told in subscription order, the runtime's own first: wait for ours too.
        while (events.stream()
            .noneMatch(
                e ->
                    e instanceof NodeEvent.NodeDisconnected d
                        && d.peer().name().equals("second-jvm"))) {
          assertTrue(
              System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(20),
              "no NodeDisconnected for the dead JVM");
          Thread.sleep(1);
        }
      }
    }
  }
}
