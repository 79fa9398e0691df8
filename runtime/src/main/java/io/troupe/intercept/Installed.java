package io.troupe.intercept;

/** An installed {@link Interceptor}: closing it removes it. */
public interface Installed extends AutoCloseable {
  /**
   * Removes the interceptor: messages sent from now on no longer reach it (see {@link Interceptor}
   * for the ones already queued). Idempotent.
   */
  @Override
  void close();
}
