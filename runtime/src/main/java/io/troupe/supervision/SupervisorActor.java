package io.troupe.supervision;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.internal.NodeContext;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The behaviour behind {@link Supervisor}. All its state is owned by the supervisor's thread.
 *
 * <p>A child is known by its ref while it runs ({@link State#byRef}); a child the supervisor stops
 * itself leaves that map first, so the end event it later sends is ignored, and only ends the
 * supervisor did not cause lead to restarts. A restart that waits marks each child of its group
 * with a due time and schedules {@link RestartDue} on the node's timers; {@link #startDue} starts
 * every wanted child whose time has come, in order, so a stale or repeated {@code RestartDue} is
 * harmless.
 */
final class SupervisorActor
    implements Actor<Supervisor.Msg, SupervisorActor.State, SupervisorSpec> {

  private static final System.Logger LOG = System.getLogger("io.troupe.supervision");

  /** How long a kill that follows a shutdown may take. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  record StartChild(ChildSpec spec, RpcReplyPort<Started> reply) implements Supervisor.Msg {}

  record Started(ActorRef<?> ref, SupervisorException error) {}

  record StopChild(String id, RpcReplyPort<Boolean> reply) implements Supervisor.Msg {}

  record WhichChildren(RpcReplyPort<List<ChildInfo>> reply) implements Supervisor.Msg {}

  record RestartDue() implements Supervisor.Msg {}

  /** An in-place child asks whether to restart, and after what delay. */
  record InPlaceFailure(String id, ActorRef<?> child, Throwable cause, RpcReplyPort<Verdict> reply)
      implements Supervisor.Msg {}

  /** The answer to an {@link InPlaceFailure}: restart after {@code delay}, or give up. */
  record Verdict(boolean restart, Duration delay) {}

  static final class Child {
    final ChildSpec spec;
    final boolean dynamic;
    ActorRef<?> ref;

    /** Should run: false once it ended for good. */
    boolean wanted = true;

    /** Restart attempts since the last stable run. */
    int attempts;

    int restarts;

    /** When it last started; {@code Long.MIN_VALUE} when its last start failed. */
    long startedAt;

    long dueAt;

    Child(ChildSpec spec, boolean dynamic) {
      this.spec = spec;
      this.dynamic = dynamic;
    }
  }

  static final class State {
    final ActorRef<Supervisor.Msg> self;
    final SupervisorSpec spec;
    final List<Child> children = new ArrayList<>();
    final Map<ActorRef<?>, Child> byRef = new HashMap<>();
    final RestartBudget budget;

    State(ActorRef<Supervisor.Msg> self, SupervisorSpec spec) {
      this.self = self;
      this.spec = spec;
      this.budget = new RestartBudget(spec.intensity());
    }

    Child find(String id) {
      for (Child c : children) {
        if (c.spec.id().equals(id)) {
          return c;
        }
      }
      return null;
    }
  }

  @Override
  public State preStart(ActorRef<Supervisor.Msg> self, SupervisorSpec spec) {
    State st = new State(self, spec);
    for (ChildSpec c : spec.children()) {
      Child child = new Child(c, false);
      st.children.add(child);
      try {
        start(self, st, child);
      } catch (Exception e) {
        shutdownAll(st, "supervisor failed to start");
        throw new SupervisorException("child " + c.id() + " failed to start: " + e, e);
      }
    }
    return st;
  }

  @Override
  public State handle(ActorRef<Supervisor.Msg> self, Supervisor.Msg message, State st) {
    switch (message) {
      case StartChild m -> m.reply().send(startDynamic(self, st, m.spec()));
      case StopChild m -> {
        Child c = st.find(m.id());
        if (c != null) {
          st.children.remove(c);
          shutdown(st, c, "stopChild");
        }
        m.reply().send(c != null);
      }
      case WhichChildren m -> {
        List<ChildInfo> out = new ArrayList<>(st.children.size());
        for (Child c : st.children) {
          out.add(
              new ChildInfo(
                  c.spec.id(),
                  Optional.ofNullable(c.ref),
                  c.spec.restart(),
                  c.restarts,
                  c.dynamic));
        }
        m.reply().send(List.copyOf(out));
      }
      case RestartDue m -> startDue(self, st);
      case InPlaceFailure m -> m.reply().send(inPlaceFailure(self, st, m));
    }
    return st;
  }

  @Override
  public State handleSupervisorEvent(
      ActorRef<Supervisor.Msg> self, SupervisionEvent event, State st) {
    switch (event) {
      case SupervisionEvent.ActorFailed f ->
          childEnded(self, st, f.actor(), event, f.error(), true);
      case SupervisionEvent.ActorTerminated t ->
          childEnded(
              self,
              st,
              t.actor(),
              event,
              null,
              t.lastState().isEmpty() && t.reason().equals(Optional.of("killed")));
      default -> {}
    }
    return st;
  }

  @Override
  public void postStop(ActorRef<Supervisor.Msg> self, State st) {
    shutdownAll(st, "supervisor stopped");
  }

  // ------------------------------------------------------------------ starting

  private static void start(ActorRef<Supervisor.Msg> self, State st, Child c) throws Exception {
    ActorRef<?> ref = c.spec.start(self.node(), self);
    if (ref == null) {
      throw new IllegalStateException("the starter of child " + c.spec.id() + " returned null");
    }
    if (!ref.supervisor().map(self::equals).orElse(false)) {
      ref.link(self); // throws if it already ended: a failed start
    }
    c.ref = ref;
    c.startedAt = self.node().time().nanoTime();
    st.byRef.put(ref, c);
    publish(st, new SupervisorEvent.ChildStarted(c.spec.id(), ref, c.restarts));
  }

  private static Started startDynamic(ActorRef<Supervisor.Msg> self, State st, ChildSpec spec) {
    if (st.find(spec.id()) != null) {
      return new Started(
          null, new SupervisorException("a child with id " + spec.id() + " already exists", null));
    }
    Child c = new Child(spec, true);
    try {
      start(self, st, c);
    } catch (Exception e) {
      publish(st, new SupervisorEvent.ChildStartFailed(spec.id(), e));
      return new Started(
          null, new SupervisorException("child " + spec.id() + " failed to start: " + e, e));
    }
    st.children.add(c);
    return new Started(c.ref, null);
  }

  /** Starts every wanted child that is not running and whose restart is due, in order. */
  private static void startDue(ActorRef<Supervisor.Msg> self, State st) {
    long now = self.node().time().nanoTime();
    for (Child c : List.copyOf(st.children)) {
      if (!c.wanted || c.ref != null || c.dueAt - now > 0 || !st.children.contains(c)) {
        continue;
      }
      try {
        start(self, st, c);
      } catch (Exception e) {
        c.startedAt = Long.MIN_VALUE;
        publish(st, new SupervisorEvent.ChildStartFailed(c.spec.id(), e));
        restart(self, st, c, e, true);
        return; // the restart above decided what starts next
      }
    }
  }

  // ------------------------------------------------------------------ restarting

  private static void childEnded(
      ActorRef<Supervisor.Msg> self,
      State st,
      ActorRef<?> ref,
      SupervisionEvent outcome,
      Throwable error,
      boolean abnormal) {
    Child c = st.byRef.remove(ref);
    if (c == null) {
      return; // stopped by this supervisor, or not one of its children
    }
    c.ref = null;
    boolean restarting = c.spec.restart().restarts(abnormal);
    publish(st, new SupervisorEvent.ChildEnded(c.spec.id(), ref, outcome, restarting));
    if (!restarting) {
      c.wanted = false;
      if (c.dynamic || c.spec.restart() == RestartType.TEMPORARY) {
        st.children.remove(c);
      }
      return;
    }
    restart(self, st, c, error, false);
  }

  /**
   * Restarts {@code failed} and, by the strategy, its siblings; gives up past the intensity.
   *
   * @param fromStart the child failed to start again (a zero delay then goes through the mailbox,
   *     so that a child that never starts cannot recurse)
   */
  private static void restart(
      ActorRef<Supervisor.Msg> self, State st, Child failed, Throwable cause, boolean fromStart) {
    long now = self.node().time().nanoTime();
    if (!st.budget.tryRestart(now)) {
      giveUp(st, failed, cause);
    }
    Duration delay = nextDelay(st, failed, now);
    failed.restarts++;
    List<Child> group = group(st, failed);
    for (int i = group.size() - 1; i >= 0; i--) { // siblings stop in reverse start order
      Child g = group.get(i);
      if (g != failed) {
        if (g.spec.inPlace() && g.ref != null) {
          askInPlaceRestart(g, delay);
          continue;
        }
        shutdown(st, g, "sibling " + failed.spec.id() + " restarts");
        g.restarts++;
      }
      g.dueAt = now + delay.toNanos();
    }
    if (!delay.isZero()) {
      self.sendAfter(delay, RestartDue::new); // before the event: a test may advance time on it
    }
    publish(
        st,
        new SupervisorEvent.RestartScheduled(
            failed.spec.id(), failed.attempts, delay, false, Optional.ofNullable(cause)));
    if (delay.isZero() && !fromStart) {
      startDue(self, st);
    } else if (delay.isZero()) {
      self.cast(new RestartDue());
    }
  }

  /**
   * The backoff of {@code c}'s next attempt; a child that ran stably starts again from attempt 1.
   */
  private static Duration nextDelay(State st, Child c, long now) {
    Backoff backoff = st.spec.backoff();
    if (c.startedAt != Long.MIN_VALUE && now - c.startedAt >= backoff.resetAfter().toNanos()) {
      c.attempts = 0;
    }
    c.attempts++;
    return backoff.delay(c.attempts, ThreadLocalRandom.current()::nextDouble);
  }

  /** The children that restart with {@code failed}, in start order. */
  private static List<Child> group(State st, Child failed) {
    return switch (st.spec.strategy()) {
      case ONE_FOR_ONE -> List.of(failed);
      case ONE_FOR_ALL -> st.children.stream().filter(c -> c == failed || c.wanted).toList();
      case REST_FOR_ONE -> {
        int at = st.children.indexOf(failed);
        List<Child> rest = new ArrayList<>();
        for (int i = at; i < st.children.size(); i++) {
          Child c = st.children.get(i);
          if (c == failed || c.wanted) {
            rest.add(c);
          }
        }
        yield rest;
      }
    };
  }

  private static Verdict inPlaceFailure(ActorRef<Supervisor.Msg> self, State st, InPlaceFailure m) {
    Child c = st.byRef.get(m.child());
    if (c == null || !c.spec.restart().restarts(true)) {
      return new Verdict(false, Duration.ZERO); // it fails for real; its end is handled as usual
    }
    long now = self.node().time().nanoTime();
    if (!st.budget.tryRestart(now)) {
      // The child fails for real; its ActorFailed then finds the budget spent and gives up.
      return new Verdict(false, Duration.ZERO);
    }
    Duration delay = nextDelay(st, c, now);
    c.restarts++;
    c.startedAt = now + delay.toNanos();
    List<Child> group = group(st, c);
    for (int i = group.size() - 1; i >= 0; i--) {
      Child g = group.get(i);
      if (g == c) {
        continue;
      }
      if (g.spec.inPlace() && g.ref != null) {
        askInPlaceRestart(g, delay);
      } else {
        shutdown(st, g, "sibling " + c.spec.id() + " restarts");
        g.restarts++;
        g.dueAt = now + delay.toNanos();
      }
    }
    publish(
        st,
        new SupervisorEvent.RestartScheduled(
            c.spec.id(), c.attempts, delay, true, Optional.ofNullable(m.cause())));
    if (group.size() > 1) {
      if (delay.isZero()) {
        self.cast(new RestartDue());
      } else {
        self.sendAfter(delay, RestartDue::new);
      }
    }
    return new Verdict(true, delay);
  }

  @SuppressWarnings("unchecked")
  private static void askInPlaceRestart(Child g, Duration delay) {
    g.restarts++;
    try {
      ((ActorRef<Object>) g.ref).cast(new InPlaceActor.RestartRequest(delay));
    } catch (RuntimeException gone) {
      // It is ending anyway: its end event follows.
    }
  }

  private static void giveUp(State st, Child failed, Throwable cause) {
    publish(
        st,
        new SupervisorEvent.GaveUp(
            failed.spec.id(), st.spec.intensity(), Optional.ofNullable(cause)));
    shutdownAll(st, "supervisor gave up");
    RestartIntensity i = st.spec.intensity();
    throw new SupervisorGaveUpException(
        "child "
            + failed.spec.id()
            + " needed more than "
            + i.maxRestarts()
            + " restarts within "
            + i.period(),
        cause);
  }

  // ------------------------------------------------------------------ stopping

  private static void shutdownAll(State st, String reason) {
    for (int i = st.children.size() - 1; i >= 0; i--) {
      shutdown(st, st.children.get(i), reason);
    }
  }

  /**
   * Stops {@code c} by its shutdown (if it runs) and waits for its end; its end event is then
   * ignored.
   */
  private static void shutdown(State st, Child c, String reason) {
    ActorRef<?> ref = c.ref;
    if (ref == null) {
      return;
    }
    st.byRef.remove(ref);
    c.ref = null;
    boolean ended =
        switch (c.spec.shutdown()) {
          case Shutdown.Graceful g ->
              ref.stopAndWait(reason, g.timeout()) || ref.killAndWait(KILL_WAIT);
          case Shutdown.Kill k -> ref.killAndWait(KILL_WAIT);
        };
    if (!ended) {
      LOG.log(
          System.Logger.Level.WARNING,
          "child " + c.spec.id() + " (" + ref + ") did not end within its shutdown and a kill");
    }
  }

  private static void publish(State st, SupervisorEvent event) {
    for (Consumer<? super SupervisorEvent> listener : st.spec.listeners()) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a supervisor event listener threw on " + event, e);
      }
    }
    NodeContext.supervisorEvent(st.self, event);
  }
}
