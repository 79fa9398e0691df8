package io.troupe.processor.model;

/** Which annotation marked a message interface; it decides which generators run. */
public enum MessageKind {
  /** {@code @ActorMessage}: a facade. */
  ACTOR,
  /** {@code @ClusterMessage}: a facade now, and a codec once its generator exists. */
  CLUSTER
}
