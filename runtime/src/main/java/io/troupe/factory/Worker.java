package io.troupe.factory;

/**
 * The user's work: one instance per worker slot, built by the factory's worker builder. Runs on
 * the worker actor's thread, one job at a time.
 *
 * @param <S> the worker's state
 */
public interface Worker<K, M, S> {
  /** The worker's initial state; called when the worker (or its replacement) starts. */
  S start(int workerIndex) throws Exception;

  /** Handles one job. Throwing fails the worker: it is replaced and the job reported {@code WORKER_FAILED}. */
  S handle(Job<K, M> job, S state) throws Exception;
}
