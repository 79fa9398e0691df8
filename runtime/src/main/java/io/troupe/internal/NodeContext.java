package io.troupe.internal;

import io.troupe.Actor;
import io.troupe.ActorId;
import io.troupe.ActorRef;
import io.troupe.InstantSpawn;
import io.troupe.Node;
import io.troupe.SpawnException;
import io.troupe.internal.pg.LocalProcessGroups;
import io.troupe.internal.registry.LocalRegistry;
import io.troupe.internal.timer.TimerService;
import io.troupe.supervision.SupervisionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The machinery behind a {@link Node}: actor ids, the live actors, registry, groups, timers. */
public final class NodeContext {

  private final Node node;
  private final long nodeId;
  private final AtomicLong nextLocalId = new AtomicLong();
  private final Map<Long, ActorCell<?, ?, ?>> live = new ConcurrentHashMap<>();
  private final LocalRegistry registry = new LocalRegistry();
  private final LocalProcessGroups groups =
      new LocalProcessGroups(ref -> ref instanceof LocalActorRef<?> l && l.cell().node() == this);
  private final TimerService timers;
  private final java.util.concurrent.atomic.LongAdder activations = new java.util.concurrent.atomic.LongAdder();
  private volatile boolean closed;

  public NodeContext(Node node, long nodeId) {
    this.node = node;
    this.nodeId = nodeId;
    this.timers = new TimerService(node.name());
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
    return cell;
  }

  private final java.util.List<java.util.function.BiConsumer<ActorRef<?>, SupervisionEvent>> stopListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Extension point for the cluster: told of every actor of this node that ends, with how it
   * ended ({@code ActorTerminated} or {@code ActorFailed}).
   */
  public void addStopListener(java.util.function.BiConsumer<ActorRef<?>, SupervisionEvent> listener) {
    stopListeners.add(listener);
  }

  /** Called by a cell while it ends, before its waiters are released. */
  void actorStopped(ActorCell<?, ?, ?> cell, SupervisionEvent outcome) {
    for (java.util.function.BiConsumer<ActorRef<?>, SupervisionEvent> listener : stopListeners) {
      listener.accept(cell.ref(), outcome);
    }
    registry.unregister(cell);
    groups.leaveAll(cell.ref());
    live.remove(cell.id().local(), cell);
  }

  /** Counts running activations (virtual threads working for this node's actors). */
  void activationStarted() {
    activations.increment();
  }

  void activationEnded() {
    activations.decrement();
  }

  /** The number of virtual threads currently running activations of this node's actors. */
  public long runningActivations() {
    return activations.sum();
  }

  /** The live actor with this local id, or null (for messages arriving from other nodes). */
  public ActorCell<?, ?, ?> findLocal(long localId) {
    return live.get(localId);
  }

  /** The number of actors that have not ended yet. */
  public int liveActors() {
    return live.size();
  }

  /** Stops every actor (roots first, gracefully), kills what remains after {@code grace}. */
  public void close(Duration grace) {
    closed = true;
    List<ActorCell<?, ?, ?>> all = new ArrayList<>(live.values());
    for (ActorCell<?, ?, ?> cell : all) {
      // Roots of this node's trees: no supervisor here (a supervisor on another node cannot stop them).
      if (!(cell.supervisor().orElse(null) instanceof LocalActorRef<?>)) {
        cell.stop("node closed");
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (ActorCell<?, ?, ?> cell : all) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!cell.awaitExit(Duration.ofNanos(left))) {
        cell.kill();
      }
    }
    for (ActorCell<?, ?, ?> cell : new ArrayList<>(live.values())) {
      cell.kill();
      cell.awaitExit(Duration.ofSeconds(1));
    }
    timers.close();
  }
}
