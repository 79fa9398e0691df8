package io.troupe.supervision;

import io.troupe.ActorRef;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A supervisor: an ordinary actor that starts children from {@link ChildSpec}s, watches them
 * through the runtime's links, and restarts them by its {@link SupervisorSpec} (OTP's {@code
 * supervisor}; Pekko's {@code Behaviors.supervise}, with the strategies of classic Pekko). This
 * class is its typed handle.
 *
 * <ul>
 *   <li><b>Start:</b> the static children start in order inside the supervisor's {@code preStart};
 *       if one fails, those already started are stopped in reverse order and the spawn fails with
 *       {@code SpawnException}.
 *   <li><b>A child ends:</b> its {@link RestartType} says whether it restarts; the {@link Strategy}
 *       says which siblings restart with it (they are stopped in reverse order, then all start in
 *       order after the {@link Backoff} delay). A child that fails to start again counts as another
 *       failure.
 *   <li><b>Intensity:</b> one restart more than {@link RestartIntensity} allows and the supervisor
 *       gives up: it stops every child in reverse order and fails with {@link
 *       SupervisorGaveUpException}, so its own supervisor decides next.
 *   <li><b>Stop:</b> a graceful stop of the supervisor stops its children in reverse start order,
 *       each by its {@link Shutdown}. A kill kills the whole subtree at once (the runtime's links).
 * </ul>
 *
 * <p>Every decision is told to the spec's listeners as a {@link SupervisorEvent}. Backoff delays
 * run on the node's {@link io.troupe.timer.TimeSource}, so they can be tested under manual time.
 */
public final class Supervisor {

  /** The supervisor's messages; send them through the methods of {@link Supervisor}. */
  public sealed interface Msg
      permits SupervisorActor.StartChild,
          SupervisorActor.StopChild,
          SupervisorActor.WhichChildren,
          SupervisorActor.RestartDue,
          SupervisorActor.InPlaceFailure {}

  private final ActorRef<Msg> ref;

  private Supervisor(ActorRef<Msg> ref) {
    this.ref = ref;
  }

  /**
   * Spawns a supervisor and starts its static children in order.
   *
   * @param node the node to spawn on
   * @param name the supervisor's registered name, or null
   * @param spec its configuration
   * @return the running supervisor
   * @throws io.troupe.SpawnException if a static child failed to start (the cause), or the name is
   *     taken
   */
  public static Supervisor start(Node node, String name, SupervisorSpec spec) {
    Objects.requireNonNull(node, "node");
    return new Supervisor(
        node.spawn(name, new SupervisorActor(), Objects.requireNonNull(spec, "spec")));
  }

  /**
   * Spawns a supervisor as the child of {@code parent}, for a tree of supervisors built by hand.
   *
   * @param node the node to spawn on
   * @param name the supervisor's registered name, or null
   * @param spec its configuration
   * @param parent its own supervisor
   * @return the running supervisor
   * @throws io.troupe.SpawnException as {@link #start}, or if the parent is stopping
   */
  public static Supervisor startLinked(
      Node node, String name, SupervisorSpec spec, ActorRef<?> parent) {
    Objects.requireNonNull(node, "node");
    return new Supervisor(
        node.spawnLinked(
            name, new SupervisorActor(), Objects.requireNonNull(spec, "spec"), parent));
  }

  /**
   * A child specification that starts a supervisor with {@code spec}: a subtree under another
   * supervisor. It is permanent, with a shutdown that leaves the subtree time to stop (graceful, 30
   * s, then kill); change either with the {@code with...} methods.
   *
   * @param id the subtree's id among its siblings
   * @param spec the subtree's configuration
   * @return the child specification
   */
  public static ChildSpec childSpec(String id, SupervisorSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return ChildSpec.of(id, new SupervisorActor(), spec)
        .withShutdown(Shutdown.graceful(Duration.ofSeconds(30)));
  }

  /**
   * The handle of a running supervisor.
   *
   * @param ref the supervisor's ref, as a child's {@code ChildInfo.ref()} or the registry gives it
   * @return the handle
   * @throws IllegalArgumentException if {@code ref} is a local actor that is not a supervisor
   */
  @SuppressWarnings("unchecked")
  public static Supervisor of(ActorRef<?> ref) {
    Objects.requireNonNull(ref, "ref");
    if (ref.messageType().isPresent() && ref.messageType().get() != Msg.class) {
      throw new IllegalArgumentException(ref + " is not a supervisor");
    }
    return new Supervisor((ActorRef<Msg>) ref);
  }

  /**
   * The supervisor's ref: to link it, monitor it, stop it or await its exit.
   *
   * @return the ref
   */
  public ActorRef<Msg> ref() {
    return ref;
  }

  /**
   * Adds a dynamic child and starts it (OTP's {@code start_child}; with many children of one
   * template, {@code simple_one_for_one}). It restarts by its restart type like a static child, and
   * is stopped first when the supervisor stops (reverse order of addition). A failing start is not
   * counted as a restart: the child is not added.
   *
   * @param child the child's specification
   * @param timeout how long to wait for the supervisor
   * @return the started child
   * @throws SupervisorException if the id is taken, the child failed to start (the cause), or the
   *     supervisor did not answer in time or has ended
   */
  public ActorRef<?> startChild(ChildSpec child, Duration timeout) {
    Objects.requireNonNull(child, "child");
    SupervisorActor.Started outcome =
        ask(p -> new SupervisorActor.StartChild(child, p), timeout, "start child " + child.id());
    if (outcome.error() != null) {
      throw new SupervisorException(outcome.error().getMessage(), outcome.error().getCause());
    }
    return outcome.ref();
  }

  /**
   * Stops a child by its {@link Shutdown} and forgets its specification (OTP's {@code
   * terminate_child} and {@code delete_child}); it is not restarted.
   *
   * @param id the child's id
   * @param timeout how long to wait for the supervisor (the shutdown included)
   * @return true if there was such a child
   * @throws SupervisorException if the supervisor did not answer in time or has ended
   */
  public boolean stopChild(String id, Duration timeout) {
    Objects.requireNonNull(id, "id");
    return ask(p -> new SupervisorActor.StopChild(id, p), timeout, "stop child " + id);
  }

  /**
   * The children in start order (OTP's {@code which_children}).
   *
   * @param timeout how long to wait for the supervisor
   * @return a snapshot of the children
   * @throws SupervisorException if the supervisor did not answer in time or has ended
   */
  public List<ChildInfo> children(Duration timeout) {
    return ask(SupervisorActor.WhichChildren::new, timeout, "list children");
  }

  /**
   * The running child with id {@code id}.
   *
   * @param id the child's id
   * @param timeout how long to wait for the supervisor
   * @return the child's ref; empty if there is no such child or it is waiting for a restart
   * @throws SupervisorException if the supervisor did not answer in time or has ended
   */
  public Optional<ActorRef<?>> child(String id, Duration timeout) {
    Objects.requireNonNull(id, "id");
    for (ChildInfo c : children(timeout)) {
      if (c.id().equals(id)) {
        return c.ref();
      }
    }
    return Optional.empty();
  }

  private <R> R ask(Function<RpcReplyPort<R>, Msg> request, Duration timeout, String what) {
    CallResult<R> result;
    try {
      result = ref.call(request, timeout);
    } catch (MessagingException e) {
      throw new SupervisorException("supervisor " + ref + " has ended: cannot " + what, e);
    }
    return switch (result) {
      case CallResult.Success<R> s -> s.value();
      case CallResult.Timeout<R> t ->
          throw new SupervisorException(
              "supervisor " + ref + " did not answer within " + timeout + " to " + what, null);
      case CallResult.SenderError<R> e ->
          throw new SupervisorException(
              "supervisor " + ref + " ended before it could " + what, null);
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Supervisor s && s.ref.equals(ref);
  }

  @Override
  public int hashCode() {
    return ref.hashCode();
  }

  @Override
  public String toString() {
    return "Supervisor[" + ref + "]";
  }
}
