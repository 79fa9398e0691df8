package io.troupe.timer;

/** A scheduled send, stop or kill that can still be cancelled. Timers also end with their actor. */
public interface TimerHandle {
  /** Cancels the timer; later firings do not happen. Idempotent. */
  void cancel();

  /**
   * Whether the timer was cancelled.
   *
   * @return true once cancelled, by {@link #cancel()} or because the actor stopped
   */
  boolean isCancelled();
}
