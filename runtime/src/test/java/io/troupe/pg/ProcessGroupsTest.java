package io.troupe.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.testing.Await;
import io.troupe.testing.Behaviours;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessGroupsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final Node node = Node.create("pg");
  private final ProcessGroups pg = node.groups();

  @AfterEach
  void close() {
    node.close();
  }

  private ActorRef<String> actor() {
    return node.spawn(Behaviours.idle(), null);
  }

  private static List<GroupChange> changes(Behaviours.EventRecorder<String> r) {
    return r.eventsOf(SupervisionEvent.ProcessGroupChanged.class).stream()
        .map(SupervisionEvent.ProcessGroupChanged::change)
        .toList();
  }

  @Test
  void joinedActorsAreMembersInJoiningOrder() {
    ActorRef<String> a = actor();
    ActorRef<String> b = actor();
    pg.join("workers", List.of(a, b));
    assertEquals(List.of(a, b), pg.members("workers"));
    assertEquals(List.of(a, b), pg.localMembers("workers"));
    assertEquals(Set.of("workers"), pg.whichGroups());
    assertEquals(Set.of(ProcessGroups.DEFAULT_SCOPE), pg.whichScopes());
  }

  @Test
  void joiningTwiceIsOneMembershipAndOneNotification() {
    Behaviours.EventRecorder<String> watcher = new Behaviours.EventRecorder<>();
    ActorRef<String> watcherRef = node.spawn(watcher, null);
    pg.monitor("g", watcherRef);
    ActorRef<String> a = actor();
    pg.join("g", List.of(a));
    pg.join("g", List.of(a, a));
    assertEquals(List.of(a), pg.members("g"));
    ActorRef<String> b = actor();
    pg.join("g", List.of(b)); // a marker: the events before it are all there is
    Await.until("two joins seen", () -> changes(watcher).size() == 2);
    assertEquals(
        new GroupChange.Join(ProcessGroups.DEFAULT_SCOPE, "g", List.of(a)),
        changes(watcher).get(0));
    assertEquals(
        new GroupChange.Join(ProcessGroups.DEFAULT_SCOPE, "g", List.of(b)),
        changes(watcher).get(1));
  }

  @Test
  void leaveRemovesAndAnEmptyGroupDisappears() {
    ActorRef<String> a = actor();
    pg.join("g", List.of(a));
    pg.leave("g", List.of(a));
    pg.leave("g", List.of(a)); // not a member: nothing happens
    pg.leave("never", List.of(a));
    assertEquals(List.of(), pg.members("g"));
    assertEquals(Set.of(), pg.whichGroups());
    assertEquals(Set.of(), pg.whichScopes());
  }

  @Test
  void scopesKeepGroupsApart() {
    ActorRef<String> a = actor();
    ActorRef<String> b = actor();
    pg.join("east", "g", List.of(a));
    pg.join("west", "g", List.of(b));
    assertEquals(List.of(a), pg.members("east", "g"));
    assertEquals(List.of(b), pg.members("west", "g"));
    assertEquals(List.of(), pg.members("g"));
    assertEquals(Set.of("east", "west"), pg.whichScopes());
    assertEquals(Set.of("g"), pg.whichGroups("east"));
    assertEquals(Set.of("g"), pg.whichGroups());
  }

  @Test
  void aStoppingActorLeavesAllItsGroupsAndMonitorsAreTold() {
    Behaviours.EventRecorder<String> watcher = new Behaviours.EventRecorder<>();
    ActorRef<String> watcherRef = node.spawn(watcher, null);
    pg.monitor("one", watcherRef);
    pg.monitorScope("other-scope", watcherRef);
    ActorRef<String> leaving = actor();
    ActorRef<String> staying = actor();
    pg.join("one", List.of(leaving, staying));
    pg.join("two", List.of(leaving));
    pg.join("other-scope", "three", List.of(leaving));
    assertTrue(leaving.stopAndWait(null, WAIT));
    // Gone from every group before awaitExit returned; the other member is untouched.
    assertEquals(List.of(staying), pg.members("one"));
    assertEquals(List.of(), pg.members("two"));
    assertEquals(List.of(), pg.members("other-scope", "three"));
    Await.until(
        "leaves seen",
        () -> changes(watcher).stream().filter(GroupChange.Leave.class::isInstance).count() == 2);
    assertTrue(
        changes(watcher)
            .contains(new GroupChange.Leave(ProcessGroups.DEFAULT_SCOPE, "one", List.of(leaving))));
    assertTrue(
        changes(watcher).contains(new GroupChange.Leave("other-scope", "three", List.of(leaving))));
  }

  @Test
  void aStoppedActorIsNeverInserted() {
    ActorRef<String> dead = actor();
    assertTrue(dead.stopAndWait(null, WAIT));
    pg.join("g", List.of(dead));
    assertEquals(List.of(), pg.members("g"));
    assertEquals(Set.of(), pg.whichGroups());
  }

  @Test
  void demonitorFullyUnsubscribes() {
    Behaviours.EventRecorder<String> watcher = new Behaviours.EventRecorder<>();
    ActorRef<String> watcherRef = node.spawn(watcher, null);
    pg.monitor("g", watcherRef);
    pg.monitorScope("s", watcherRef);
    pg.demonitor("g", watcherRef);
    pg.demonitorScope("s", watcherRef);
    pg.join("g", List.of(actor()));
    pg.join("s", "h", List.of(actor()));
    // A still-subscribed second watcher shows the events were sent.
    Behaviours.EventRecorder<String> control = new Behaviours.EventRecorder<>();
    ActorRef<String> controlRef = node.spawn(control, null);
    pg.monitor("g", controlRef);
    pg.join("g", List.of(actor()));
    Await.until("control saw a join", () -> changes(control).size() == 1);
    // The watcher's mailbox has been drained by now if anything had been sent to it before.
    ActorRef<String> after = actor();
    pg.monitor("late", watcherRef);
    pg.join("late", List.of(after));
    Await.until("the watcher's one subscription works", () -> changes(watcher).size() == 1);
    assertEquals(
        new GroupChange.Join(ProcessGroups.DEFAULT_SCOPE, "late", List.of(after)),
        changes(watcher).get(0));
  }

  @Test
  void scopeMonitorsSeeEveryGroupOfTheScope() {
    Behaviours.EventRecorder<String> watcher = new Behaviours.EventRecorder<>();
    ActorRef<String> watcherRef = node.spawn(watcher, null);
    pg.monitorScope("s", watcherRef);
    ActorRef<String> a = actor();
    pg.join("s", "x", List.of(a));
    pg.join("s", "y", List.of(a));
    pg.join("elsewhere", "x", List.of(a));
    pg.leave("s", "x", List.of(a));
    Await.until("three changes", () -> changes(watcher).size() == 3);
    assertEquals(
        List.of(
            new GroupChange.Join("s", "x", List.of(a)),
            new GroupChange.Join("s", "y", List.of(a)),
            new GroupChange.Leave("s", "x", List.of(a))),
        changes(watcher));
  }

  @Test
  void concurrentJoinsLeavesAndStopsLeaveNoStoppedActorBehind() throws Exception {
    for (int round = 0; round < 20; round++) {
      List<ActorRef<String>> actors = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        actors.add(actor());
      }
      CountDownLatch go = new CountDownLatch(1);
      Set<ActorRef<String>> stopped = java.util.concurrent.ConcurrentHashMap.newKeySet();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      ThreadLocalRandom r = ThreadLocalRandom.current();
                      try {
                        go.await();
                      } catch (InterruptedException e) {
                        return;
                      }
                      for (int i = 0; i < 400; i++) {
                        ActorRef<String> a = actors.get(r.nextInt(actors.size()));
                        String group = "g" + r.nextInt(3);
                        switch ((i + seed) % 4) {
                          case 0, 1 -> pg.join(group, List.of(a));
                          case 2 -> pg.leave(group, List.of(a));
                          default -> {
                            stopped.add(a);
                            a.stop();
                          }
                        }
                      }
                    }));
      }
      go.countDown();
      for (Thread t : threads) {
        t.join();
      }
      for (ActorRef<String> a : stopped) {
        assertTrue(a.awaitExit(WAIT));
      }
      for (String group : pg.whichGroups()) {
        for (ActorRef<?> member : pg.members(group)) {
          assertTrue(
              member.status().acceptsMessages(), "stopped actor " + member + " still in " + group);
        }
      }
      actors.forEach(ActorRef::stop);
      for (ActorRef<String> a : actors) {
        assertTrue(a.awaitExit(WAIT));
      }
      assertEquals(Set.of(), pg.whichGroups(), "every member left when it stopped");
    }
  }
}
