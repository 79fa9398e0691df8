package io.troupe.factory;

/** How a factory chooses the worker for a job. */
public enum Routing {
  /**
   * Jobs wait in the factory's queue and each goes to the next free worker: the best balance;
   * no ordering between jobs of one key.
   */
  QUEUER,
  /** A key always goes to the same worker ({@code hash(key) mod workers}): per-key order is kept. */
  KEY_PERSISTENT,
  /** Jobs go to the workers in turn, at once, and wait in the worker's mailbox. */
  ROUND_ROBIN
}
