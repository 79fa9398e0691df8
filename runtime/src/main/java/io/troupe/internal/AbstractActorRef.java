package io.troupe.internal;

import io.troupe.ActorRef;
import io.troupe.internal.scheduler.Scheduler;
import io.troupe.rpc.CallFailure;
import io.troupe.rpc.CallResult;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * What every runtime-made ref shares: identity-based equality, and calls, waits and child
 * operations built from the primitive operations a concrete ref provides.
 */
public abstract class AbstractActorRef<M> implements ActorRef<M>, SupervisionSink {

  /** Registers a call's reply port with the target so it fails at once if the target ends. */
  protected abstract void trackCall(RpcReplyPort<?> port);

  /**
   * Sends the request of a call, its reply port inside. Casts it, unless the ref carries calls
   * differently (a remote ref encodes it with its timeout, which the actor's node honours).
   *
   * @param message the request, holding {@code port}
   * @param port the reply port the answer completes
   * @param timeout how long the caller waits for the answer
   * @throws io.troupe.MessagingException if the actor no longer accepts messages (or another
   *     subtype of it, as {@link #cast} would throw)
   */
  protected void sendCall(M message, RpcReplyPort<?> port, Duration timeout) {
    cast(message);
  }

  /**
   * Called before a blocking {@link #call} waits for {@code answer}: refuses a call that could
   * never be answered (to the calling actor itself, or closing a cycle of actors waiting in calls
   * to each other) and notes what the calling actor waits for.
   *
   * @return a token for {@link #leaveBlockingCall}, or null
   * @throws IllegalStateException if the call would deadlock
   */
  protected Object enterBlockingCall(CompletableFuture<?> answer) {
    return null;
  }

  /**
   * Called when the blocking call that {@link #enterBlockingCall} returned {@code token} for ends.
   */
  protected void leaveBlockingCall(Object token) {}

  @Override
  public <R> CallResult<R> call(Function<RpcReplyPort<R>, M> request, Duration timeout) {
    RefArguments.call(request, timeout);
    CompletableFuture<CallResult<R>> result = new CompletableFuture<>();
    Object waiting = enterBlockingCall(result);
    // Before the request goes out: the actor it readies must not wait behind this blocked thread.
    Object handoff = Scheduler.blockingBegin();
    try {
      return awaitAnswer(request, timeout, result);
    } finally {
      Scheduler.blockingEnd(handoff);
      leaveBlockingCall(waiting);
    }
  }

  private <R> CallResult<R> awaitAnswer(
      Function<RpcReplyPort<R>, M> request,
      Duration timeout,
      CompletableFuture<CallResult<R>> result) {
    long sentAt = System.nanoTime();
    M message = sendRequest(request, result, timeout);
    AnswerSpin.await(result, sentAt);
    try {
      CallResult<R> answer = result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      AnswerSpin.record(sentAt);
      return answer;
    } catch (TimeoutException e) {
      result.complete(timedOut(message, timeout));
      return result.join();
    } catch (InterruptedException e) {
      // The caller is being killed or cancelled: give up on the answer, keep the interrupt.
      Thread.currentThread().interrupt();
      result.complete(
          new CallResult.SenderError<>(
              CallFailure.INTERRUPTED, "the caller was interrupted while it waited for " + this));
      return result.join();
    } catch (ExecutionException e) {
      throw new IllegalStateException("reply future failed", e.getCause());
    }
  }

  /**
   * The one way a call goes out, blocking or not, local or remote: a reply port completing {@code
   * result}, tracked by the target (so it fails if the target ends), put into the request, which
   * {@link #sendCall} sends. If the request cannot be built or sent, the port fails first, so
   * nothing waits on it.
   *
   * @return the message sent (its variant names a timeout)
   */
  private <R> M sendRequest(
      Function<RpcReplyPort<R>, M> request,
      CompletableFuture<CallResult<R>> result,
      Duration timeout) {
    RpcReplyPort<R> port = new RpcReplyPort<>(result);
    trackCall(port);
    try {
      M message = RefArguments.requested(request.apply(port));
      sendCall(message, port, timeout);
      return message;
    } catch (RuntimeException e) {
      port.fail();
      throw e;
    }
  }

