package io.troupe.behaviour;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.internal.BehaviourSignal;
import io.troupe.internal.HeldMessages;
import io.troupe.timer.TimerHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A typed state machine in the spirit of OTP's {@code gen_statem}: an actor whose behaviour is
 * chosen by a state value (best a sealed interface of records, so {@code switch} checks every
 * case), with entry actions, state timeouts and postponed messages.
 *
 * <pre>{@code
 * sealed interface Door { record Locked() implements Door {} record Open() implements Door {} }
 *
 * final class DoorMachine extends StateMachine<DoorMsg, Door, Void> {
 *   protected Door initialState(ActorRef<DoorMsg> self, Void a) { return new Door.Locked(); }
 *   protected Transition<Door> onMessage(ActorRef<DoorMsg> self, Door state, DoorMsg m) {
 *     return switch (state) {
 *       case Door.Locked l -> m instanceof DoorMsg.Unlock ? Transition.next(new Door.Open(), Duration.ofSeconds(10))
 *                                                          : Transition.postpone();   // handled once open
 *       case Door.Open o -> ...;
 *     };
 *   }
 *   protected Transition<Door> onStateTimeout(ActorRef<DoorMsg> self, Door state) { return Transition.next(new Door.Locked()); }
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>A state <em>changes</em> when a {@link Transition.Next} names a state not {@code equals} to
 *       the current one. Then, in order: the running state timeout is cancelled; the transition's
 *       timeout (if any) starts; {@link #onEnter} runs (its own transition may start a timeout,
 *       change the state again, or stop, but not postpone); and every postponed message is handled
 *       again, oldest first, before anything else in the mailbox.
 *   <li>{@link Transition.Postpone} keeps the message until the next state change; at most {@link
 *       #postponeLimit()} are kept, one more fails the handler with {@link StashOverflowException}.
 *       If the machine ends (a stop, a drain, a kill or a failure) with messages postponed, or not
 *       yet handled again after a state change, each becomes a dead letter ({@link
 *       io.troupe.Node#deadLetters()}, with the reason of the end) and a call among them completes
 *       with {@code SenderError} at once; {@link #onStop} sees the state, not them. Under a restart
 *       in place ({@code io.troupe.supervision.InPlace}) they are handled by the new incarnation
 *       (in its initial state), oldest first, before anything in the mailbox.
 *   <li>A state timeout runs {@link #onStateTimeout} once after its duration, on the node's {@link
 *       io.troupe.timer.TimeSource}, unless the state changed or a newer timeout replaced it first
 *       (an expiry already queued is then ignored).
 *   <li>{@link #onEnter} also runs for the initial state, inside {@code preStart}.
 *   <li>An exception from any method fails the actor as from any hook.
 * </ul>
 *
 * <p>The machine's ref checks message types at the sender as any actor's does: {@code
 * messageType()} is the {@code M} the subclass names ({@code DoorMsg} above), and a message of
 * another type, sent through an unchecked ref, is refused with {@code MessagingException}.
 *
 * @param <M> the message type
 * @param <St> the state type
 * @param <A> the start-up arguments
 */
public abstract class StateMachine<M, St, A> implements Actor<M, StateMachine.Machine<St>, A> {

  /**
   * The machine's run-time data: the state, the postponed messages, the state timeout.
   *
   * @param <St> the state type
   */
  public static final class Machine<St> {
    private St state;
    private final ArrayDeque<Object> postponed = new ArrayDeque<>();
    private ArrayDeque<Object> replay = new ArrayDeque<>();
    private long timeoutGeneration;
    private TimerHandle timeout;
    private boolean stopping;

    Machine(St state) {
      this.state = state;
    }

    /** The messages not handled yet, in the order they came: see {@link HeldMessages}. */
    private List<Object> takeHeld() {
      // Postponed ones were re-postponed during a replay (or came after it): older than the rest.
      List<Object> out = new ArrayList<>(postponed);
      out.addAll(replay);
      postponed.clear();
      replay.clear();
      return out;
    }

    /**
     * The current state.
     *
     * @return the state
     */
    public St state() {
      return state;
    }

    /**
     * How many messages wait for a state change.
     *
     * @return the postponed count
     */
    public int postponedCount() {
      return postponed.size();
    }
  }

  /** The expiry of the state timeout of one generation. */
  private record TimeoutFired(long generation) implements BehaviourSignal {}

  /** For subclasses. */
  protected StateMachine() {}

  /**
   * The first state.
   *
   * @param self the actor
   * @param args the start-up arguments
   * @return the initial state
   * @throws Exception to fail the spawn
   */
  protected abstract St initialState(ActorRef<M> self, A args) throws Exception;

  /**
   * Handles a message in {@code state}.
   *
   * @param self the actor
   * @param state the current state
   * @param message the message
   * @return what to do next
   * @throws Exception to fail the actor
   */
  protected abstract Transition<St> onMessage(ActorRef<M> self, St state, M message)
      throws Exception;

  /**
   * The entry action of {@code state}; by default nothing.
   *
   * @param self the actor
   * @param state the state just entered
   * @return a timeout to start ({@code stay(after)}), another state, or a stop
   * @throws Exception to fail the actor
   */
  protected Transition<St> onEnter(ActorRef<M> self, St state) throws Exception {
    return Transition.stay();
  }

  /**
   * The state timeout expired in {@code state}; by default nothing.
   *
   * @param self the actor
   * @param state the current state
   * @return what to do next (postponing is not allowed)
   * @throws Exception to fail the actor
   */
  protected Transition<St> onStateTimeout(ActorRef<M> self, St state) throws Exception {
    return Transition.stay();
  }

  /**
   * Runs when the machine stops gracefully; by default nothing.
   *
   * @param self the actor
   * @param state the last state
   * @throws Exception to end the actor as failed
   */
  protected void onStop(ActorRef<M> self, St state) throws Exception {}

  /**
   * The most messages postponed at once; by default 10,000.
   *
   * @return the limit
   */
  protected int postponeLimit() {
    return 10_000;
  }

  @Override
  public final Machine<St> preStart(ActorRef<M> self, A args) throws Exception {
    Machine<St> m = new Machine<>(initialState(self, args));
    HeldMessages.register(self, m::takeHeld);
    entered(self, m);
    return m;
  }

  @Override
  @SuppressWarnings("unchecked")
  public final Machine<St> handle(ActorRef<M> self, M message, Machine<St> m) throws Exception {
    if ((Object) message instanceof TimeoutFired t) {
      if (t.generation() != m.timeoutGeneration || m.timeout == null) {
        return m; // overtaken by a state change or a newer timeout
      }
      m.timeout = null;
      apply(self, m, onStateTimeout(self, m.state), null);
    } else {
      apply(self, m, onMessage(self, m.state, message), message);
    }
    while (!m.replay.isEmpty() && !m.stopping) {
      M again = (M) m.replay.pollFirst();
      apply(self, m, onMessage(self, m.state, again), again);
    }
    return m;
  }

  @Override
  public final void postStop(ActorRef<M> self, Machine<St> m) throws Exception {
    cancelTimeout(m);
    onStop(self, m.state);
  }

  /** Applies a transition; {@code message} is null outside a message (entry, timeout). */
  private void apply(ActorRef<M> self, Machine<St> m, Transition<St> t, Object message)
      throws Exception {
    switch (t) {
      case Transition.Postpone<St> p -> {
        if (message == null) {
          throw new IllegalStateException(
              "only a message can be postponed, not an entry action or a state timeout");
        }
        if (m.postponed.size() >= postponeLimit()) {
          throw new StashOverflowException(message, postponeLimit());
        }
        m.postponed.addLast(message);
      }
      case Transition.Stay<St> s -> {
        if (s.timeout() != null) {
          startTimeout(self, m, s.timeout());
        }
      }
      case Transition.Stop<St> s -> {
        m.stopping = true;
        self.stop(s.reason());
      }
      case Transition.Next<St> n -> {
        if (n.state().equals(m.state)) {
          m.state = n.state();
          if (n.timeout() != null) {
            startTimeout(self, m, n.timeout());
          }
          return;
        }
        m.state = n.state();
        cancelTimeout(m);
        if (n.timeout() != null) {
          startTimeout(self, m, n.timeout());
        }
        // The postponed messages go first, ahead of those still waiting to be replayed.
        ArrayDeque<Object> replay = new ArrayDeque<>(m.postponed);
        replay.addAll(m.replay);
        m.replay = replay;
        m.postponed.clear();
        entered(self, m);
      }
    }
  }

  private void entered(ActorRef<M> self, Machine<St> m) throws Exception {
    apply(self, m, onEnter(self, m.state), null);
  }

  @SuppressWarnings("unchecked")
  private static void startTimeout(ActorRef<?> self, Machine<?> m, Duration after) {
    cancelTimeout(m);
    long generation = m.timeoutGeneration;
    m.timeout = ((ActorRef<Object>) self).sendAfter(after, () -> new TimeoutFired(generation));
  }

  private static void cancelTimeout(Machine<?> m) {
    m.timeoutGeneration++;
    if (m.timeout != null) {
      m.timeout.cancel();
      m.timeout = null;
    }
  }
}
