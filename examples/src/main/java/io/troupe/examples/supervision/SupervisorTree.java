package io.troupe.examples.supervision;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.supervision.SupervisionEvent;
import java.time.Duration;

/**
 * A supervisor with a worker that crashes on bad input. The supervisor restarts the worker up to
 * three times, then gives up and stops, which takes the whole tree down.
 */
public final class SupervisorTree {
  private SupervisorTree() {}

  /** A worker that divides 100 by the number it receives; zero makes it fail. */
  static final class Divider implements Actor<Integer, Integer, Integer> {
    @Override
    public Integer preStart(ActorRef<Integer> self, Integer generation) {
      System.out.println("  worker generation " + generation + " started");
      return generation;
    }

    @Override
    public Integer handle(ActorRef<Integer> self, Integer n, Integer generation) {
      System.out.println("  worker " + generation + ": 100 / " + n + " = " + (100 / n));
      return generation;
    }
  }

  /** Restarts the worker when it fails, at most {@code maxRestarts} times. */
  static final class Supervisor implements Actor<Integer, Supervisor.State, Integer> {
    /** The supervisor's state: the current worker and how many restarts happened. */
    static final class State {
      ActorRef<Integer> worker;
      int restarts;
      final int maxRestarts;

      State(int maxRestarts) {
        this.maxRestarts = maxRestarts;
      }
    }

    @Override
    public State preStart(ActorRef<Integer> self, Integer maxRestarts) {
      State s = new State(maxRestarts);
      s.worker = self.node().spawnLinked(null, new Divider(), 1, self);
      return s;
    }

    @Override
    public State handle(ActorRef<Integer> self, Integer n, State s) {
      s.worker.cast(n); // forward the work
      return s;
    }

    @Override
    public State handleSupervisorEvent(ActorRef<Integer> self, SupervisionEvent event, State s) {
      if (event instanceof SupervisionEvent.ActorFailed failed) {
        System.out.println("supervisor: worker failed with " + failed.error());
        if (s.restarts == s.maxRestarts) {
          System.out.println("supervisor: too many failures, giving up");
          self.stop("restart limit reached");
        } else {
          s.restarts++;
          s.worker = self.node().spawnLinked(null, new Divider(), s.restarts + 1, self);
        }
      }
      return s;
    }
  }

  public static void main(String[] args) {
    try (Node node = Node.create("supervision")) {
      ActorRef<Integer> supervisor = node.spawn("supervisor", new Supervisor(), 3);
      for (int n : new int[] {5, 0, 4, 0, 2, 0, 1, 0, 10}) {
        try {
          supervisor.cast(n);
        } catch (io.troupe.MessagingException e) {
          System.out.println("supervisor no longer accepts work: " + n + " dropped");
        }
        // Wait for this piece of work to settle so the printout reads in order.
        supervisor.awaitExit(Duration.ofMillis(50));
      }
      System.out.println(
          supervisor.awaitExit(Duration.ofSeconds(5)) ? "supervisor stopped: " + supervisor.status() : "still running");
    }
  }
}
