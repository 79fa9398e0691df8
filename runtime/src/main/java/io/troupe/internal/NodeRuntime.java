package io.troupe.internal;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.DeadLetters;
import io.troupe.InstantSpawn;
import io.troupe.Node;
import io.troupe.cluster.Cluster;
import io.troupe.cluster.NodeConfig;
import io.troupe.intercept.Installed;
import io.troupe.intercept.Interceptor;
import io.troupe.internal.cluster.ClusterRuntime;
import io.troupe.internal.cluster.RemoteActors;
import io.troupe.internal.pg.LocalProcessGroups;
import io.troupe.internal.registry.LocalRegistry;
import io.troupe.internal.timer.TimerService;
import io.troupe.pg.ProcessGroups;
import io.troupe.registry.Registry;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.supervision.SupervisorEvent;
import io.troupe.timer.TimeSource;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * INTERNAL API. The composition root of one {@link Node}: the only place that creates the parts of
 * a node, wires them together and closes them, and the only internal type {@code Node} knows.
 *
 * <p>Created by {@link #create}, in this order: the registry, the process groups, the timers, the
 * actor layer ({@link NodeContext}) over them, and, with a cluster configuration, the cluster
 * ({@link ClusterRuntime}) and the remote-actor layer ({@link RemoteActors}) that joins the two.
 * {@link #close} undoes it from the outside in: the cluster first (no peer reaches an actor any
 * more, and the proxies of remote actors end as if their nodes had disconnected), then the
 * remote-actor layer lets go of the groups, registry and actor layer, then the actors are drained
 * and end, and the timers stop last.
 *
 * <p>{@link #isLocal} is the one answer to "is this ref an actor of this node?" that every layer
 * uses: a ref of another node of this JVM is not local, though its cell is in the same heap.
 */
public final class NodeRuntime {
  private final LocalRegistry registry;
  private final LocalProcessGroups groups;
  private final TimerService timers;
  private final NodeContext actors;
  private final ClusterRuntime cluster;
  private final RemoteActors remote;

  private NodeRuntime(Node node, long id, NodeConfig config, TimeSource time) {
    this.registry = new LocalRegistry();
    this.groups = new LocalProcessGroups(this::isLocal);
    this.timers = new TimerService(node.name(), time);
    this.actors = new NodeContext(node, id, registry, groups, timers);
    this.cluster = config == null ? null : new ClusterRuntime(node.name(), id, config);
    this.remote = cluster == null ? null : new RemoteActors(actors, cluster);
  }

  /**
   * Builds everything a node has.
   *
   * @param node the node these parts serve
   * @param id the node's id, unique among this JVM's nodes
   * @param config the cluster configuration, or null for a node that joins no cluster
   * @param time the clock of the node's timers, or null for the system's
   * @return the node's parts, running
   * @throws IllegalArgumentException if the name does not fit a cluster node
   */
  public static NodeRuntime create(Node node, long id, NodeConfig config, TimeSource time) {
    return new NodeRuntime(node, id, config, time);
  }

  /**
   * Whether {@code ref} is an actor of this node (a ref to an actor of another node, in this JVM or
   * elsewhere, is not).
   *
   * @param ref any ref
   * @return true if this node runs the actor
   */
  public boolean isLocal(ActorRef<?> ref) {
    return actors.isLocal(ref);
  }

  /**
   * The actor layer: spawning, the live actors, close.
   *
   * @return this node's actor layer
   */
  public NodeContext actors() {
    return actors;
  }

  /**
   * Spawns an actor and waits for its {@code preStart}: see {@link NodeContext#spawn}.
   *
   * @param <M> the message type
   * @param <S> the state type
   * @param <A> the argument type
   * @param name the name to register, or null
   * @param actor the behaviour
   * @param args the argument of {@code preStart}
   * @param supervisor the supervisor, or null
   * @return the running actor
   * @throws io.troupe.SpawnException if the node is closed, the name taken, or {@code preStart}
   *     threw
   */
  public <M, S, A> ActorRef<M> spawn(
      String name, Actor<M, S, A> actor, A args, ActorRef<?> supervisor) {
    return actors.spawn(name, actor, args, supervisor);
  }

  /**
   * Spawns an actor without waiting for its {@code preStart}: see {@link NodeContext#spawnInstant}.
   *
   * @param <M> the message type
   * @param <S> the state type
   * @param <A> the argument type
   * @param name the name to register, or null
   * @param actor the behaviour
   * @param args the argument of {@code preStart}
   * @param supervisor the supervisor, or null
   * @return the actor and its start
   * @throws io.troupe.SpawnException if the node is closed or the name taken
   */
  public <M, S, A> InstantSpawn<M> spawnInstant(
      String name, Actor<M, S, A> actor, A args, ActorRef<?> supervisor) {
    return actors.spawnInstant(name, actor, args, supervisor);
  }

  /**
   * Installs an interceptor for every actor of this node: see {@link
   * NodeContext#intercept(Interceptor)}.
   *
   * @param interceptor the interceptor
   * @return closing it removes the interceptor
   * @throws IllegalArgumentException if it is installed node-wide already
   */
  public Installed intercept(Interceptor interceptor) {
    return actors.intercept(interceptor);
  }

  /**
   * Installs an interceptor for one actor of this node: see {@link NodeContext#intercept(ActorRef,
   * Interceptor)}.
   *
   * @param actor a live actor of this node
   * @param interceptor the interceptor
   * @return closing it removes the interceptor
   * @throws IllegalArgumentException if the actor is not a live actor of this node, or the
   *     interceptor is installed for it already
   */
  public Installed intercept(ActorRef<?> actor, Interceptor interceptor) {
    return actors.intercept(actor, interceptor);
  }

  /**
   * The node's clock.
   *
   * @return the time source of the node's timers
   */
  public TimeSource time() {
    return timers.time();
  }

  /**
   * The node's registry of names.
   *
   * @return the registry
   */
  public Registry registry() {
    return registry;
  }

  /**
   * The node's process groups.
   *
   * @return the groups
   */
  public ProcessGroups groups() {
    return groups;
  }

  /**
   * The node's dead letters.
   *
   * @return the dead letters
   */
  public DeadLetters deadLetters() {
    return actors.deadLetters();
  }

  /**
   * The cluster layer.
   *
   * @return the cluster, or null if the node was made without a configuration
   */
  public Cluster cluster() {
    return cluster;
  }

  /**
   * Tells {@code listener} of every actor of this node that ends.
   *
   * @param listener told of each ending actor, on its thread
   */
  public void addStopListener(BiConsumer<ActorRef<?>, SupervisionEvent> listener) {
    actors.addStopListener(listener);
  }

  /**
   * Removes a listener added by {@link #addStopListener}.
   *
   * @param listener the listener; nothing happens if it is not there
   */
  public void removeStopListener(BiConsumer<ActorRef<?>, SupervisionEvent> listener) {
    actors.removeStopListener(listener);
  }

  /**
   * Tells {@code listener} of every supervisor event of this node, with the supervisor.
   *
   * @param listener told of each event, on the supervisor's thread
   */
  public void addSupervisorListener(BiConsumer<ActorRef<?>, SupervisorEvent> listener) {
    actors.addSupervisorListener(listener);
  }

  /**
   * Removes a listener added by {@link #addSupervisorListener}.
   *
   * @param listener the listener; nothing happens if it is not there
   */
  public void removeSupervisorListener(BiConsumer<ActorRef<?>, SupervisorEvent> listener) {
    actors.removeSupervisorListener(listener);
  }

  /**
   * The number of this node's actors that have not ended (diagnostics and tests).
   *
   * @return the live actors
   */
  public int liveActors() {
    return actors.liveActors();
  }

  /**
   * The number of this node's actors scheduled or running now (diagnostics and tests).
   *
   * @return the busy actors
   */
  public long scheduledActors() {
    return actors.scheduledActors();
  }

  /**
   * Closes the node from the outside in: the cluster, then the remote-actor layer, then the actors
   * (drained within {@code grace}, see {@link NodeContext#close}) and their timers.
   *
   * @param grace how long the actors' drain may take before they are stopped
   */
  public void close(Duration grace) {
    if (cluster != null) {
      cluster.close();
      remote.close();
    }
    actors.close(grace);
  }
}
