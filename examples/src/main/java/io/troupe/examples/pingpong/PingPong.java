package io.troupe.examples.pingpong;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import java.time.Duration;

/**
 * Two actors bounce a ball back and forth ten times; the second stops when the rally is over.
 * Shows spawning, casting, replying to a ref carried in the message, and awaiting an actor's exit.
 */
public final class PingPong {
  private PingPong() {}

  /** The one message: a ball that says who to send it back to. */
  public record Ball(int hits, ActorRef<Ball> from) {}

  /** Returns the ball until {@code maxHits}, then stops itself. */
  static final class Player implements Actor<Ball, String, String> {
    private final int maxHits;

    Player(int maxHits) {
      this.maxHits = maxHits;
    }

    @Override
    public String preStart(ActorRef<Ball> self, String name) {
      return name;
    }

    @Override
    public String handle(ActorRef<Ball> self, Ball ball, String name) {
      System.out.println(name + " hits the ball (" + ball.hits() + ")");
      if (ball.hits() >= maxHits) {
        System.out.println(name + ": game over");
        ball.from().stop("game over");
        self.stop("game over");
      } else {
        ball.from().cast(new Ball(ball.hits() + 1, self));
      }
      return name;
    }
  }

  public static void main(String[] args) {
    try (Node node = Node.create("ping-pong")) {
      ActorRef<Ball> ping = node.spawn("ping", new Player(10), "ping");
      ActorRef<Ball> pong = node.spawn("pong", new Player(10), "pong");
      ping.cast(new Ball(1, pong));
      boolean done = ping.awaitExit(Duration.ofSeconds(10)) && pong.awaitExit(Duration.ofSeconds(10));
      System.out.println(done ? "both players left the table" : "the rally did not finish in time");
    }
  }
}
