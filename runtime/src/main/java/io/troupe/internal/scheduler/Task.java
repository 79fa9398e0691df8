package io.troupe.internal.scheduler;

/**
 * Work a {@link Scheduler} runs: for the runtime, one actor's mailbox. A task is in at most one
 * queue at a time; whoever submits it owns that guarantee (an actor submits itself only when it
 * moves from idle to scheduled).
 */
public interface Task {

  /**
   * Runs one burst on the calling worker: at most {@link Scheduler#throughput()} messages.
   *
   * @return true if the task has more work and must be queued again (behind the others, for
   *     fairness); false if it went idle or ended
   */
  boolean runBurst(Worker worker);
}
