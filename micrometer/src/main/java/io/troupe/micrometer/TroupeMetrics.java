package io.troupe.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.cluster.Cluster;
import io.troupe.cluster.ClusterStats;
import io.troupe.cluster.NodeEvent;
import io.troupe.cluster.OutboxStats;
import io.troupe.cluster.PeerInfo;
import io.troupe.factory.DiscardReason;
import io.troupe.factory.Factory;
import io.troupe.factory.FactoryStats;
import io.troupe.intercept.Installed;
import io.troupe.intercept.Interceptor;
import io.troupe.introspect.ActorInfo;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.supervision.SupervisorEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer metrics of a Troupe node, as a {@link MeterBinder}. Every meter carries the tag {@code
 * node} (the node's name):
 *
 * <ul>
 *   <li>{@code troupe.actors.live} (gauge): actors spawned and not ended;
 *   <li>{@code troupe.actors.ended} (counter, tag {@code outcome}: {@code terminated} or {@code
 *       failed}): actors that ended since binding;
 *   <li>{@code troupe.messages.handled} (timer, tag {@code outcome}: {@code ok} or {@code failed}):
 *       each handled user message and its handler's time;
 *   <li>{@code troupe.mailbox.depth.total} and {@code troupe.mailbox.depth.max} (gauges): queued
 *       user messages over all live actors, and in the fullest one;
 *   <li>{@code troupe.deadletters} (counter): the node's dead letters;
 *   <li>{@code troupe.supervisor.restarts}, {@code troupe.supervisor.giveups} and {@code
 *       troupe.supervisor.start.failures} (counters, tag {@code supervisor}: its registered name,
 *       else its id): each supervisor's restart decisions, times it gave up, and children that
 *       failed to start, registered with the supervisor's first event;
 *   <li>with a cluster: {@code troupe.cluster.sessions} (gauge), {@code troupe.cluster.frames} and
 *       {@code troupe.cluster.bytes} (counters, tag {@code direction}: {@code in} or {@code out}),
 *       {@code troupe.cluster.casts.rejected} (counter), {@code troupe.cluster.outbox.fill.max}
 *       (gauge, 0 to 1: the fullest peer's outbox), and per connected peer (tag {@code peer}, its
 *       node name) {@code troupe.cluster.outbox.bytes} and {@code troupe.cluster.outbox.limit}
 *       (gauges, tag {@code kind}: {@code messages} or {@code control}) and {@code
 *       troupe.cluster.outbox.frames} (gauge).
 * </ul>
 *
 * <p>{@link #factory(Factory, String)} binds a factory's statistics, and {@link
 * #mailboxDepth(ActorRef)} one actor's mailbox depth. Binding installs an interceptor on the node
 * (the message timer), an exit listener, a supervisor-event listener and, with a cluster, a node
 * event listener (it adds a peer's outbox gauges when it connects and removes them when it
 * disconnects); {@link #close()} removes them. The mailbox gauges list the node's actors when read:
 * O(actors) per scrape; the outbox gauges its peers.
 */
public final class TroupeMetrics implements MeterBinder, AutoCloseable {

  private final Node node;
  private final Tags tags;
  private final List<AutoCloseable> installed = new ArrayList<>();

  private TroupeMetrics(Node node) {
    this.node = node;
    this.tags = Tags.of("node", node.name());
  }

  /**
   * The metrics of {@code node}; call {@link #bindTo(MeterRegistry)} to register them.
   *
   * @param node the node
   * @return a binder
   * @throws NullPointerException if {@code node} is null
   */
  public static TroupeMetrics of(Node node) {
    return new TroupeMetrics(Objects.requireNonNull(node, "node"));
  }

  /**
   * Registers the node's meters with {@code registry} and starts timing handled messages.
   *
   * @param registry the registry
   */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Gauge.builder("troupe.actors.live", node, n -> n.actors().size())
        .tags(tags)
        .description("Actors spawned and not ended")
        .register(registry);
    Counter terminated =
        Counter.builder("troupe.actors.ended")
            .tags(tags)
            .tag("outcome", "terminated")
            .description("Actors that ended")
            .register(registry);
    Counter failed =
        Counter.builder("troupe.actors.ended")
            .tags(tags)
            .tag("outcome", "failed")
            .description("Actors that ended")
            .register(registry);
    installed.add(
        node.onActorExit(
            (ref, event) ->
                (event instanceof SupervisionEvent.ActorFailed ? failed : terminated).increment()));

    Timer ok =
        Timer.builder("troupe.messages.handled")
            .tags(tags)
            .tag("outcome", "ok")
            .description("User messages handled, and their handlers' time")
            .register(registry);
    Timer threw =
        Timer.builder("troupe.messages.handled")
            .tags(tags)
            .tag("outcome", "failed")
            .description("User messages handled, and their handlers' time")
            .register(registry);
    Installed timing =
        node.intercept(
            new Interceptor() {
              @Override
              public Object beforeHandle(ActorRef<?> self, Object message, Object attachment) {
                return System.nanoTime();
              }

              @Override
              public void afterHandle(
                  ActorRef<?> self, Object message, Object token, Throwable failure) {
                (failure == null ? ok : threw)
                    .record(System.nanoTime() - (Long) token, TimeUnit.NANOSECONDS);
              }
            });
    installed.add(timing);

    Gauge.builder("troupe.mailbox.depth.total", node, n -> depths(n, false))
        .tags(tags)
        .description("User messages queued over all live actors")
        .register(registry);
    Gauge.builder("troupe.mailbox.depth.max", node, n -> depths(n, true))
        .tags(tags)
        .description("User messages queued in the fullest mailbox")
        .register(registry);
    FunctionCounter.builder("troupe.deadletters", node, n -> n.deadLetters().count())
        .tags(tags)
        .description("Messages accepted and never handled")
        .register(registry);

    installed.add(node.onSupervisorEvent((sup, event) -> supervised(registry, sup, event)));

    Cluster cluster = clusterOf(node);
    if (cluster != null) {
      Gauge.builder("troupe.cluster.sessions", cluster, c -> c.stats().sessions())
          .tags(tags)
          .description("Authenticated sessions with peer nodes")
          .register(registry);
      counter(
          registry,
          "troupe.cluster.frames",
          "in",
          cluster,
          s -> s.framesIn(),
          "Frames read and written");
      counter(
          registry,
          "troupe.cluster.frames",
          "out",
          cluster,
          s -> s.framesOut(),
          "Frames read and written");
      counter(
          registry,
          "troupe.cluster.bytes",
          "in",
          cluster,
          s -> s.bytesIn(),
          "Bytes of frames read and written");
      counter(
          registry,
          "troupe.cluster.bytes",
          "out",
          cluster,
          s -> s.bytesOut(),
          "Bytes of frames read and written");
      FunctionCounter.builder("troupe.cluster.casts.rejected", cluster, Cluster::rejectedCasts)
          .tags(tags)
          .description("Casts of this node that peers reported they could not deliver")
          .register(registry);
      Gauge.builder("troupe.cluster.outbox.fill.max", cluster, TroupeMetrics::fullestOutbox)
          .tags(tags)
          .description("How full the fullest peer's outbox of casts and calls is, 0 to 1")
          .register(registry);
      PeerOutboxes outboxes = new PeerOutboxes(registry, cluster);
      installed.add(cluster.subscribe(outboxes::onEvent));
      for (PeerInfo peer : cluster.peers()) {
        outboxes.add(peer.name());
      }
    }
  }

  /**
   * Counts a supervisor's restarts, give-ups and failed starts; registers them at its first event.
   */
  private void supervised(MeterRegistry registry, ActorRef<?> supervisor, SupervisorEvent event) {
    Tags t = tags.and("supervisor", supervisor.name().orElseGet(() -> supervisor.id().toString()));
    Counter restarts =
        Counter.builder("troupe.supervisor.restarts")
            .tags(t)
            .description("Restarts decided (a group restarting together counts once)")
            .register(registry);
    Counter giveUps =
        Counter.builder("troupe.supervisor.giveups")
            .tags(t)
            .description("Times the restart intensity was exceeded and the supervisor gave up")
            .register(registry);
    Counter startFailures =
        Counter.builder("troupe.supervisor.start.failures")
            .tags(t)
            .description("Children that failed to start (a restart or a startChild)")
            .register(registry);
    switch (event) {
      case SupervisorEvent.RestartScheduled r -> restarts.increment();
      case SupervisorEvent.GaveUp g -> giveUps.increment();
      case SupervisorEvent.ChildStartFailed f -> startFailures.increment();
      default -> {}
    }
  }

  private static double fullestOutbox(Cluster cluster) {
    double fullest = 0;
    for (OutboxStats o : cluster.outboxes()) {
      fullest = Math.max(fullest, o.fill());
    }
    return fullest;
  }

  /**
   * The outbox gauges of each connected peer, added when it connects and removed when it goes (a
   * gauge read between the two events of a reconnection is NaN).
   */
  private final class PeerOutboxes {
    private final MeterRegistry registry;
    private final Cluster cluster;
    private final java.util.Map<String, List<Meter>> meters =
        new java.util.concurrent.ConcurrentHashMap<>();

    PeerOutboxes(MeterRegistry registry, Cluster cluster) {
      this.registry = registry;
      this.cluster = cluster;
    }

    void onEvent(NodeEvent event) {
      switch (event) {
        case NodeEvent.NodeAuthenticated a -> add(a.peer().name());
        case NodeEvent.NodeDisconnected d -> {
          String name = d.peer().name();
          if (cluster.peers().stream().noneMatch(p -> p.name().equals(name))) {
            List<Meter> gone = meters.remove(name);
            if (gone != null) {
              gone.forEach(registry::remove);
            }
          }
        }
        default -> {}
      }
    }

    void add(String peer) {
      meters.computeIfAbsent(
          peer,
          peerName -> {
            Tags t = tags.and("peer", peerName);
            return List.of(
                peerGauge(
                    peerName,
                    t.and("kind", "messages"),
                    "troupe.cluster.outbox.bytes",
                    OutboxStats::messageBytes,
                    "Bytes queued for the peer and not yet written"),
                peerGauge(
                    peerName,
                    t.and("kind", "control"),
                    "troupe.cluster.outbox.bytes",
                    OutboxStats::controlBytes,
                    "Bytes queued for the peer and not yet written"),
                peerGauge(
                    peerName,
                    t.and("kind", "messages"),
                    "troupe.cluster.outbox.limit",
                    OutboxStats::messageLimit,
                    "The bound of the bytes queued for the peer"),
                peerGauge(
                    peerName,
                    t.and("kind", "control"),
                    "troupe.cluster.outbox.limit",
                    OutboxStats::controlLimit,
                    "The bound of the bytes queued for the peer"),
                peerGauge(
                    peerName,
                    t,
                    "troupe.cluster.outbox.frames",
                    OutboxStats::queuedFrames,
                    "Messages queued for the peer and not yet written"));
          });
    }

    private Meter peerGauge(
        String peer, Tags t, String name, ToDoubleFunction<OutboxStats> value, String description) {
      return Gauge.builder(name, cluster, c -> outboxValue(c, peer, value))
          .tags(t)
          .description(description)
          .register(registry);
    }
  }

  private static double outboxValue(
      Cluster cluster, String peer, ToDoubleFunction<OutboxStats> value) {
    for (OutboxStats o : cluster.outboxes()) {
      if (o.peer().name().equals(peer)) {
        return value.applyAsDouble(o);
      }
    }
    return Double.NaN;
  }

  private void counter(
      MeterRegistry registry,
      String name,
      String direction,
      Cluster cluster,
      ToDoubleFunction<ClusterStats> value,
      String description) {
    FunctionCounter.builder(name, cluster, c -> value.applyAsDouble(c.stats()))
        .tags(tags)
        .tag("direction", direction)
        .description(description)
        .register(registry);
  }

  private static Cluster clusterOf(Node node) {
    try {
      return node.cluster();
    } catch (IllegalStateException noCluster) {
      return null;
    }
  }

  private static double depths(Node node, boolean max) {
    long total = 0;
    long deepest = 0;
    for (ActorInfo info : node.actors()) {
      total += info.mailboxDepth();
      deepest = Math.max(deepest, info.mailboxDepth());
    }
    return max ? deepest : total;
  }

  /**
   * A binder for one actor's mailbox depth: gauge {@code troupe.actor.mailbox.depth} with the tags
   * {@code node} and {@code actor} (its id) and, if it is named, {@code name}; NaN once the actor
   * ended. Bind only actors of bounded number (the tag makes a time series per actor).
   *
   * @param actor a local actor of this binder's node
   * @return a binder
   * @throws NullPointerException if {@code actor} is null
   */
  public MeterBinder mailboxDepth(ActorRef<?> actor) {
    Objects.requireNonNull(actor, "actor");
    Tags actorTags = tags.and("actor", actor.id().toString());
    Tags named = actor.name().map(n -> actorTags.and("name", n)).orElse(actorTags);
    return registry ->
        Gauge.builder(
                "troupe.actor.mailbox.depth",
                actor,
                a -> node.actor(a.id()).map(i -> (double) i.mailboxDepth()).orElse(Double.NaN))
            .tags(named)
            .description("User messages queued for the actor")
            .register(registry);
  }

  /**
   * A binder for a factory's statistics ({@link Factory#stats()}), with the tag {@code factory}:
   * counters {@code troupe.factory.jobs.submitted}, {@code .processed}, {@code .retried} and {@code
   * troupe.factory.jobs.discarded} (tag {@code reason}); gauges {@code troupe.factory.jobs.queued},
   * {@code troupe.factory.workers} and {@code troupe.factory.workers.busy}; and {@code
   * troupe.factory.job.processing.max} and {@code troupe.factory.job.waiting.max} (gauges,
   * seconds).
   *
   * @param factory the factory
   * @param name its name in the {@code factory} tag
   * @return a binder
   * @throws NullPointerException if an argument is null
   */
  public static MeterBinder factory(Factory<?, ?> factory, String name) {
    Objects.requireNonNull(factory, "factory");
    Tags t = Tags.of("factory", Objects.requireNonNull(name, "name"));
    return registry -> {
      FunctionCounter.builder("troupe.factory.jobs.submitted", factory, f -> f.stats().submitted())
          .tags(t)
          .description("Jobs submitted")
          .register(registry);
      FunctionCounter.builder("troupe.factory.jobs.processed", factory, f -> f.stats().processed())
          .tags(t)
          .description("Jobs a worker handled")
          .register(registry);
      FunctionCounter.builder("troupe.factory.jobs.retried", factory, f -> f.stats().retried())
          .tags(t)
          .description("Jobs retried")
          .register(registry);
      for (DiscardReason reason : DiscardReason.values()) {
        FunctionCounter.builder(
                "troupe.factory.jobs.discarded", factory, f -> f.stats().discarded(reason))
            .tags(t)
            .tag("reason", reason.name())
            .description("Jobs discarded")
            .register(registry);
      }
      Gauge.builder("troupe.factory.jobs.queued", factory, f -> f.stats().queued())
          .tags(t)
          .description("Jobs waiting")
          .register(registry);
      Gauge.builder("troupe.factory.workers", factory, f -> f.stats().workers())
          .tags(t)
          .description("Workers")
          .register(registry);
      Gauge.builder("troupe.factory.workers.busy", factory, f -> f.stats().busy())
          .tags(t)
          .description("Workers handling a job")
          .register(registry);
      Gauge.builder("troupe.factory.job.processing.max", factory, f -> seconds(f.stats(), false))
          .tags(t)
          .baseUnit("seconds")
          .description("The longest job handling so far")
          .register(registry);
      Gauge.builder("troupe.factory.job.waiting.max", factory, f -> seconds(f.stats(), true))
          .tags(t)
          .baseUnit("seconds")
          .description("The longest wait from submit to start so far")
          .register(registry);
    };
  }

  private static double seconds(FactoryStats stats, boolean waiting) {
    return (waiting ? stats.waitingTime() : stats.processingTime()).maxNanos() / 1e9;
  }

  /** Stops timing messages and counting ended actors (the meters stay in their registries). */
  @Override
  public synchronized void close() {
    for (AutoCloseable c : installed) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not remove " + c, e);
      }
    }
    installed.clear();
  }
}
