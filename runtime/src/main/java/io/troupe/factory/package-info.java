/**
 * Factories: a pool of workers behind one actor, with routing, job queues, discarding, rate limits,
 * a dead-man's switch and statistics. Start with {@link io.troupe.factory.Factory}.
 *
 * <p>API. Its implementation ({@code FactoryCore}, the routers, queues and worker actors) is
 * package-private here, as only this feature uses it.
 */
package io.troupe.factory;
