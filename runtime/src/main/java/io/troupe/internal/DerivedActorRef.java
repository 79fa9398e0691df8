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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A ref that converts messages of type {@code N} and forwards them to {@code origin}, sharing its
 * identity: id, status, lifecycle and equality are the origin's.
 */
public final class DerivedActorRef<N, M> extends AbstractActorRef<N> {

  private final AbstractActorRef<M> origin;
  private final Function<? super N, ? extends M> adapter;

  DerivedActorRef(AbstractActorRef<M> origin, Function<? super N, ? extends M> adapter) {
    this.origin = origin;
    this.adapter = RefArguments.notNull(adapter, "adapter");
  }

  /** The ref this one forwards to. */
  public AbstractActorRef<M> origin() {
    return origin;
  }

  /** Unknown: a derived ref accepts whatever its adapter takes. */
  @Override
  public Optional<Class<?>> messageType() {
    return Optional.empty();
  }

  @Override
  public void cast(N message) {
    // Checked here: an adapter might turn null into a message.
    origin.cast(adapter.apply(RefArguments.notNull(message, "message")));
  }

  @Override
  protected void trackCall(RpcReplyPort<?> port) {
    origin.trackCall(port);
  }

  @Override
  protected Object enterBlockingCall(java.util.concurrent.CompletableFuture<?> answer) {
    return origin.enterBlockingCall(answer);
  }

  @Override
  protected void leaveBlockingCall(Object token) {
    origin.leaveBlockingCall(token);
  }

  @Override
  public <K> ActorRef<K> contramap(Function<? super K, ? extends N> next) {
    return new DerivedActorRef<K, M>(
        origin, RefArguments.notNull(next, "adapter").andThen(adapter));
  }

  @Override
  public void deliverSupervision(SupervisionEvent event) {
    origin.deliverSupervision(event);
  }

  @Override
  public ActorId id() {
    return origin.id();
  }

  @Override
  public Optional<String> name() {
    return origin.name();
  }

  @Override
  public ActorStatus status() {
    return origin.status();
  }

  @Override
  public Node node() {
    return origin.node();
  }

  @Override
  public void stop(String reason) {
    origin.stop(reason);
  }

  @Override
  public void kill() {
    origin.kill();
  }

  @Override
  public void drain() {
    origin.drain();
  }

  @Override
  public boolean awaitExit(Duration timeout) {
    return origin.awaitExit(timeout);
  }

  @Override
  public void link(ActorRef<?> supervisor) {
    origin.link(supervisor);
  }

  @Override
  public void unlink(ActorRef<?> supervisor) {
    origin.unlink(supervisor);
  }

  @Override
  public void monitor(ActorRef<?> target) {
    origin.monitor(target);
  }

  @Override
  public void demonitor(ActorRef<?> target) {
    origin.demonitor(target);
  }

  @Override
  public List<ActorRef<?>> children() {
    return origin.children();
  }

  @Override
  public Optional<ActorRef<?>> supervisor() {
    return origin.supervisor();
  }

  @Override
  public TimerHandle sendAfter(Duration delay, Supplier<? extends N> message) {
    RefArguments.notNegative(delay, "delay");
    RefArguments.notNull(message, "message");
    return origin.sendAfter(delay, () -> adapter.apply(message.get()));
  }

  @Override
  public TimerHandle sendInterval(Duration period, Supplier<? extends N> message) {
    RefArguments.positive(period, "period");
    RefArguments.notNull(message, "message");
    return origin.sendInterval(period, () -> adapter.apply(message.get()));
  }

  @Override
  public TimerHandle exitAfter(Duration delay) {
    return origin.exitAfter(delay);
  }

  @Override
  public TimerHandle killAfter(Duration delay) {
    return origin.killAfter(delay);
  }
}
