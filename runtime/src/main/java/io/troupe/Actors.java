package io.troupe;

/** Shortcuts for spawning on {@link Node#local()}. */
public final class Actors {
  private Actors() {}

  /**
   * {@link Node#spawn(Actor, Object)} on the default node.
   *
   * @param <M> the message type the actor handles
   * @param <S> the actor's state
   * @param <A> the start-up arguments' type
   * @param actor the actor's behaviour
   * @param args the arguments handed to {@code preStart}
   * @return a ref to the started actor
   * @throws SpawnException if {@code preStart} threw (the cause)
   */
  public static <M, S, A> ActorRef<M> spawn(Actor<M, S, A> actor, A args) {
    return Node.local().spawn(actor, args);
  }

  /**
   * {@link Node#spawn(String, Actor, Object)} on the default node.
   *
   * @param <M> the message type the actor handles
   * @param <S> the actor's state
   * @param <A> the start-up arguments' type
   * @param name the name to register, or null for none
   * @param actor the actor's behaviour
   * @param args the arguments handed to {@code preStart}
   * @return a ref to the started actor
   * @throws SpawnException if the name is taken or {@code preStart} threw
   */
  public static <M, S, A> ActorRef<M> spawn(String name, Actor<M, S, A> actor, A args) {
    return Node.local().spawn(name, actor, args);
  }

  /**
   * {@link Node#spawnLinked} on the default node.
   *
   * @param <M> the message type the actor handles
   * @param <S> the actor's state
   * @param <A> the start-up arguments' type
   * @param name the name to register, or null for none
   * @param actor the actor's behaviour
   * @param args the arguments handed to {@code preStart}
   * @param supervisor the actor's supervisor, not null
   * @return a ref to the started actor
   * @throws SpawnException if the name is taken, {@code preStart} threw, or the supervisor is
   *     stopping
   */
  public static <M, S, A> ActorRef<M> spawnLinked(
      String name, Actor<M, S, A> actor, A args, ActorRef<?> supervisor) {
    return Node.local().spawnLinked(name, actor, args, supervisor);
  }
}
