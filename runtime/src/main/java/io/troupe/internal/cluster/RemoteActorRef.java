package io.troupe.internal.cluster;

import io.troupe.ActorId;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.codec.MessageCodec;
import io.troupe.internal.AbstractActorRef;
import io.troupe.internal.LocalActorRef;
import io.troupe.internal.RefArguments;
import io.troupe.internal.RemoteSupervisor;
import io.troupe.internal.RemotelyMonitorable;
import io.troupe.internal.SupervisionSink;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.timer.TimerHandle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A proxy for an actor on another node: casts and calls are encoded with the message type's
 * generated codec and sent over the session to that node; {@code stop}, {@code kill} and {@code
 * drain} are sent as requests to that node. It becomes STOPPED when the actor leaves the cluster's
 * view (it ended, or its node disconnected); pending calls then complete with {@code SenderError},
 * and its monitors and supervisor are told.
 *
 * <p>Supervision across nodes: a proxy can be the child of a local supervisor ({@code
 * proxy.link(localSupervisor)}) or the supervisor of local children ({@code
 * localChild.link(proxy)}); both ends' nodes are told with {@code Link}. A proxy made only for a
 * link may have no codec (its message type has none here): it cannot be sent messages.
 *
 * <p>Monitoring and timer operations started from a proxy act on actors of this node only and throw
 * {@link UnsupportedOperationException} here.
 */
