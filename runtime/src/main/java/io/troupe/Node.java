package io.troupe;

import io.troupe.cluster.Cluster;
import io.troupe.cluster.NodeConfig;
import io.troupe.intercept.Installed;
import io.troupe.intercept.Interceptor;
import io.troupe.internal.ActorCell;
import io.troupe.internal.NodeMBean;
import io.troupe.internal.NodeRuntime;
import io.troupe.introspect.ActorInfo;
import io.troupe.introspect.NodeMXBean;
import io.troupe.pg.ProcessGroups;
import io.troupe.registry.Registry;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.supervision.SupervisorEvent;
import io.troupe.timer.TimeSource;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import javax.management.ObjectName;

/**
 * A Troupe runtime instance: its own actors, registry of names, process groups and timers.
 *
 * <p>{@link #local()} is the process-wide default node that {@link Actors} uses; {@link
 * #create(String)} makes an isolated node (tests, several nodes in one JVM). {@link #close()} stops
 * every actor of the node and waits for them.
 */
public final class Node implements AutoCloseable {

  private static final SecureRandom IDS = new SecureRandom();
  private static final Set<Long> NODES_IN_THIS_JVM = ConcurrentHashMap.newKeySet();
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private static final class Default {
    static final Node INSTANCE = new Node("local");
  }

  private final String name;
  private final long id;
  private final NodeRuntime runtime;
  private volatile boolean mbeanRegistered;

  private Node(String name) {
    this(name, null, null);
  }

  private Node(String name, NodeConfig config, TimeSource time) {
    this.name = Objects.requireNonNull(name, "name");
    long candidate;
    do {
      candidate = IDS.nextLong() & Long.MAX_VALUE;
    } while (candidate == 0 || !NODES_IN_THIS_JVM.add(candidate));
    this.id = candidate;
    this.runtime = NodeRuntime.create(this, id, config, time);
  }

  /**
   * The process-wide default node, created on first use.
   *
   * @return the default node, shared by every caller in this JVM
   */
  public static Node local() {
    return Default.INSTANCE;
  }

  /**
   * A new isolated node. Close it when done.
   *
   * @param name the node's name, shown in actor and thread names
   * @return the node, running
   */
  public static Node create(String name) {
    return new Node(name);
  }

  /**
   * A new isolated node whose timers ({@code sendAfter}, {@code sendInterval}, {@code exitAfter},
   * {@code killAfter}) and factory clocks run on {@code time}, for tests: troupe-testkit's {@code
   * ManualTime} moves only when the test advances it. The node does not close {@code time}.
   *
   * @param name the node's name
   * @param time the clock and scheduler of the node's timers
   * @return the node, running
   */
  public static Node create(String name, TimeSource time) {
    return new Node(name, null, Objects.requireNonNull(time, "time"));
  }

  /**
   * A new isolated node that can join a cluster: see {@link #cluster()}.
   *
   * @param name the node's name, shown in actor and thread names and announced to peers
   * @param config the cluster configuration
   * @return the node, running; it joins no cluster until {@link Cluster#listen} or {@link
   *     Cluster#connect} is called
   * @throws IllegalArgumentException if the configuration is incomplete
   * @throws NullPointerException if {@code config} is null
   */
  public static Node create(String name, NodeConfig config) {
    return new Node(name, java.util.Objects.requireNonNull(config, "config"), null);
  }

  /**
   * This node's cluster membership: listen, connect, peers, events.
   *
   * @return the cluster view of this node
   * @throws IllegalStateException if the node was created without a {@link NodeConfig}
   */
  public Cluster cluster() {
    Cluster cluster = runtime.cluster();
    if (cluster == null) {
      throw new IllegalStateException(
          "node "
              + name
              + " has no cluster configuration; create it with Node.create(name, NodeConfig.builder().cookie(...).build())");
    }
    return cluster;
  }

  /**
   * The node's name.
   *
   * @return the name given to {@link #create(String)}
   */
  public String name() {
    return name;
  }

  /**
   * The node's id, unique among the nodes this JVM has created; part of every {@link ActorId}.
   *
   * @return the node's id
   */
  public long id() {
    return id;
  }

  /**
   * Spawns an unnamed actor and returns once its {@code preStart} succeeded.
   *
   * @param <M> the message type the actor handles
   * @param <S> the actor's state
   * @param <A> the start-up arguments' type
   * @param actor the actor's behaviour
   * @param args the arguments handed to {@code preStart}
   * @return a ref to the started actor
   * @throws SpawnException if {@code preStart} threw (the cause) or the node is closed
   */
  public <M, S, A> ActorRef<M> spawn(Actor<M, S, A> actor, A args) {
    return spawn(null, actor, args);
  }

