package io.troupe.internal.cluster;

import com.google.protobuf.ByteString;
import io.troupe.ActorId;
import io.troupe.ActorRef;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.cluster.NodeEvent;
import io.troupe.codec.CodecException;
import io.troupe.codec.MessageCodec;
import io.troupe.internal.ActorCell;
import io.troupe.internal.LocalActorRef;
import io.troupe.internal.NodeContext;
import io.troupe.internal.cluster.proto.ActorCall;
import io.troupe.internal.cluster.proto.ActorCast;
import io.troupe.internal.cluster.proto.ActorReply;
import io.troupe.internal.cluster.proto.GroupChange;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.pg.ProcessGroups;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The remote-actor layer of one node: advertises this node's process-group members whose message
 * type has a generated codec, keeps proxies ({@link RemoteActorRef}) for the members other nodes
 * advertise, and carries casts, calls and replies between them.
 *
 * <p>Failure: when a peer disconnects, its proxies stop, leave every group, and the calls waiting
 * for it complete with {@code SenderError}. A message that cannot be decoded is logged and dropped.
 */
public final class RemoteActors {
  private static final System.Logger LOG = System.getLogger(RemoteActors.class.getName());

  private final NodeContext node;
  private final ClusterRuntime cluster;
  /** Proxies by (node id, local id). */
  private final Map<ActorId, RemoteActorRef<?>> proxies = new ConcurrentHashMap<>();
  private final Map<Long, PendingCall> pending = new ConcurrentHashMap<>();
  private final AtomicLong tags = new AtomicLong();

  private record PendingCall(RemoteActorRef<?> target, String variant, RpcReplyPort<Object> port) {}

  public RemoteActors(NodeContext node, ClusterRuntime cluster) {
    this.node = node;
    this.cluster = cluster;
    cluster.onActorTraffic(this::receive);
    cluster.subscribe(this::onNodeEvent);
    node.groups().addListener(this::onLocalGroupChange);
    node.registry().addListener(this::onLocalNameChange);
    node.addStopListener(this::onLocalActorStopped);
  }

  /** This node's actors that peers may hold proxies of (advertised in a group or by name). */
  private final java.util.Set<Long> advertised = ConcurrentHashMap.newKeySet();

  private void onLocalActorStopped(ActorRef<?> actor) {
    if (advertised.remove(actor.id().local())) {
      NetworkMessage frame =
          NetworkMessage.newBuilder()
              .setActorExited(io.troupe.internal.cluster.proto.ActorExited.newBuilder().setActor(actor.id().local()).setReason("stopped"))
              .build();
      for (Session s : cluster.authenticatedSessions()) {
        s.send(frame);
      }
    }
  }

  private void onActorExited(Session session, io.troupe.internal.cluster.proto.ActorExited exited) {
    ActorId id = new ActorId(session.peer().nodeId(), exited.getActor(), true);
    RemoteActorRef<?> proxy = proxies.remove(id);
    if (proxy != null) {
      proxy.markStopped(exited.getReason());
      node.groups().leaveAll(proxy);
      String name = remoteNames.remove(id);
      if (name != null) {
        node.registry().unregisterRemote(name, proxy);
      }
    }
  }

  // ------------------------------------------------------------------ advertising local names

  /** Names of remote actors this node knows, per proxy, so they can be dropped with their node. */
  private final Map<ActorId, String> remoteNames = new ConcurrentHashMap<>();

  private void onLocalNameChange(io.troupe.registry.RegistryEvent event) {
    NetworkMessage frame =
        switch (event) {
          case io.troupe.registry.RegistryEvent.Registered r -> nameChange(r.name(), r.actor(), true);
          case io.troupe.registry.RegistryEvent.Unregistered u -> nameChange(u.name(), u.actor(), false);
        };
    if (frame != null) {
      for (Session s : cluster.authenticatedSessions()) {
        s.send(frame);
      }
    }
  }

  /** A name change of one of this node's actors that has a codec, or null. */
  private NetworkMessage nameChange(String name, ActorRef<?> actor, boolean registered) {
    if (!(actor instanceof LocalActorRef<?> local) || local.cell().node() != node || actor.messageType().isEmpty()
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
      RemoteActorRef<?> proxy = proxies.computeIfAbsent(id, k -> proxy(k, change.getMessageType()));
      if (proxy != null) {
        remoteNames.put(id, change.getName());
        node.registry().registerRemote(change.getName(), proxy);
      }
    } else {
      RemoteActorRef<?> proxy = proxies.get(id);
      if (proxy != null) {
        remoteNames.remove(id);
        node.registry().unregisterRemote(change.getName(), proxy);
        proxy.markStopped("stopped"); // a name is released only when its actor ends
      }
    }
  }

