package io.troupe.supervision;

import io.troupe.ActorRef;
import java.time.Duration;
import java.util.Optional;

/**
 * What a {@link Supervisor} did, told to the listeners of its {@link SupervisorSpec} on the
 * supervisor's own thread, in the order it happened: each start, each end of a child, each restart
 * decision (with its delay), and giving up.
 */
public sealed interface SupervisorEvent {

  /**
   * The id of the child the event is about.
   *
   * @return the child's id
   */
  String childId();

  /**
   * A child started (the first time, or again after a restart as a new actor).
   *
   * @param childId the child's id
   * @param child the running child
   * @param restarts how many times this child was restarted before
   */
  record ChildStarted(String childId, ActorRef<?> child, int restarts) implements SupervisorEvent {}

  /**
   * A child ended by itself (not stopped by the supervisor).
   *
   * @param childId the child's id
   * @param child the ended child
   * @param outcome how it ended: {@code ActorFailed} or {@code ActorTerminated}
   * @param restarting whether it is to be restarted
   */
  record ChildEnded(String childId, ActorRef<?> child, SupervisionEvent outcome, boolean restarting)
      implements SupervisorEvent {}

  /**
   * A child failed to start (a restart or a {@code startChild}).
   *
   * @param childId the child's id
   * @param error what the start threw
   */
  record ChildStartFailed(String childId, Throwable error) implements SupervisorEvent {}

  /**
   * A restart was decided: the child (and, by the strategy, its siblings) starts again after {@code
   * delay}.
   *
   * @param childId the child whose end caused the restart
   * @param attempt its attempt since its last stable run, from 1
   * @param delay the backoff before the start
   * @param inPlace true if the child restarts in place (same ref)
   * @param cause what the child threw, if it failed
   */
  record RestartScheduled(
      String childId, int attempt, Duration delay, boolean inPlace, Optional<Throwable> cause)
      implements SupervisorEvent {}

  /**
   * The restart intensity was exceeded: the supervisor stops its children in reverse order and
   * fails with {@link SupervisorGaveUpException}.
   *
   * @param childId the child whose end was one too many
   * @param intensity the intensity that was exceeded
   * @param cause what the child threw, if it failed
   */
  record GaveUp(String childId, RestartIntensity intensity, Optional<Throwable> cause)
      implements SupervisorEvent {}
}
