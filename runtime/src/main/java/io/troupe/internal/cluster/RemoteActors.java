package io.troupe.internal.cluster;

import com.google.protobuf.UnsafeByteOperations;
import io.troupe.ActorId;
import io.troupe.ActorRef;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.annotation.ClusterMessage;
import io.troupe.cluster.FrameTooLargeException;
import io.troupe.cluster.PeerBusyException;
import io.troupe.cluster.RemoteActorFailure;
import io.troupe.codec.CodecException;
import io.troupe.codec.MessageCodec;
import io.troupe.intercept.Interceptor;
import io.troupe.internal.ActorCell;
import io.troupe.internal.Interception;
import io.troupe.internal.LocalActorRef;
import io.troupe.internal.NodeContext;
import io.troupe.internal.cluster.proto.ActorCall;
import io.troupe.internal.cluster.proto.ActorCast;
import io.troupe.internal.cluster.proto.ActorControl;
import io.troupe.internal.cluster.proto.ActorExited;
import io.troupe.internal.cluster.proto.ActorReply;
import io.troupe.internal.cluster.proto.CastRejected;
import io.troupe.internal.cluster.proto.GroupChange;
import io.troupe.internal.cluster.proto.Link;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.internal.cluster.proto.Unlink;
import io.troupe.pg.ProcessGroups;
import io.troupe.rpc.CallFailure;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.SupervisionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The remote-actor layer of one node: advertises this node's process-group members whose message
 * type has a generated codec, keeps proxies ({@link RemoteActorRef}) for the members other nodes
 * advertise, and carries casts, calls and replies between them.
 *
 * <p>Failure: when a peer disconnects, its proxies stop, leave every group, and the calls waiting
 * for it complete with {@code SenderError}. A message that cannot be decoded is logged and dropped.
 */
public final class RemoteActors {
  private static final System.Logger LOG = System.getLogger("io.troupe.cluster");

  private final NodeContext node;
  private final ClusterRuntime cluster;

  /** Proxies by (node id, local id). */
  private final Map<ActorId, RemoteActorRef<?>> proxies = new ConcurrentHashMap<>();

  /** What {@link #close} undoes: the listeners this layer registered. */
  private final List<AutoCloseable> registrations = new ArrayList<>();

  private final java.util.function.BiConsumer<ActorRef<?>, SupervisionEvent> stopListener =
      this::onLocalActorStopped;

  /**
   * The remote-actor layer between a node's actors and its cluster; registers itself with both.
   *
   * @param node the node's actor layer
   * @param cluster the node's cluster layer
   */
  public RemoteActors(NodeContext node, ClusterRuntime cluster) {
    this.node = node;
    this.cluster = cluster;
    this.remoteNames = new RemoteNames(node.registry(), cluster);
    cluster.onActorTraffic(this::receive);
    cluster.onSessionClosed(
        session ->
            session
                .calls()
                .failAll(
                    "the session with node "
                        + session.describe()
                        + " ended ("
                        + session.closeReason()
                        + ")"));
    // Synchronously, before a new session of the node can be kept: its advertisements make new
    // proxies only after the old ones stopped (a NodeEvent listener could run after them).
    cluster.onPeerSessionEnded(session -> forgetNode(session.peer().nodeId()));
    cluster.onSessionKept(this::syncTo);
    cluster.attach(this);
    registrations.add(node.groups().addListener(this::onLocalGroupChange));
    registrations.add(node.registry().addListener(this::onLocalNameChange));
    node.addStopListener(stopListener);
    registrations.add(() -> node.removeStopListener(stopListener));
  }

  /**
   * Lets go of the node, once its cluster is closed: the proxies still known end as if their nodes
   * had disconnected (they leave their groups and names, their watchers are told), and the
   * listeners this layer registered with the groups, the registry, the cluster and the actor layer
   * are removed. Closing twice is harmless.
   */
  public synchronized void close() {
    for (long peer : proxies.keySet().stream().map(ActorId::node).distinct().toList()) {
      forgetNode(peer);
    }
    for (AutoCloseable registration : registrations) {
      try {
        registration.close();
      } catch (Exception e) {
        LOG.log(
            System.Logger.Level.WARNING, "removing a listener of the remote-actor layer failed", e);
      }
    }
    registrations.clear();
  }

  /** This node's actors that peers may hold proxies of (advertised in a group or by name). */
  private final java.util.Set<Long> advertised = ConcurrentHashMap.newKeySet();

  private void onLocalActorStopped(ActorRef<?> actor, SupervisionEvent outcome) {
    long local = actor.id().local();
    boolean everywhere = advertised.remove(local);
    List<Session> told = new ArrayList<>();
    for (Session s : cluster.authenticatedSessions()) {
      // Every table loses the entry, whether or not the actor was advertised too.
      if (s.exports().remove(local) || everywhere) {
        told.add(s);
      }
    }
    if (!told.isEmpty()) {
      ActorExited.Builder exited = ActorExited.newBuilder().setActor(actor.id().local());
      switch (outcome) {
        case SupervisionEvent.ActorFailed f ->
            exited
                .setFailed(true)
                .setErrorType(f.error().getClass().getName())
                .setReason(String.valueOf(f.error().getMessage()));
        case SupervisionEvent.ActorTerminated t ->
            t.reason().ifPresent(r -> exited.setReason(r).setHasReason(true));
        default -> {}
      }
      ActorExited message = exited.build();
      for (Session s : told) {
        s.send(exitedFrame(s, message));
      }
    }
  }

