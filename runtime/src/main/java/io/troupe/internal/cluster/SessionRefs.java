package io.troupe.internal.cluster;

import io.troupe.ActorId;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.codec.CodecException;
import io.troupe.internal.ActorCell;
import io.troupe.internal.LocalActorRef;
import io.troupe.internal.cluster.proto.ActorExited;
import io.troupe.internal.cluster.proto.NetworkMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refs inside the messages of one session, both ways (see docs/cluster.md, "Refs in messages").
 *
 * <p><b>Out.</b> A ref of this node's actor encoded for the session is added to the session's
 * {@link ExportedRefs} table before the message is queued: from then on the peer may cast to it,
 * call it, stop it or link to it, exactly as to an actor this node advertised. When the actor ends,
 * the stop listener removes it from every table and tells each such peer ({@code ActorExited}).
 * NOTE the race with a concurrent end: the listener may run between the export and the queuing of
 * the message, and its notice would then reach the peer before the ref does (the peer would keep a
 * live-looking proxy of a dead actor). So after queuing, {@link Outbound#sent} looks at the status
 * once more — the actor is STOPPING before the listener runs — and, for an actor that is ending,
 * removes the entry and queues a notice of its own after the message. The peer ignores a notice for
 * a proxy it does not know, so a second one is harmless.
 *
 * <p><b>In.</b> A ref the peer sent is resolved: to the peer's own actor, a proxy (made, within
 * {@code peerAdvertisements}, if need be); to this node's actor when it comes home, only if that
 * actor was exported to this same peer or advertised (a peer cannot forge a ref to an actor it was
 * never given); to a third node's actor, the proxy this node already has if that node made it known
 * here, else a proxy that fails on use saying why. The message type sent must be the one the
 * receiving component declares.
 */
final class SessionRefs {
  private final RemoteActors actors;

  SessionRefs(RemoteActors actors) {
    this.actors = actors;
  }

  Outbound out(Session session) {
    return new Outbound(session);
  }

  Inbound in(Session session) {
    return new Inbound(session);
  }

  /** Exports the refs of one message being encoded for {@link #session}. */
  final class Outbound implements RefScope.Translator {
    private final Session session;
    private List<ActorCell<?, ?, ?>> exported;

    private Outbound(Session session) {
      this.session = session;
    }

    @Override
    public void export(ActorRef<?> ref, Class<?> type) {
      if (ref instanceof LocalActorRef<?> local && actors.isLocal(ref)) {
        ActorCell<?, ?, ?> cell = local.cell();
        if (cell.messageType() != type) {
          throw new CodecException(
              "the ref "
                  + ref
                  + " cannot be sent as a ref of "
                  + type.getName()
                  + ": its actor handles "
                  + (cell.messageType() == Object.class
                      ? "a message type this node cannot tell (a behaviour built from a lambda"
                          + " or a generic class; implement Actor<"
                          + type.getSimpleName()
                          + ", ...> in a class)"
                      : cell.messageType().getName()));
        }
        ExportedRefs table = session.exports();
        if (!table.add(cell.id().local())) {
          throw new CodecException(
              "node "
                  + session.describe()
                  + " already holds refs to "
                  + table.max()
                  + " actors of this node (NodeConfig exportedRefs): "
                  + ref
                  + " is not sent until some of them end");
        }
        if (exported == null) {
          exported = new ArrayList<>(2);
        }
        exported.add(cell);
        return;
      }
      if (ref instanceof RemoteActorRef<?> proxy && actors.owns(proxy)) {
        if (proxy.messageType().orElse(null) != type) {
          throw new CodecException(
              "the ref "
                  + ref
                  + " cannot be sent as a ref of "
                  + type.getName()
                  + ": it was received as a ref of "
                  + proxy.messageType().map(Class::getName).orElse("an unknown type"));
        }
        return; // another node's actor: that node decides who may reach it
      }
      throw new CodecException(
          "the ref "
              + ref
              + " cannot be sent to another node: only a ref of an actor of this node, or one"
              + " received from the cluster, can; not a derived ref (contramap) nor a ref of"
              + " another Node of this JVM");
    }

    @Override
    public ActorRef<?> resolve(long node, long local, String typeName, Class<?> type) {
      throw new IllegalStateException("an outbound scope decodes nothing");
    }

    /**
     * The message holding the refs was queued (or refused): an exported actor that is ending has
     * its entry removed and its end told after the message.
     */
    void sent() {
      if (exported == null) {
        return;
      }
      for (ActorCell<?, ?, ?> cell : exported) {
        ActorStatus status = cell.status();
        if (status == ActorStatus.STOPPING || status == ActorStatus.STOPPED) {
          session.exports().remove(cell.id().local());
          session.send(
              NetworkMessage.newBuilder()
                  .setActorExited(ActorExited.newBuilder().setActor(cell.id().local()))
                  .build());
        }
      }
    }
  }

  /** Resolves the refs of one message decoded from {@link #session}. */
  final class Inbound implements RefScope.Translator {
    private final Session session;

    private Inbound(Session session) {
      this.session = session;
    }

    @Override
    public void export(ActorRef<?> ref, Class<?> type) {
      throw new IllegalStateException("an inbound scope encodes nothing");
    }

    @Override
    public ActorRef<?> resolve(long node, long local, String typeName, Class<?> type) {
      if (!typeName.equals(type.getName())) {
        throw new CodecException(
            "a ref of "
                + Names.quote(typeName)
                + " where a ref of "
                + type.getName()
                + " was expected");
      }
      long peer = session.peer().nodeId();
      if (node == actors.nodeId()) {
        ActorCell<?, ?, ?> cell = actors.findLocal(local);
        if (cell == null || !(session.exports().contains(local) || actors.isAdvertised(local))) {
          throw new CodecException(
              "a ref to actor "
                  + local
                  + " of this node, which was never sent to node "
                  + session.describe()
                  + " (or has ended)");
        }
        if (cell.messageType() != type) {
          throw new CodecException(
              "a ref to actor "
                  + cell.ref()
                  + " as a ref of "
                  + type.getName()
                  + ", which it is not");
        }
        return cell.ref();
      }
      ActorId id = new ActorId(node, local, true);
      if (node == peer) {
        RemoteActorRef<?> proxy = actors.refProxy(id, type);
        if (proxy == null) {
          throw new CodecException(
              "node "
                  + session.describe()
                  + " has the most actors known here already (NodeConfig peerAdvertisements)");
        }
        return checked(proxy, type);
      }
      Optional<RemoteActorRef<?>> known = actors.knownProxy(id);
      if (known.isPresent()) {
        return checked(known.get(), type);
      }
      String owner = actors.describeNode(node);
      return actors.unreachableProxy(
          id,
          type,
          owner == null
              ? "its node "
                  + Long.toHexString(node)
                  + " is not connected to this node (the ref came from node "
                  + session.describe()
                  + ")"
              : "its node "
                  + owner
                  + " did not make it known to this node; the ref came from node "
                  + session.describe()
                  + ", and a ref passed on through a third node works only for an actor its"
                  + " node advertised (in a group or by name) or sent a ref of itself");
    }

    private static ActorRef<?> checked(RemoteActorRef<?> proxy, Class<?> type) {
      if (proxy.messageType().orElse(null) != type) {
        throw new CodecException(
            "a ref to remote actor "
                + proxy.id()
                + " as a ref of "
                + type.getName()
                + ", which it is not known here to be");
      }
      return proxy;
    }
  }
}
