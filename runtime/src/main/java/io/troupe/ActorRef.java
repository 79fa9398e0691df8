package io.troupe;

import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.timer.TimerHandle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A handle to an actor: the only way to talk to it. Refs are cheap, thread-safe and comparable: two
 * refs are equal when they name the same actor ({@link #id()}), whatever their message type.
 *
 * <p>Messages from one sender arrive in the order sent. Sending to an actor that no longer accepts
 * messages (draining, stopping, stopped) throws {@link MessagingException}; a message whose send
 * returned normally is processed unless the actor is stopped or killed before reaching it.
 *
 * <p>Every operation checks its arguments before it builds, sends or schedules anything: a null
 * message, request function, ref, mapper, adapter, supplier or duration throws {@link
 * NullPointerException}, a negative timeout, delay or wait (or a timer period that is not positive)
 * {@link IllegalArgumentException}, each naming the parameter; nothing is then delivered, no reply
 * port is left pending and no timer is scheduled. A request function that returns null fails the
 * same way, its reply port closed.
 *
 * @param <M> the message type the actor handles
 */
public interface ActorRef<M> {

  /**
   * The actor's identity.
   *
   * @return the id, unique in the cluster and stable for the actor's life
   */
  ActorId id();

  /**
   * The name the actor was registered under, if any.
   *
   * @return the registered name, or empty
   */
  Optional<String> name();

  /**
   * The actor's current status.
   *
   * @return the status at the time of the call; it may change at once
   */
  ActorStatus status();

  /**
   * The node the actor lives on.
   *
   * @return the node that runs the actor (for a remote ref, the local node that holds the proxy)
   */
  Node node();

  /**
   * The message class the actor declares ({@code M} in its {@code Actor<M, S, A>}), when the
   * runtime knows it. Messages of another class are refused with {@link MessagingException}.
   *
   * @return the declared message class, or empty when it is not known
   */
  default Optional<Class<?>> messageType() {
    return Optional.empty();
  }

  // ---- messaging ----

  /**
   * Queues a message.
   *
   * @param message the message, not null
   * @throws MessagingException if the actor no longer accepts messages
   * @throws NullPointerException if {@code message} is null (on a derived ref: before its adapter
   *     runs)
   */
  void cast(M message);

  /**
   * Sends a request carrying a fresh reply port and waits for the answer.
   *
   * @param <R> the answer's type
   * @param request builds the message from the reply port the actor answers through
   * @param timeout how long to wait for the answer, not negative
   * @return {@code Success} with the answer, {@code Timeout} when none came within {@code timeout},
   *     or {@code SenderError} as soon as the actor stops, fails or is killed before answering
   * @throws MessagingException if the actor no longer accepts messages
   * @throws NullPointerException if {@code request} or {@code timeout} is null, or the request
   *     function returns null (nothing is sent)
   * @throws IllegalArgumentException if {@code timeout} is negative (nothing is sent)
   */
  <R> CallResult<R> call(Function<RpcReplyPort<R>, M> request, Duration timeout);

  /**
   * Like {@link #call} without blocking: the future completes with the same results.
   *
   * @param <R> the answer's type
   * @param request builds the message from the reply port the actor answers through
   * @param timeout how long to wait for the answer, not negative
   * @return a future that completes with {@code Success}, {@code Timeout} or {@code SenderError}
   * @throws MessagingException if the actor no longer accepts messages
   * @throws NullPointerException as {@link #call}
   * @throws IllegalArgumentException as {@link #call}
   */
  <R> CompletableFuture<CallResult<R>> callAsync(
      Function<RpcReplyPort<R>, M> request, Duration timeout);

  /**
   * Calls this actor and casts the mapped answer to {@code forwardTo}. On timeout, failure, or if
   * {@code forwardTo} no longer accepts messages, nothing is forwarded.
   *
   * @param <R> the answer's type
   * @param <F> the type {@code forwardTo} accepts
   * @param request builds the message from the reply port the actor answers through
   * @param forwardTo the actor that receives the mapped answer
   * @param mapper turns the answer into {@code forwardTo}'s message
   * @param timeout how long to wait for the answer, not negative
   * @throws NullPointerException if an argument is null (nothing is sent)
   * @throws IllegalArgumentException if {@code timeout} is negative (nothing is sent)
   */
  <R, F> void callAndForward(
      Function<RpcReplyPort<R>, M> request,
      ActorRef<F> forwardTo,
      Function<R, F> mapper,
      Duration timeout);

  // ---- lifecycle ----

  /** Stops gracefully with no reason: see {@link #stop(String)}. */
  void stop();

  /**
   * Stops gracefully: the running handler finishes, then the actor stops before any queued message;
   * {@code postStop} runs; queued messages are dropped and pending calls fail at once. Does nothing
   * if the actor is already stopping. On a remote ref (an actor of another node) the request is
   * sent to that node; the ref becomes {@code STOPPED} when the node reports the end.
   *
   * @param reason why the actor stops, given to its supervisor and monitors (may be null)
   */
  void stop(String reason);

  /**
   * Ends the actor at once: the running hook is interrupted, {@code postStop} does not run, and the
   * supervisor sees {@code ActorTerminated} with reason {@code "killed"}. On a remote ref the
   * request is sent to the actor's node.
   */
  void kill();

  /**
   * {@link #stop(String)} and waits; true if the actor stopped within {@code timeout}.
   *
   * @param reason why the actor stops (may be null)
   * @param timeout how long to wait, not negative
   * @return true if the actor stopped within {@code timeout}
   */
  boolean stopAndWait(String reason, Duration timeout);

  /**
   * {@link #kill()} and waits; true if the actor stopped within {@code timeout}.
   *
   * @param timeout how long to wait, not negative
   * @return true if the actor stopped within {@code timeout}
   */
  boolean killAndWait(Duration timeout);

  /**
   * Refuses new messages from now on, processes every message already admitted, then stops with
   * reason {@code "drained"}.
   */
  void drain();

  /**
   * {@link #drain()} and waits; true if the actor stopped within {@code timeout}.
   *
   * @param timeout how long to wait, not negative
   * @return true if the actor stopped within {@code timeout}
   */
  boolean drainAndWait(Duration timeout);

  /**
   * Waits for the actor to stop; returns at once if it already has. True if it stopped in time.
   *
   * @param timeout how long to wait, not negative
   * @return true if the actor has stopped, false if {@code timeout} passed first
   */
  boolean awaitExit(Duration timeout);

  // ---- supervision ----

  /**
   * Makes this actor a child of {@code supervisor}, replacing any previous supervisor. One of the
   * two may be an actor of another node (a remote ref): both nodes are told, the supervisor hears
   * of the child's end (or of its node going away), and the child is killed when its supervisor
   * ends or the supervisor's node goes away.
   *
   * @param supervisor the new supervisor
   * @throws IllegalStateException if the supervisor is draining, stopping or stopped
   * @throws IllegalArgumentException if both are remote refs, or this actor would supervise itself
   */
  void link(ActorRef<?> supervisor);

  /**
   * Removes the link to {@code supervisor}, if it is this actor's supervisor.
   *
   * @param supervisor the supervisor to unlink from; another actor leaves the link in place
   */
  void unlink(ActorRef<?> supervisor);

  /**
   * From now on this actor receives {@code target}'s lifecycle events (without the stop default).
   *
   * @param target the actor to watch
   */
  void monitor(ActorRef<?> target);

  /**
   * Stops receiving {@code target}'s lifecycle events.
   *
   * @param target the actor no longer watched
   */
  void demonitor(ActorRef<?> target);

  /**
   * A snapshot of this actor's live children.
   *
   * @return the children, in no particular order; empty if there are none
   */
  List<ActorRef<?>> children();

  /**
   * This actor's supervisor, if it has one.
   *
   * @return the supervisor, or empty
   */
  Optional<ActorRef<?>> supervisor();

  /**
   * Stops every child gracefully.
   *
   * @param reason why the children stop (may be null)
   */
  void stopChildren(String reason);

  /**
   * Stops every child and waits; true if all stopped within {@code timeout}.
   *
   * @param reason why the children stop (may be null)
   * @param timeout how long to wait, not negative
   * @return true if every child stopped within {@code timeout}
   */
  boolean stopChildrenAndWait(String reason, Duration timeout);

  /** Drains every child. */
  void drainChildren();

  /**
   * Drains every child and waits; true if all stopped within {@code timeout}.
   *
   * @param timeout how long to wait, not negative
   * @return true if every child stopped within {@code timeout}
   */
  boolean drainChildrenAndWait(Duration timeout);

  // ---- timers ----

  /**
   * Casts {@code message.get()} to this actor after {@code delay}, unless cancelled or stopped.
   *
   * @param delay how long to wait, not negative
   * @param message makes the message when the timer fires
   * @return a handle that cancels the timer
   */
  TimerHandle sendAfter(Duration delay, Supplier<? extends M> message);

  /**
   * Casts {@code message.get()} every {@code period} until cancelled or the actor stops.
   *
   * @param period the interval between casts, positive
   * @param message makes each message when the timer fires
   * @return a handle that cancels the timer
   */
  TimerHandle sendInterval(Duration period, Supplier<? extends M> message);

  /**
   * Stops this actor gracefully after {@code delay}.
   *
   * @param delay how long to wait, not negative
   * @return a handle that cancels the timer
   */
  TimerHandle exitAfter(Duration delay);

  /**
   * Kills this actor after {@code delay}.
   *
   * @param delay how long to wait, not negative
   * @return a handle that cancels the timer
   */
  TimerHandle killAfter(Duration delay);

  // ---- derived refs ----

  /**
   * A ref that accepts {@code N}, converts it with {@code adapter} and forwards it here. It shares
   * this actor's identity: id, status, lifecycle operations and equality.
   *
   * @param <N> the message type the derived ref accepts
   * @param adapter converts each message before it is sent here
   * @return the derived ref
   */
  <N> ActorRef<N> contramap(Function<? super N, ? extends M> adapter);

  /**
   * Same as {@link #contramap}: the name used for derived refs in the guide.
   *
   * @param <N> the message type the derived ref accepts
   * @param adapter converts each message before it is sent here
   * @return the derived ref
   */
  default <N> ActorRef<N> map(Function<? super N, ? extends M> adapter) {
    return contramap(adapter);
  }
}
