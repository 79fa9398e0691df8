package io.troupe.introspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorId;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.Node;
import io.troupe.testing.Await;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

class IntrospectionTest {

  sealed interface Msg {
    record Work() implements Msg {}

    record Block(CountDownLatch started, CountDownLatch release) implements Msg {}
  }

  static final class Worker implements Actor<Msg, Void, Void> {
    @Override
    public Void preStart(ActorRef<Msg> self, Void args) {
      return null;
    }

    @Override
    public Void handle(ActorRef<Msg> self, Msg m, Void s) throws Exception {
      if (m instanceof Msg.Block b) {
        b.started().countDown();
        b.release().await();
      }
      return s;
    }
  }

  @Test
  void listsLiveActorsWithTheirTreeTypeAndMailboxDepth() throws Exception {
    try (Node node = Node.create("introspect")) {
      ActorRef<Msg> parent = node.spawn("parent", new Worker(), null);
      ActorRef<Msg> child = node.spawnLinked("child", new Worker(), null, parent);
      ActorRef<Msg> loner = node.spawn(new Worker(), null);

      List<ActorInfo> all = node.actors();
      assertEquals(List.of(parent, child, loner), all.stream().map(ActorInfo::ref).toList());
      ActorInfo p = all.get(0);
      assertEquals(Optional.of("parent"), p.name());
      assertEquals(List.of(child), p.children());
      assertEquals(Optional.empty(), p.supervisor());
      assertEquals(Optional.of(Msg.class), p.messageType());
      assertEquals(Worker.class.getName(), p.behaviour());
      Await.until(
          "running", () -> node.actor(child.id()).orElseThrow().status() == ActorStatus.RUNNING);
      ActorInfo c = node.actor(child.id()).orElseThrow();
      assertEquals(Optional.of(parent), c.supervisor());
      assertEquals(Optional.empty(), all.get(2).name());

      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      loner.cast(new Msg.Block(started, release));
      assertTrue(started.await(10, TimeUnit.SECONDS));
      for (int i = 0; i < 5; i++) {
        loner.cast(new Msg.Work());
      }
      assertEquals(5, node.actor(loner.id()).orElseThrow().mailboxDepth());
      release.countDown();
      Await.until(
          "the mailbox empties", () -> node.actor(loner.id()).orElseThrow().mailboxDepth() == 0);

      assertTrue(loner.stopAndWait("done", Duration.ofSeconds(10)));
      assertEquals(Optional.empty(), node.actor(loner.id()));
      assertEquals(2, node.actors().size());
    }
  }

  @Test
  void idsOfOtherNodesAndRemoteIdsFindNothing() {
    try (Node node = Node.create("introspect");
        Node other = Node.create("other")) {
      ActorRef<Msg> there = other.spawn(new Worker(), null);
      ActorRef<Msg> here = node.spawn(new Worker(), null);
      assertEquals(Optional.empty(), node.actor(there.id()));
      assertEquals(Optional.empty(), node.actor(new ActorId(node.id(), here.id().local(), true)));
      assertTrue(node.actor(here.id()).isPresent());
    }
  }

  @Test
  void theMBeanShowsTheSameAndGoesAwayWithTheNode() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name;
    try (Node node = Node.create("jmx \"quoted\", node")) {
      ActorRef<Msg> worker = node.spawn("w", new Worker(), null);
      name = node.registerMBean();
      assertEquals(name, node.registerMBean(), "registered once");
      assertEquals(1, server.getAttribute(name, "LiveActors"));
      assertEquals(Long.toHexString(node.id()), server.getAttribute(name, "Id"));
      CompositeData[] actors = (CompositeData[]) server.getAttribute(name, "Actors");
      assertEquals(1, actors.length);
      assertEquals(worker.id().toString(), actors[0].get("id"));
      assertEquals("w", actors[0].get("name"));
      assertEquals(Msg.class.getName(), actors[0].get("messageType"));
      assertEquals(0L, actors[0].get("mailboxDepth"));
      CompositeData one =
          (CompositeData)
              server.invoke(
                  name,
                  "actor",
                  new Object[] {worker.id().toString()},
                  new String[] {String.class.getName()});
      assertEquals("RUNNING", one.get("status"));
      CompositeData byNumber =
          (CompositeData)
              server.invoke(
                  name,
                  "actor",
                  new Object[] {Long.toString(worker.id().local())},
                  new String[] {String.class.getName()});
      assertEquals(worker.id().toString(), byNumber.get("id"));
      assertNull(
          server.invoke(
              name, "actor", new Object[] {"nonsense"}, new String[] {String.class.getName()}));
      assertEquals(0L, server.getAttribute(name, "QueuedMessages"));
    }
    assertFalse(server.isRegistered(name));
  }
}