public final class RemoteActorRef<M> extends AbstractActorRef<M>
    implements RemotelyMonitorable, RemoteSupervisor {

  private final RemoteActors owner;
  private final ActorId id;
  private final Class<M> messageType;

  /** Null when this node has no codec for the actor's message type (a proxy made for a link). */
  private final MessageCodec<M> codec;

  private final CompletableFuture<Void> exit = new CompletableFuture<>();
  private final Set<ActorRef<?>> monitors = ConcurrentHashMap.newKeySet();

  /** Actors of this node linked to this remote actor as their supervisor. */
  private final Set<ActorRef<?>> children = ConcurrentHashMap.newKeySet();

  /** The local supervisor of this remote actor, if linked; guarded by this. */
  private ActorRef<?> supervisor;

  /** The node's name as last seen (quoted, peer-supplied text made safe), or null before. */
  private volatile String nodeName;

  /** How the actor ended, as told to its monitors; set once, before {@link #exit} completes. */
  private volatile SupervisionEvent ending;

  RemoteActorRef(RemoteActors owner, ActorId id, Class<M> messageType, MessageCodec<M> codec) {
    this.owner = owner;
    this.id = id;
    this.messageType = messageType;
    this.codec = codec;
  }

  @Override
  public ActorId id() {
    return id;
  }

  @Override
  public Optional<String> name() {
    return Optional.empty();
  }

  @Override
  public ActorStatus status() {
    return exit.isDone() ? ActorStatus.STOPPED : ActorStatus.RUNNING;
  }

  @Override
  public Node node() {
    return owner.node();
  }

  @Override
  public Optional<Class<?>> messageType() {
    return messageType == null ? Optional.empty() : Optional.of(messageType);
  }

  boolean hasCodec() {
    return codec != null;
  }

  // ------------------------------------------------------------------ the end

  /**
   * The remote actor ended gracefully (or was killed, or its node left): {@code reason} may be
   * null.
   */
  void markTerminated(String reason) {
    end(new SupervisionEvent.ActorTerminated(this, Optional.empty(), Optional.ofNullable(reason)));
  }

  /**
   * This proxy was decoded from a ref this node cannot use ({@code why}): it is ended from the
   * start, and every send says why.
   */
  void markUnreachable(String why) {
    unreachable = why;
    end(
        new SupervisionEvent.ActorTerminated(
            this, Optional.empty(), Optional.of("unreachable: " + why)));
  }

  /** Why this proxy was never usable, or null. */
  private volatile String unreachable;

  RemoteActors owner() {
    return owner;
  }

  /** The remote actor failed there with {@code error}. */
  void markFailed(Throwable error) {
    end(new SupervisionEvent.ActorFailed(this, error));
  }

  /**
   * Marks the remote actor gone: sends fail from now on; the supervisor and monitors are told once;
   * local children linked to it are killed, as when a local supervisor ends.
   */
  private void end(SupervisionEvent outcome) {
    ActorRef<?> sup;
    synchronized (this) {
      if (ending != null) {
        return;
      }
      ending = outcome;
      exit.complete(null);
      sup = supervisor;
    }
    if (sup != null) {
      tell(sup, outcome);
      cellOf(sup).forgetChild(this);
    }
    for (ActorRef<?> watcher : monitors) {
      // Removed before telling: a monitor added meanwhile is told by exactly one of us.
      if (monitors.remove(watcher) && !watcher.equals(sup)) {
        tell(watcher, outcome);
      }
    }
    for (ActorRef<?> child : children) {
      child.kill();
    }
    children.clear();
  }

  private static void tell(ActorRef<?> watcher, SupervisionEvent event) {
    if (watcher instanceof SupervisionSink sink) {
      sink.deliverSupervision(event);
    }
  }

  @Override
  public void addMonitor(ActorRef<?> watcher) {
    monitors.add(watcher);
    if (ending != null && monitors.remove(watcher)) {
      tell(watcher, ending);
    }
  }

  @Override
  public void removeMonitor(ActorRef<?> watcher) {
    monitors.remove(watcher);
  }

  // ------------------------------------------------------------------ messages

  private MessageCodec<M> codecOrThrow(Object message) {
    if (codec == null) {
      throw new MessagingException(
          "remote actor "
              + id
              + " cannot be sent messages from here: no codec for its message type on this node",
          message);
    }
    return codec;
  }

  @Override
  public void cast(M message) {
    RefArguments.notNull(message, "message");
    if (exit.isDone()) {
      throw new MessagingException(gone(), message);
    }
    MessageCodec<M> c = codecOrThrow(message);
    String variant = c.variant(message);
    if (c.isCall(variant)) {
      // A call variant built by hand: its port is answered like a call's, without a timeout.
      RpcReplyPort<?> port = c.replyPort(message);
      if (port == null) {
        throw new MessagingException(
            "call variant " + variant + " sent to remote actor " + id + " has no reply port",
            message);
      }
      owner.sendCall(this, variant, c, port, null, message);
      return;
    }
    owner.sendCast(this, variant, c, message);
  }

  /**
   * Why this proxy refuses messages: how the actor ended, and for a lost node what to do (a proxy
   * is never revived; after a reconnect the actor, if it still exists, has a new one).
   */
  private String gone() {
    String why = unreachable;
    if (why != null) {
      return "remote actor " + id + " cannot be reached from this node: " + why;
    }
    SupervisionEvent end = ending;
    if (end instanceof SupervisionEvent.ActorTerminated t
        && t.reason().filter("node disconnected"::equals).isPresent()) {
      return "remote actor "
          + id
          + " is gone: the session to its node ended; if the node reconnects, look the actor"
          + " up again (registry().whereIs, groups().members, cluster().awaitName) for a proxy that works";
    }
    if (end instanceof SupervisionEvent.ActorFailed f) {
      return "remote actor " + id + " is gone: it failed (" + f.error().getMessage() + ")";
    }
    return "remote actor "
        + id
        + " is gone: it stopped"
        + (end instanceof SupervisionEvent.ActorTerminated t && t.reason().isPresent()
            ? " (" + t.reason().get() + ")"
            : "");
  }

  /**
   * A call goes out as an {@code ActorCall} frame with the caller's timeout, which the actor's node
   * honours; the caller's ref waits for the answer as for a local call.
   */
  @Override
  protected void sendCall(M message, RpcReplyPort<?> port, Duration timeout) {
    if (exit.isDone()) {
      throw new MessagingException(gone(), message);
    }
    MessageCodec<M> c = codecOrThrow(message);
    owner.sendCall(this, c.variant(message), c, port, timeout, message);
  }

  MessageCodec<M> codec() {
    return codec;
  }

  @Override
  protected void trackCall(RpcReplyPort<?> port) {
    // Remote calls are tracked by tag in RemoteActors.
  }

  /**
   * Events about local children linked to this remote supervisor are not forwarded from here: the
   * child's node sends {@code ActorExited} to every peer, and the supervisor's node turns it into
   * the event.
   */
  @Override
  public void deliverSupervision(SupervisionEvent event) {}

  @Override
  public boolean awaitExit(Duration timeout) {
    return AbstractActorRef.awaitEnd(exit, timeout);
  }

  // ------------------------------------------------------------------ lifecycle, sent to the
  // actor's node

  @Override
  public void stop(String reason) {
    if (!exit.isDone()) {
      owner.sendControl(this, RemoteActors.Control.STOP, reason);
    }
  }

  @Override
  public void kill() {
    if (!exit.isDone()) {
      owner.sendControl(this, RemoteActors.Control.KILL, null);
    }
  }

  @Override
  public void drain() {
    if (!exit.isDone()) {
      owner.sendControl(this, RemoteActors.Control.DRAIN, null);
    }
  }

  // ------------------------------------------------------------------ this remote actor as a child

  /**
   * Makes this remote actor a child of {@code newSupervisor}, an actor of this node: it receives
   * this actor's end, and kills it when it ends itself. If this actor has already ended, the
   * supervisor is told at once.
   */
  @Override
  public void link(ActorRef<?> newSupervisor) {
    LocalActorRef<?> local = localActor(newSupervisor);
    ActorRef<?> old;
    synchronized (this) {
      if (ending != null) {
        tell(local, ending);
        return;
      }
      old = supervisor;
      if (local.equals(old)) {
        return;
      }
      local.cell().adoptRemoteChild(this);
      supervisor = local;
    }
    if (old != null) {
      cellOf(old).forgetChild(this);
      owner.sendUnlink(this, old, true);
    }
    owner.sendLink(this, local, true);
  }

  @Override
  public void unlink(ActorRef<?> oldSupervisor) {
    synchronized (this) {
      if (oldSupervisor == null || !oldSupervisor.equals(supervisor)) {
        return;
      }
      supervisor = null;
    }
    cellOf(oldSupervisor).forgetChild(this);
    owner.sendUnlink(this, oldSupervisor, true);
  }

  /**
   * The peer linked this actor to {@code local} (one of ours): record it without telling the peer
   * back.
   */
  void linkedByPeer(LocalActorRef<?> local) {
    ActorRef<?> old;
    synchronized (this) {
      if (ending != null || local.equals(supervisor)) {
        return;
      }
      old = supervisor;
      local.cell().adoptRemoteChild(this);
      supervisor = local;
    }
    if (old != null) {
      cellOf(old).forgetChild(this);
    }
  }

  /** The peer unlinked this actor from {@code local}. */
  void unlinkedByPeer(LocalActorRef<?> local) {
    synchronized (this) {
      if (!local.equals(supervisor)) {
        return;
      }
      supervisor = null;
    }
    local.cell().forgetChild(this);
  }

  @Override
  public synchronized Optional<ActorRef<?>> supervisor() {
    return Optional.ofNullable(supervisor);
  }

  private LocalActorRef<?> localActor(ActorRef<?> ref) {
    if (owner.isLocal(ref)) {
      return (LocalActorRef<?>) ref;
    }
    throw new IllegalArgumentException(
        "a remote actor can only be linked to an actor of the node that holds its ref ("
            + owner.node().name()
            + "): "
            + ref);
  }

  private static io.troupe.internal.ActorCell<?, ?, ?> cellOf(ActorRef<?> ref) {
    return ((LocalActorRef<?>) ref).cell();
  }

  // ------------------------------------------------------------------ this remote actor as a
  // supervisor

  @Override
  public void adoptChild(ActorRef<?> child) {
    synchronized (this) {
      if (ending != null) {
        throw new IllegalStateException(
            "cannot link " + child + " to " + this + ": it has stopped");
      }
      if (!children.add(child)) {
        return; // already known: the peer asked for this link
      }
    }
    owner.sendLink(this, child, false);
  }

  @Override
  public void releaseChild(ActorRef<?> child) {
    if (children.remove(child)) {
      owner.sendUnlink(this, child, false);
    }
  }

  @Override
  public void childEnded(ActorRef<?> child) {
    children.remove(child);
  }

  /** Records a child the peer linked, so that {@link #adoptChild} does not tell it back. */
  boolean noteChildFromPeer(ActorRef<?> child) {
    synchronized (this) {
      return ending == null && children.add(child);
    }
  }

  /** Forgets a child the peer unlinked, so that {@link #releaseChild} does not tell it back. */
  void forgetChildFromPeer(ActorRef<?> child) {
    children.remove(child);
  }

  @Override
  public List<ActorRef<?>> children() {
    return List.copyOf(children);
  }

  // ------------------------------------------------------------------ local only

  private static UnsupportedOperationException localOnly(String what) {
    return new UnsupportedOperationException(
        what + " works on actors of this node only; this ref is remote");
  }

  @Override
  public void monitor(ActorRef<?> target) {
    throw localOnly("monitor");
  }

  @Override
  public void demonitor(ActorRef<?> target) {
    throw localOnly("demonitor");
  }

  @Override
  public TimerHandle sendAfter(Duration delay, Supplier<? extends M> message) {
    throw localOnly("sendAfter");
  }

  @Override
  public TimerHandle sendInterval(Duration period, Supplier<? extends M> message) {
    throw localOnly("sendInterval");
  }

  @Override
  public TimerHandle exitAfter(Duration delay) {
    throw localOnly("exitAfter");
  }

  @Override
  public TimerHandle killAfter(Duration delay) {
    throw localOnly("killAfter");
  }

  /**
   * Names the actor and its node, for instance {@code RemoteActorRef[5f3a.12 on node "billing"]}.
   */
  @Override
  public String toString() {
    String known = owner.describeNode(id.node());
    if (known != null) {
      nodeName = known;
    } else {
      known = nodeName;
    }
    return "RemoteActorRef["
        + id
        + " on node "
        + (known != null ? known : Long.toHexString(id.node()))
        + "]";
  }
}
