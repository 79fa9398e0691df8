package io.troupe.behaviour;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link StateMachine} does after a message or an entry action: move to a state, stay,
 * postpone the message, or stop. A state timeout may come with {@link #next} and {@link #stay}:
 * unless the state changes first, {@link StateMachine#onStateTimeout} runs when it expires.
 *
 * @param <St> the machine's state type
 */
public sealed interface Transition<St> {

  /**
   * Move to {@code state}. If it differs from the current state ({@code equals}), the state timeout
   * is cancelled, the entry action ({@link StateMachine#onEnter}) runs, then the postponed messages
   * are handled again, in their order, before the mailbox.
   *
   * @param state the next state
   * @param timeout the new state timeout ({@link StateMachine#onStateTimeout} after it), or null
   *     for none
   * @param <St> the state type
   */
  record Next<St>(St state, Duration timeout) implements Transition<St> {
    /**
     * Checks the state.
     *
     * @param state the next state
     * @param timeout the state timeout, or null
     * @throws NullPointerException if {@code state} is null
     */
    public Next {
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * Stay in the current state; a given timeout replaces the running state timeout.
   *
   * @param timeout the new state timeout, or null to keep the running one
   * @param <St> the state type
   */
  record Stay<St>(Duration timeout) implements Transition<St> {}

  /**
   * Keep the message for later: it is handled again after the next state change (gen_statem's
   * {@code postpone}). Not allowed from an entry action.
   *
   * @param <St> the state type
   */
  record Postpone<St>() implements Transition<St> {}

  /**
   * Stop the machine gracefully.
   *
   * @param reason the stop reason
   * @param <St> the state type
   */
  record Stop<St>(String reason) implements Transition<St> {}

  /**
   * Move to {@code state}.
   *
   * @param state the next state
   * @param <St> the state type
   * @return the transition
   */
  static <St> Transition<St> next(St state) {
    return new Next<>(state, null);
  }

  /**
   * Move to {@code state} with a state timeout.
   *
   * @param state the next state
   * @param after the timeout, after which {@link StateMachine#onStateTimeout} runs
   * @param <St> the state type
   * @return the transition
   */
  static <St> Transition<St> next(St state, Duration after) {
    return new Next<>(state, Objects.requireNonNull(after, "after"));
  }

  /**
   * Stay.
   *
   * @param <St> the state type
   * @return the transition
   */
  static <St> Transition<St> stay() {
    return new Stay<>(null);
  }

  /**
   * Stay, (re)starting the state timeout.
   *
   * @param after the timeout, after which {@link StateMachine#onStateTimeout} runs
   * @param <St> the state type
   * @return the transition
   */
  static <St> Transition<St> stay(Duration after) {
    return new Stay<>(Objects.requireNonNull(after, "after"));
  }

  /**
   * Postpone the message until the state changes.
   *
   * @param <St> the state type
   * @return the transition
   */
  static <St> Transition<St> postpone() {
    return new Postpone<>();
  }

  /**
   * Stop.
   *
   * @param reason the stop reason
   * @param <St> the state type
   * @return the transition
   */
  static <St> Transition<St> stop(String reason) {
    return new Stop<>(reason);
  }
}
