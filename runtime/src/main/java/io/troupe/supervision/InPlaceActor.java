package io.troupe.supervision;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.internal.BehaviourSignal;
import io.troupe.internal.BehaviourWrapper;
import io.troupe.internal.HeldMessages;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.timer.TimerHandle;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The wrapper behind {@link InPlace}: runs the user's behaviour and, when a hook throws, replaces
 * its state with a new incarnation instead of letting the actor end. See {@link InPlace} for the
 * semantics. The incarnation is owned by the actor's thread, except {@link Incarnation#held}, which
 * answering threads also shrink.
 */
final class InPlaceActor<M, S, A>
    implements Actor<M, InPlaceActor.Incarnation<S, A>, A>, BehaviourWrapper {

  private static final Duration CHILD_STOP = Duration.ofSeconds(5);

  /** How long an in-place child waits for its supervisor's decision before failing for real. */
  private static final Duration VERDICT_WAIT = Duration.ofSeconds(30);

  /** Decides a restart: the delay, or null to give up. Called on the failing actor's thread. */
  interface Decider {
    Duration decide(ActorRef<?> self, Throwable cause) throws InterruptedException;

    /** The new incarnation started at {@code now}. */
    default void started(long now) {}
  }

  /** A restart asked for by the supervisor (a sibling's failure), on the user-message lane. */
  record RestartRequest(Duration delay) implements BehaviourSignal {}

  static final class Incarnation<S, A> {
    final A args;
    final Decider decider;
    S state;

    /** Reply ports received and not answered yet. */
    final Set<RpcReplyPort<?>> held = ConcurrentHashMap.newKeySet();

    /** Children of failed incarnations, whose end events are not passed on. */
    final Set<ActorRef<?>> retired = ConcurrentHashMap.newKeySet();

    /**
     * Messages a retired incarnation held (stashed, postponed), for the new one to handle before
     * the mailbox. Registered with the actor as a holder, so that they become dead letters if the
     * actor ends before handling them.
     */
    final ArrayDeque<Object> replay = new ArrayDeque<>();

    List<Object> takeReplay() {
      List<Object> out = new ArrayList<>(replay);
      replay.clear();
      return out;
    }

    Incarnation(A args, Decider decider) {
      this.args = args;
      this.decider = decider;
    }
  }

  private final Actor<M, S, A> actor;
  private final Supplier<Decider> deciders;

  InPlaceActor(Actor<M, S, A> actor, Supplier<Decider> deciders) {
    this.actor = actor;
    this.deciders = deciders;
  }

  @Override
  public Actor<?, ?, ?> wrapped() {
    return actor;
  }

  @Override
  public Incarnation<S, A> preStart(ActorRef<M> self, A args) throws Exception {
    Incarnation<S, A> inc = new Incarnation<>(args, deciders.get());
    inc.state = actor.preStart(self, args);
    HeldMessages.register(self, inc::takeReplay);
    inc.decider.started(self.node().time().nanoTime());
    return inc;
  }

  @Override
  public Incarnation<S, A> postStart(ActorRef<M> self, Incarnation<S, A> inc) throws Exception {
    try {
      inc.state = actor.postStart(self, inc.state);
    } catch (Throwable t) {
      recover(self, inc, t);
    }
    replay(self, inc);
    return inc;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Incarnation<S, A> handle(ActorRef<M> self, M message, Incarnation<S, A> inc)
      throws Exception {
    if ((Object) message instanceof RestartRequest r) {
      retire(self, inc, true);
      reincarnate(self, inc, r.delay());
    } else {
      handleOne(self, message, inc);
    }
    replay(self, inc);
    return inc;
  }

  private void handleOne(ActorRef<M> self, M message, Incarnation<S, A> inc) throws Exception {
    hold(inc, message);
    try {
      inc.state = actor.handle(self, message, inc.state);
    } catch (Throwable t) {
      recover(self, inc, t);
    }
  }

  /**
   * Handles what retired incarnations held, oldest first, before the mailbox; a failure among them
   * restarts as any other (what the newest incarnation held then goes first).
   */
  @SuppressWarnings("unchecked")
  private void replay(ActorRef<M> self, Incarnation<S, A> inc) throws Exception {
    for (Object held = inc.replay.pollFirst(); held != null; held = inc.replay.pollFirst()) {
      handleOne(self, (M) held, inc);
    }
  }

  @Override
  public Incarnation<S, A> handleSupervisorEvent(
      ActorRef<M> self, SupervisionEvent event, Incarnation<S, A> inc) throws Exception {
    ActorRef<?> about =
        switch (event) {
          case SupervisionEvent.ActorTerminated t -> t.actor();
          case SupervisionEvent.ActorFailed f -> f.actor();
          case SupervisionEvent.ActorStarted s -> s.actor();
          default -> null;
        };
    if (about != null && inc.retired.contains(about)) {
      if (!(event instanceof SupervisionEvent.ActorStarted)) {
        inc.retired.remove(about);
      }
      return inc;
    }
    try {
      inc.state = actor.handleSupervisorEvent(self, event, inc.state);
    } catch (Throwable t) {
      recover(self, inc, t);
    }
    replay(self, inc);
    return inc;
  }

  @Override
  public void postStop(ActorRef<M> self, Incarnation<S, A> inc) throws Exception {
    actor.postStop(self, inc.state);
  }

  // ------------------------------------------------------------------ restarting

  /** Restarts after {@code failure}, as often as the decider allows; rethrows when it gives up. */
  private void recover(ActorRef<M> self, Incarnation<S, A> inc, Throwable failure)
      throws Exception {
    passThroughEnds(failure);
    Throwable cause = failure;
    for (; ; ) {
      Duration delay = inc.decider.decide(self, cause);
      if (delay == null) {
        throw rethrowable(cause);
      }
      retire(self, inc, false);
      try {
        reincarnateOnce(self, inc, delay);
        return;
      } catch (Throwable again) {
        passThroughEnds(again);
        cause = again;
      }
    }
  }

  /** A restart asked for by the supervisor; a failing start is a failure like any other. */
  private void reincarnate(ActorRef<M> self, Incarnation<S, A> inc, Duration delay)
      throws Exception {
    try {
      reincarnateOnce(self, inc, delay);
    } catch (Throwable t) {
      recover(self, inc, t);
    }
  }

  private void reincarnateOnce(ActorRef<M> self, Incarnation<S, A> inc, Duration delay)
      throws Exception {
    awaitDelay(self, delay);
    inc.state = actor.preStart(self, inc.args);
    inc.decider.started(self.node().time().nanoTime());
    inc.state = actor.postStart(self, inc.state);
  }

  /**
   * Ends the current incarnation: what it held (stashed, postponed) is kept for the next one, its
   * other calls fail, its children stop.
   */
  private void retire(ActorRef<M> self, Incarnation<S, A> inc, boolean graceful) throws Exception {
    if (graceful && inc.state != null) {
      actor.postStop(self, inc.state);
    }
    inc.state = null;
    // What the failed incarnation held came before what it had not replayed yet. Its holders are
    // forgotten (the next incarnation registers its own); the replay registers again at once, so
    // that an end during the restart still reports it.
    List<Object> notReplayed = inc.takeReplay();
    List<Object> held = HeldMessages.takeAll(self);
    HeldMessages.register(self, inc::takeReplay);
    inc.replay.addAll(held);
    inc.replay.addAll(notReplayed);
    for (Object message : held) {
      unhold(inc, message); // its call is still to be answered, by the next incarnation
    }
    for (RpcReplyPort<?> port : List.copyOf(inc.held)) {
      port.fail();
    }
    inc.held.clear();
    List<ActorRef<?>> children = self.children();
    inc.retired.addAll(children);
    for (ActorRef<?> child : children) {
      child.stop("its supervisor restarts in place");
    }
    for (ActorRef<?> child : children) {
      if (!child.awaitExit(CHILD_STOP)) {
        child.killAndWait(CHILD_STOP);
      }
    }
  }

  private static void awaitDelay(ActorRef<?> self, Duration delay) throws InterruptedException {
    if (delay.isZero() || delay.isNegative()) {
      return;
    }
    CountDownLatch due = new CountDownLatch(1);
    var time = self.node().time();
    TimerHandle timer = time.schedule(time.nanoTime() + delay.toNanos(), due::countDown);
    try {
      due.await(); // a kill interrupts it
    } finally {
      timer.cancel();
    }
  }

  /** A kill (an interrupt) and errors of the virtual machine are not failures to restart from. */
  private static void passThroughEnds(Throwable t) throws Exception {
    if (t instanceof InterruptedException
        || Thread.currentThread().isInterrupted()
        || (t instanceof Error && !(t instanceof AssertionError))) {
      throw rethrowable(t);
    }
  }

  private static Exception rethrowable(Throwable t) {
    if (t instanceof Exception e) {
      return e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  // ------------------------------------------------------------------ calls in flight

  private static void hold(Incarnation<?, ?> inc, Object message) {
    for (Method accessor : PORTS.get(message.getClass())) {
      Object port;
      try {
        port = accessor.invoke(message);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue; // not accessible: this call is not tracked (it ends by its timeout)
      }
      if (port instanceof RpcReplyPort<?> p && !p.isClosed()) {
        inc.held.add(p);
        p.result().whenComplete((r, e) -> inc.held.remove(p));
      }
    }
  }

  private static void unhold(Incarnation<?, ?> inc, Object message) {
    for (Method accessor : PORTS.get(message.getClass())) {
      try {
        inc.held.remove(accessor.invoke(message));
      } catch (ReflectiveOperationException | RuntimeException e) {
        // not accessible: it was not held either
      }
    }
  }

  /** The accessors of a record's reply-port components, found once per class. */
  private static final ClassValue<List<Method>> PORTS =
      new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
          if (!type.isRecord()) {
            return List.of();
          }
          List<Method> out = new ArrayList<>();
          for (RecordComponent c : type.getRecordComponents()) {
            if (c.getType() == RpcReplyPort.class) {
              out.add(c.getAccessor());
            }
          }
          return List.copyOf(out);
        }
      };

  // ------------------------------------------------------------------ deciders

  /** The wrapper's own intensity and backoff ({@link InPlace#restarting}); one per actor. */
  static final class LocalDecider implements Decider {
    private final RestartBudget budget;
    private final Backoff backoff;
    private int attempts;
    private long startedAt;

    LocalDecider(RestartIntensity intensity, Backoff backoff) {
      this.budget = new RestartBudget(intensity);
      this.backoff = backoff;
    }

    @Override
    public Duration decide(ActorRef<?> self, Throwable cause) {
      long now = self.node().time().nanoTime();
      if (!budget.tryRestart(now)) {
        return null;
      }
      if (now - startedAt >= backoff.resetAfter().toNanos()) {
        attempts = 0;
      }
      attempts++;
      startedAt = Long.MAX_VALUE / 2; // until the next start: a failing start is no stable run
      return backoff.delay(attempts, ThreadLocalRandom.current()::nextDouble);
    }

    @Override
    public void started(long now) {
      startedAt = now;
    }
  }

  /** Asks the library supervisor, which counts the restart against its own intensity. */
  record SupervisorDecider(ActorRef<?> supervisor, String id) implements Decider {
    @Override
    @SuppressWarnings("unchecked")
    public Duration decide(ActorRef<?> self, Throwable cause) {
      CallResult<SupervisorActor.Verdict> answer;
      try {
        answer =
            ((ActorRef<Supervisor.Msg>) supervisor)
                .call(p -> new SupervisorActor.InPlaceFailure(id, self, cause, p), VERDICT_WAIT);
      } catch (RuntimeException gone) {
        return null; // the supervisor is ending: so does this child
      }
      return answer instanceof CallResult.Success<SupervisorActor.Verdict> s && s.value().restart()
          ? s.value().delay()
          : null;
    }
  }
}
