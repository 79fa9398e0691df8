package io.troupe.internal.timer;

import io.troupe.timer.TimerHandle;

/**
 * What a timer needs of the actor it belongs to: the timer service's one view of an actor, so this
 * package does not depend on the actor cell. Every timer is registered with its owner before it is
 * scheduled and forgotten when it fires or is cancelled; the owner cancels the ones still
 * registered when it ends.
 */
public interface TimerOwner {
  /**
   * Registers a timer of this owner (cancelled at once if the owner has ended).
   *
   * @param timer the timer
   */
  void registerTimer(TimerHandle timer);

  /**
   * Forgets a timer that fired or was cancelled.
   *
   * @param timer the timer
   */
  void forgetTimer(TimerHandle timer);

  /**
   * Queues a message a timer sends.
   *
   * @param message the message
   * @throws io.troupe.MessagingException if the owner no longer accepts messages
   */
  void send(Object message);
}
