package io.troupe.intercept;

import io.troupe.ActorRef;
import io.troupe.internal.jfr.MessageHandledEvent;

/**
 * Records a JFR event {@code io.troupe.MessageHandled} for each handled message that took at least
 * the event's threshold (10 ms unless a JFR configuration says otherwise: {@code jdk.jfr} settings
 * {@code io.troupe.MessageHandled#threshold}), naming the node, the actor, the message class and
 * whether the handler threw. Opt-in, because timing every message costs two clock reads: {@code
 * node.intercept(new FlightRecorderInterceptor())}. While no recording has the event enabled it
 * allocates nothing per message.
 */
public final class FlightRecorderInterceptor implements Interceptor {

  /** A new interceptor; install it with {@link io.troupe.Node#intercept(Interceptor)}. */
  public FlightRecorderInterceptor() {}

  /**
   * Starts timing the message when a recording has the event enabled.
   *
   * @param self the actor
   * @param message the message
   * @param attachment unused
   * @return the started event, or null
   */
  @Override
  public Object beforeHandle(ActorRef<?> self, Object message, Object attachment) {
    MessageHandledEvent event = new MessageHandledEvent();
    if (!event.isEnabled()) {
      return null;
    }
    event.begin();
    return event;
  }

  /**
   * Commits the event if the handling took at least the threshold.
   *
   * @param self the actor
   * @param message the message
   * @param token the event {@link #beforeHandle} started, or null
   * @param failure what the handler threw, or null
   */
  @Override
  public void afterHandle(ActorRef<?> self, Object message, Object token, Throwable failure) {
    if (token instanceof MessageHandledEvent event) {
      event.end();
      if (event.shouldCommit()) {
        event.node = self.node().name();
        event.actor = self.name().map(n -> n + "(" + self.id() + ")").orElse(self.id().toString());
        event.messageType = message.getClass();
        event.failed = failure != null;
        event.commit();
      }
    }
  }
}
