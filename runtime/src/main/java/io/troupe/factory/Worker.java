package io.troupe.factory;

/**
 * The user's work: one instance per worker slot, built by the factory's worker builder. Runs on the
 * worker actor's thread, one job at a time.
 *
 * @param <K> the jobs' keys
 * @param <M> the jobs' messages
 * @param <S> the worker's state
 */
public interface Worker<K, M, S> {
  /**
   * The worker's initial state; called when the worker (or its replacement) starts.
   *
   * @param workerIndex the worker's slot, from 0
   * @return the initial state
   * @throws Exception to fail the worker's start
   */
  S start(int workerIndex) throws Exception;

  /**
   * Handles one job.
   *
   * @param job the job
   * @param state the worker's state
   * @return the next state
   * @throws Exception to fail the worker: it is replaced and the job reported {@code WORKER_FAILED}
   */
  S handle(Job<K, M> job, S state) throws Exception;
}
