package io.troupe.internal;

import io.troupe.Actor;

/**
 * INTERNAL API: a behaviour that runs another one (restart in place wraps the user's behaviour).
 * The actor's message type, checked at the sender, is the wrapped behaviour's.
 */
public interface BehaviourWrapper {
  /**
   * The behaviour this one runs.
   *
   * @return the wrapped behaviour
   */
  Actor<?, ?, ?> wrapped();
}
