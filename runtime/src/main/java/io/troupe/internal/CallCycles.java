package io.troupe.internal;

import java.util.concurrent.CompletableFuture;

/**
 * Refuses blocking calls between local actors that could never be answered: an actor calling itself
 * from its own handler, or closing a cycle of actors that each wait in a call to the next. Such a
 * call would otherwise wait its whole timeout (and the timeout would often end the caller).
 *
 * <p>Each actor whose handler waits in a call records what it waits for in its cell ({@link
 * ActorCell#waitingFor}); a new call from actor C to actor T walks T's chain of waits and refuses
 * the call if it reaches C. A wait whose answer has arrived no longer counts, so a chain that is
 * ending cannot cause a false alarm. Calls across nodes are not tracked (they time out).
 */
final class CallCycles {

  /** Longest chain of waits walked; longer cycles are left to their timeouts. */
  private static final int MAX_DEPTH = 64;

  private CallCycles() {}

  /** What an actor's handler waits for: a call to {@code target} until {@code answer} completes. */
  record Wait(ActorCell<?, ?, ?> caller, ActorCell<?, ?, ?> target, CompletableFuture<?> answer) {}

  /**
   * Checks a call to {@code target} from the current thread and records the wait.
   *
   * @return the token for {@link #leave}, or null when the caller is not an actor
   * @throws IllegalStateException if the call would deadlock
   */
  static Object enter(ActorCell<?, ?, ?> target, CompletableFuture<?> answer) {
    ActorCell<?, ?, ?> caller = ActorCell.runningHere();
    if (caller == null) {
      return null;
    }
    if (caller == target) {
      throw new IllegalStateException(
          "actor "
              + caller.describe()
              + " called itself from its own handler: the call could never"
              + " be answered (the actor is busy waiting for it); cast to self, or answer directly");
    }
    StringBuilder path = null;
    Wait wait = target.waitingFor;
    for (int depth = 0; wait != null && depth < MAX_DEPTH; depth++) {
      if (wait.answer().isDone()) {
        break;
      }
      if (path == null) {
        path = new StringBuilder(target.describe());
      }
      path.append(" -> ").append(wait.target().describe());
      if (wait.target() == caller) {
        throw new IllegalStateException(
            "call cycle: "
                + caller.describe()
                + " calls "
                + path
                + ", which waits for "
                + caller.describe()
                + " itself; the call could never be answered");
      }
      wait = wait.target().waitingFor;
    }
    Wait mine = new Wait(caller, target, answer);
    caller.waitingFor = mine;
    return mine;
  }

  /** Clears the wait {@link #enter} recorded. */
  static void leave(Object token) {
    if (token instanceof Wait wait) {
      wait.caller().waitingFor = null;
    }
  }
}
