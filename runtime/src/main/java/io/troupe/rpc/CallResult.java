package io.troupe.rpc;

/**
 * How a call ended.
 *
 * @param <T> the type of the answer
 */
public sealed interface CallResult<T> {

  /**
   * The target answered.
   *
   * @param value the answer
   * @param <T> the type of the answer
   */
  record Success<T>(T value) implements CallResult<T> {}

  /**
   * No answer came within the timeout; a late answer is dropped.
   *
   * @param <T> the type of the answer that did not come
   */
  record Timeout<T>() implements CallResult<T> {}

  /**
   * The target stopped, was killed, failed, or dropped the reply port before answering.
   *
   * @param <T> the type of the answer that did not come
   */
  record SenderError<T>() implements CallResult<T> {}

  /**
   * The answer, or an exception saying why there is none.
   *
   * @return the answer of a {@link Success}
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

  /**
   * Whether the target answered.
   *
   * @return true for {@link Success}
   */
  default boolean isSuccess() {
    return this instanceof Success<T>;
  }
}
