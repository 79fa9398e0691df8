package io.troupe.cluster;

/** How a node treats the peers its peers know. */
public enum ConnectionMode {
  /** Connect to every node a peer knows, so connected nodes form a full mesh (the default). */
  TRANSITIVE,
  /** Connect only where told to ({@link Cluster#connect}); peers' peers are ignored. */
  ISOLATED
}
