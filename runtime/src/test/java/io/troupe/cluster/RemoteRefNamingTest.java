package io.troupe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.testing.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A remote ref prints the actor's id and the name of the node it lives on. */
class RemoteRefNamingTest {

  static final class Sink implements Actor<FlowControlTest.Note, Void, Void> {
    @Override
    public Void preStart(ActorRef<FlowControlTest.Note> self, Void args) {
      return null;
    }
  }

  private static Node node(String name) {
    return Node.create(
        name,
        NodeConfig.builder()
            .cookie(RawPeer.COOKIE)
            .handshakeTimeout(Duration.ofSeconds(5))
            .build());
  }

  @Test
  void aRemoteRefNamesItsActorAndNode() {
    try (Node alpha = node("alpha");
        Node beta = node("beta")) {
      ActorRef<FlowControlTest.Note> local = beta.spawn("sink", new Sink(), null);
      alpha.cluster().connect("127.0.0.1", beta.cluster().listen("127.0.0.1", 0).getPort());
      Await.until("alpha knows the sink", () -> alpha.registry().whereIs("sink").isPresent());
      ActorRef<?> remote = alpha.registry().whereIs("sink").orElseThrow();
      assertEquals(local.id().local(), remote.id().local());
      String text = remote.toString();
      assertTrue(text.contains(remote.id().toString()), text);
      assertTrue(text.contains("on node \"beta\""), text);
      alpha.cluster().disconnect("beta");
      Await.until("the ref ends", () -> remote.status() == io.troupe.ActorStatus.STOPPED);
      assertTrue(remote.toString().contains("\"beta\""), "the last known name stays: " + remote);
    }
  }
}
