package io.troupe.examples.supervision;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.annotation.ActorMessage;
import io.troupe.rpc.CallFailedException;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.Backoff;
import io.troupe.supervision.ChildSpec;
import io.troupe.supervision.Strategy;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.supervision.Supervisor;
import io.troupe.supervision.SupervisorEvent;
import io.troupe.supervision.SupervisorSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A supervision tree built on the library ({@link Supervisor}): a one-for-one supervisor with two
 * children, a divider restarted <em>in place</em> (its client keeps the same generated facade
 * across restarts) and a clock left alone by its sibling's failures. Each division by zero fails
 * the divider; the fourth failure within ten seconds exceeds the restart intensity, so the
 * supervisor gives up, stops its children in reverse order and fails upward, where a watcher hears
 * of it.
 */
public final class SupervisorTree {
  private SupervisorTree() {}

  /** What the divider understands; the processor writes {@code DividerMsgRef} from it. */
  @ActorMessage
  public sealed interface DividerMsg {
    /** Asks for {@code 100 / n}. */
    record Divide(int n, RpcReplyPort<Integer> reply) implements DividerMsg {}
  }

  /** Divides 100 by the number it is asked about; zero makes its handler throw. */
  static final class Divider implements Actor<DividerMsg, Integer, Void> {
    private final AtomicInteger incarnations = new AtomicInteger();

    @Override
    public Integer preStart(ActorRef<DividerMsg> self, Void args) {
      int n = incarnations.incrementAndGet();
      System.out.println("  divider incarnation " + n + " started");
      return n;
    }

    @Override
    public Integer handle(ActorRef<DividerMsg> self, DividerMsg message, Integer incarnation) {
      switch (message) {
        case DividerMsg.Divide d -> d.reply().send(100 / d.n());
      }
      return incarnation;
    }
  }

  /**
   * A sibling that only starts and stops: one-for-one leaves it running while the divider restarts.
   */
  static final class Clock implements Actor<String, String, Void> {
    @Override
    public String preStart(ActorRef<String> self, Void args) {
      System.out.println("  clock started");
      return "tick";
    }

    @Override
    public void postStop(ActorRef<String> self, String state) {
      System.out.println("  clock stopped");
    }
  }

  /** Hears how the root supervisor ends: the failure travelling up the tree. */
  static final class Watcher implements Actor<String, String, Void> {
    @Override
    public String preStart(ActorRef<String> self, Void args) {
      return "watching";
    }

    @Override
    public String handleSupervisorEvent(
        ActorRef<String> self, SupervisionEvent event, String state) {
      if (event instanceof SupervisionEvent.ActorFailed failed) {
        System.out.println(
            "watcher: "
                + failed.actor().name().orElse("?")
                + " failed: "
                + failed.error().getMessage());
        self.stop("seen");
      }
      return state;
    }
  }

  private static void print(SupervisorEvent event) {
    switch (event) {
      case SupervisorEvent.RestartScheduled r ->
          System.out.println(
              "supervisor: "
                  + r.childId()
                  + " failed ("
                  + r.cause().map(Throwable::getMessage).orElse("stopped")
                  + "), restart "
                  + r.attempt()
                  + (r.inPlace() ? " in place" : "")
                  + " after "
                  + r.delay().toMillis()
                  + " ms");
      case SupervisorEvent.GaveUp g ->
          System.out.println("supervisor: " + g.childId() + " failed once too often: giving up");
      default -> {}
    }
  }

  @SuppressWarnings("unchecked")
  public static void main(String[] args) {
    try (Node node = Node.create("supervision")) {
      SupervisorSpec spec =
          SupervisorSpec.builder()
              .strategy(Strategy.ONE_FOR_ONE)
              .intensity(3, Duration.ofSeconds(10))
              .backoff(
                  Backoff.exponential(Duration.ofMillis(10), Duration.ofMillis(100), 0)
                      .withResetAfter(Duration.ofSeconds(10)))
              .child(ChildSpec.of("clock", new Clock(), null))
              .child(ChildSpec.of("divider", new Divider(), null).restartInPlace())
              .onEvent(SupervisorTree::print)
              .build();
      Supervisor root = Supervisor.start(node, "root", spec);
      ActorRef<String> watcher = node.spawn(new Watcher(), null);
      watcher.monitor(root.ref());

      // The client takes the facade once and keeps it: restarts in place do not invalidate it.
      DividerMsgRef divider =
          DividerMsgRef.of(
              (ActorRef<DividerMsg>) root.child("divider", Duration.ofSeconds(1)).orElseThrow());
      for (int n : new int[] {5, 0, 4, 0, 2, 0, 1, 0, 10}) {
        try {
          System.out.println("100 / " + n + " = " + divider.divide(n, Duration.ofSeconds(5)));
        } catch (CallFailedException e) {
          System.out.println("100 / " + n + ": the divider failed on it");
        } catch (MessagingException e) {
          System.out.println("100 / " + n + ": the divider is gone (its supervisor gave up)");
        }
      }
      System.out.println(
          root.ref().awaitExit(Duration.ofSeconds(5))
              ? "root supervisor: " + root.ref().status()
              : "root still running");
      watcher.awaitExit(Duration.ofSeconds(5)); // it stops once it has told of the root's failure
    }
  }
}