  Node node() {
    return node.node();
  }

  // ------------------------------------------------------------------ advertising local members

  private void onLocalGroupChange(io.troupe.pg.GroupChange change) {
    GroupChange message = advertisement(change.scope(), change.group(), change instanceof io.troupe.pg.GroupChange.Join, change.actors());
    if (message.getActorsCount() == 0) {
      return;
    }
    NetworkMessage frame = NetworkMessage.newBuilder().setGroupChange(message).build();
    for (Session s : cluster.authenticatedSessions()) {
      s.send(frame);
    }
  }

  /** The members of this node that can be reached remotely: local, with a codec for their type. */
  private GroupChange advertisement(String scope, String group, boolean join, List<ActorRef<?>> actors) {
    GroupChange.Builder b = GroupChange.newBuilder().setScope(scope).setGroup(group).setJoin(join);
    for (ActorRef<?> actor : actors) {
      if (actor instanceof LocalActorRef<?> local && local.cell().node() == node && actor.messageType().isPresent()) {
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

  private static boolean hasCodec(Class<?> type) {
    try {
      MessageCodec.forType(type);
      return true;
    } catch (IllegalArgumentException none) {
      return false;
    }
  }

  private void onNodeEvent(NodeEvent event) {
    switch (event) {
      case NodeEvent.NodeAuthenticated a -> syncTo(cluster.sessionTo(a.peer().nodeId()));
      case NodeEvent.NodeDisconnected d -> forgetNode(d.peer().nodeId());
      default -> {}
    }
  }

  /** Sends a new peer every advertised name and membership of this node. */
  private void syncTo(Session session) {
    if (session == null) {
      return;
    }
    node.registry().localNames().forEach((name, actor) -> {
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
          session.send(NetworkMessage.newBuilder().setGroupChange(message).build());
        }
      }
    }
  }

  private void forgetNode(long nodeId) {
    for (RemoteActorRef<?> proxy : new ArrayList<>(proxies.values())) {
      if (proxy.id().node() == nodeId) {
        proxies.remove(proxy.id());
        proxy.markStopped("node disconnected");
        node.groups().leaveAll(proxy);
        String name = remoteNames.remove(proxy.id());
        if (name != null) {
          node.registry().unregisterRemote(name, proxy);
        }
      }
    }
    pending.entrySet().removeIf(e -> {
      if (e.getValue().target().id().node() == nodeId) {
        e.getValue().port().fail();
        return true;
      }
      return false;
    });
  }

  // ------------------------------------------------------------------ sending

  void sendCast(RemoteActorRef<?> target, String variant, byte[] args) {
    Session session = sessionOf(target, variant);
    session.send(
        NetworkMessage.newBuilder()
            .setCast(ActorCast.newBuilder().setTarget(target.id().local()).setVariant(variant).setArgs(ByteString.copyFrom(args)))
            .build());
  }

  @SuppressWarnings("unchecked")
  void sendCall(RemoteActorRef<?> target, String variant, byte[] args, RpcReplyPort<?> port, Duration timeout) {
    Session session = sessionOf(target, variant);
    long tag = tags.incrementAndGet();
    pending.put(tag, new PendingCall(target, variant, (RpcReplyPort<Object>) port));
    port.result().whenComplete((r, e) -> pending.remove(tag));
    session.send(
        NetworkMessage.newBuilder()
            .setCall(
                ActorCall.newBuilder()
                    .setTarget(target.id().local())
                    .setVariant(variant)
                    .setArgs(ByteString.copyFrom(args))
                    .setTag(tag)
                    .setTimeoutMillis(Math.max(1, timeout.toMillis())))
            .build());
  }

  private Session sessionOf(RemoteActorRef<?> target, String variant) {
    Session session = cluster.sessionTo(target.id().node());
    if (session == null) {
      target.markStopped("the node is not connected");
      throw new MessagingException("the node of remote actor " + target.id() + " is not connected", variant);
    }
    return session;
  }

  // ------------------------------------------------------------------ receiving

  private void receive(Session session, NetworkMessage message) {
    try {
      switch (message.getKindCase()) {
        case GROUP_CHANGE -> onGroupChange(session, message.getGroupChange());
        case NAME_CHANGE -> onNameChange(session, message.getNameChange());
        case ACTOR_EXITED -> onActorExited(session, message.getActorExited());
        case CAST -> onCast(message.getCast());
        case CALL -> onCall(session, message.getCall());
        case REPLY -> onReply(message.getReply());
        default -> LOG.log(System.Logger.Level.DEBUG, "ignored " + message.getKindCase() + " from " + session.describe());
      }
    } catch (CodecException | MessagingException | IllegalArgumentException e) {
      LOG.log(System.Logger.Level.WARNING, "dropped a " + message.getKindCase() + " from " + session.describe() + ": " + e.getMessage());
    }
  }

  private void onGroupChange(Session session, GroupChange change) {
    long peer = session.peer().nodeId();
    List<ActorRef<?>> refs = new ArrayList<>();
    for (int i = 0; i < change.getActorsCount(); i++) {
      ActorId id = new ActorId(peer, change.getActors(i), true);
      if (change.getJoin()) {
        String typeName = change.getMessageTypes(i);
        RemoteActorRef<?> proxy = proxies.computeIfAbsent(id, k -> proxy(k, typeName));
        if (proxy != null) {
          refs.add(proxy);
        }
      } else {
        RemoteActorRef<?> proxy = proxies.get(id);
        if (proxy != null) {
          refs.add(proxy);
        }
      }
    }
    if (change.getJoin()) {
      node.groups().join(change.getScope(), change.getGroup(), refs);
    } else {
      node.groups().leave(change.getScope(), change.getGroup(), refs);
    }
  }

  private RemoteActorRef<?> proxy(ActorId id, String typeName) {
    try {
      Class<?> type = Class.forName(typeName, true, loader());
      return new RemoteActorRef<>(this, id, type);
    } catch (ClassNotFoundException | IllegalArgumentException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot reach remote actor " + id + ": no codec for " + typeName + " here");
      return null;
    }
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ClassLoader.getSystemClassLoader();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void onCast(ActorCast cast) {
    ActorCell<?, ?, ?> cell = target(cast.getTarget());
    MessageCodec codec = MessageCodec.forType(cell.messageType());
    cell.send(codec.decode(cast.getVariant(), cast.getArgs().toByteArray(), null));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void onCall(Session session, ActorCall call) {
    long tag = call.getTag();
    ActorCell<?, ?, ?> cell;
    MessageCodec codec;
    try {
      cell = target(call.getTarget());
      codec = MessageCodec.forType(cell.messageType());
    } catch (RuntimeException e) {
      reply(session, ActorReply.newBuilder().setTag(tag).setError(String.valueOf(e.getMessage())));
      return;
    }
    CompletableFuture<CallResult<Object>> result = new CompletableFuture<>();
    RpcReplyPort<Object> port = new RpcReplyPort<>(result);
    result.completeOnTimeout(new CallResult.Timeout<>(), call.getTimeoutMillis(), TimeUnit.MILLISECONDS);
    String variant = call.getVariant();
    result.thenAccept(
        r -> {
          ActorReply.Builder reply = ActorReply.newBuilder().setTag(tag);
          if (r instanceof CallResult.Success<Object> s) {
            try {
              reply.setValue(ByteString.copyFrom(codec.encodeReply(variant, s.value())));
            } catch (CodecException e) {
              reply.setError("the answer could not be encoded: " + e.getMessage());
            }
          } else {
            reply.setError(r instanceof CallResult.Timeout ? "timeout" : "the actor stopped before answering");
          }
          reply(session, reply);
        });
    cell.registerPendingCall(port);
    try {
      cell.send(codec.decode(variant, call.getArgs().toByteArray(), port));
    } catch (RuntimeException e) {
      port.fail();
      throw e;
    }
  }

  private static void reply(Session session, ActorReply.Builder reply) {
    session.send(NetworkMessage.newBuilder().setReply(reply).build());
  }

  private void onReply(ActorReply reply) {
    PendingCall call = pending.remove(reply.getTag());
    if (call == null) {
      return; // timed out here already
    }
    if (reply.hasValue()) {
      call.port().send(call.target().codec().decodeReply(call.variant(), reply.getValue().toByteArray()));
    } else {
      call.port().fail();
    }
  }

  private ActorCell<?, ?, ?> target(long localId) {
    ActorCell<?, ?, ?> cell = node.findLocal(localId);
    if (cell == null) {
      throw new MessagingException("no live actor " + localId + " on node " + node.node().name());
    }
    return cell;
  }
}
