package io.troupe.internal;

import io.troupe.ActorId;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.Node;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.timer.TimerHandle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The ref of an actor living on a node of this JVM. */
public final class LocalActorRef<M> extends AbstractActorRef<M> {

  private final ActorCell<M, ?, ?> cell;

  LocalActorRef(ActorCell<M, ?, ?> cell) {
    this.cell = cell;
  }

  /** The actor behind this ref (runtime use only). */
  public ActorCell<M, ?, ?> cell() {
    return cell;
  }

  @Override
  public Optional<Class<?>> messageType() {
    Class<?> type = cell.messageType();
    return type == Object.class ? Optional.empty() : Optional.of(type);
  }

  @Override
  public ActorId id() {
    return cell.id();
  }

  @Override
  public Optional<String> name() {
    return cell.name();
  }

  @Override
  public ActorStatus status() {
    return cell.status();
  }

  @Override
  public Node node() {
    return cell.node().node();
  }

  @Override
  public void cast(M message) {
    cell.send(RefArguments.notNull(message, "message"));
  }

  @Override
  protected void trackCall(RpcReplyPort<?> port) {
    cell.registerPendingCall(port);
  }

  @Override
  protected Object enterBlockingCall(java.util.concurrent.CompletableFuture<?> answer) {
    return CallCycles.enter(cell, answer);
  }

  @Override
  protected void leaveBlockingCall(Object token) {
    CallCycles.leave(token);
  }

  @Override
  public void deliverSupervision(SupervisionEvent event) {
    cell.deliverSupervision(event);
  }

  @Override
  public void stop(String reason) {
    cell.stop(reason);
  }

  @Override
  public void kill() {
    cell.kill();
  }

  @Override
  public void drain() {
    cell.drain();
  }

  @Override
  public boolean awaitExit(Duration timeout) {
    RefArguments.notNegative(timeout, "timeout");
    return cell.awaitExit(timeout);
  }

  @Override
  public void link(ActorRef<?> supervisor) {
    RefArguments.notNull(supervisor, "supervisor");
    cell.linkTo(supervisor);
  }

  @Override
  public void unlink(ActorRef<?> supervisor) {
    RefArguments.notNull(supervisor, "supervisor");
    cell.unlinkFrom(supervisor);
  }

  @Override
  public void monitor(ActorRef<?> target) {
    RefArguments.notNull(target, "target");
    if (target instanceof RemotelyMonitorable remote) {
      remote.addMonitor(this);
      return;
    }
    cellOf(target).addMonitor(this);
  }

  @Override
  public void demonitor(ActorRef<?> target) {
    RefArguments.notNull(target, "target");
    if (target instanceof RemotelyMonitorable remote) {
      remote.removeMonitor(this);
      return;
    }
    cellOf(target).removeMonitor(this);
  }

  @Override
  public List<ActorRef<?>> children() {
    return cell.children();
  }

  @Override
  public Optional<ActorRef<?>> supervisor() {
    return cell.supervisor();
  }

  @Override
  public TimerHandle sendAfter(Duration delay, Supplier<? extends M> message) {
    RefArguments.notNegative(delay, "delay");
    RefArguments.notNull(message, "message");
    return cell.node().timers().sendAfter(cell, delay, message);
  }

  @Override
  public TimerHandle sendInterval(Duration period, Supplier<? extends M> message) {
    RefArguments.positive(period, "period");
    RefArguments.notNull(message, "message");
    return cell.node().timers().sendInterval(cell, period, message);
  }

  @Override
  public TimerHandle exitAfter(Duration delay) {
    RefArguments.notNegative(delay, "delay");
    return cell.node().timers().runAfter(cell, delay, () -> cell.stop("exit timer"));
  }

  @Override
  public TimerHandle killAfter(Duration delay) {
    RefArguments.notNegative(delay, "delay");
    return cell.node().timers().runAfter(cell, delay, cell::kill);
  }

  static ActorCell<?, ?, ?> cellOf(ActorRef<?> ref) {
    ActorRef<?> base = ref instanceof DerivedActorRef<?, ?> d ? d.origin() : ref;
    if (base instanceof LocalActorRef<?> local) {
      return local.cell;
    }
    throw new IllegalArgumentException("not a local actor: " + ref);
  }
}
