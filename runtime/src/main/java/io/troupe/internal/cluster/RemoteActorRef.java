package io.troupe.internal.cluster;

import io.troupe.ActorId;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.codec.MessageCodec;
import io.troupe.internal.AbstractActorRef;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.timer.TimerHandle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A proxy for an actor on another node: casts and calls are encoded with the message type's
 * generated codec and sent over the session to that node. It becomes STOPPED when the actor
 * leaves the cluster's view (it stopped, or its node disconnected); pending calls then complete
 * with {@code SenderError}.
 *
 * <p>Lifecycle, supervision and timer operations act on actors of this node only and throw
 * {@link UnsupportedOperationException} here.
 */
public final class RemoteActorRef<M> extends AbstractActorRef<M> implements io.troupe.internal.RemotelyMonitorable {

  private final RemoteActors owner;
  private final ActorId id;
  private final Class<M> messageType;
  private final MessageCodec<M> codec;
  private final CompletableFuture<Void> exit = new CompletableFuture<>();
  private final java.util.Set<ActorRef<?>> monitors = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile String endReason;

  RemoteActorRef(RemoteActors owner, ActorId id, Class<M> messageType) {
    this.owner = owner;
    this.id = id;
    this.messageType = messageType;
    this.codec = MessageCodec.forType(messageType);
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
    return Optional.of(messageType);
  }

  /** Marks the remote actor gone: sends fail from now on, and monitors are told once. */
  void markStopped(String reason) {
    if (exit.isDone()) {
      return;
    }
    endReason = reason;
    exit.complete(null);
    for (ActorRef<?> watcher : monitors) {
      tell(watcher);
    }
    monitors.clear();
  }

  private void tell(ActorRef<?> watcher) {
    if (watcher instanceof io.troupe.internal.SupervisionSink sink) {
      sink.deliverSupervision(new SupervisionEvent.ActorTerminated(this, Optional.empty(), Optional.ofNullable(endReason)));
    }
  }

  @Override
  public void addMonitor(ActorRef<?> watcher) {
    monitors.add(watcher);
    if (exit.isDone() && monitors.remove(watcher)) {
      tell(watcher);
    }
  }

  @Override
  public void removeMonitor(ActorRef<?> watcher) {
    monitors.remove(watcher);
  }

  @Override
  public void cast(M message) {
    if (exit.isDone()) {
      throw new MessagingException("remote actor " + id + " is gone", message);
    }
    String variant = codec.variant(message);
    owner.sendCast(this, variant, codec.encodeArgs(message));
  }

  @Override
  public <R> CompletableFuture<CallResult<R>> callAsync(Function<RpcReplyPort<R>, M> request, Duration timeout) {
    if (exit.isDone()) {
      throw new MessagingException("remote actor " + id + " is gone");
    }
    CompletableFuture<CallResult<R>> result = new CompletableFuture<>();
    RpcReplyPort<R> port = new RpcReplyPort<>(result);
    M message = request.apply(port);
    String variant = codec.variant(message);
    owner.sendCall(this, variant, codec.encodeArgs(message), port, timeout);
    return result.completeOnTimeout(new CallResult.Timeout<>(), timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public <R> CallResult<R> call(Function<RpcReplyPort<R>, M> request, Duration timeout) {
    CompletableFuture<CallResult<R>> f = callAsync(request, timeout);
    try {
      return f.get(timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return new CallResult.Timeout<>();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CallResult.SenderError<>();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  MessageCodec<M> codec() {
    return codec;
  }

  @Override
  protected void trackCall(RpcReplyPort<?> port) {
    // Remote calls are tracked by tag in RemoteActors.
  }

  @Override
  public void deliverSupervision(SupervisionEvent event) {
    // Supervision events are not forwarded to remote actors yet.
  }

  @Override
  public boolean awaitExit(Duration timeout) {
    try {
      exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static UnsupportedOperationException localOnly(String what) {
    return new UnsupportedOperationException(what + " works on actors of this node only; this ref is remote");
  }

  @Override
  public void stop(String reason) {
    throw localOnly("stop");
  }

  @Override
  public void kill() {
    throw localOnly("kill");
  }

  @Override
  public void drain() {
    throw localOnly("drain");
  }

  @Override
  public void link(ActorRef<?> supervisor) {
    throw localOnly("link");
  }

  @Override
  public void unlink(ActorRef<?> supervisor) {
    throw localOnly("unlink");
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
  public List<ActorRef<?>> children() {
    return List.of();
  }

  @Override
  public Optional<ActorRef<?>> supervisor() {
    return Optional.empty();
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
}
