package io.troupe.behaviour;

import io.troupe.ActorRef;
import io.troupe.internal.HeldMessages;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A bounded buffer of messages an actor is not ready for yet (Pekko's {@code StashBuffer}): stash
 * them while, say, it waits for a resource, then {@link #unstashAll} handles them in the order they
 * came, ahead of anything still in the mailbox. Make it with {@link #of(ActorRef, int)} in a hook
 * (best {@code preStart}) and keep it in the actor's state; it is used by the actor's own thread
 * only (not thread-safe).
 *
 * <pre>{@code
 * State preStart(ActorRef<Msg> self, Void a) { return new State(Stash.of(self, 100)); }
 *
 * case Query q when s.connection == null -> s.stash.stash(q);          // not ready yet
 * case Connected c -> { s.connection = c.connection(); s = s.stash.unstashAll(s, (m, st) -> handle(self, m, st)); }
 * }</pre>
 *
 * <p>Failure: {@link #stash} on a full stash throws {@link StashOverflowException} and keeps
 * nothing of the refused message. Nothing stashed is lost silently: when the actor ends (a stop, a
 * drain, a kill or a failure) every message still stashed becomes a dead letter ({@link
 * io.troupe.Node#deadLetters()}, with the reason of the end, ahead of the mailbox's leftovers), and
 * a call among them completes with {@code SenderError} at once. A {@code postStop} that wants them
 * can still take them with {@link #clear()}. Under a restart in place ({@code
 * io.troupe.supervision.InPlace}) the stash survives: the new incarnation handles what the failed
 * one had stashed, oldest first, before anything in the mailbox.
 *
 * @param <M> the message type
 */
public final class Stash<M> {

  /**
   * Handles one unstashed message.
   *
   * @param <M> the message type
   * @param <S> the actor's state
   */
  @FunctionalInterface
  public interface Handler<M, S> {
    /**
     * Handles {@code message}, as the actor's {@code handle} would.
     *
     * @param message the unstashed message
     * @param state the actor's state
     * @return the next state
     * @throws Exception what the handling threw; {@link #unstashAll} passes it on
     */
    S handle(M message, S state) throws Exception;
  }

  private final int capacity;
  private final ArrayDeque<M> messages = new ArrayDeque<>();

  /**
   * An empty stash of the actor {@code self}, holding at most {@code capacity} messages: what it
   * holds when the actor ends becomes dead letters (see the class comment). Make one per actor (or
   * per incarnation) in a hook; each stays registered with the actor until it ends.
   *
   * @param self the actor, as its hooks receive it
   * @param capacity the most messages it holds
   * @param <M> the message type
   * @return the stash
   * @throws IllegalArgumentException if {@code capacity} is below 1, or {@code self} is not the ref
   *     of an actor of this JVM
   * @throws NullPointerException if {@code self} is null
   */
  public static <M> Stash<M> of(ActorRef<M> self, int capacity) {
    Stash<M> stash = new Stash<>(capacity);
    HeldMessages.register(self, stash::clear);
    return stash;
  }

  /**
   * An empty stash holding at most {@code capacity} messages, attached to no actor: what it holds
   * is not reported anywhere when it is dropped. Inside an actor use {@link #of(ActorRef, int)}.
   *
   * @param capacity the most messages it holds
   * @throws IllegalArgumentException if {@code capacity} is below 1
   */
  public Stash(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("stash capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Stashes {@code message} after those stashed before.
   *
   * @param message the message
   * @throws StashOverflowException if the stash is full (the message is not stashed)
   * @throws NullPointerException if {@code message} is null
   */
  public void stash(M message) {
    Objects.requireNonNull(message, "message");
    if (messages.size() >= capacity) {
      throw new StashOverflowException(message, capacity);
    }
    messages.addLast(message);
  }

  /**
   * Handles every message stashed now, oldest first, through {@code handler}, before the actor
   * takes anything else from its mailbox. A message the handler stashes again goes to the back and
   * is not handled again by this call. If the handler throws, the messages not handled yet stay
   * stashed, in order, and the exception is passed on.
   *
   * @param state the actor's state
   * @param handler handles one message
   * @param <S> the state type
   * @return the state after the last message
   * @throws Exception what the handler threw
   */
  public <S> S unstashAll(S state, Handler<? super M, S> handler) throws Exception {
    Objects.requireNonNull(handler, "handler");
    int n = messages.size();
    S s = state;
    for (int i = 0; i < n; i++) {
      // If the handler throws, the messages not handled yet are still first, in order, and those
      // stashed meanwhile behind them: nothing to put back.
      s = handler.handle(messages.pollFirst(), s);
    }
    return s;
  }

  /**
   * Removes every stashed message.
   *
   * @return them, oldest first
   */
  public List<M> clear() {
    List<M> out = new ArrayList<>(messages);
    messages.clear();
    return out;
  }

  /**
   * How many messages are stashed.
   *
   * @return the count
   */
  public int size() {
    return messages.size();
  }

  /**
   * Whether nothing is stashed.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return messages.isEmpty();
  }

  /**
   * Whether another {@link #stash} would overflow.
   *
   * @return true if full
   */
  public boolean isFull() {
    return messages.size() >= capacity;
  }

  /**
   * The most messages this stash holds.
   *
   * @return the capacity
   */
  public int capacity() {
    return capacity;
  }
}
