package io.troupe.bench;

import io.troupe.Node;
import org.apache.pekko.actor.typed.ActorSystem;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH states of the {@link Hosted} shapes: a runtime of their own for one trial, with the
 * actors a shape spawns in it. A shape's state extends {@link OnTroupe} or {@link OnPekko} and says
 * what to spawn; the benchmark reads {@code spawned}.
 */
public final class Trials {

  private Trials() {}

  /** A Troupe node for one trial, and what {@link #spawn} put on it. */
  public abstract static class OnTroupe<T> {
    Node node;
    T spawned;

    abstract T spawn(Hosted.Spawner spawner);

    @Setup(Level.Trial)
    public void setup() {
      node = Node.create(getClass().getSimpleName());
      spawned = spawn(Hosted.spawner(node));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      node.close();
    }
  }

  /** A Pekko actor system for one trial, and what {@link #spawn} put in it. */
  public abstract static class OnPekko<T> {
    ActorSystem<Void> system;
    T spawned;

    abstract T spawn(Hosted.Spawner spawner);

    @Setup(Level.Trial)
    public void setup() {
      system = PekkoSystems.create(getClass().getSimpleName());
      spawned = spawn(Hosted.spawner(system));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      PekkoSystems.terminate(system);
    }
  }
}
