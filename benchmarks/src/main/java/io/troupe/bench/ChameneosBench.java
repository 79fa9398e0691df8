package io.troupe.bench;

import io.troupe.bench.Hosted.Context;
import io.troupe.bench.Hosted.Logic;
import io.troupe.bench.Hosted.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Savina's chameneos: 100 creatures and a mall. Each creature asks the mall for a meeting; the mall
 * pairs each waiting creature with the next that asks, the two exchange colours and ask again,
 * until 200,000 meetings have taken place; then the mall sends every creature home and adds up the
 * meetings they report. A hub with many clients: the mall's mailbox is always busy, the creatures
 * wake once per meeting. Score: meetings per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChameneosBench {

  static final int CREATURES = 100;
  static final int MEETINGS = 200_000;

  /** Meetings per invocation; lowered by the smoke test. */
  int meetings = MEETINGS;

  enum Colour {
    BLUE,
    RED,
    YELLOW;

    /** The colour two creatures of these colours both take after they meet. */
    Colour complement(Colour other) {
      if (this == other) {
        return this;
      }
      for (Colour c : values()) {
        if (c != this && c != other) {
          return c;
        }
      }
      throw new AssertionError();
    }
  }

  /** Messages to the mall. */
  sealed interface ToMall {}

  /**
   * A round: hold {@code meetings} meetings among {@code creatures}, then report the total count.
   */
  record Start(int meetings, List<Peer<ToCreature>> creatures, CompletableFuture<Long> total)
      implements ToMall {}

  /** A creature asks for a meeting. */
  record Meet(Peer<ToCreature> creature, Colour colour) implements ToMall {}

  /** A creature went home after {@code meetings} meetings. */
  record Home(int meetings) implements ToMall {}

  /** Messages to a creature. */
  sealed interface ToCreature {}

  /** Start asking for meetings. */
  enum Go implements ToCreature {
    GO
  }

  /** The mall paired this creature with {@code other}, which has {@code colour}. */
  record Paired(Peer<ToCreature> other, Colour colour) implements ToCreature {}

  /** The partner of a meeting tells its new colour. */
  record Change(Colour colour) implements ToCreature {}

  /** No more meetings: report and wait for the next round. */
  enum Leave implements ToCreature {
    LEAVE
  }

  /** The mall. */
  static final class Mall implements Logic<ToMall> {
    private int left;
    private int creatures;
    private int home;
    private long total;
    private CompletableFuture<Long> result;
    private Meet waiting;

    @Override
    public boolean on(ToMall message) {
      switch (message) {
        case Start s -> {
          left = s.meetings();
          creatures = s.creatures().size();
          home = 0;
          total = 0;
          result = s.total();
          for (Peer<ToCreature> c : s.creatures()) {
            c.tell(Go.GO);
          }
        }
        case Meet m -> {
          if (left == 0) {
            m.creature().tell(Leave.LEAVE);
          } else if (waiting == null) {
            waiting = m;
          } else {
            left--;
            waiting.creature().tell(new Paired(m.creature(), m.colour()));
            waiting = null;
          }
        }
        case Home h -> {
          total += h.meetings();
          if (++home == creatures) {
            result.complete(total);
          }
        }
      }
      return true;
    }
  }

  /** A creature. */
  static final class Creature implements Logic<ToCreature> {
    private final Peer<ToMall> mall;
    private final Peer<ToCreature> self;
    private Colour colour;
    private int meetings;

    Creature(Context<ToCreature> ctx, Peer<ToMall> mall, Colour colour) {
      this.self = ctx.self();
      this.mall = mall;
      this.colour = colour;
    }

    @Override
    public boolean on(ToCreature message) {
      switch (message) {
        case Go g -> {
          meetings = 0;
          mall.tell(new Meet(self, colour));
        }
        case Paired p -> {
          colour = colour.complement(p.colour());
          meetings++;
          p.other().tell(new Change(colour));
          mall.tell(new Meet(self, colour));
        }
        case Change c -> {
          colour = c.colour();
          meetings++;
          mall.tell(new Meet(self, colour));
        }
        case Leave l -> mall.tell(new Home(meetings));
      }
      return true;
    }
  }

  /** The mall and its creatures. */
  record World(Peer<ToMall> mall, List<Peer<ToCreature>> creatures) {
    static World spawn(int creatures, Hosted.Spawner spawner) {
      Peer<ToMall> mall = spawner.spawn(ctx -> new Mall(), "mall");
      List<Peer<ToCreature>> all = new ArrayList<>(creatures);
      Colour[] colours = Colour.values();
      for (int i = 0; i < creatures; i++) {
        Colour colour = colours[i % colours.length];
        all.add(spawner.spawn(ctx -> new Creature(ctx, mall, colour), "creature-" + i));
      }
      return new World(mall, List.copyOf(all));
    }
  }

  /** The mall and creatures on a Troupe node. */
  @State(Scope.Benchmark)
  public static class TroupeWorld extends Trials.OnTroupe<World> {
    int creatures = CREATURES;

    @Override
    World spawn(Hosted.Spawner spawner) {
      return World.spawn(creatures, spawner);
    }
  }

  /** The mall and creatures in a Pekko actor system. */
  @State(Scope.Benchmark)
  public static class PekkoWorld extends Trials.OnPekko<World> {
    int creatures = CREATURES;

    @Override
    World spawn(Hosted.Spawner spawner) {
      return World.spawn(creatures, spawner);
    }
  }

  /** One round; returns the meetings the creatures counted (twice the meetings held). */
  long run(World world) throws InterruptedException, ExecutionException {
    CompletableFuture<Long> total = new CompletableFuture<>();
    world.mall().tell(new Start(meetings, world.creatures(), total));
    return Await.future(total);
  }

  @Benchmark
  @OperationsPerInvocation(MEETINGS)
  public long troupe(TroupeWorld target) throws Exception {
    return run(target.spawned);
  }

  @Benchmark
  @OperationsPerInvocation(MEETINGS)
  public long pekko(PekkoWorld target) throws Exception {
    return run(target.spawned);
  }
}