  /**
   * An exit notice that fits the session: a reason too long for the frame limit (a failure's
   * message can be anything) is shortened, as the notice itself must not be lost.
   */
  private static NetworkMessage exitedFrame(Session session, ActorExited exited) {
    NetworkMessage frame = NetworkMessage.newBuilder().setActorExited(exited).build();
    if (session.fits(frame)) {
      return frame;
    }
    String reason = shorten(exited.getReason(), frame.getSerializedSize() - session.sendLimit());
    return NetworkMessage.newBuilder().setActorExited(exited.toBuilder().setReason(reason)).build();
  }

  private static final String TRUNCATED = "... (truncated)";

  /**
   * {@code text} cut so that its UTF-8 form is at least {@code excessBytes} shorter, marked as cut.
   */
  static String shorten(String text, int excessBytes) {
    // Every char is at least one UTF-8 byte: dropping n chars drops at least n bytes.
    int keep = Math.max(0, text.length() - excessBytes - TRUNCATED.length() - 8);
    if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    return text.substring(0, keep) + TRUNCATED;
  }

  private void onActorExited(Session session, ActorExited exited) {
    ActorId id = new ActorId(session.peer().nodeId(), exited.getActor(), true);
    RemoteActorRef<?> proxy = proxies.remove(id);
    if (proxy != null) {
      if (exited.getFailed()) {
        proxy.markFailed(new RemoteActorFailure(exited.getErrorType(), exited.getReason()));
      } else {
        proxy.markTerminated(exited.getHasReason() ? exited.getReason() : null);
      }
      forgetProxy(proxy);
    }
  }

  // ------------------------------------------------------------------ advertising local names

  /** The names other nodes advertise. */
  private final RemoteNames remoteNames;

  private void onLocalNameChange(io.troupe.registry.RegistryEvent event) {
    changes.changed();
    NetworkMessage frame =
        switch (event) {
          case io.troupe.registry.RegistryEvent.Registered r ->
              nameChange(r.name(), r.actor(), true);
          case io.troupe.registry.RegistryEvent.Unregistered u ->
              nameChange(u.name(), u.actor(), false);
        };
    if (frame != null) {
      for (Session s : cluster.authenticatedSessions()) {
        s.send(frame);
      }
    }
  }

  /** A name change of one of this node's actors that has a codec, or null. */
  private NetworkMessage nameChange(String name, ActorRef<?> actor, boolean registered) {
    if (!node.isLocal(actor)
        || actor.messageType().isEmpty()
        || !hasCodec(actor.messageType().get())) {
      return null;
    }
    if (registered) {
      advertised.add(actor.id().local());
    }
    return NetworkMessage.newBuilder()
        .setNameChange(
            io.troupe.internal.cluster.proto.NameChange.newBuilder()
                .setName(name)
                .setRegistered(registered)
                .setActor(actor.id().local())
                .setMessageType(actor.messageType().get().getName()))
        .build();
  }

  private void onNameChange(Session session, io.troupe.internal.cluster.proto.NameChange change) {
    ActorId id = new ActorId(session.peer().nodeId(), change.getActor(), true);
    if (change.getRegistered()) {
      RemoteActorRef<?> proxy = proxyOf(id, change.getMessageType());
      if (proxy != null) {
        remoteNames.claim(change.getName(), proxy);
        if (node.registry().localNames().containsKey(change.getName())) {
          remoteNames.conflictWithLocal(change.getName(), session);
        }
      }
    } else {
      RemoteActorRef<?> proxy = proxies.get(id);
      if (proxy != null) {
        remoteNames.release(change.getName(), proxy);
        proxy.markTerminated(
            null); // a name is released only when its actor ends (ActorExited came first)
      }
    }
  }

  /**
   * The proxy of a peer's actor, made if need be: only for a message type this node has a codec
   * for, and only while the peer has fewer than {@code maxRemoteActorsPerPeer} proxies here.
   */
  private RemoteActorRef<?> proxyOf(ActorId id, String typeName) {
    RemoteActorRef<?> existing = proxies.get(id);
    if (existing != null) {
      return existing;
    }
    java.util.Optional<Class<?>> type = types.resolve(typeName);
    if (type.isEmpty()) {
      unreachable.warn(
          "cannot reach remote actor " + id + ": no codec for " + Names.quote(typeName) + " here");
      return null;
    }
    return newProxy(id, () -> codecProxy(id, type.get()));
  }

  /** Makes and keeps a proxy if the peer has room for one; null otherwise. */
  private RemoteActorRef<?> newProxy(
      ActorId id, java.util.function.Supplier<RemoteActorRef<?>> make) {
    synchronized (proxyCounts) {
      RemoteActorRef<?> existing = proxies.get(id);
      if (existing != null) {
        return existing;
      }
      int count = proxyCounts.getOrDefault(id.node(), 0);
      if (count >= cluster.config().maxRemoteActorsPerPeer()) {
        unreachable.warn(
            "dropped an advertisement of node "
                + id.node()
                + ": it already has "
                + count
                + " actors known here (the maximum)");
        return null;
      }
      RemoteActorRef<?> proxy = make.get();
      proxies.put(id, proxy);
      proxyCounts.put(id.node(), count + 1);
      return proxy;
    }
  }