  /**
   * Spawns an actor registered under {@code name} (may be null for none).
   *
   * @param <M> the message type the actor handles
   * @param <S> the actor's state
   * @param <A> the start-up arguments' type
   * @param name the name to register, or null for none
   * @param actor the actor's behaviour
   * @param args the arguments handed to {@code preStart}
   * @return a ref to the started actor
   * @throws SpawnException if the name is taken, {@code preStart} threw, or the node is closed
   */
  public <M, S, A> ActorRef<M> spawn(String name, Actor<M, S, A> actor, A args) {
    return runtime.spawn(name, actor, args, null);
  }

  /**
   * Spawns an actor as a child of {@code supervisor}: the supervisor receives its lifecycle events,
   * and when the supervisor ends the child is killed.
   *
   * @param <M> the message type the actor handles
   * @param <S> the actor's state
   * @param <A> the start-up arguments' type
   * @param name the name to register, or null for none
   * @param actor the actor's behaviour
   * @param args the arguments handed to {@code preStart}
   * @param supervisor the actor's supervisor, not null
   * @return a ref to the started actor
   * @throws SpawnException as {@link #spawn(String, Actor, Object)}, or if the supervisor is
   *     stopping
   * @throws NullPointerException if {@code supervisor} is null
   */
  public <M, S, A> ActorRef<M> spawnLinked(
      String name, Actor<M, S, A> actor, A args, ActorRef<?> supervisor) {
    return runtime.spawn(name, actor, args, Objects.requireNonNull(supervisor, "supervisor"));
  }

  /**
   * Spawns an actor without waiting for its {@code preStart}: messages sent to the returned ref
   * wait until the actor has started. If {@code preStart} throws, the actor ends (leaving nothing
   * behind), queued messages are dropped, and {@link InstantSpawn#started()} completes
   * exceptionally with what it threw.
   *
   * @param name the name to register, or null
   * @param supervisor the supervisor to link to once started, or null
   * @param <M> the message type the actor handles
   * @param <S> the actor's state
   * @param <A> the start-up arguments' type
   * @param actor the actor's behaviour
   * @param args the arguments handed to {@code preStart}
   * @return the ref, usable at once, and a future of the start's outcome
   * @throws SpawnException if the name is taken or the node is closed
   */
  public <M, S, A> InstantSpawn<M> spawnInstant(
      String name, Actor<M, S, A> actor, A args, ActorRef<?> supervisor) {
    return runtime.spawnInstant(name, actor, args, supervisor);
  }

  /**
   * The clock and scheduler of this node's timers: the system's ({@link System#nanoTime()}) unless
   * the node was created with {@link #create(String, TimeSource)}. Actors that read the time
   * through it can be tested under manual time.
   *
   * @return this node's time source
   */
  public TimeSource time() {
    return runtime.time();
  }

  /**
   * Tells {@code listener} of every actor of this node that ends, and how: with an {@link
   * SupervisionEvent.ActorTerminated} (stopped or killed) or an {@link
   * SupervisionEvent.ActorFailed} (a handler threw). It is called on the ending actor's thread,
   * before the actor's waiters are released, so it must be quick and must not throw. troupe-testkit
   * uses it to fail a test in which an actor failed unexpectedly.
   *
   * @param listener told of each ending actor
   * @return closing it removes the listener
   */
  public AutoCloseable onActorExit(BiConsumer<ActorRef<?>, SupervisionEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    BiConsumer<ActorRef<?>, SupervisionEvent> registered = listener::accept; // a distinct identity
    runtime.addStopListener(registered);
    return () -> runtime.removeStopListener(registered);
  }

  /**
   * Tells {@code listener} of what every {@link io.troupe.supervision.Supervisor} of this node
   * does, with the supervisor's ref: each child start and end, each restart decision and giving up,
   * the {@link SupervisorEvent}s its spec's own listeners get (after them). It is called on the
   * supervisor's thread, so it must be quick; what it throws is logged and ignored.
   * troupe-micrometer counts restarts and give-ups per supervisor with it.
   *
   * @param listener told of each supervisor event, with the supervisor
   * @return closing it removes the listener
   * @throws NullPointerException if {@code listener} is null
   */
  public AutoCloseable onSupervisorEvent(BiConsumer<ActorRef<?>, SupervisorEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    BiConsumer<ActorRef<?>, SupervisorEvent> registered = listener::accept; // a distinct identity
    runtime.addSupervisorListener(registered);
    return () -> runtime.removeSupervisorListener(registered);
  }

  /**
   * Installs {@code interceptor} for every actor of this node, present and future: it sees each
   * message sent to them (on the sender's thread) and each message they handle (on the actor's
   * thread), and each message this node sends to actors of other nodes. See {@link Interceptor}.
   *
   * @param interceptor the interceptor
   * @return closing it removes the interceptor
   * @throws IllegalArgumentException if {@code interceptor} is installed on this node already
   * @throws NullPointerException if {@code interceptor} is null
   */
  public Installed intercept(Interceptor interceptor) {
    return runtime.intercept(interceptor);
  }

