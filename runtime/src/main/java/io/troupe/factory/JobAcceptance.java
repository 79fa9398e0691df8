package io.troupe.factory;

/**
 * Whether a factory took a job into its hands, as told to a submitter that asked ({@link
 * Factory#submitWithAcceptance}, {@link Factory#submitAndAwaitAcceptance}).
 *
 * <p>The answer comes once the job's first placement is decided: it was queued or sent to a worker
 * ({@link Accepted}), or it was discarded on its way in ({@link Rejected}: the factory was draining
 * or stopping, the rate limit refused it, its queue was full under {@link DiscardMode#NEWEST},
 * custom routing failed, or its time-to-live had passed). A job held back by a delaying {@link
 * RateLimit} is answered when it is released to a queue. An accepted job can still be discarded
 * later (pushed out under {@link DiscardMode#OLDEST}, expired in its queue, its worker failed, the
 * factory stopped): the discard handler hears of that as of every discard; a rejected job was
 * reported to the discard handler too, with the same reason, and is never processed.
 *
 * @param <K> the job's routing key type
 * @param <M> the job's message type
 */
public sealed interface JobAcceptance<K, M> {

  /**
   * The job is queued or on its way to a worker.
   *
   * @param <K> the job's routing key type
   * @param <M> the job's message type
   */
  record Accepted<K, M>() implements JobAcceptance<K, M> {}

  /**
   * The job was not taken: it will not be processed.
   *
   * @param job the job as submitted, e.g. to submit again later
   * @param reason why; {@link DiscardReason#SHUTDOWN} also when the factory actor ended before it
   *     took the job from its mailbox ({@code ref().stop()} or {@code ref().kill()})
   * @param <K> the job's routing key type
   * @param <M> the job's message type
   */
  record Rejected<K, M>(Job<K, M> job, DiscardReason reason) implements JobAcceptance<K, M> {}

  /**
   * True for {@link Accepted}.
   *
   * @return true if the job was accepted
   */
  default boolean isAccepted() {
    return this instanceof Accepted<K, M>;
  }
}
