package io.troupe.supervision;

/** Which children a {@link Supervisor} restarts when one of them ends and is to be restarted. */
public enum Strategy {
  /** Only the child that ended (OTP {@code one_for_one}; Pekko's per-actor supervision). */
  ONE_FOR_ONE,
  /**
   * Every child: the others are stopped in reverse start order, then all are started again in order
   * (OTP {@code one_for_all}).
   */
  ONE_FOR_ALL,
  /**
   * The child that ended and every child started after it: those are stopped in reverse order, then
   * started again in order (OTP {@code rest_for_one}).
   */
  REST_FOR_ONE
}
