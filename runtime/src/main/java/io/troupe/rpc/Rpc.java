package io.troupe.rpc;

import io.troupe.ActorRef;
import io.troupe.internal.RefArguments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Calls that involve several actors. */
public final class Rpc {
  private Rpc() {}

  /**
   * Calls every target at once and waits for all answers (each bounded by {@code timeout}). A
   * target that no longer accepts messages yields {@link CallResult.SenderError} in its slot. The
   * arguments are checked first: nothing is sent if one is bad.
   *
   * @param targets the actors to call
   * @param request builds each target's request around its reply port
   * @param timeout how long each call may wait for its answer
   * @param <M> the targets' messages
   * @param <R> the answers' type
   * @return one result per target, in the order of {@code targets}
   * @throws NullPointerException if {@code targets}, one of them, {@code request} or {@code
   *     timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public static <M, R> List<CallResult<R>> multiCall(
      List<? extends ActorRef<M>> targets, Function<RpcReplyPort<R>, M> request, Duration timeout) {
    RefArguments.notNull(targets, "targets");
    for (int i = 0; i < targets.size(); i++) {
      RefArguments.notNull(targets.get(i), "targets[" + i + "]");
    }
    RefArguments.call(request, timeout);
    List<CompletableFuture<CallResult<R>>> pending = new ArrayList<>(targets.size());
    for (ActorRef<M> target : targets) {
      try {
        pending.add(target.callAsync(request, timeout));
      } catch (RuntimeException notAccepting) {
        pending.add(CompletableFuture.completedFuture(new CallResult.SenderError<>()));
      }
    }
    List<CallResult<R>> results = new ArrayList<>(pending.size());
    for (CompletableFuture<CallResult<R>> f : pending) {
      results.add(f.join());
    }
    return results;
  }
}
