package io.troupe.examples.codegen;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.annotation.ActorMessage;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A key-value store driven through its generated facade: {@code StoreMsgRef} turns each message
 * variant into a method, so callers never build messages or reply ports by hand.
 */
public final class FacadeExample {
  private FacadeExample() {}

  /** What the store understands; the processor writes {@code StoreMsgRef} from it. */
  @ActorMessage
  public sealed interface StoreMsg {
    /** A cast: {@code store.put(key, value)}. */
    record Put(String key, String value) implements StoreMsg {}

    /** A call: {@code store.get(key, timeout)} returns the answer. */
    record Get(String key, RpcReplyPort<Optional<String>> reply) implements StoreMsg {}

    /** A call with a generic answer: {@code store.keys(timeout)}. */
    record Keys(RpcReplyPort<List<String>> reply) implements StoreMsg {}

    /** Each constant is a cast without arguments: {@code store.clear()}. */
    enum Command implements StoreMsg {
      CLEAR
    }
  }

  /** Keeps the entries in a map that only its own handler touches. */
  static final class Store implements Actor<StoreMsg, Map<String, String>, Void> {
    @Override
    public Map<String, String> preStart(ActorRef<StoreMsg> self, Void args) {
      return new HashMap<>();
    }

    @Override
    public Map<String, String> handle(ActorRef<StoreMsg> self, StoreMsg message, Map<String, String> entries) {
      switch (message) {
        case StoreMsg.Put put -> entries.put(put.key(), put.value());
        case StoreMsg.Get get -> get.reply().send(Optional.ofNullable(entries.get(get.key())));
        case StoreMsg.Keys keys -> keys.reply().send(entries.keySet().stream().sorted().toList());
        case StoreMsg.Command.CLEAR -> entries.clear();
      }
      return entries;
    }
  }

  public static void main(String[] args) {
    Duration timeout = Duration.ofSeconds(1);
    try (Node node = Node.create("codegen")) {
      StoreMsgRef store = StoreMsgRef.of(node.spawn("store", new Store(), null));
      store.put("language", "Java");
      store.put("toolkit", "Troupe");
      System.out.println("language = " + store.get("language", timeout).orElse("?"));
      System.out.println("keys = " + store.keys(timeout));
      store.getAsync("toolkit", timeout)
          .thenAccept(value -> System.out.println("toolkit (async) = " + value.orElse("?")))
          .join();
      store.clear();
      System.out.println("after clear, keys = " + store.keys(timeout));
    }
  }
}
