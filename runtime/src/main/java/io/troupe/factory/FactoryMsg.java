package io.troupe.factory;

/** What the factory actor handles (internal: users go through {@link Factory}). */
sealed interface FactoryMsg<K, M> {
  record Submit<K, M>(Job<K, M> job) implements FactoryMsg<K, M> {}

  /** A worker finished the head of its in-flight jobs. */
  record Done<K, M>(int worker, long generation, boolean expired) implements FactoryMsg<K, M> {}

  record Drain<K, M>() implements FactoryMsg<K, M> {}
}
