package io.troupe;

/** Shortcuts for spawning on {@link Node#local()}. */
public final class Actors {
  private Actors() {}

  /** {@link Node#spawn(Actor, Object)} on the default node. */
  public static <M, S, A> ActorRef<M> spawn(Actor<M, S, A> actor, A args) {
    return Node.local().spawn(actor, args);
  }

  /** {@link Node#spawn(String, Actor, Object)} on the default node. */
  public static <M, S, A> ActorRef<M> spawn(String name, Actor<M, S, A> actor, A args) {
    return Node.local().spawn(name, actor, args);
  }

  /** {@link Node#spawnLinked} on the default node. */
  public static <M, S, A> ActorRef<M> spawnLinked(
      String name, Actor<M, S, A> actor, A args, ActorRef<?> supervisor) {
    return Node.local().spawnLinked(name, actor, args, supervisor);
  }
}
