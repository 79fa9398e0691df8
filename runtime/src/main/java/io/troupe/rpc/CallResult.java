package io.troupe.rpc;

import java.time.Duration;
import java.util.Objects;

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
   * @param target the called actor, as its ref prints ({@code null} if not known)
   * @param variant the call's variant, e.g. {@code "Get"} ({@code null} if not known)
   * @param timeout how long the caller waited ({@code null} if not known)
   * @param <T> the type of the answer that did not come
   */
  record Timeout<T>(String target, String variant, Duration timeout) implements CallResult<T> {
    /** A timeout that names nothing (kept for code written before the call was named). */
    public Timeout() {
      this(null, null, null);
    }

    /**
     * What timed out, for a message.
     *
     * @return e.g. {@code "call Get to ActorRef[counter ...] got no answer within PT1S"}
     */
    public String describe() {
      if (target == null && variant == null && timeout == null) {
        return "the call timed out before the actor answered";
      }
      return "call "
          + (variant == null ? "" : variant + " ")
          + "to "
          + (target == null ? "the actor" : target)
          + " got no answer"
          + (timeout == null ? "" : " within " + timeout);
    }
  }

  /**
   * The call ended without an answer, for the {@link #reason()} the {@link #detail()} explains:
   * locally because the target stopped, failed, or dropped the reply port; remotely also because
   * the node disconnected, did not know the variant, could not encode the answer, and so on.
   *
   * @param reason why, as a type
   * @param detail why, as text for the user (names the actor, the error, the limit)
   * @param <T> the type of the answer that did not come
   */
  record SenderError<T>(CallFailure reason, String detail) implements CallResult<T> {
    /** The default text: the target stopped or dropped the reply port. */
    static final String STOPPED = "the actor stopped or dropped the reply port before answering";

    /**
     * A failed call.
     *
     * @param reason why, as a type
     * @param detail why, as text
     * @throws NullPointerException if either is null
     */
    public SenderError {
      Objects.requireNonNull(reason, "reason must not be null");
      Objects.requireNonNull(detail, "detail must not be null");
    }

    /** The target stopped or dropped the reply port ({@link CallFailure#ACTOR_STOPPED}). */
    public SenderError() {
      this(CallFailure.ACTOR_STOPPED, STOPPED);
    }
  }

  /**
   * The answer, or an exception saying why there is none.
   *
   * @return the answer of a {@link Success}
   * @throws CallTimeoutException on {@link Timeout}, naming the actor, the variant and the timeout
   * @throws CallFailedException on {@link SenderError}, with its reason and detail
   */
  default T orThrow() {
    return switch (this) {
      case Success<T> s -> s.value();
      case Timeout<T> t -> throw new CallTimeoutException(t);
      case SenderError<T> e -> throw new CallFailedException(e.reason(), e.detail());
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
