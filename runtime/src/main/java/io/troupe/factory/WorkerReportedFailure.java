package io.troupe.factory;

/**
 * What a worker actor fails with after its handler threw {@link #getCause()} and it told the
 * factory in order with its other reports: the factory ignores the supervision event carrying it.
 */
final class WorkerReportedFailure extends Exception {
  private static final long serialVersionUID = 1L;

  WorkerReportedFailure(int worker, Throwable cause) {
    super("factory worker " + worker + " failed on a job", cause);
  }
}
