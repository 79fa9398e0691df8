package io.troupe.internal;

import io.troupe.Actor;
import io.troupe.ActorId;
import io.troupe.ActorRef;
import io.troupe.DeadLetter;
import io.troupe.DeadLetters;
import io.troupe.InstantSpawn;
import io.troupe.Node;
import io.troupe.SpawnException;
import io.troupe.intercept.Installed;
import io.troupe.intercept.Interceptor;
import io.troupe.internal.pg.LocalProcessGroups;
import io.troupe.internal.registry.LocalRegistry;
import io.troupe.internal.timer.TimerService;
import io.troupe.supervision.SupervisionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The machinery behind a {@link Node}: actor ids, the live actors, registry, groups, timers. */
public final class NodeContext {

  private final Node node;
  private final long nodeId;
  private final AtomicLong nextLocalId = new AtomicLong();
  private final Map<Long, ActorCell<?, ?, ?>> live = new ConcurrentHashMap<>();
  private final LocalRegistry registry;
  private final LocalProcessGroups groups;
  private final TimerService timers;
  private final NodeDeadLetters deadLetters = new NodeDeadLetters();
  private volatile boolean closed;
  private volatile System.Logger.Level failureLogLevel = System.Logger.Level.INFO;

  private static final System.Logger LOG = System.getLogger("io.troupe.node");

  /** How long {@link #close} waits for stopped actors before it kills them. */
  static final Duration STOP_WAIT = Duration.ofSeconds(1);

  /** How long {@link #close} waits for killed actors before it gives up on them. */
  static final Duration KILL_WAIT = Duration.ofSeconds(1);

  /**
   * The actor layer of a node over the parts {@link NodeRuntime} made for it.
   *
   * @param node the node
   * @param nodeId its id
   * @param registry its registry of names
   * @param groups its process groups
   * @param timers its timers, closed by {@link #close} once every actor has ended
   */
  NodeContext(
      Node node,
      long nodeId,
      LocalRegistry registry,
      LocalProcessGroups groups,
      TimerService timers) {
    this.node = node;
    this.nodeId = nodeId;
    this.registry = registry;
    this.groups = groups;
    this.timers = timers;
  }

  /**
   * Whether {@code ref} is an actor of this node: the one test of locality of every layer (a ref of
   * another node of this JVM is not local, though its cell is in the same heap).
   *
   * @param ref any ref
   * @return true if this node runs the actor
   */
  public boolean isLocal(ActorRef<?> ref) {
    return ref instanceof LocalActorRef<?> local && local.cell().node() == this;
  }

  public Node node() {
    return node;
  }

  public long nodeId() {
    return nodeId;
  }

  public LocalRegistry registry() {
    return registry;
  }

  public LocalProcessGroups groups() {
    return groups;
  }

  public TimerService timers() {
    return timers;
  }

  /**
   * Creates, registers, links and starts an actor; returns once {@code preStart} succeeded.
   *
   * @throws SpawnException if the node is closed, the name is taken, or {@code preStart} threw
   */
  public <M, S, A> ActorRef<M> spawn(
      String name, Actor<M, S, A> behaviour, A args, ActorRef<?> supervisor) {
    ActorCell<M, S, A> cell = create(name, behaviour, supervisor);
    cell.start(args, supervisor); // on failure the cell has already cleaned up after itself
    return cell.ref();
  }

  /**
   * Creates, registers and starts an actor without waiting for {@code preStart}.
   *
   * @throws SpawnException if the node is closed or the name is taken
   */
  public <M, S, A> InstantSpawn<M> spawnInstant(
      String name, Actor<M, S, A> behaviour, A args, ActorRef<?> supervisor) {
    ActorCell<M, S, A> cell = create(name, behaviour, supervisor);
    return new InstantSpawn<>(cell.ref(), cell.startDetached(args, supervisor));
  }

  private <M, S, A> ActorCell<M, S, A> create(
      String name, Actor<M, S, A> behaviour, ActorRef<?> supervisor) {
    if (closed) {
      throw new SpawnException("node " + node.name() + " is closed");
    }
    if (supervisor != null && !supervisor.status().acceptsMessages()) {
      throw new SpawnException(
          "cannot spawn a child of " + supervisor + ": it is " + supervisor.status());
    }
    ActorCell<M, S, A> cell =
        new ActorCell<>(this, new ActorId(nodeId, nextLocalId.incrementAndGet()), name, behaviour);
    if (name != null) {
      registry.register(name, cell.ref());
    }
    live.put(cell.id().local(), cell);
    // After the put: an interceptor installed meanwhile is seen here or finds the cell in live.
    if (nodeInterceptors.length != 0) {
      refreshInterception(cell);
    }
    return cell;
  }

