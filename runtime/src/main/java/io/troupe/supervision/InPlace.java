package io.troupe.supervision;

import io.troupe.Actor;
import io.troupe.ActorRef;
import java.util.Objects;

/**
 * Restart in place: a behaviour wrapped so that, when one of its hooks throws, the actor does not
 * end — a new incarnation of the behaviour starts behind the same {@link ActorRef} and mailbox
 * ({@code preStart}, then {@code postStart}, afresh with the original arguments). Clients keep
 * their refs and generated facades; nobody meets {@code MessagingException} in a gap. This is
 * Pekko's {@code Behaviors.supervise(b).onFailure(SupervisorStrategy.restart())}; the OTP way (a
 * new process, found again by its registered name) is what a {@link Supervisor} does for a {@link
 * ChildSpec} without {@link ChildSpec#restartInPlace()}.
 *
 * <h2>What a restart does, in order</h2>
 *
 * <ol>
 *   <li>The decision: under a {@link Supervisor} the supervisor decides (its restart type,
 *       intensity, backoff and strategy; siblings of a one-for-all or rest-for-one group restart
 *       too); standalone ({@link #restarting}) the wrapper's own intensity and backoff decide. If
 *       the answer is to give up, the hook's exception ends the actor as usual ({@code
 *       ActorFailed}).
 *   <li>Every call the failed incarnation had received and not answered — the one whose handler
 *       threw, and ports kept in its state to answer later — completes at once with {@code
 *       SenderError}, as if that incarnation had stopped. (A port is recognised as a component of a
 *       message record.)
 *   <li>The failed incarnation's children are stopped (killed after 5 s); their end events are not
 *       passed to the new incarnation. Its {@code postStop} does not run (it failed), except for a
 *       restart a sibling's failure caused, which is graceful.
 *   <li>The backoff delay passes on the node's {@link io.troupe.timer.TimeSource}. The actor's
 *       thread waits in it: a {@code kill} ends the actor at once, a {@code stop} takes effect
 *       after it.
 *   <li>{@code preStart} and {@code postStart} run; if either throws, that is a new failure (back
 *       to 1).
 * </ol>
 *
 * <p><b>Messages:</b> nothing queued is lost. Every message in the mailbox when the hook threw, and
 * every one sent during the restart, is handled by the new incarnation in the usual order. The
 * message whose handler threw is not handled again (it caused the failure); a call it carried
 * completes with {@code SenderError}. Kill and stop keep their priority throughout.
 *
 * <p>A wrapped actor's ref checks the message type at the sender as the unwrapped actor's would:
 * {@code messageType()} is the {@code M} the wrapped behaviour's class names, and a message of
 * another type is refused with {@code MessagingException} (it never reaches the handler, so it
 * causes no restart).
 */
public final class InPlace {
  private InPlace() {}

  /**
   * {@code actor}, restarted in place when a hook after {@code preStart} throws, at most as often
   * as {@code intensity} allows and after {@code backoff}'s delay; past the intensity the actor
   * fails (its supervisor and monitors see {@code ActorFailed}). A failing first {@code preStart}
   * still fails the spawn.
   *
   * @param actor the behaviour of every incarnation
   * @param intensity how many restarts are allowed within a period
   * @param backoff how long each restart waits
   * @param <M> the message type
   * @param <S> the behaviour's state
   * @param <A> the start-up arguments
   * @return the wrapped behaviour, to spawn as usual
   * @throws NullPointerException if an argument is null
   */
  public static <M, S, A> Actor<M, ?, A> restarting(
      Actor<M, S, A> actor, RestartIntensity intensity, Backoff backoff) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(intensity, "intensity");
    Objects.requireNonNull(backoff, "backoff");
    return new InPlaceActor<>(actor, () -> new InPlaceActor.LocalDecider(intensity, backoff));
  }

  /**
   * {@code actor} restarted in place on the decisions of the library supervisor {@code supervisor}.
   */
  static <M, S, A> Actor<M, ?, A> supervisedBy(
      Actor<M, S, A> actor, ActorRef<?> supervisor, String id) {
    InPlaceActor.Decider decider = new InPlaceActor.SupervisorDecider(supervisor, id);
    return new InPlaceActor<>(actor, () -> decider);
  }
}