  /** A proxy whose actor ended or whose node went: out of the table, every group and name. */
  private void forgetProxy(RemoteActorRef<?> proxy) {
    synchronized (proxyCounts) {
      proxyCounts.computeIfPresent(proxy.id().node(), (k, n) -> n > 1 ? n - 1 : null);
    }
    java.util.Set<String> groups = membershipsOf.remove(proxy.id());
    if (groups != null) {
      synchronized (membershipCounts) {
        membershipCounts.computeIfPresent(
            proxy.id().node(), (k, n) -> n > groups.size() ? n - groups.size() : null);
      }
    }
    node.groups().leaveAll(proxy);
    remoteNames.releaseAll(proxy);
  }

  private final MessageTypeNames types = new MessageTypeNames();
  private final Map<Long, Integer> proxyCounts = new java.util.HashMap<>();

  /** The groups ("scope\0group") each proxy joined, and their count per node. */
  private final Map<ActorId, java.util.Set<String>> membershipsOf = new ConcurrentHashMap<>();

  private final Map<Long, Integer> membershipCounts = new java.util.HashMap<>();
  private final RateLimitedLog dropped = new RateLimitedLog(LOG, java.time.Duration.ofSeconds(10));
  private final RateLimitedLog unreachable =
      new RateLimitedLog(LOG, java.time.Duration.ofSeconds(10));

  // ------------------------------------------------------------------ refs in messages

  private final SessionRefs refs = new SessionRefs(this);

  /** Whether {@code proxy} was made by this layer (not by another Node of this JVM). */
  boolean owns(RemoteActorRef<?> proxy) {
    return proxy.owner() == this;
  }

  long nodeId() {
    return node.nodeId();
  }

  ActorCell<?, ?, ?> findLocal(long localId) {
    return node.findLocal(localId);
  }

  boolean isAdvertised(long localId) {
    return advertised.contains(localId);
  }

  /**
   * The proxy of a peer's actor that the peer sent a ref of, made if need be (within the peer's
   * bound); null if the peer has no room for more.
   */
  RemoteActorRef<?> refProxy(ActorId id, Class<?> type) {
    RemoteActorRef<?> existing = proxies.get(id);
    return existing != null ? existing : newProxy(id, () -> codecProxy(id, type));
  }

  java.util.Optional<RemoteActorRef<?>> knownProxy(ActorId id) {
    return java.util.Optional.ofNullable(proxies.get(id));
  }

  /** A proxy, kept nowhere, that refuses every message saying {@code why}. */
  <M> RemoteActorRef<M> unreachableProxy(ActorId id, Class<M> type, String why) {
    RemoteActorRef<M> proxy = new RemoteActorRef<>(this, id, type, MessageCodec.forType(type));
    proxy.markUnreachable(why);
    return proxy;
  }

  /**
   * How many of this node's actors the connected peer {@code nodeId} may reach through refs sent to
   * it; 0 if it is not connected.
   */
  public int exportedRefs(long nodeId) {
    Session session = cluster.sessionTo(nodeId);
    return session == null ? 0 : session.exports().size();
  }

  /** Whether {@code ref} is an actor of this node: the actor layer's one test. */
  boolean isLocal(ActorRef<?> ref) {
    return node.isLocal(ref);
  }

  Node node() {
    return node.node();
  }

  // ------------------------------------------------------------------ advertising local members

  private void onLocalGroupChange(io.troupe.pg.GroupChange change) {
    changes.changed();
    GroupChange message =
        advertisement(
            change.scope(),
            change.group(),
            change instanceof io.troupe.pg.GroupChange.Join,
            change.actors());
    if (message.getActorsCount() == 0) {
      return;
    }
    for (Session s : cluster.authenticatedSessions()) {
      sendGroupChange(s, message);
    }
  }

  /** The most members one GroupChange frame carries: each is two elements (id and type name). */
  static final int MEMBERS_PER_FRAME = (Frames.MAX_ELEMENTS - 16) / 2;

  /**
   * Sends a group change, split into several if one frame would exceed the session's limit or
   * element count.
   */
  private static void sendGroupChange(Session session, GroupChange message) {
    NetworkMessage whole = NetworkMessage.newBuilder().setGroupChange(message).build();
    if (session.fits(whole) && message.getActorsCount() <= MEMBERS_PER_FRAME) {
      session.send(whole);
      return;
    }
    List<Integer> members =
        java.util.stream.IntStream.range(0, message.getActorsCount()).boxed().toList();
    session.sendInParts(
        members,
        MEMBERS_PER_FRAME,
        part -> {
          GroupChange.Builder b = message.toBuilder().clearActors().clearMessageTypes();
          for (int i : part) {
            b.addActors(message.getActors(i)).addMessageTypes(message.getMessageTypes(i));
          }
          return NetworkMessage.newBuilder().setGroupChange(b).build();
        });
  }

  /** The members of this node that can be reached remotely: local, with a codec for their type. */
  private GroupChange advertisement(
      String scope, String group, boolean join, List<ActorRef<?>> actors) {
    GroupChange.Builder b = GroupChange.newBuilder().setScope(scope).setGroup(group).setJoin(join);
    for (ActorRef<?> actor : actors) {
      if (node.isLocal(actor) && actor.messageType().isPresent()) {
        Class<?> type = actor.messageType().get();
        if (hasCodec(type)) {
          b.addActors(actor.id().local()).addMessageTypes(type.getName());
          if (join) {
            advertised.add(actor.id().local());
          }
        }
      }
    }
    return b.build();
  }