  // ------------------------------------------------------------------ interceptors

  /**
   * The node-wide interceptors, in order (replaced, never modified); guarded by this for writes.
   */
  private volatile Interceptor[] nodeInterceptors = Interception.NONE;

  /** Each actor's own interceptors (only live actors that have some); changed under this. */
  private final Map<ActorCell<?, ?, ?>, Interceptor[]> actorInterceptors =
      new ConcurrentHashMap<>();

  /** The node-wide interceptors (for messages to other nodes); empty when none. */
  public Interceptor[] nodeInterceptors() {
    return nodeInterceptors;
  }

  /**
   * Installs an interceptor for every actor of this node, present and future.
   *
   * @throws IllegalArgumentException if it is installed node-wide already
   */
  public Installed intercept(Interceptor interceptor) {
    java.util.Objects.requireNonNull(interceptor, "interceptor");
    synchronized (this) {
      if (indexOf(nodeInterceptors, interceptor) >= 0) {
        throw new IllegalArgumentException(
            "interceptor " + interceptor + " is installed on node " + node.name() + " already");
      }
      nodeInterceptors = with(nodeInterceptors, interceptor);
    }
    refreshAll();
    return once(
        () -> {
          synchronized (this) {
            nodeInterceptors = without(nodeInterceptors, interceptor);
          }
          refreshAll();
        });
  }

  /**
   * Installs an interceptor for one actor of this node.
   *
   * @throws IllegalArgumentException if the actor is not a live actor of this node, or the
   *     interceptor is installed for it already
   */
  public Installed intercept(ActorRef<?> actor, Interceptor interceptor) {
    java.util.Objects.requireNonNull(actor, "actor");
    java.util.Objects.requireNonNull(interceptor, "interceptor");
    ActorCell<?, ?, ?> cell =
        actor instanceof LocalActorRef<?> || actor instanceof DerivedActorRef<?, ?>
            ? LocalActorRef.cellOf(actor)
            : null;
    if (cell == null || cell.node() != this) {
      throw new IllegalArgumentException("not an actor of node " + node.name() + ": " + actor);
    }
    synchronized (this) {
      Interceptor[] own = actorInterceptors.getOrDefault(cell, Interception.NONE);
      if (indexOf(own, interceptor) >= 0) {
        throw new IllegalArgumentException(
            "interceptor " + interceptor + " is installed for " + cell.describe() + " already");
      }
      actorInterceptors.put(cell, with(own, interceptor));
      // After the put: an actor ending meanwhile either is seen gone here or removes the entry.
      if (live.get(cell.id().local()) != cell) {
        actorInterceptors.remove(cell);
        throw new IllegalArgumentException("actor " + cell.describe() + " has ended");
      }
      refreshInterception(cell);
    }
    return once(
        () -> {
          synchronized (this) {
            Interceptor[] own = actorInterceptors.get(cell);
            if (own != null) {
              Interceptor[] left = without(own, interceptor);
              if (left.length == 0) {
                actorInterceptors.remove(cell);
              } else {
                actorInterceptors.put(cell, left);
              }
            }
            refreshInterception(cell);
          }
        });
  }

  private void refreshAll() {
    for (ActorCell<?, ?, ?> cell : live.values()) {
      refreshInterception(cell);
    }
  }

  /** Gives {@code cell} its current chain: the node's interceptors, then its own. */
  private synchronized void refreshInterception(ActorCell<?, ?, ?> cell) {
    Interceptor[] chain =
        Interception.concat(
            nodeInterceptors, actorInterceptors.getOrDefault(cell, Interception.NONE));
    if (chain.length == 0) {
      if (cell.interception != null) {
        cell.interception = Interception.EMPTY; // envelopes may still be queued
      }
    } else {
      cell.interception = new Interception(chain);
    }
  }

  private static int indexOf(Interceptor[] chain, Interceptor interceptor) {
    for (int i = 0; i < chain.length; i++) {
      if (chain[i] == interceptor) {
        return i;
      }
    }
    return -1;
  }

  private static Interceptor[] with(Interceptor[] chain, Interceptor interceptor) {
    Interceptor[] more = java.util.Arrays.copyOf(chain, chain.length + 1);
    more[chain.length] = interceptor;
    return more;
  }

