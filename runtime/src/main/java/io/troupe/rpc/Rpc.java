package io.troupe.rpc;

import io.troupe.ActorRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Calls that involve several actors. */
public final class Rpc {
  private Rpc() {}

  /**
   * Calls every target at once and waits for all answers (each bounded by {@code timeout}).
   * A target that no longer accepts messages yields {@link CallResult.SenderError} in its slot.
   *
   * @return one result per target, in the order of {@code targets}
   */
  public static <M, R> List<CallResult<R>> multiCall(
      List<? extends ActorRef<M>> targets, Function<RpcReplyPort<R>, M> request, Duration timeout) {
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
