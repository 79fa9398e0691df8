package io.troupe.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BehaviourTestKitTest {

  @RegisterExtension final TroupeExtension troupe = TroupeExtension.withManualTime();

  sealed interface Msg {
    record Add(int n) implements Msg {}

    record Get(RpcReplyPort<Integer> reply) implements Msg {}

    record AddLater(int n, Duration after) implements Msg {}

    record Twice(int n) implements Msg {}

    record Quit() implements Msg {}

    record Fail() implements Msg {}
  }

  static final class Adder implements Actor<Msg, Integer, Integer> {
    @Override
    public Integer preStart(ActorRef<Msg> self, Integer start) {
      return start;
    }

    @Override
    public Integer handle(ActorRef<Msg> self, Msg msg, Integer total) {
      return switch (msg) {
        case Msg.Add add -> total + add.n();
        case Msg.Get get -> {
          get.reply().send(total);
          yield total;
        }
        case Msg.AddLater later -> {
          self.sendAfter(later.after(), () -> new Msg.Add(later.n()));
          yield total;
        }
        case Msg.Twice twice -> {
          self.cast(new Msg.Add(twice.n()));
          self.cast(new Msg.Add(twice.n()));
          yield total;
        }
        case Msg.Quit quit -> {
          self.stop("asked to");
          yield total;
        }
        case Msg.Fail fail -> throw new IllegalArgumentException("no");
      };
    }
  }

  @Test
  void handlersRunOnTheTestThreadWithTheStateInSight() throws Exception {
    BehaviourTestKit<Msg, Integer, Integer> kit =
        BehaviourTestKit.start(troupe.node(), new Adder(), 10);
    assertEquals(10, kit.state());
    kit.send(new Msg.Add(5)).send(new Msg.Add(1));
    assertEquals(16, kit.state());
    assertEquals(16, kit.call(Msg.Get::new));
    assertThrows(IllegalArgumentException.class, () -> kit.send(new Msg.Fail()));
    assertEquals(16, kit.state(), "a handler that threw leaves the state as it was");
  }

  @Test
  void whatAHandlerSendsToItselfIsInspectedAndFedBack() throws Exception {
    BehaviourTestKit<Msg, Integer, Integer> kit =
        BehaviourTestKit.start(troupe.node(), new Adder(), 0);
    kit.send(new Msg.Twice(3));
    assertEquals(0, kit.state(), "nothing is handled behind the test's back");
    assertEquals(java.util.List.of(new Msg.Add(3), new Msg.Add(3)), kit.takeSelfMessages());
    kit.send(new Msg.Twice(4));
    assertEquals(2, kit.processSelfMessages());
    assertEquals(8, kit.state());
    assertEquals(0, kit.processSelfMessages());
  }

  @Test
  void timersTheHandlerSetsFireUnderManualTime() throws Exception {
    BehaviourTestKit<Msg, Integer, Integer> kit =
        BehaviourTestKit.start(troupe.node(), new Adder(), 0);
    kit.send(new Msg.AddLater(7, Duration.ofMinutes(30)));
    kit.self().expectNoMessage(Duration.ofMillis(50));
    troupe.time().advance(Duration.ofMinutes(30));
    assertEquals(new Msg.Add(7), kit.processNextSelfMessage(Duration.ofSeconds(5)));
    assertEquals(7, kit.state());
  }

  @Test
  void aHandlerThatStopsSelfStopsTheStandIn() throws Exception {
    BehaviourTestKit<Msg, Integer, Integer> kit =
        BehaviourTestKit.start(troupe.node(), new Adder(), 0);
    kit.send(new Msg.Quit());
    kit.expectSelfStopped(Duration.ofSeconds(5));
  }
}
