package io.troupe.factory;

/**
 * Which job gives way when a full queue receives another. With a priority queue the choice is made
 * among the jobs of the lowest priority present (the arriving job included).
 */
public enum DiscardMode {
  /** The oldest waiting job is discarded to make room. */
  OLDEST,
  /** The newest job (usually the one arriving) is discarded. */
  NEWEST
}
