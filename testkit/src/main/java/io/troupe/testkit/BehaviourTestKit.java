package io.troupe.testkit;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.SupervisionEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs an actor's handlers on the test's own thread, one call at a time, with the state in plain
 * sight: no mailbox, no scheduling, nothing to wait for.
 *
 * <pre>{@code
 * BehaviourTestKit<CounterMsg, Integer, Integer> kit = BehaviourTestKit.start(node, new Counter(), 0);
 * kit.send(new CounterMsg.Increment(5));
 * assertEquals(5, kit.state());
 * assertEquals(5, kit.call(CounterMsg.Get::new));   // what the handler answered
 * }</pre>
 *
 * <p>The handlers' {@code self} is a {@link TestProbe}'s ref: what a handler sends to itself
 * (casts, {@code sendAfter} timers) lands in {@link #self()}, where the test reads it or feeds it
 * back with {@link #processSelfMessages()}; a handler that stops {@code self} stops that probe
 * ({@link #expectSelfStopped(Duration)}). What it sends to other actors goes wherever the test
 * pointed it: pass probes in the arguments or the messages. Exceptions from handlers are thrown to
 * the test as they are.
 *
 * <p>Only the behaviour runs here: supervision, links and priorities are the runtime's and need a
 * real spawn ({@link TestProbe} and {@link TroupeExtension}).
 *
 * @param <M> the actor's messages
 * @param <S> its state
 * @param <A> its start arguments
 */
public final class BehaviourTestKit<M, S, A> {

  private final Actor<M, S, A> behaviour;
  private final TestProbe<M> self;
  private S state;

  private BehaviourTestKit(Actor<M, S, A> behaviour, TestProbe<M> self) {
    this.behaviour = behaviour;
    this.self = self;
  }

  /**
   * Runs {@code preStart} and {@code postStart} on this thread.
   *
   * @param node where the {@code self} probe lives (its timers run on the node's clock)
   * @param behaviour the actor under test
   * @param args its start arguments
   * @param <M> its messages
   * @param <S> its state
   * @param <A> its arguments
   * @return the kit, holding the state {@code postStart} returned
   * @throws Exception what {@code preStart} or {@code postStart} threw
   */
  public static <M, S, A> BehaviourTestKit<M, S, A> start(
      Node node, Actor<M, S, A> behaviour, A args) throws Exception {
    BehaviourTestKit<M, S, A> kit =
        new BehaviourTestKit<>(
            Objects.requireNonNull(behaviour, "behaviour"), TestProbe.spawn(node));
    ActorRef<M> ref = kit.self.ref();
    kit.state = behaviour.postStart(ref, behaviour.preStart(ref, args));
    return kit;
  }

  /**
   * Runs {@code handle} with {@code message}; the state becomes what it returned.
   *
   * @param message the message
   * @return this kit
   * @throws Exception what the handler threw (the state is then unchanged)
   */
  public BehaviourTestKit<M, S, A> send(M message) throws Exception {
    state = behaviour.handle(self.ref(), message, state);
    return this;
  }

  /**
   * Runs {@code handle} with the message {@code request} builds around a new reply port, and
   * returns what the handler sent to that port.
   *
   * @param request e.g. {@code CounterMsg.Get::new}
   * @param <R> the answer's type
   * @return the answer
   * @throws AssertionError if the handler did not answer before returning, or dropped the port
   * @throws Exception what the handler threw
   */
  public <R> R call(Function<RpcReplyPort<R>, M> request) throws Exception {
    RpcReplyPort<R> port = new RpcReplyPort<>();
    send(request.apply(port));
    if (!port.result().isDone()) {
      throw new AssertionError(
          "the handler returned without answering the call (and kept the port: does it answer later?)");
    }
    CallResult<R> result = port.result().join();
    if (result instanceof CallResult.Success<R> success) {
      return success.value();
    }
    throw new AssertionError("the handler did not answer: " + result);
  }

  /**
   * Runs {@code handleSupervisorEvent} with {@code event}.
   *
   * @param event e.g. a child's {@code ActorFailed}
   * @return this kit
   * @throws Exception what the handler threw
   */
  public BehaviourTestKit<M, S, A> supervisionEvent(SupervisionEvent event) throws Exception {
    state = behaviour.handleSupervisorEvent(self.ref(), event, state);
    return this;
  }

  /**
   * The state the last handler returned.
   *
   * @return the state
   */
  public S state() {
    return state;
  }

  /**
   * What the handlers sent to {@code self}: read it with the probe's expectations.
   *
   * @return the probe standing in for the actor
   */
  public TestProbe<M> self() {
    return self;
  }

  /**
   * What the handlers have sent to {@code self} so far (casts, and timers that have fired), taken
   * from {@link #self()} without handling them. Waits until everything sent before this call has
   * arrived, so nothing in flight is missed.
   *
   * @return the messages, in the order sent
   */
  public List<M> takeSelfMessages() {
    self.sync(TestKitTimeouts.DEFAULT);
    return self.drainMessages();
  }

  /**
   * Feeds what the handlers sent to {@code self} back into {@code handle}, in order, until nothing
   * is left (including what those handlers send to {@code self} in turn).
   *
   * @return how many messages were handled
   * @throws Exception what a handler threw
   */
  public int processSelfMessages() throws Exception {
    int handled = 0;
    for (List<M> batch = takeSelfMessages(); !batch.isEmpty(); batch = takeSelfMessages()) {
      for (M message : batch) {
        send(message);
        handled++;
      }
    }
    return handled;
  }

  /**
   * Waits for the next message to {@code self} (a timer firing, say) and handles it.
   *
   * @param timeout how long to wait for it, in real time
   * @return the message handled
   * @throws AssertionError if none arrives in time
   * @throws Exception what the handler threw
   */
  public M processNextSelfMessage(Duration timeout) throws Exception {
    M next = self.expectMessage(timeout);
    send(next);
    return next;
  }

  /**
   * Expects a handler to have stopped or killed {@code self}: the probe behind it ends within
   * {@code timeout} (a stop is queued, so it takes a moment).
   *
   * @param timeout how long to wait, in real time
   * @throws AssertionError if it is still running when the time is up
   */
  public void expectSelfStopped(Duration timeout) {
    self.expectTerminated(self.ref(), timeout);
  }

  /**
   * Runs {@code postStop} with the current state.
   *
   * @throws Exception what it threw
   */
  public void stop() throws Exception {
    behaviour.postStop(self.ref(), state);
    self.stop();
  }
}
