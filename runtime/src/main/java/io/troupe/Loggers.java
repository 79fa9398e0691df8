package io.troupe;

/**
 * The names of the {@link System.Logger}s Troupe logs through, one per area. They are part of the
 * public contract: configure them by these names (see docs/observability.md for routing {@code
 * System.Logger} to SLF4J or Logback and turning on DEBUG).
 */
public final class Loggers {

  /**
   * Actors: failures (supervised ones at the level {@link Node#failureLogLevel} sets, unsupervised
   * ones as WARNING, errors as ERROR).
   */
  public static final String ACTOR = "io.troupe.actor";

  /** Nodes: closing (actors that had to be killed, or would not end). */
  public static final String NODE = "io.troupe.node";

  /** The cluster: sessions, handshakes, refused connections, dropped frames, remote calls. */
  public static final String CLUSTER = "io.troupe.cluster";

  /** Factories: discarded jobs without a handler, failing hooks, stuck workers. */
  public static final String FACTORY = "io.troupe.factory";

  /** Dead letters: each one at DEBUG (target, reason, message class), listeners that threw. */
  public static final String DEAD_LETTERS = "io.troupe.deadletters";

  private Loggers() {}
}
