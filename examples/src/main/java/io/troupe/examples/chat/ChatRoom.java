package io.troupe.examples.chat;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.annotation.ActorMessage;
import io.troupe.pg.GroupChange;
import io.troupe.supervision.SupervisionEvent;
import java.time.Duration;
import java.util.List;

/**
 * A chat room built on a process group: members join the group "lobby", a message is cast to every
 * member, and a moderator monitors the group to announce who comes and goes — including a member
 * that leaves by stopping.
 */
public final class ChatRoom {
  private ChatRoom() {}

  /** What a chat member understands. */
  @ActorMessage
  public sealed interface ChatMsg {
    record Say(String from, String text) implements ChatMsg {}
  }

  /** Prints what it hears. */
  static final class Member implements Actor<ChatMsg, String, String> {
    @Override
    public String preStart(ActorRef<ChatMsg> self, String name) {
      self.node().groups().join("lobby", List.of(self));
      return name;
    }

    @Override
    public String handle(ActorRef<ChatMsg> self, ChatMsg message, String name) {
      ChatMsg.Say say = (ChatMsg.Say) message;
      if (!say.from().equals(name)) {
        System.out.println("  " + name + " hears " + say.from() + ": " + say.text());
      }
      return name;
    }
  }

  /** Watches the lobby and announces joins and leaves. */
  static final class Moderator implements Actor<ChatMsg, Integer, Void> {
    @Override
    public Integer preStart(ActorRef<ChatMsg> self, Void args) {
      self.node().groups().monitor("lobby", self);
      return 0;
    }

    @Override
    public Integer handleSupervisorEvent(
        ActorRef<ChatMsg> self, SupervisionEvent event, Integer seen) {
      if (event instanceof SupervisionEvent.ProcessGroupChanged changed) {
        String who =
            changed.change().actors().stream().map(a -> a.name().orElse("?")).toList().toString();
        System.out.println(
            "moderator: "
                + who
                + (changed.change() instanceof GroupChange.Join ? " joined" : " left")
                + " the lobby");
      }
      return seen + 1;
    }
  }

  /** Casts a line to everyone in the lobby. */
  static void say(Node node, String from, String text) {
    for (ActorRef<?> member : node.groups().members("lobby")) {
      @SuppressWarnings("unchecked")
      ActorRef<ChatMsg> chat = (ActorRef<ChatMsg>) member;
      ChatMsgRef.of(chat).say(from, text);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    try (Node node = Node.create("chat")) {
      ActorRef<ChatMsg> moderator = node.spawn("moderator", new Moderator(), null);
      ActorRef<ChatMsg> ada = node.spawn("ada", new Member(), "ada");
      node.spawn("grace", new Member(), "grace");
      node.spawn("alan", new Member(), "alan");
      say(node, "ada", "hello, everyone");
      ada.stopAndWait("ada logs off", Duration.ofSeconds(1)); // leaves the lobby by itself
      say(node, "grace", "bye, ada");
      System.out.println(
          "lobby now: "
              + node.groups().members("lobby").stream().map(a -> a.name().orElse("?")).toList());
      // Let the moderator print its last announcement before the node closes.
      moderator.drainAndWait(Duration.ofSeconds(1));
    }
  }
}
