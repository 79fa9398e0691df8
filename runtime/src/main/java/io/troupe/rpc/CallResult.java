package io.troupe.rpc;

/**
 * How a call ended.
 *
 * @param <T> the type of the answer
 */
public sealed interface CallResult<T> {

  /** The target answered. */
  record Success<T>(T value) implements CallResult<T> {}

  /** No answer came within the timeout; a late answer is dropped. */
  record Timeout<T>() implements CallResult<T> {}

  /** The target stopped, was killed, failed, or dropped the reply port before answering. */
  record SenderError<T>() implements CallResult<T> {}

  /**
   * The answer, or an exception saying why there is none.
   *
   * @throws CallTimeoutException on {@link Timeout}
   * @throws CallFailedException on {@link SenderError}
   */
  default T orThrow() {
    return switch (this) {
      case Success<T> s -> s.value();
      case Timeout<T> t -> throw new CallTimeoutException("the call timed out before the actor answered");
      case SenderError<T> e ->
          throw new CallFailedException("the actor stopped or dropped the reply port before answering");
    };
  }

  /** True for {@link Success}. */
  default boolean isSuccess() {
    return this instanceof Success<T>;
  }
}