  /**
   * Waits up to {@code timeout} for {@code exit}, an actor's end: true if it ended, false on a
   * timeout or an interrupt (the interrupt is kept).
   *
   * @param exit completes when the actor has ended
   * @param timeout how long to wait
   * @return true if the actor ended within the timeout
   * @throws IllegalStateException if the end was completed with an error
   */
  protected static boolean awaitEnd(CompletableFuture<?> exit, Duration timeout) {
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

  /** The timeout of a call of {@code message} to this actor, named. */
  protected final <R> CallResult.Timeout<R> timedOut(Object message, Duration timeout) {
    return new CallResult.Timeout<>(toString(), variantOf(message), timeout);
  }

  /** A message's variant as users name it: the record's simple name, or the enum constant. */
  public static String variantOf(Object message) {
    if (message instanceof Enum<?> constant) {
      return constant.getDeclaringClass().getSimpleName() + "." + constant.name();
    }
    return message == null ? null : message.getClass().getSimpleName();
  }

  @Override
  public <R> CompletableFuture<CallResult<R>> callAsync(
      Function<RpcReplyPort<R>, M> request, Duration timeout) {
    RefArguments.call(request, timeout);
    CompletableFuture<CallResult<R>> result = new CompletableFuture<>();
    M message = sendRequest(request, result, timeout);
    return result.completeOnTimeout(
        timedOut(message, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public <R, F> void callAndForward(
      Function<RpcReplyPort<R>, M> request,
      ActorRef<F> forwardTo,
      Function<R, F> mapper,
      Duration timeout) {
    RefArguments.notNull(forwardTo, "forwardTo");
    RefArguments.notNull(mapper, "mapper");
    callAsync(request, timeout)
        .thenAccept(
            result -> {
              if (result instanceof CallResult.Success<R> success) {
                try {
                  forwardTo.cast(mapper.apply(success.value()));
                } catch (RuntimeException dropped) {
                  // The forward target is gone: per contract nothing is forwarded.
                }
              }
            });
  }

  @Override
  public void stop() {
    stop(null);
  }

  @Override
  public boolean stopAndWait(String reason, Duration timeout) {
    RefArguments.notNegative(timeout, "timeout");
    stop(reason);
    return awaitExit(timeout);
  }

  @Override
  public boolean killAndWait(Duration timeout) {
    RefArguments.notNegative(timeout, "timeout");
    kill();
    return awaitExit(timeout);
  }

  @Override
  public boolean drainAndWait(Duration timeout) {
    RefArguments.notNegative(timeout, "timeout");
    drain();
    return awaitExit(timeout);
  }

  @Override
  public void stopChildren(String reason) {
    for (ActorRef<?> child : children()) {
      child.stop(reason);
    }
  }

  @Override
  public boolean stopChildrenAndWait(String reason, Duration timeout) {
    RefArguments.notNegative(timeout, "timeout");
    List<ActorRef<?>> kids = new ArrayList<>(children());
    kids.forEach(c -> c.stop(reason));
    return awaitAll(kids, timeout);
  }

  @Override
  public void drainChildren() {
    for (ActorRef<?> child : children()) {
      child.drain();
    }
  }

  @Override
  public boolean drainChildrenAndWait(Duration timeout) {
    RefArguments.notNegative(timeout, "timeout");
    List<ActorRef<?>> kids = new ArrayList<>(children());
    kids.forEach(ActorRef::drain);
    return awaitAll(kids, timeout);
  }

  private static boolean awaitAll(List<ActorRef<?>> refs, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ActorRef<?> r : refs) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!r.awaitExit(Duration.ofNanos(left))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public <N> ActorRef<N> contramap(Function<? super N, ? extends M> adapter) {
    return new DerivedActorRef<>(this, adapter);
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof ActorRef<?> other && id().equals(other.id());
  }

  @Override
  public final int hashCode() {
    return id().hashCode();
  }

  @Override
  public String toString() {
    return name().map(n -> "ActorRef[" + n + " " + id() + "]").orElse("ActorRef[" + id() + "]");
  }
}