  /**
   * Installs {@code interceptor} for one actor of this node, after the node-wide ones. It is
   * removed when the actor ends.
   *
   * @param actor a live actor of this node (or a derived ref of one)
   * @param interceptor the interceptor
   * @return closing it removes the interceptor
   * @throws IllegalArgumentException if {@code actor} is not a live actor of this node, or {@code
   *     interceptor} is installed for it already
   * @throws NullPointerException if an argument is null
   */
  public Installed intercept(ActorRef<?> actor, Interceptor interceptor) {
    return runtime.intercept(actor, interceptor);
  }

  /**
   * Snapshots of this node's live actors (those not yet ended), in the order they were spawned.
   * O(actors); meant for tools and diagnostics, not for the hot path.
   *
   * @return one snapshot per live actor
   */
  public List<ActorInfo> actors() {
    return runtime.actors().actors();
  }

  /**
   * A snapshot of one live actor of this node.
   *
   * @param id the actor's id
   * @return its snapshot, or empty if no live actor of this node has that id (an id of another
   *     node, of a remote ref, or of an actor that ended)
   * @throws NullPointerException if {@code id} is null
   */
  public Optional<ActorInfo> actor(ActorId id) {
    Objects.requireNonNull(id, "id");
    if (id.node() != this.id || id.remote()) {
      return Optional.empty();
    }
    ActorCell<?, ?, ?> cell = runtime.actors().findLocal(id.local());
    return cell == null ? Optional.empty() : Optional.of(cell.info());
  }

  /**
   * Registers this node's {@link NodeMXBean} with the platform MBean server (once; later calls
   * return the same name). {@link #close()} unregisters it.
   *
   * @return its name, {@code io.troupe:type=Node,name=<quoted node name>,id=<node id in hex>}
   * @throws IllegalStateException if JMX refused the registration
   */
  public ObjectName registerMBean() {
    mbeanRegistered = true;
    return NodeMBean.register(this, runtime.actors());
  }

  /**
   * Sets the level at which this node logs an actor that failed while it had a supervisor or
   * monitors (logger {@code io.troupe.actor}); {@link System.Logger.Level#OFF} logs none. The
   * default is {@link System.Logger.Level#INFO}. A failure nobody supervises or monitors is logged
   * as a WARNING, and one caused by an {@link Error} (other than {@link AssertionError}) as an
   * ERROR, whatever this level.
   *
   * @param level the level of supervised failures
   * @throws NullPointerException if {@code level} is null
   */
  public void failureLogLevel(System.Logger.Level level) {
    runtime.actors().failureLogLevel(Objects.requireNonNull(level, "level"));
  }

  /**
   * This node's registry of names.
   *
   * @return the registry
   */
  public Registry registry() {
    return runtime.registry();
  }

  /**
   * This node's process groups.
   *
   * @return the process groups
   */
  public ProcessGroups groups() {
    return runtime.groups();
  }

  /**
   * This node's dead letters: messages its actors accepted but never handled because they ended
   * first (a count and listeners).
   *
   * @return the dead letters
   */
  public DeadLetters deadLetters() {
    return runtime.deadLetters();
  }

  /** Closes the node gracefully with a grace of 5 seconds: see {@link #close(Duration)}. */
  @Override
  public void close() {
    close(CLOSE_GRACE);
  }

  /**
   * Closes the node: leaves the cluster (if any), then ends every actor, gracefully first.
   *
   * <ol>
   *   <li>Every actor is drained: each message accepted before {@code close} is handled, then the
   *       actor stops and runs {@code postStop}. A supervisor drains its children when it ends
   *       (instead of killing them) and ends after them. New spawns are refused, and sends to a
   *       draining actor throw {@code MessagingException}, as for {@link ActorRef#drain()}.
   *   <li>Actors still alive after {@code grace} are stopped; what they still had queued becomes
   *       dead letters ({@link #deadLetters()}).
   *   <li>Actors still alive a second later are killed, and named in a WARNING log; one that
   *       outlives even that (a handler that ignores interrupts) is named in an ERROR log.
   * </ol>
   *
   * Returns when every actor has ended or the steps above gave up; closing twice is harmless.
   *
   * @param grace how long the drain may take before actors are stopped
   */
  public void close(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    runtime.close(grace);
    if (mbeanRegistered) {
      NodeMBean.unregister(this);
    }
    if (this != Default.INSTANCE) {
      NODES_IN_THIS_JVM.remove(id);
    }
  }

  /** The machinery behind this node (tests in this package). */
  NodeRuntime runtime() {
    return runtime;
  }

  @Override
  public String toString() {
    return "Node[" + name + " " + Long.toHexString(id) + "]";
  }
}