  private boolean hasCodec(Class<?> type) {
    try {
      MessageCodec.forType(type);
      return true;
    } catch (IllegalArgumentException none) {
      if (type.isAnnotationPresent(ClusterMessage.class) && missingCodecs.add(type)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "actors of "
                + type.getName()
                + " are not advertised to other nodes: it is a "
                + "@ClusterMessage interface but its generated codec "
                + type.getName()
                + "Codec is missing; run the Troupe "
                + "annotation processor when compiling it (troupe-processor on the compiler's annotationProcessorPaths)");
      }
      return false;
    }
  }

  /** The @ClusterMessage types without a codec, warned about once each. */
  private final java.util.Set<Class<?>> missingCodecs = ConcurrentHashMap.newKeySet();

  /** Sends a new peer every advertised name and membership of this node. */
  private void syncTo(Session session) {
    if (session == null) {
      return;
    }
    node.registry()
        .localNames()
        .forEach(
            (name, actor) -> {
              NetworkMessage frame = nameChange(name, actor, true);
              if (frame != null) {
                session.send(frame);
              }
            });
    ProcessGroups groups = node.groups();
    for (String scope : groups.whichScopes()) {
      for (String group : groups.whichGroups(scope)) {
        GroupChange message = advertisement(scope, group, true, groups.localMembers(scope, group));
        if (message.getActorsCount() > 0) {
          sendGroupChange(session, message);
        }
      }
    }
  }

  private void forgetNode(long nodeId) {
    for (RemoteActorRef<?> proxy : new ArrayList<>(proxies.values())) {
      if (proxy.id().node() == nodeId && proxies.remove(proxy.id(), proxy)) {
        proxy.markTerminated("node disconnected");
        forgetProxy(proxy);
      }
    }
  }

  // ------------------------------------------------------------------ sending

  /**
   * Sends a cast.
   *
   * @throws FrameTooLargeException if its frame exceeds the session's limit (nothing is sent)
   * @throws PeerBusyException if the outbox toward the node stayed full (nothing is sent)
   */
  <M> void sendCast(RemoteActorRef<M> target, String variant, MessageCodec<M> codec, M message) {
    Session session = sessionOf(target, variant);
    SessionRefs.Outbound out = refs.out(session);
    byte[] args = RefScope.with(out, () -> codec.encodeArgs(message));
    try {
      queueCast(session, target, variant, args, message);
    } finally {
      out.sent();
    }
  }

  private void queueCast(
      Session session, RemoteActorRef<?> target, String variant, byte[] args, Object message) {
    // args is the codec's fresh array, never touched again: wrapped, not copied
    ActorCast.Builder cast =
        ActorCast.newBuilder()
            .setTarget(target.id().local())
            .setVariant(variant)
            .setArgs(UnsafeByteOperations.unsafeWrap(args));
    Interceptor[] interceptors = node.nodeInterceptors();
    if (interceptors.length != 0) {
      Interception.injectRemote(interceptors, target, message, cast::putHeaders);
    }
    NetworkMessage frame = NetworkMessage.newBuilder().setCast(cast).build();
    checkFits(session, frame, "cast " + variant, target, message);
    if (!session.sendHeld(frame)) {
      throw busy(session, "cast " + variant, target, message);
    }
  }

  private PeerBusyException busy(
      Session session, String what, RemoteActorRef<?> target, Object message) {
    return new PeerBusyException(
        what
            + " to remote actor "
            + target.id()
            + " not sent: the outbox toward node "
            + session.describe()
            + " stayed full ("
            + cluster.config().outboxBytes()
            + " bytes) for "
            + cluster.config().outboxWait().toMillis()
            + " ms",
        message);
  }

  /**
   * Sends a call whose answer completes {@code port}.
   *
   * @throws FrameTooLargeException if its frame exceeds the session's limit (nothing is sent and no
   *     call is pending)
   * @throws PeerBusyException if the outbox toward the node stayed full (nothing is sent and no
   *     call is pending)
   */
  <M> void sendCall(
      RemoteActorRef<M> target,
      String variant,
      MessageCodec<M> codec,
      RpcReplyPort<?> port,
      Duration timeout,
      M message) {
    Session session = sessionOf(target, variant);
    SessionRefs.Outbound out = refs.out(session);
    byte[] args = RefScope.with(out, () -> codec.encodeArgs(message));
    try {
      queueCall(session, target, variant, args, port, timeout, message);
    } finally {
      out.sent();
    }
  }

  @SuppressWarnings("unchecked")
  private void queueCall(
      Session session,
      RemoteActorRef<?> target,
      String variant,
      byte[] args,
      RpcReplyPort<?> port,
      Duration timeout,
      Object message) {
    long tag = session.calls().nextTag();
    ActorCall.Builder call =
        ActorCall.newBuilder()
            .setTarget(target.id().local())
            .setVariant(variant)
            .setArgs(UnsafeByteOperations.unsafeWrap(args))
            .setTag(tag)
            .setTimeoutMillis(timeout == null ? 0 : Math.max(1, timeout.toMillis()));
    Interceptor[] interceptors = node.nodeInterceptors();
    if (interceptors.length != 0) {
      Interception.injectRemote(interceptors, target, message, call::putHeaders);
    }
    NetworkMessage frame = NetworkMessage.newBuilder().setCall(call).build();
    checkFits(session, frame, "call " + variant, target, message);
    session
        .calls()
        .await(tag, new OutgoingCalls.Pending(target, variant, (RpcReplyPort<Object>) port));
    if (!session.sendHeld(frame)) {
      session.calls().forget(tag);
      throw busy(session, "call " + variant, target, message);
    }
  }

  private static void checkFits(
      Session session,
      NetworkMessage frame,
      String what,
      RemoteActorRef<?> target,
      Object message) {
    if (!session.fits(frame)) {
      int size = frame.getSerializedSize();
      int limit = session.sendLimit();
      throw new FrameTooLargeException(
          what
              + " to remote actor "
              + target.id()
              + " not sent: its frame of "
              + size
              + " bytes exceeds the limit of "
              + limit
              + " bytes for node "
              + session.describe(),
          size,
          limit,
          message);
    }
  }

  /**
   * The name of the connected node {@code nodeId}, quoted for a log line, or null if not connected.
   */
  String describeNode(long nodeId) {
    Session session = cluster.sessionTo(nodeId);
    return session == null ? null : session.describe();
  }

  private Session sessionOf(RemoteActorRef<?> target, String variant) {
    Session session = cluster.sessionTo(target.id().node());
    if (session == null) {
      target.markTerminated("node disconnected");
      throw new MessagingException(
          "the node of remote actor " + target.id() + " is not connected", variant);
    }
    return session;
  }

  // ------------------------------------------------------------------ receiving

  private final ViewChanges changes = new ViewChanges();

  /**
   * Waits for an actor registered as {@code name} (of {@code type} if not null); null on timeout.
   */
  @SuppressWarnings("unchecked")
  <M> ActorRef<M> awaitName(String name, Class<M> type, Duration timeout) {
    return changes.await(
        () ->
            (ActorRef<M>)
                (type == null ? node.registry().whereIs(name) : node.registry().whereIs(name, type))
                    .orElse(null),
        timeout);
  }

  /** Waits for {@code count} members of a group (default scope); null on timeout. */
  List<ActorRef<?>> awaitMembers(String group, int count, Duration timeout) {
    return changes.await(
        () -> {
          List<ActorRef<?>> members = node.groups().members(group);
          return members.size() >= count ? members : null;
        },
        timeout);
  }

  int memberCount(String group) {
    return node.groups().members(group).size();
  }

  private void receive(Session session, NetworkMessage message) {
    try {
      receiveUnguarded(session, message);
    } finally {
      switch (message.getKindCase()) {
        case GROUP_CHANGE, NAME_CHANGE, ACTOR_EXITED -> changes.changed();
        default -> {}
      }
    }
  }

  private void receiveUnguarded(Session session, NetworkMessage message) {
    try {
      switch (message.getKindCase()) {
        case GROUP_CHANGE -> onGroupChange(session, message.getGroupChange());
        case NAME_CHANGE -> onNameChange(session, message.getNameChange());
        case ACTOR_EXITED -> onActorExited(session, message.getActorExited());
        case CAST -> onCast(session, message.getCast());
        case CALL -> onCall(session, message.getCall());
        case REPLY -> onReply(session, message.getReply());
        case ACTOR_CONTROL -> onControl(session, message.getActorControl());
        case LINK -> onLink(session, message.getLink());
        case UNLINK -> onUnlink(session, message.getUnlink());
        case CAST_REJECTED -> onCastRejected(session, message.getCastRejected());
        case NAME_CONFLICT ->
            remoteNames.lost(
                session,
                message.getNameConflict().getName(),
                message.getNameConflict().getWinnerNode());
        default ->
            LOG.log(
                System.Logger.Level.DEBUG,
                "ignored " + message.getKindCase() + " from " + session.describe());
      }
    } catch (RuntimeException e) {
      // Actor traffic never closes the session: what cannot be applied is dropped.
      dropped.warn(
          "dropped a "
              + message.getKindCase()
              + " from "
              + session.describe()
              + ": "
              + Names.clean(e));
    }
  }

  private void onGroupChange(Session session, GroupChange change) {
    long peer = session.peer().nodeId();
    if (change.getJoin() && change.getMessageTypesCount() != change.getActorsCount()) {
      throw new IllegalArgumentException(
          "malformed group change: "
              + change.getActorsCount()
              + " actors but "
              + change.getMessageTypesCount()
              + " message types");
    }
    String key = change.getScope() + "\0" + change.getGroup();
    List<ActorRef<?>> refs = new ArrayList<>();
    for (int i = 0; i < change.getActorsCount(); i++) {
      ActorId id = new ActorId(peer, change.getActors(i), true);
      if (change.getJoin()) {
        RemoteActorRef<?> proxy = proxyOf(id, change.getMessageTypes(i));
        if (proxy != null && joined(proxy, key)) {
          refs.add(proxy);
        }
      } else {
        RemoteActorRef<?> proxy = proxies.get(id);
        if (proxy != null && left(proxy, key)) {
          refs.add(proxy);
        }
      }
    }
    if (refs.isEmpty()) {
      return;
    }
    if (change.getJoin()) {
      node.groups().join(change.getScope(), change.getGroup(), refs);
    } else {
      node.groups().leave(change.getScope(), change.getGroup(), refs);
    }
  }

  /**
   * Counts a membership of {@code proxy}; false if its node has no room for more (or it is a member
   * already).
   */
  private boolean joined(RemoteActorRef<?> proxy, String group) {
    synchronized (membershipCounts) {
      java.util.Set<String> groups =
          membershipsOf.computeIfAbsent(proxy.id(), k -> ConcurrentHashMap.newKeySet());
      if (groups.contains(group)) {
        return true; // joining again changes nothing
      }
      int count = membershipCounts.getOrDefault(proxy.id().node(), 0);
      if (count >= cluster.config().maxMembershipsPerPeer()) {
        unreachable.warn(
            "dropped a group membership of node "
                + proxy.id().node()
                + ": it already has "
                + count
                + " memberships here (the maximum)");
        return false;
      }
      groups.add(group);
      membershipCounts.put(proxy.id().node(), count + 1);
      return true;
    }
  }

  private boolean left(RemoteActorRef<?> proxy, String group) {
    synchronized (membershipCounts) {
      java.util.Set<String> groups = membershipsOf.get(proxy.id());
      if (groups == null || !groups.remove(group)) {
        return false;
      }
      membershipCounts.computeIfPresent(proxy.id().node(), (k, n) -> n > 1 ? n - 1 : null);
      return true;
    }
  }

  private <M> RemoteActorRef<M> codecProxy(ActorId id, Class<M> type) {
    return new RemoteActorRef<>(this, id, type, MessageCodec.forType(type));
  }

  /** A proxy for a link: with a codec when this node has one for the type, else without. */
  private RemoteActorRef<?> linkProxy(ActorId id, String typeName) {
    java.util.Optional<Class<?>> type = types.resolve(typeName);
    // without a codec the proxy can still supervise and be supervised
    return newProxy(
        id,
        () ->
            type.isPresent()
                ? codecProxy(id, type.get())
                : new RemoteActorRef<>(this, id, null, null));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void onCast(Session session, ActorCast cast) {
    ActorCell<?, ?, ?> cell;
    Object message;
    try {
      cell = advertisedTarget(session, cast.getTarget(), "cannot cast");
      MessageCodec codec = codecFor(cell.messageType());
      message =
          RefScope.with(
              refs.in(session),
              () -> codec.decode(cast.getVariant(), cast.getArgs().toByteArray(), null));
    } catch (NotAdvertisedException e) {
      rejectCast(session, cast, CallFailure.TARGET_NOT_ADVERTISED, e.getMessage());
      throw e;
    } catch (CodecException e) {
      rejectCast(session, cast, Failures.ofDecoding(e), e.getMessage());
      throw e;
    }
    if (cast.getHeadersCount() == 0) {
      cell.send(message);
    } else {
      cell.sendFromPeer(message, header(cast.getHeadersMap()));
    }
    session.delivered(cell, cast.getSerializedSize());
  }

  /** Tells the sender of a cast that it was not delivered (it counts and logs it). */
  private static void rejectCast(
      Session session, ActorCast cast, CallFailure failure, String reason) {
    session.send(
        NetworkMessage.newBuilder()
            .setCastRejected(
                CastRejected.newBuilder()
                    .setTarget(cast.getTarget())
                    .setVariant(cast.getVariant())
                    .setFailure(Failures.toWire(failure))
                    .setReason(capped(String.valueOf(reason))))
            .build());
  }

  private final RateLimitedLog rejections =
      new RateLimitedLog(LOG, java.time.Duration.ofSeconds(10));

  /** A peer could not deliver one of this node's casts: counted, and logged (rate-limited). */
  private void onCastRejected(Session session, CastRejected rejected) {
    long count = cluster.castRejected();
    rejections.warn(
        "node "
            + session.describe()
            + " could not deliver cast "
            + Names.quote(rejected.getVariant())
            + " to its actor "
            + rejected.getTarget()
            + " ("
            + Failures.fromWire(rejected.getFailure())
            + "): "
            + Names.clean(rejected.getReason(), MAX_REASON_CHARS)
            + "; "
            + count
            + " casts rejected so far");
  }

  /** The longest failure text this node sends a peer about its message (the frame must fit). */
  private static final int MAX_REASON_CHARS = 512;

  private static String capped(String text) {
    return text.length() <= MAX_REASON_CHARS
        ? text
        : text.substring(0, MAX_REASON_CHARS) + TRUNCATED;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void onCall(Session session, ActorCall call) {
    long tag = call.getTag();
    ActorCell<?, ?, ?> cell;
    MessageCodec codec;
    try {
      cell = advertisedTarget(session, call.getTarget(), "cannot call");
      codec = codecFor(cell.messageType());
    } catch (RuntimeException e) {
      reply(
          session, failed(tag, CallFailure.TARGET_NOT_ADVERTISED, String.valueOf(e.getMessage())));
      return;
    }
    CompletableFuture<CallResult<Object>> result = new CompletableFuture<>();
    RpcReplyPort<Object> port = new RpcReplyPort<>(result);
    // Never longer than the node allows (0, a call variant cast by hand, asked for no timeout).
    long maxMillis = cluster.config().maxCallTimeout().toMillis();
    long asked = call.getTimeoutMillis();
    // An honoured timeout is the caller's own: held a little longer here, so that the caller's
    // Timeout (which names the call) comes first rather than a REMOTE_TIMEOUT racing it.
    long waitMillis =
        asked > 0 && asked < maxMillis ? Math.min(maxMillis, asked + 1000) : maxMillis;
    result.completeOnTimeout(
        new CallResult.SenderError<>(
            CallFailure.REMOTE_TIMEOUT,
            "no answer from "
                + cell.ref()
                + " within "
                + waitMillis
                + " ms on node "
                + node.node().name()),
        waitMillis,
        TimeUnit.MILLISECONDS);
    Runnable failIt = port::fail;
    if (!session.onEnd(failIt, cluster.config().maxPendingCallsPerPeer())) {
      result.complete(new CallResult.Timeout<>()); // not pending: releases the timer
      reply(
          session,
          failed(
              tag,
              CallFailure.REFUSED,
              "too many calls of this node are waiting for answers there ("
                  + cluster.config().maxPendingCallsPerPeer()
                  + ")"));
      return;
    }
    result.whenComplete((r, e) -> session.forget(failIt));
    String variant = call.getVariant();
    result.thenAccept(
        r -> {
          SessionRefs.Outbound out = refs.out(session);
          try {
            reply(session, answer(session, out, codec, variant, cell.ref(), r, tag));
          } finally {
            out.sent();
          }
        });
    cell.registerPendingCall(port);
    Object message;
    try {
      message =
          RefScope.with(
              refs.in(session), () -> codec.decode(variant, call.getArgs().toByteArray(), port));
    } catch (CodecException e) {
      port.fail(
          Failures.ofDecoding(e),
          "node " + node.node().name() + " could not decode the call: " + e.getMessage());
      throw e;
    }
    try {
      if (call.getHeadersCount() == 0) {
        cell.send(message);
      } else {
        cell.sendFromPeer(message, header(call.getHeadersMap()));
      }
      session.delivered(cell, call.getSerializedSize());
    } catch (RuntimeException e) {
      port.fail(CallFailure.ACTOR_STOPPED, "actor " + cell.ref() + " no longer accepts messages");
      throw e;
    }
  }

  /**
   * The reply to a call: its answer encoded (a null answer as {@code null_value}, as locally), or
   * why there is none. An answer that cannot be encoded, or is too large for the session, is logged
   * here (the caller learns why from the reply).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private ActorReply.Builder answer(
      Session session,
      SessionRefs.Outbound out,
      MessageCodec codec,
      String variant,
      ActorRef<?> actor,
      CallResult<Object> r,
      long tag) {
    ActorReply.Builder reply = ActorReply.newBuilder().setTag(tag);
    switch (r) {
      case CallResult.Success<Object> s when s.value() == null -> reply.setNullValue(true);
      case CallResult.Success<Object> s -> {
        try {
          byte[] bytes = RefScope.with(out, () -> codec.encodeReply(variant, s.value()));
          reply.setValue(UnsafeByteOperations.unsafeWrap(bytes));
        } catch (CodecException | ClassCastException e) {
          String why =
              "the answer of "
                  + actor
                  + " to "
                  + variant
                  + " could not be encoded: "
                  + e.getMessage();
          LOG.log(
              System.Logger.Level.WARNING,
              why + " (the call from " + session.describe() + " fails)");
          return failed(tag, CallFailure.ANSWER_NOT_ENCODABLE, why);
        }
      }
      case CallResult.SenderError<Object> e -> {
        return failed(tag, e.reason(), e.detail());
      }
      case CallResult.Timeout<Object> t -> {
        return failed(tag, CallFailure.REMOTE_TIMEOUT, t.describe());
      }
    }
    NetworkMessage frame = NetworkMessage.newBuilder().setReply(reply).build();
    if (!session.fits(frame)) {
      // Too large for the caller's node: it gets an error now rather than a timeout later.
      String why =
          "the answer's frame of "
              + frame.getSerializedSize()
              + " bytes exceeds the limit of "
              + session.sendLimit()
              + " bytes";
      LOG.log(
          System.Logger.Level.WARNING,
          "answer to "
              + Names.quote(variant)
              + " from "
              + session.describe()
              + " not sent: "
              + why);
      return failed(tag, CallFailure.ANSWER_TOO_LARGE, why);
    }
    return reply;
  }

  private static ActorReply.Builder failed(long tag, CallFailure failure, String why) {
    return ActorReply.newBuilder()
        .setTag(tag)
        .setError(capped(why))
        .setFailure(Failures.toWire(failure));
  }

  /** A frame's headers as interceptors read them: a value by name, or null. */
  private static java.util.function.Function<String, String> header(
      java.util.Map<String, String> headers) {
    return name -> name == null ? null : headers.get(name);
  }

  private static void reply(Session session, ActorReply.Builder reply) {
    session.send(NetworkMessage.newBuilder().setReply(reply).build());
  }

  private void onReply(Session session, ActorReply reply) {
    // Only among this session's calls: another peer's answer with the same tag finds nothing.
    OutgoingCalls.Pending call = session.calls().take(reply.getTag());
    if (call == null) {
      return; // timed out here already, or a tag this session never gave
    }
    if (reply.hasValue()) {
      Object value;
      try {
        value =
            RefScope.with(
                refs.in(session),
                () ->
                    call.target()
                        .codec()
                        .decodeReply(call.variant(), reply.getValue().toByteArray()));
      } catch (CodecException e) {
        call.port()
            .fail(
                CallFailure.NOT_DECODABLE,
                "the answer of remote actor "
                    + call.target().id()
                    + " to "
                    + call.variant()
                    + " could not be decoded here: "
                    + e.getMessage());
        return;
      }
      call.port().send(value);
    } else if (reply.getNullValue()) {
      call.port().send(null);
    } else {
      CallFailure failure = Failures.fromWire(reply.getFailure());
      LOG.log(
          System.Logger.Level.DEBUG,
          "call "
              + call.variant()
              + " to "
              + call.target().id()
              + " failed there: "
              + Names.clean(reply.getError()));
      call.port()
          .fail(
              failure,
              "call "
                  + call.variant()
                  + " to remote actor "
                  + call.target().id()
                  + " on node "
                  + session.describe()
                  + " failed ("
                  + failure
                  + "): "
                  + Names.clean(reply.getError(), MAX_REASON_CHARS));
    }
  }

  // ------------------------------------------------------------------ lifecycle and links

  /** What {@code stop}, {@code kill} and {@code drain} on a proxy ask of the actor's node. */
  enum Control {
    STOP,
    KILL,
    DRAIN
  }

  void sendControl(RemoteActorRef<?> target, Control control, String reason) {
    Session session = cluster.sessionTo(target.id().node());
    if (session == null) {
      return; // the disconnect ends the proxy and tells its watchers
    }
    ActorControl.Builder b =
        ActorControl.newBuilder()
            .setTarget(target.id().local())
            .setKind(
                switch (control) {
                  case STOP -> ActorControl.Kind.STOP;
                  case KILL -> ActorControl.Kind.KILL;
                  case DRAIN -> ActorControl.Kind.DRAIN;
                });
    if (reason != null) {
      b.setReason(reason).setHasReason(true);
    }
    NetworkMessage frame = NetworkMessage.newBuilder().setActorControl(b).build();
    if (!session.fits(frame)) { // a stop must not be lost over its reason's length
      b.setReason(shorten(reason, frame.getSerializedSize() - session.sendLimit()));
      frame = NetworkMessage.newBuilder().setActorControl(b).build();
    }
    session.send(frame);
  }

  /**
   * Tells {@code remote}'s node of a link with {@code local} (an actor of this node), which is
   * advertised from now on so that its end reaches that node.
   *
   * @param localSupervises true if {@code local} supervises {@code remote}; false for the reverse
   */
  void sendLink(RemoteActorRef<?> remote, ActorRef<?> local, boolean localSupervises) {
    Session session = cluster.sessionTo(remote.id().node());
    if (session == null) {
      return;
    }
    advertised.add(local.id().local());
    Link.Builder b =
        Link.newBuilder()
            .setActor(remote.id().local())
            .setPeerActor(local.id().local())
            .setSupervises(localSupervises);
    local.messageType().ifPresent(t -> b.setPeerActorType(t.getName()));
    session.send(NetworkMessage.newBuilder().setLink(b).build());
  }

  void sendUnlink(RemoteActorRef<?> remote, ActorRef<?> local, boolean localSupervises) {
    Session session = cluster.sessionTo(remote.id().node());
    if (session != null) {
      session.send(
          NetworkMessage.newBuilder()
              .setUnlink(
                  Unlink.newBuilder()
                      .setActor(remote.id().local())
                      .setPeerActor(local.id().local())
                      .setSupervises(localSupervises))
              .build());
    }
  }

  /**
   * An actor of this node that {@code session}'s peer may act on: one this node advertised, or
   * exported to that peer by sending it a ref, still alive.
   */
  private ActorCell<?, ?, ?> advertisedTarget(Session session, long localId, String what) {
    ActorCell<?, ?, ?> cell = node.findLocal(localId);
    if (cell == null || !(advertised.contains(localId) || session.exports().contains(localId))) {
      throw new NotAdvertisedException(
          what + ": no advertised live actor " + localId + " on node " + node.node().name());
    }
    return cell;
  }

  /** A peer named an actor that this node did not advertise, or that ended. */
  static final class NotAdvertisedException extends MessagingException {
    private static final long serialVersionUID = 1L;

    NotAdvertisedException(String message) {
      super(message);
    }
  }

  private void onControl(Session session, ActorControl control) {
    ActorCell<?, ?, ?> cell =
        advertisedTarget(session, control.getTarget(), "cannot " + control.getKind());
    switch (control.getKind()) {
      case STOP -> cell.stop(control.getHasReason() ? control.getReason() : null);
      case KILL -> cell.kill();
      case DRAIN -> cell.drain();
      default -> throw new IllegalArgumentException("unknown control " + control.getKindValue());
    }
  }

  private void onLink(Session session, Link link) {
    ActorCell<?, ?, ?> cell = advertisedTarget(session, link.getActor(), "cannot link");
    ActorId peerId = new ActorId(session.peer().nodeId(), link.getPeerActor(), true);
    RemoteActorRef<?> peer = linkProxy(peerId, link.getPeerActorType());
    if (peer == null) {
      throw new IllegalStateException(
          "cannot link: node " + peerId.node() + " has too many actors known here");
    }
    if (link.getSupervises()) {
      // The peer's actor supervises ours: noted on the proxy first so that linking does not echo.
      if (peer.noteChildFromPeer(cell.ref())) {
        try {
          cell.linkTo(peer);
        } catch (RuntimeException e) {
          peer.forgetChildFromPeer(cell.ref());
          throw e;
        }
      }
    } else {
      peer.linkedByPeer((LocalActorRef<?>) cell.ref());
    }
  }

  private void onUnlink(Session session, Unlink unlink) {
    ActorCell<?, ?, ?> cell = advertisedTarget(session, unlink.getActor(), "cannot unlink");
    RemoteActorRef<?> peer =
        proxies.get(new ActorId(session.peer().nodeId(), unlink.getPeerActor(), true));
    if (peer == null) {
      return;
    }
    if (unlink.getSupervises()) {
      peer.forgetChildFromPeer(cell.ref());
      cell.unlinkFrom(peer);
    } else {
      peer.unlinkedByPeer((LocalActorRef<?>) cell.ref());
    }
  }

  /** Codecs of this node's advertised message types, made once (finding one is reflective). */
  private final Map<Class<?>, MessageCodec<?>> codecs = new ConcurrentHashMap<>();

  private MessageCodec<?> codecFor(Class<?> type) {
    MessageCodec<?> codec = codecs.get(type);
    if (codec == null) {
      codec = MessageCodec.forType(type); // throws for a type without one: nothing is cached
      codecs.putIfAbsent(type, codec);
    }
    return codec;
  }
}
