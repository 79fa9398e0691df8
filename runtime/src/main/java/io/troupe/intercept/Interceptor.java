package io.troupe.intercept;

import io.troupe.ActorRef;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Sees messages as they are sent and as they are handled: the one place where tracing, metrics,
 * logging context (MDC) and authorisation plug into a node. Install one for every actor of a node
 * with {@link io.troupe.Node#intercept(Interceptor)}, or for one actor with {@link
 * io.troupe.Node#intercept(ActorRef, Interceptor)}.
 *
 * <p>For each user message (casts, calls and timer messages; not supervision events) the runtime
 * calls, in this order:
 *
 * <ol>
 *   <li>{@link #onSend} on the sender's thread, before the message is queued. What it returns (its
 *       <em>attachment</em>, for instance the sender's trace context) travels with the message. A
 *       message sent to an actor of another node is passed to {@link #inject} as well, which may
 *       write the attachment into the frame's headers; on the receiving node {@link #onReceive} (on
 *       the network thread) makes the attachment of the local delivery from those headers.
 *   <li>{@link #beforeHandle} on the actor's thread, just before the handler runs, with the
 *       attachment. What it returns (a <em>token</em>, for instance an open span and scope) is
 *       given back to {@link #afterHandle}.
 *   <li>{@link #afterHandle} on the actor's thread once the handler returned or threw.
 * </ol>
 *
 * <p>Several interceptors run in the order they were installed (node-wide ones first) for {@code
 * onSend} and {@code beforeHandle}, and in reverse order for {@code afterHandle}, so they nest. An
 * interceptor sees what happens between its installation and its removal: a message queued before
 * it was installed and handled after reaches {@code beforeHandle} with a null attachment; a message
 * handled after it was removed does not reach it (nor does its attachment: it is dropped).
 *
 * <p>Failures: an exception from {@code onSend} (or {@code inject}) propagates to the sender and
 * the message is not queued, which is how an authorising interceptor refuses a send (throw {@link
 * io.troupe.MessagingException}). An exception from {@code beforeHandle} fails the actor as if its
 * handler had thrown it (the handler does not run; {@code afterHandle} of the interceptors whose
 * {@code beforeHandle} ran is still called). An exception from {@code afterHandle} fails the actor
 * in the same way. Keep every method short and non-blocking: they run on the hot path.
 *
 * <p>With no interceptor installed the runtime pays one null check per send and per handled
 * message, and allocates nothing.
 */
public interface Interceptor {

  /**
   * Called on the sender's thread before {@code message} is queued for {@code target} (a local
   * actor, or an actor of another node).
   *
   * @param target the actor the message is sent to
   * @param message the message
   * @return the attachment that travels with the message to {@link #beforeHandle}, or null
   */
  default Object onSend(ActorRef<?> target, Object message) {
    return null;
  }

  /**
   * Called on the sender's thread after {@link #onSend} for a message to an actor of another node,
   * to write the attachment into the frame that carries it.
   *
   * @param target the remote actor
   * @param message the message
   * @param attachment what {@link #onSend} returned
   * @param headers takes a header's name and value; names and values must not be null
   */
  default void inject(
      ActorRef<?> target, Object message, Object attachment, BiConsumer<String, String> headers) {}

  /**
   * Called for a message that arrived from another node, before it is queued for the local {@code
   * target}, on the network thread: makes the attachment from the headers the sender's {@link
   * #inject} wrote. The default ignores the headers and calls {@link #onSend}.
   *
   * @param target the local actor the message is for
   * @param message the decoded message
   * @param headers a header's value by name, or null when the frame has no such header
   * @return the attachment that travels with the message to {@link #beforeHandle}, or null
   */
  default Object onReceive(ActorRef<?> target, Object message, Function<String, String> headers) {
    return onSend(target, message);
  }

  /**
   * Called on the actor's thread just before its handler runs for {@code message}.
   *
   * @param self the actor about to handle the message
   * @param message the message
   * @param attachment what {@link #onSend} or {@link #onReceive} returned for it, or null
   * @return a token given back to {@link #afterHandle}, or null
   */
  default Object beforeHandle(ActorRef<?> self, Object message, Object attachment) {
    return null;
  }

  /**
   * Called on the actor's thread after its handler returned or threw.
   *
   * @param self the actor that handled the message
   * @param message the message
   * @param token what {@link #beforeHandle} returned
   * @param failure what the handler (or a later interceptor's {@code beforeHandle}) threw, or null
   *     if it returned normally
   */
  default void afterHandle(ActorRef<?> self, Object message, Object token, Throwable failure) {}
}
