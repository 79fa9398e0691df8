package io.troupe.factory;

/** A factory's fixed settings (validated by {@link Factory.Builder}). */
record FactorySettings<K, M>(
    int workers, Routing routing, int queueCapacity, DiscardMode discardMode, DiscardHandler<K, M> discardHandler) {}
