package io.troupe.examples.cluster;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.annotation.ClusterMessage;
import io.troupe.cluster.NodeConfig;
import io.troupe.supervision.SupervisionEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber pattern across two JVMs, with refs inside messages: this JVM runs a price feed; a
 * second JVM (started here) runs a watcher that sends the feed its own ref in a {@code Subscribe}
 * message. The feed pushes prices to that ref — casts from this JVM to the other — and monitors it;
 * when the watcher stops itself, the feed hears of it and forgets it. No call, no sleep, no
 * polling. Run with no arguments; the second JVM is this class with the argument {@code watcher
 * PORT}.
 */
public final class Subscribers {
  private Subscribers() {}

  /** The feed's messages. A subscriber's ref travels inside {@code Subscribe}. */
  @ClusterMessage
  public sealed interface FeedMsg {
    record Subscribe(String topic, WatcherMsgRef watcher) implements FeedMsg {}

    record Publish(String topic, long cents) implements FeedMsg {}

    record Close(String topic) implements FeedMsg {}
  }

  /** A subscriber's messages. */
  @ClusterMessage
  public sealed interface WatcherMsg {
    record Price(String topic, long cents) implements WatcherMsg {}

    record Closed(String topic) implements WatcherMsg {}
  }

  /** One topic's subscribers; {@code subscribed} and {@code left} let the example follow along. */
  static final class Feed implements Actor<FeedMsg, List<WatcherMsgRef>, Void> {
    private final CompletableFuture<WatcherMsgRef> subscribed = new CompletableFuture<>();
    private final CompletableFuture<ActorRef<?>> left = new CompletableFuture<>();

    @Override
    public List<WatcherMsgRef> preStart(ActorRef<FeedMsg> self, Void args) {
      return new ArrayList<>();
    }

    @Override
    public List<WatcherMsgRef> handle(
        ActorRef<FeedMsg> self, FeedMsg message, List<WatcherMsgRef> watchers) {
      switch (message) {
        case FeedMsg.Subscribe s -> {
          watchers.add(s.watcher());
          self.monitor(s.watcher().ref()); // a proxy: its end arrives from the other JVM
          subscribed.complete(s.watcher());
        }
        case FeedMsg.Publish p -> watchers.forEach(w -> w.price(p.topic(), p.cents()));
        case FeedMsg.Close c -> watchers.forEach(w -> w.closed(c.topic()));
      }
      return watchers;
    }

    @Override
    public List<WatcherMsgRef> handleSupervisorEvent(
        ActorRef<FeedMsg> self, SupervisionEvent event, List<WatcherMsgRef> watchers) {
      if (event instanceof SupervisionEvent.ActorTerminated t) {
        watchers.removeIf(w -> w.ref().equals(t.actor()));
        left.complete(t.actor());
      }
      return watchers;
    }
  }

  /** Prints what it is sent and stops itself when its topic closes. */
  static final class Watcher implements Actor<WatcherMsg, Integer, Void> {
    @Override
    public Integer preStart(ActorRef<WatcherMsg> self, Void args) {
      return 0;
    }

    @Override
    public Integer handle(ActorRef<WatcherMsg> self, WatcherMsg message, Integer seen) {
      switch (message) {
        case WatcherMsg.Price p ->
            System.out.printf(
                "watcher: %s at %d.%02d%n", p.topic(), p.cents() / 100, p.cents() % 100);
        case WatcherMsg.Closed c -> {
          System.out.println("watcher: " + c.topic() + " closed after " + seen + " prices");
          self.stop("topic closed");
        }
      }
      System.out.flush();
      return seen + 1;
    }
  }

  private static final String COOKIE_VARIABLE = "TROUPE_EXAMPLE_COOKIE";

  private static NodeConfig config(String cookie) {
    return NodeConfig.builder()
        .cookie(cookie)
        .keepalive(Duration.ofMillis(200), Duration.ofSeconds(2))
        .build();
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("watcher")) {
      watcher(Integer.parseInt(args[1]));
      return;
    }
    String cookie = NodeConfig.generateCookie();
    try (Node publisher = Node.create("publisher", config(cookie))) {
      Feed feed = new Feed();
      FeedMsgRef feedRef = FeedMsgRef.of(publisher.spawn("feed", feed, null));
      int port = publisher.cluster().listen("127.0.0.1", 0).getPort();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder watcherJvm =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  Subscribers.class.getName(),
                  "watcher",
                  Integer.toString(port))
              .redirectErrorStream(true);
      watcherJvm.environment().put(COOKIE_VARIABLE, cookie);
      Process watcher = watcherJvm.start();
      try {
        Thread echo =
            Thread.ofPlatform()
                .start(
                    () -> {
                      try (BufferedReader out =
                          new BufferedReader(
                              new InputStreamReader(
                                  watcher.getInputStream(), StandardCharsets.UTF_8))) {
                        out.lines().forEach(line -> System.out.println("  [other JVM] " + line));
                      } catch (java.io.IOException ended) {
                        // the watcher JVM is gone
                      }
                    });
        WatcherMsgRef subscriber = feed.subscribed.get(30, TimeUnit.SECONDS);
        System.out.println("publisher: " + subscriber.ref() + " subscribed");
        feedRef.publish("ACME", 10_125);
        feedRef.publish("ACME", 10_250);
        feedRef.publish("ACME", 9_980);
        feedRef.close("ACME");
        ActorRef<?> gone = feed.left.get(30, TimeUnit.SECONDS);
        System.out.println(
            "publisher: "
                + gone
                + " stopped in the other JVM; the feed forgot it ("
                + gone.status()
                + ")");
        if (!watcher.waitFor(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the watcher JVM did not exit");
        }
        echo.join(TimeUnit.SECONDS.toMillis(10));
        System.out.println("publisher: the watcher JVM exited with " + watcher.exitValue());
      } finally {
        watcher.destroyForcibly();
      }
    }
  }

  private static void watcher(int port) throws Exception {
    try (Node node = Node.create("watcher", config(System.getenv(COOKIE_VARIABLE)))) {
      node.cluster().connect("127.0.0.1", port); // returns once the feed's name is known here
      FeedMsgRef feed =
          FeedMsgRef.of(node.cluster().awaitName("feed", FeedMsg.class, Duration.ofSeconds(30)));
      ActorRef<WatcherMsg> self = node.spawn(new Watcher(), null);
      feed.subscribe("ACME", WatcherMsgRef.of(self)); // the ref travels to the other JVM
      io.troupe.cluster.PeerInfo publisher = node.cluster().peers().getFirst();
      System.out.println(
          "subscribed to ACME; actors of this node the publisher may reach: "
              + node.cluster().exportedRefs(publisher));
      System.out.flush();
      if (!self.awaitExit(Duration.ofSeconds(60))) {
        throw new IllegalStateException("no Closed within 60 s");
      }
      // The entry left the export table as the actor ended, before awaitExit returned.
      System.out.println(
          "stopped; actors of this node the publisher may reach: "
              + node.cluster().exportedRefs(publisher));
    }
  }
}
