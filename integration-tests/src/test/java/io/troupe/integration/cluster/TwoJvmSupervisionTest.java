package io.troupe.integration.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.Node;
import io.troupe.cluster.NodeConfig;
import io.troupe.integration.cluster.RemoteSupervisionTest.WorkMsg;
import io.troupe.integration.cluster.RemoteSupervisionTest.Worker;
import io.troupe.supervision.SupervisionEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Supervision across JVMs: supervisors in this JVM linked to workers of a {@link SecondJvmNode}
 * learn of a worker's stop with its reason, and of the other JVM's death as "node disconnected".
 */
@Timeout(90)
class TwoJvmSupervisionTest {

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(1);
    }
  }

  @SuppressWarnings("unchecked")
  private static ActorRef<WorkMsg> remoteWorker(Node here, String name)
      throws InterruptedException {
    await(name + " from the other JVM", () -> here.registry().whereIs(name).isPresent());
    ActorRef<WorkMsg> worker = (ActorRef<WorkMsg>) here.registry().whereIs(name).orElseThrow();
    assertFalse(worker.id().isLocal());
    return worker;
  }

  @Test
  void aLocalSupervisorLearnsOfItsRemoteChildsStopAndOfItsJvmsDeath() throws Exception {
    String cookie = NodeConfig.generateCookie();
    try (Node here = Node.create("test-jvm", LocalNodes.config(cookie).build())) {
      int port = here.cluster().listen("127.0.0.1", 0).getPort();
      try (SecondJvm other = SecondJvm.start(port, cookie, "workers")) {
        ActorRef<WorkMsg> first = remoteWorker(here, "worker-1");
        ActorRef<WorkMsg> second = remoteWorker(here, "worker-2");

        Worker firstSupervision = new Worker(true);
        ActorRef<WorkMsg> firstSupervisor = here.spawn(firstSupervision, null);
        first.link(firstSupervisor);
        Worker secondSupervision = new Worker(true);
        ActorRef<WorkMsg> secondSupervisor = here.spawn(secondSupervision, null);
        second.link(secondSupervisor);
        // A local child of the second worker: it must die with the other JVM.
        ActorRef<WorkMsg> orphan = here.spawn(new Worker(), null);
        orphan.link(second);
        assertEquals(List.of(first), firstSupervisor.children());
        // The links are in place over there: work reaches the workers after them, on one session.
        WorkMsgRef.from(first).work(3);
        assertEquals(3, WorkMsgRef.from(first).done(Duration.ofSeconds(10)));
        assertEquals(0, WorkMsgRef.from(second).done(Duration.ofSeconds(10)));

        // (a) The remote child stops in the other JVM: its supervisor here gets its reason.
        first.stop("finished over there");
        await("the first worker's end", () -> firstSupervision.ending() != null);
        SupervisionEvent.ActorTerminated stopped =
            assertInstanceOf(SupervisionEvent.ActorTerminated.class, firstSupervision.ending());
        assertSame(first, stopped.actor());
        assertEquals(Optional.of("finished over there"), stopped.reason());
        assertTrue(first.awaitExit(Duration.ofSeconds(5)));
        await(
            "the proxy leaves its supervisor's children",
            () -> firstSupervisor.children().isEmpty());
        assertEquals(
            ActorStatus.RUNNING, firstSupervisor.status()); // it records instead of stopping
        assertEquals(null, secondSupervision.ending()); // the other link is untouched

        // (b) The other JVM dies: the second supervisor hears "node disconnected", once.
        other.kill();
        await("the second worker's end", () -> secondSupervision.ending() != null);
        SupervisionEvent.ActorTerminated lost =
            assertInstanceOf(SupervisionEvent.ActorTerminated.class, secondSupervision.ending());
        assertSame(second, lost.actor());
        assertEquals(Optional.of("node disconnected"), lost.reason());
        assertEquals(ActorStatus.STOPPED, second.status());
        assertTrue(
            orphan.awaitExit(Duration.ofSeconds(10)),
            "the local child of the dead JVM's worker was not killed");
        await("the dead JVM's names gone", () -> here.registry().whereIs("worker-2").isEmpty());
        assertEquals(1, secondSupervision.endings());
        assertEquals(1, firstSupervision.endings());
      }
    }
  }
}