  private static Interceptor[] without(Interceptor[] chain, Interceptor interceptor) {
    int at = indexOf(chain, interceptor);
    if (at < 0) {
      return chain;
    }
    Interceptor[] fewer = new Interceptor[chain.length - 1];
    System.arraycopy(chain, 0, fewer, 0, at);
    System.arraycopy(chain, at + 1, fewer, at, chain.length - at - 1);
    return fewer.length == 0 ? Interception.NONE : fewer;
  }

  private static Installed once(Runnable removal) {
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (done.compareAndSet(false, true)) {
        removal.run();
      }
    };
  }

  private final java.util.List<java.util.function.BiConsumer<ActorRef<?>, SupervisionEvent>>
      stopListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Extension point for the cluster: told of every actor of this node that ends, with how it ended
   * ({@code ActorTerminated} or {@code ActorFailed}).
   */
  public void addStopListener(
      java.util.function.BiConsumer<ActorRef<?>, SupervisionEvent> listener) {
    stopListeners.add(listener);
  }

  /** Removes a listener added by {@link #addStopListener}; nothing if it is not there. */
  public void removeStopListener(
      java.util.function.BiConsumer<ActorRef<?>, SupervisionEvent> listener) {
    stopListeners.remove(listener);
  }

  private final java.util.List<
          java.util.function.BiConsumer<ActorRef<?>, io.troupe.supervision.SupervisorEvent>>
      supervisorListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Adds a listener of every supervisor event of this node: see {@code Node.onSupervisorEvent}. */
  public void addSupervisorListener(
      java.util.function.BiConsumer<ActorRef<?>, io.troupe.supervision.SupervisorEvent> listener) {
    supervisorListeners.add(listener);
  }

  /** Removes a listener added by {@link #addSupervisorListener}; nothing if it is not there. */
  public void removeSupervisorListener(
      java.util.function.BiConsumer<ActorRef<?>, io.troupe.supervision.SupervisorEvent> listener) {
    supervisorListeners.remove(listener);
  }

  /**
   * Tells the node-wide listeners what the supervisor {@code supervisor} (a local actor) did, on
   * its thread; a listener that throws is logged and skipped. Nothing for a ref of no local actor.
   */
  public static void supervisorEvent(
      ActorRef<?> supervisor, io.troupe.supervision.SupervisorEvent event) {
    if (!(supervisor instanceof LocalActorRef<?> local)) {
      return;
    }
    recordRestart(local, event);
    for (java.util.function.BiConsumer<ActorRef<?>, io.troupe.supervision.SupervisorEvent>
        listener : local.cell().node().supervisorListeners) {
      try {
        listener.accept(supervisor, event);
      } catch (RuntimeException e) {
        System.getLogger("io.troupe.supervision")
            .log(System.Logger.Level.WARNING, "a supervisor event listener threw on " + event, e);
      }
    }
  }

  /** Records a restart decision or a give-up as a JFR event, if a recording wants it. */
  private static void recordRestart(
      LocalActorRef<?> supervisor, io.troupe.supervision.SupervisorEvent event) {
    if (!(event instanceof io.troupe.supervision.SupervisorEvent.RestartScheduled)
        && !(event instanceof io.troupe.supervision.SupervisorEvent.GaveUp)) {
      return;
    }
    io.troupe.internal.jfr.SupervisorRestartEvent e =
        new io.troupe.internal.jfr.SupervisorRestartEvent();
    if (!e.shouldCommit()) {
      return;
    }
    e.node = supervisor.node().name();
    e.supervisor = supervisor.name().orElseGet(() -> supervisor.id().toString());
    e.child = event.childId();
    java.util.Optional<Throwable> cause;
    if (event instanceof io.troupe.supervision.SupervisorEvent.RestartScheduled r) {
      e.attempt = r.attempt();
      e.delay = r.delay().toNanos();
      e.inPlace = r.inPlace();
      cause = r.cause();
    } else {
      e.gaveUp = true;
      cause = ((io.troupe.supervision.SupervisorEvent.GaveUp) event).cause();
    }
    e.cause = cause.map(Throwable::toString).orElse(null);
    e.commit();
  }

  /** Called by a cell while it ends, before its waiters are released. */
  void actorStopped(ActorCell<?, ?, ?> cell, SupervisionEvent outcome) {
    for (java.util.function.BiConsumer<ActorRef<?>, SupervisionEvent> listener : stopListeners) {
      listener.accept(cell.ref(), outcome);
    }
    registry.unregister(cell.ref(), cell.name());
    groups.leaveAll(cell.ref());
    live.remove(cell.id().local(), cell);
    actorInterceptors.remove(cell);
  }

  /**
   * How many of this node's live actors are scheduled or running a burst right now (diagnostics: an
   * idle actor is in no queue and on no thread, so this is 0 once all are idle). O(actors).
   */
  public long scheduledActors() {
    long n = 0;
    for (ActorCell<?, ?, ?> cell : live.values()) {
      if (cell.isScheduled()) {
        n++;
      }
    }
    return n;
  }

  /** The level of supervised failures: see {@link Node#failureLogLevel}. */
  public void failureLogLevel(System.Logger.Level level) {
    failureLogLevel = level;
  }

  System.Logger.Level failureLogLevel() {
    return failureLogLevel;
  }

  /** Snapshots of every live actor, in spawn order. */
  public List<io.troupe.introspect.ActorInfo> actors() {
    List<ActorCell<?, ?, ?>> cells = new ArrayList<>(live.values());
    cells.sort(java.util.Comparator.comparingLong(c -> c.id().local()));
    List<io.troupe.introspect.ActorInfo> infos = new ArrayList<>(cells.size());
    for (ActorCell<?, ?, ?> cell : cells) {
      infos.add(cell.info());
    }
    return infos;
  }

  /** The live actor with this local id, or null (for messages arriving from other nodes). */
  public ActorCell<?, ?, ?> findLocal(long localId) {
    return live.get(localId);
  }

  /** The number of actors that have not ended yet. */
  public int liveActors() {
    return live.size();
  }

  /** This node's dead letters. */
  public DeadLetters deadLetters() {
    return deadLetters;
  }

  /** Reports a message {@code target} accepted and will never handle (from the ending actor). */
  void deadLetter(ActorRef<?> target, Object message, DeadLetter.Reason reason) {
    deadLetters.report(target, message, reason);
  }

  /** True once {@link #close} began: ending actors drain their children instead of killing them. */
  boolean isClosing() {
    return closed;
  }

  /**
   * Closes the node gracefully, in three steps, each bounded:
   *
   * <ol>
   *   <li>every root actor (no supervisor on this node) is drained: it handles every message it
   *       accepted, then stops; an ending actor drains its children in turn (instead of killing
   *       them), and ends once they have; this step waits up to {@code grace};
   *   <li>actors still alive are stopped (their queued messages become dead letters), waiting up to
   *       {@link #STOP_WAIT};
   *   <li>actors still alive are killed (logged as a WARNING, by name), waiting up to {@link
   *       #KILL_WAIT}; an actor that outlives even that (a handler that ignores interrupts) is
   *       logged as an ERROR and left to its thread.
   * </ol>
   */
  public void close(Duration grace) {
    closed = true;
    List<ActorCell<?, ?, ?>> all = new ArrayList<>(live.values());
    for (ActorCell<?, ?, ?> cell : all) {
      // A root has no supervisor on this node: none, a remote one, or one of another node of this
      // JVM.
      if (!cell.supervisor().map(this::isLocal).orElse(false)) {
        cell.drain();
      }
    }
    List<ActorCell<?, ?, ?>> left = awaitExits(all, grace);
    if (!left.isEmpty()) {
      left.forEach(cell -> cell.stop("node closed"));
      left = awaitExits(left, STOP_WAIT);
    }
    if (!left.isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "node "
              + node.name()
              + ": killing "
              + left.size()
              + " actor(s) that did not end within "
              + grace
              + " of close(): "
              + describeAll(left));
      left.forEach(ActorCell::kill);
      left = awaitExits(left, KILL_WAIT);
    }
    if (!left.isEmpty()) {
      LOG.log(
          System.Logger.Level.ERROR,
          "node "
              + node.name()
              + ": "
              + left.size()
              + " actor(s) did not end even when killed"
              + " (a handler that ignores interrupts?): "
              + describeAll(left));
    }
    timers.close();
  }

  /** Waits until every cell has exited or {@code timeout} passed; returns the ones still alive. */
  private static List<ActorCell<?, ?, ?>> awaitExits(
      List<ActorCell<?, ?, ?>> cells, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ActorCell<?, ?, ?>> alive = new ArrayList<>();
    for (ActorCell<?, ?, ?> cell : cells) {
      if (!cell.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        alive.add(cell);
      }
    }
    return alive;
  }

  private static String describeAll(List<ActorCell<?, ?, ?>> cells) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < cells.size() && i < 20; i++) {
      names.append(i == 0 ? "" : ", ").append(cells.get(i).describe());
    }
    return cells.size() > 20 ? names + ", ..." : names.toString();
  }
}
