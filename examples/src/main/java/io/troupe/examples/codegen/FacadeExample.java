package io.troupe.examples.codegen;

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
 * A key-value store driven through its generated facade and written against its generated handler:
 * {@code StoreMsgRef} turns each message variant into a method, so callers never build messages or
 * reply ports by hand; {@code StoreMsgHandler} turns each variant into a method the store
 * implements, whose return value is the answer.
 */
public final class FacadeExample {
  private FacadeExample() {}

  /**
   * What the store understands; the processor writes {@code StoreMsgRef} and {@code
   * StoreMsgHandler} from it.
   */
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

  /**
   * Keeps the entries in a map that only its own handler methods touch. A call's method answers by
   * returning {@code reply.answer(value, nextState)}: leaving the answer out does not compile.
   */
  static final class Store implements StoreMsgHandler<Map<String, String>, Void> {
    @Override
    public Map<String, String> preStart(ActorRef<StoreMsg> self, Void args) {
      return new HashMap<>();
    }

    @Override
    public Map<String, String> onPut(
        ActorRef<StoreMsg> self, String key, String value, Map<String, String> entries) {
      entries.put(key, value);
      return entries;
    }

    @Override
    public Answered<Map<String, String>> onGet(
        ActorRef<StoreMsg> self,
        String key,
        Reply<Optional<String>, Map<String, String>> reply,
        Map<String, String> entries) {
      return reply.answer(Optional.ofNullable(entries.get(key)), entries);
    }

    @Override
    public Answered<Map<String, String>> onKeys(
        ActorRef<StoreMsg> self,
        Reply<List<String>, Map<String, String>> reply,
        Map<String, String> entries) {
      return reply.answer(entries.keySet().stream().sorted().toList(), entries);
    }

    @Override
    public Map<String, String> onClear(ActorRef<StoreMsg> self, Map<String, String> entries) {
      entries.clear();
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
      store
          .getAsync("toolkit", timeout)
          .thenAccept(value -> System.out.println("toolkit (async) = " + value.orElse("?")))
          .join();
      store.clear();
      System.out.println("after clear, keys = " + store.keys(timeout));
    }
  }
}
