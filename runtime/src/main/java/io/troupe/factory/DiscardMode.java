package io.troupe.factory;

/** Which job gives way when a full queue receives another. */
public enum DiscardMode {
  /** The oldest queued job is discarded to make room (queuer routing; other routings refuse the newest). */
  OLDEST,
  /** The job being submitted is discarded. */
  NEWEST
}
