package io.troupe.rpc;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A one-shot channel for the answer to a call. The runtime creates one per call and hands it to the
 * request function; the receiving actor answers with {@link #send}.
 *
 * <p>A port is closed once it was answered, once the caller gave up (timeout), or once the call
 * failed because its target stopped. Sending on a closed port does nothing and returns {@code
 * false}; it never throws, so an actor need not care whether its caller is still there.
 *
 * @param <T> the type of the answer
 */
public final class RpcReplyPort<T> {

  private final CompletableFuture<CallResult<T>> result;

  /**
   * Creates an open port whose answer completes {@code result}. Used by the runtime and codecs.
   *
   * @param result the caller's side, completed by the answer
   */
  public RpcReplyPort(CompletableFuture<CallResult<T>> result) {
    this.result = Objects.requireNonNull(result, "result must not be null");
  }

  /** Creates a detached port with its own future (useful in tests and custom transports). */
  public RpcReplyPort() {
    this(new CompletableFuture<>());
  }

  /**
   * Answers the call.
   *
   * @param value the answer
   * @return {@code true} if the caller will see this value; {@code false} if the port was already
   *     closed (answered before, timed out, or the call failed)
   */
  public boolean send(T value) {
    return result.complete(new CallResult.Success<>(value));
  }

  /**
   * Whether an answer can still reach the caller.
   *
   * @return true once the port was answered or its caller stopped waiting
   */
  public boolean isClosed() {
    return result.isDone();
  }

  /**
   * Closes the port without an answer: the caller sees {@link CallResult.SenderError}.
   *
   * @return {@code true} if this closed the port; {@code false} if it was already closed
   */
  public boolean fail() {
    return result.complete(new CallResult.SenderError<>());
  }

  /**
   * Closes the port without an answer, saying why: the caller sees {@link CallResult.SenderError}
   * with this reason and detail.
   *
   * @param reason why there is no answer
   * @param detail why, as text for the caller
   * @return {@code true} if this closed the port; {@code false} if it was already closed
   * @throws NullPointerException if either is null
   */
  public boolean fail(CallFailure reason, String detail) {
    return result.complete(new CallResult.SenderError<>(reason, detail));
  }

  /**
   * The caller's side of the port.
   *
   * @return the future the answer (or the failure) completes
   */
  public CompletableFuture<CallResult<T>> result() {
    return result;
  }
}
