package io.troupe.internal;

import io.troupe.ActorRef;
import io.troupe.supervision.SupervisionEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One actor's place in the supervision tree: its supervisor, its children, its monitors, and
 * telling them of its start and end.
 *
 * <h2>One owner of a link</h2>
 *
 * The child's {@link #supervisor} field is the one owner of the link. Every change of it, and the
 * end of the actor ({@link #ended}), happens under the child's {@link #lock}, and the supervisor's
 * {@link #children} set follows it inside the same critical section, so two racing links leave
 * exactly one supervisor listing the child, and an ended child is never listed again. Only the
 * child's lock is ever taken: there is no lock order to keep.
 *
 * <h2>Monitors</h2>
 *
 * A watcher is told of the end by whoever removes it from {@link #monitors}: the ending actor, or
 * {@link #addMonitor} when the actor has already ended ({@link #outcome} is written before the
 * ending actor reads the set, and read by {@code addMonitor} after it adds). So each watcher hears
 * of the end exactly once, even a monitor that comes late.
 *
 * <p>The sets are created on first use: most actors never need some of them, and empty concurrent
 * sets were a third of an idle actor's heap (IdleFootprintBench).
 */
final class SupervisionLinks {

  private static final VarHandle CHILDREN;
  private static final VarHandle MONITORS;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      CHILDREN = l.findVarHandle(SupervisionLinks.class, "children", Set.class);
      MONITORS = l.findVarHandle(SupervisionLinks.class, "monitors", Set.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ActorCell<?, ?, ?> owner;
  private final Object lock = new Object();
  private volatile ActorRef<?> supervisor;
  private boolean ended; // under lock
  private volatile Set<ActorRef<?>> children;
  private volatile Set<ActorRef<?>> monitors;

  /** How the actor ended, without its last state; null while it lives. */
  private volatile SupervisionEvent outcome;

  SupervisionLinks(ActorCell<?, ?, ?> owner) {
    this.owner = owner;
  }

  Optional<ActorRef<?>> supervisor() {
    return Optional.ofNullable(supervisor);
  }

  ActorRef<?> supervisorOrNull() {
    return supervisor;
  }

  List<ActorRef<?>> children() {
    Set<ActorRef<?>> kids = children;
    return kids == null ? List.of() : List.copyOf(kids);
  }

  boolean hasMonitors() {
    Set<ActorRef<?>> watchers = monitors;
    return watchers != null && !watchers.isEmpty();
  }

  private Set<ActorRef<?>> created(VarHandle handle) {
    return LazyFields.createdSet(handle, this);
  }

  private static boolean removeFrom(Set<?> set, Object element) {
    return set != null && set.remove(element);
  }

  // ------------------------------------------------------------------ links

  /**
   * Makes the owner a child of {@code newSupervisor}, leaving the old one.
   *
   * @throws IllegalStateException if the owner has ended or the supervisor no longer accepts
   *     messages
   */
  void linkTo(ActorRef<?> newSupervisor) {
    ActorRef<?> self = owner.ref();
    if (newSupervisor.equals(self)) {
      throw new IllegalArgumentException("an actor cannot supervise itself: " + owner.describe());
    }
    if (newSupervisor instanceof RemoteSupervisor remote) {
      linkToRemote(newSupervisor, remote);
      return;
    }
    if (!(newSupervisor instanceof LocalActorRef<?> local)) {
      throw new IllegalArgumentException("not an actor that can supervise: " + newSupervisor);
    }
    ActorCell<?, ?, ?> sup = local.cell();
    synchronized (lock) {
      refuseIfEnded(newSupervisor);
      if (!sup.status().acceptsMessages()) {
        throw new IllegalStateException(
            "cannot link "
                + owner.describe()
                + " to "
                + sup.describe()
                + ": it is "
                + sup.status());
      }
      if (local.equals(supervisor)) {
        return;
      }
      leaveSupervisor();
      supervisor = local;
      SupervisionLinks supLinks = sup.links();
      supLinks.created(CHILDREN).add(self);
      // The supervisor may have begun ending after the check above and already ended the
      // children it saw: undo, so that no dead supervisor lists a live child.
      if (!sup.status().acceptsMessages() && removeFrom(supLinks.children, self)) {
        supervisor = null;
        throw new IllegalStateException(
            "cannot link " + owner.describe() + ": supervisor " + sup.describe() + " is stopping");
      }
    }
  }

  private void refuseIfEnded(ActorRef<?> newSupervisor) {
    if (ended) {
      throw new IllegalStateException(
          "cannot link "
              + owner.describe()
              + " to "
              + newSupervisor
              + ": it has ended ("
              + owner.status()
              + ")");
    }
  }

  /** Links the owner to a supervisor on another node, which the cluster tells. */
  private void linkToRemote(ActorRef<?> newSupervisor, RemoteSupervisor remote) {
    if (newSupervisor.node() != owner.node().node()) {
      throw new IllegalArgumentException(
          "cannot link "
              + owner.describe()
              + " to "
              + newSupervisor
              + ": that remote ref belongs to node "
              + newSupervisor.node().name());
    }
    if (!newSupervisor.status().acceptsMessages()) {
      throw new IllegalStateException(
          "cannot link "
              + owner.describe()
              + " to "
              + newSupervisor
              + ": it is "
              + newSupervisor.status());
    }
    synchronized (lock) {
      refuseIfEnded(newSupervisor);
      if (newSupervisor.equals(supervisor)) {
        return;
      }
      leaveSupervisor();
      supervisor = newSupervisor;
      remote.adoptChild(owner.ref());
    }
  }

  /** Leaves the current supervisor. Under {@link #lock}. */
  private void leaveSupervisor() {
    ActorRef<?> old = supervisor;
    if (old instanceof LocalActorRef<?> oldLocal) {
      removeFrom(oldLocal.cell().links().children, owner.ref());
    } else if (old instanceof RemoteSupervisor remote) {
      remote.releaseChild(owner.ref());
    }
    supervisor = null;
  }

  void unlinkFrom(ActorRef<?> oldSupervisor) {
    synchronized (lock) {
      if (oldSupervisor.equals(supervisor)) {
        leaveSupervisor();
      }
    }
  }

  /**
   * Adds an actor of another node as a child (the cluster's proxy of it), unless the owner no
   * longer accepts children.
   */
  void adoptRemoteChild(ActorRef<?> child) {
    if (!owner.status().acceptsMessages()) {
      throw new IllegalStateException(
          "cannot link " + child + " to " + owner.describe() + ": it is " + owner.status());
    }
    created(CHILDREN).add(child);
    if (!owner.status().acceptsMessages() && removeFrom(children, child)) {
      throw new IllegalStateException(
          "cannot link " + child + ": supervisor " + owner.describe() + " is stopping");
    }
  }

  void forgetChild(ActorRef<?> child) {
    removeFrom(children, child);
  }

  // ------------------------------------------------------------------ monitors

  void addMonitor(ActorRef<?> watcher) {
    Set<ActorRef<?>> watchers = created(MONITORS);
    watchers.add(watcher);
    SupervisionEvent end = outcome; // volatile read after the add: see the class comment
    if (end != null && watchers.remove(watcher) && watcher instanceof SupervisionSink sink) {
      sink.deliverSupervision(end);
    }
  }

  void removeMonitor(ActorRef<?> watcher) {
    removeFrom(monitors, watcher);
  }

  /** Tells the supervisor and the monitors of a lifecycle event that is not the end. */
  void notifyWatchers(SupervisionEvent event) {
    ActorRef<?> sup = supervisor;
    if (sup instanceof SupervisionSink sink) {
      sink.deliverSupervision(event);
    }
    Set<ActorRef<?>> watchers = monitors;
    if (watchers != null) {
      for (ActorRef<?> watcher : watchers) {
        if (watcher instanceof SupervisionSink sink && !watcher.equals(sup)) {
          sink.deliverSupervision(event);
        }
      }
    }
  }

  // ------------------------------------------------------------------ the end

  /**
   * Ends every child, which in turn ends its own children (ractor's supervisor-exit rule): kills
   * them, or drains them when {@code drain} (the node is closing), so that what they accepted is
   * still handled.
   *
   * @return completes when every local child has ended (remote children are only told)
   */
  CompletableFuture<Void> endChildren(boolean drain) {
    Set<ActorRef<?>> kids = children;
    if (kids == null || kids.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<CompletableFuture<Void>> exits = new ArrayList<>();
    for (ActorRef<?> child : kids) {
      if (child instanceof LocalActorRef<?> local) {
        ActorCell<?, ?, ?> cell = local.cell();
        if (drain) {
          cell.drain();
        } else {
          cell.kill();
        }
        exits.add(cell.exitFuture());
      } else {
        child.kill();
      }
    }
    kids.clear();
    return CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new));
  }

  /**
   * Closes the owner's links for good and leaves its supervisor's children; returns the supervisor
   * it had (or null), whose node the caller may still have to tell.
   */
  ActorRef<?> release() {
    ActorRef<?> sup;
    synchronized (lock) {
      ended = true;
      sup = supervisor;
    }
    if (sup instanceof LocalActorRef<?> local) {
      removeFrom(local.cell().links().children, owner.ref());
    }
    return sup;
  }

  /** Tells the supervisor and every monitor how the actor ended, each monitor exactly once. */
  void notifyEnd(SupervisionEvent event, SupervisionEvent withoutState) {
    outcome = withoutState; // before the monitors are read: see the class comment
    ActorRef<?> sup = supervisor;
    if (sup instanceof SupervisionSink sink) {
      sink.deliverSupervision(event);
    }
    Set<ActorRef<?>> watchers = monitors;
    if (watchers == null) {
      return;
    }
    for (ActorRef<?> watcher : watchers) {
      if (watchers.remove(watcher)
          && watcher instanceof SupervisionSink sink
          && !watcher.equals(sup)) {
        sink.deliverSupervision(event);
      }
    }
  }

  /** Records the end for late monitors when nobody is told (a failed start). */
  void recordEnd(SupervisionEvent withoutState) {
    outcome = withoutState;
  }
}
