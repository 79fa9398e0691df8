package io.troupe.testing;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.supervision.SupervisionEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Small actors for tests, built from lambdas. */
public final class Behaviours {
  private Behaviours() {}

  /** A message handler with no state. */
  @FunctionalInterface
  public interface Handler<M> {
    void handle(ActorRef<M> self, M message) throws Exception;
  }

  /** An actor whose state is unused and whose handler is {@code handler}. */
  public static <M> Actor<M, Object, Void> handling(Handler<M> handler) {
    return new Actor<>() {
      @Override
      public Object preStart(ActorRef<M> self, Void args) {
        return "state";
      }

      @Override
      public Object handle(ActorRef<M> self, M message, Object state) throws Exception {
        handler.handle(self, message);
        return state;
      }
    };
  }

  /** An actor that ignores messages. */
  public static <M> Actor<M, Object, Void> idle() {
    return handling((self, m) -> {});
  }

  /** An actor recording every supervision event it receives, without the stop-on-child default. */
  public static final class EventRecorder<M> implements Actor<M, Object, Void> {
    public final List<SupervisionEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public Object preStart(ActorRef<M> self, Void args) {
      return "recorder";
    }

    @Override
    public Object handleSupervisorEvent(ActorRef<M> self, SupervisionEvent event, Object state) {
      events.add(event);
      return state;
    }

    public <T extends SupervisionEvent> List<T> eventsOf(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }
}
