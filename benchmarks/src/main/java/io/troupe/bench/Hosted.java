package io.troupe.bench;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Actor logic written once and hosted on either runtime, so that the many-actor shapes (thread
 * ring, chameneos, big, fork-join, fib, sparse load) run the very same handler code on Troupe and
 * on Pekko: only the send, the spawn and the self-stop differ, and those are one call each.
 *
 * <p>A {@link Logic} is the mutable state and handler of one actor (owned by that actor, as an
 * actor's state is). It talks to other actors through {@link Peer}s, which wrap a Troupe {@code
 * ActorRef.cast} or a Pekko {@code ActorRef.tell}, and spawns through its {@link Context}. Troupe
 * hosts it with {@link Node#spawn} (top level, from the benchmark thread) or {@link
 * Node#spawnInstant} (from inside an actor, the peer of Pekko's asynchronous {@code
 * spawnAnonymous}); Pekko with a {@code Behaviors.setup} and {@code receiveMessage}. Only the
 * public runtime API is used, so these benchmarks keep compiling while the runtime's internals
 * change.
 */
final class Hosted {

  private Hosted() {}

  /** One actor's handler and state. */
  interface Logic<M> {
    /** Handles one message; false stops the actor after it (its last message). */
    boolean on(M message);
  }

  /** Somewhere to send messages: a Troupe or Pekko actor. */
  interface Peer<M> {
    void tell(M message);
  }

  /** What a logic may do besides sending: know itself and spawn children. */
  interface Context<M> {
    Peer<M> self();

    /** Spawns an actor running {@code factory}'s logic without waiting for it to start. */
    <N> Peer<N> spawn(Factory<N> factory);
  }

  /** Makes the logic of a new actor (runs in the actor, before its first message). */
  interface Factory<M> {
    Logic<M> create(Context<M> context);
  }

  /** Spawns top-level actors on one runtime (benchmark set-up, from outside any actor). */
  interface Spawner {
    /** Spawns an actor running {@code factory}'s logic; {@code name} is unique among them. */
    <M> Peer<M> spawn(Factory<M> factory, String name);
  }

  // ------------------------------------------------------------------ Troupe

  /** Spawns on {@code node} (unnamed actors: a Troupe name would cost a registry entry). */
  static Spawner spawner(Node node) {
    return new Spawner() {
      @Override
      public <M> Peer<M> spawn(Factory<M> factory, String name) {
        return Hosted.spawn(node, factory);
      }
    };
  }

  /** Spawns a top-level Troupe actor running {@code factory}'s logic; returns once it started. */
  static <M> Peer<M> spawn(Node node, Factory<M> factory) {
    return new TroupePeer<>(node.spawn(TroupeHost.<M>instance(), factory));
  }

  /** A Troupe actor whose state is its logic. */
  private static final class TroupeHost<M> implements Actor<M, Logic<M>, Factory<M>> {
    private static final TroupeHost<?> INSTANCE = new TroupeHost<>();

    /** The host is stateless: one instance serves every actor. */
    @SuppressWarnings("unchecked")
    static <M> TroupeHost<M> instance() {
      return (TroupeHost<M>) INSTANCE;
    }

    @Override
    public Logic<M> preStart(ActorRef<M> self, Factory<M> factory) {
      return factory.create(new TroupeContext<>(self));
    }

    @Override
    public Logic<M> handle(ActorRef<M> self, M message, Logic<M> logic) {
      if (!logic.on(message)) {
        self.stop();
      }
      return logic;
    }
  }

  private record TroupePeer<M>(ActorRef<M> ref) implements Peer<M> {
    @Override
    public void tell(M message) {
      ref.cast(message);
    }
  }

  private static final class TroupeContext<M> implements Context<M> {
    private final ActorRef<M> ref;
    private final Peer<M> self;

    TroupeContext(ActorRef<M> ref) {
      this.ref = ref;
      this.self = new TroupePeer<>(ref);
    }

    @Override
    public Peer<M> self() {
      return self;
    }

    @Override
    public <N> Peer<N> spawn(Factory<N> factory) {
      return new TroupePeer<>(
          ref.node().spawnInstant(null, TroupeHost.<N>instance(), factory, null).ref());
    }
  }

  // ------------------------------------------------------------------ Pekko

  /** Spawns system actors of {@code system} (Pekko needs a name for them). */
  static Spawner spawner(ActorSystem<Void> system) {
    return new Spawner() {
      @Override
      public <M> Peer<M> spawn(Factory<M> factory, String name) {
        return Hosted.spawn(system, factory, name);
      }
    };
  }

  /** Spawns a top-level Pekko actor (a system actor, named {@code name}) running the logic. */
  static <M> Peer<M> spawn(ActorSystem<Void> system, Factory<M> factory, String name) {
    return new PekkoPeer<>(PekkoSystems.spawn(system, behavior(factory), name));
  }

  /** The Pekko behaviour that runs {@code factory}'s logic. */
  static <M> Behavior<M> behavior(Factory<M> factory) {
    return Behaviors.setup(
        ctx -> {
          Logic<M> logic = factory.create(new PekkoContext<>(ctx));
          return Behaviors.receiveMessage(
              m -> logic.on(m) ? Behaviors.same() : Behaviors.stopped());
        });
  }

  private record PekkoPeer<M>(org.apache.pekko.actor.typed.ActorRef<M> ref) implements Peer<M> {
    @Override
    public void tell(M message) {
      ref.tell(message);
    }
  }

  private static final class PekkoContext<M> implements Context<M> {
    private final ActorContext<M> ctx;
    private final Peer<M> self;

    PekkoContext(ActorContext<M> ctx) {
      this.ctx = ctx;
      this.self = new PekkoPeer<>(ctx.getSelf());
    }

    @Override
    public Peer<M> self() {
      return self;
    }

    @Override
    public <N> Peer<N> spawn(Factory<N> factory) {
      return new PekkoPeer<>(ctx.spawnAnonymous(behavior(factory)));
    }
  }
}
