package io.troupe.examples.pingpong;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.annotation.ActorMessage;
import java.time.Duration;

/**
 * Two actors bounce a ball back and forth ten times; the second stops when the rally is over. Shows
 * spawning, casting, replying to a ref carried in the message, and awaiting an actor's exit.
 */
public final class PingPong {
  private PingPong() {}

  /** What a player understands; the processor writes {@code RallyRef} from it. */
  @ActorMessage
  public sealed interface Rally {
    /** A ball that says who to send it back to. */
    record Ball(int hits, ActorRef<Rally> from) implements Rally {}
  }

  /** Returns the ball until {@code maxHits}, then stops itself. */
  static final class Player implements Actor<Rally, String, String> {
    private final int maxHits;

    Player(int maxHits) {
      this.maxHits = maxHits;
    }

    @Override
    public String preStart(ActorRef<Rally> self, String name) {
      return name;
    }

    @Override
    public String handle(ActorRef<Rally> self, Rally message, String name) {
      Rally.Ball ball = (Rally.Ball) message;
      System.out.println(name + " hits the ball (" + ball.hits() + ")");
      if (ball.hits() >= maxHits) {
        System.out.println(name + ": game over");
        ball.from().stop("game over");
        self.stop("game over");
      } else {
        RallyRef.of(ball.from()).ball(ball.hits() + 1, self);
      }
      return name;
    }
  }

  public static void main(String[] args) {
    try (Node node = Node.create("ping-pong")) {
      ActorRef<Rally> ping = node.spawn("ping", new Player(10), "ping");
      ActorRef<Rally> pong = node.spawn("pong", new Player(10), "pong");
      RallyRef.of(ping).ball(1, pong); // the generated cast for record Ball
      boolean done =
          ping.awaitExit(Duration.ofSeconds(10)) && pong.awaitExit(Duration.ofSeconds(10));
      System.out.println(done ? "both players left the table" : "the rally did not finish in time");
    }
  }
}
