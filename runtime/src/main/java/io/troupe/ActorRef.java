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
 * A handle to an actor: the only way to talk to it. Refs are cheap, thread-safe and comparable:
 * two refs are equal when they name the same actor ({@link #id()}), whatever their message type.
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

  /** The actor's identity. */
  ActorId id();

  /** The name the actor was registered under, if any. */
  Optional<String> name();

  /** The actor's current status. */
  ActorStatus status();

  /** The node the actor lives on. */
  Node node();

  /**
   * The message class the actor declares ({@code M} in its {@code Actor<M, S, A>}), when the
   * runtime knows it. Messages of another class are refused with {@link MessagingException}.
   */
  default Optional<Class<?>> messageType() {
    return Optional.empty();
  }

  // ---- messaging ----

  /**
   * Queues a message.
   *
   * @throws MessagingException if the actor no longer accepts messages
   * @throws NullPointerException if {@code message} is null (on a derived ref: before its adapter runs)
   */
  void cast(M message);

  /**
   * Sends a request carrying a fresh reply port and waits for the answer.
   *
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
   * Stops gracefully: the running handler finishes, then the actor stops before any queued
   * message; {@code postStop} runs; queued messages are dropped and pending calls fail at once.
   * Does nothing if the actor is already stopping. On a remote ref (an actor of another node) the
   * request is sent to that node; the ref becomes {@code STOPPED} when the node reports the end.
   */
  void stop(String reason);

  /**
   * Ends the actor at once: the running hook is interrupted, {@code postStop} does not run, and
   * the supervisor sees {@code ActorTerminated} with reason {@code "killed"}. On a remote ref the
   * request is sent to the actor's node.
   */
  void kill();

  /** {@link #stop(String)} and waits; true if the actor stopped within {@code timeout}. */
  boolean stopAndWait(String reason, Duration timeout);

  /** {@link #kill()} and waits; true if the actor stopped within {@code timeout}. */
  boolean killAndWait(Duration timeout);

  /**
   * Refuses new messages from now on, processes every message already admitted, then stops
   * with reason {@code "drained"}.
   */
  void drain();

  /** {@link #drain()} and waits; true if the actor stopped within {@code timeout}. */
  boolean drainAndWait(Duration timeout);

  /** Waits for the actor to stop; returns at once if it already has. True if it stopped in time. */
  boolean awaitExit(Duration timeout);

  // ---- supervision ----

  /**
   * Makes this actor a child of {@code supervisor}, replacing any previous supervisor. One of the
   * two may be an actor of another node (a remote ref): both nodes are told, the supervisor hears
   * of the child's end (or of its node going away), and the child is killed when its supervisor
   * ends or the supervisor's node goes away.
   *
   * @throws IllegalStateException if the supervisor is draining, stopping or stopped
   * @throws IllegalArgumentException if both are remote refs, or this actor would supervise itself
   */
  void link(ActorRef<?> supervisor);

  /** Removes the link to {@code supervisor}, if it is this actor's supervisor. */
  void unlink(ActorRef<?> supervisor);

  /** From now on this actor receives {@code target}'s lifecycle events (without the stop default). */
  void monitor(ActorRef<?> target);

  /** Stops receiving {@code target}'s lifecycle events. */
  void demonitor(ActorRef<?> target);

  /** A snapshot of this actor's live children. */
  List<ActorRef<?>> children();

  /** This actor's supervisor, if it has one. */
  Optional<ActorRef<?>> supervisor();

  /** Stops every child gracefully. */
  void stopChildren(String reason);

  /** Stops every child and waits; true if all stopped within {@code timeout}. */
  boolean stopChildrenAndWait(String reason, Duration timeout);

  /** Drains every child. */
  void drainChildren();

  /** Drains every child and waits; true if all stopped within {@code timeout}. */
  boolean drainChildrenAndWait(Duration timeout);

  // ---- timers ----

  /** Casts {@code message.get()} to this actor after {@code delay}, unless cancelled or stopped. */
  TimerHandle sendAfter(Duration delay, Supplier<? extends M> message);

  /** Casts {@code message.get()} every {@code period} until cancelled or the actor stops. */
  TimerHandle sendInterval(Duration period, Supplier<? extends M> message);

  /** Stops this actor gracefully after {@code delay}. */
  TimerHandle exitAfter(Duration delay);

  /** Kills this actor after {@code delay}. */
  TimerHandle killAfter(Duration delay);

  // ---- derived refs ----

  /**
   * A ref that accepts {@code N}, converts it with {@code adapter} and forwards it here. It shares
   * this actor's identity: id, status, lifecycle operations and equality.
   */
  <N> ActorRef<N> contramap(Function<? super N, ? extends M> adapter);

  /** Same as {@link #contramap}: the name used for derived refs in the guide. */
  default <N> ActorRef<N> map(Function<? super N, ? extends M> adapter) {
    return contramap(adapter);
  }
}
