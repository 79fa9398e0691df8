package io.troupe.supervision;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.Node;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Supervisor} needs to know about one child: its id (unique among the supervisor's
 * children), how to start it, whether to restart it ({@link RestartType}), how to stop it ({@link
 * Shutdown}), and optionally the name it is registered under, so that clients find each new
 * incarnation with {@code registry().whereIs(name)} (the OTP way). Immutable: the {@code with...}
 * methods return changed copies.
 *
 * <p>Defaults: {@link RestartType#PERMANENT}, {@code Shutdown.graceful(5 s)}, no registered name, a
 * new actor (and so a new ref) for each restart. {@link #restartInPlace()} keeps the ref instead.
 */
public final class ChildSpec {

  private static final Shutdown DEFAULT_SHUTDOWN = Shutdown.graceful(Duration.ofSeconds(5));

  private final String id;
  private final ChildStarter starter;
  private final InPlaceStarter<?, ?, ?> inPlaceSource;
  private final boolean inPlace;
  private final RestartType restart;
  private final Shutdown shutdown;
  private final String name;

  private ChildSpec(
      String id,
      ChildStarter starter,
      InPlaceStarter<?, ?, ?> inPlaceSource,
      boolean inPlace,
      RestartType restart,
      Shutdown shutdown,
      String name) {
    this.id = id;
    this.starter = starter;
    this.inPlaceSource = inPlaceSource;
    this.inPlace = inPlace;
    this.restart = restart;
    this.shutdown = shutdown;
    this.name = name;
  }

  /**
   * A child started by {@code starter}.
   *
   * @param id the child's id among its siblings
   * @param starter how to start it
   * @return the specification, with the defaults
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code id} is empty
   */
  public static ChildSpec of(String id, ChildStarter starter) {
    return new ChildSpec(
        checkId(id),
        Objects.requireNonNull(starter, "starter"),
        null,
        false,
        RestartType.PERMANENT,
        DEFAULT_SHUTDOWN,
        null);
  }

  /**
   * A child spawned as {@code node.spawnLinked(name, actor, args, supervisor)}; it may also be
   * restarted in place ({@link #restartInPlace()}).
   *
   * @param id the child's id among its siblings
   * @param actor the child's behaviour (used for every incarnation)
   * @param args the start-up arguments of every incarnation
   * @param <M> the child's message type
   * @param <S> the child's state
   * @param <A> the type of its arguments
   * @return the specification, with the defaults
   * @throws NullPointerException if {@code id} or {@code actor} is null
   * @throws IllegalArgumentException if {@code id} is empty
   */
  public static <M, S, A> ChildSpec of(String id, Actor<M, S, A> actor, A args) {
    Objects.requireNonNull(actor, "actor");
    InPlaceStarter<M, S, A> source = new InPlaceStarter<>(actor, args);
    return new ChildSpec(
        checkId(id),
        source::spawnPlain,
        source,
        false,
        RestartType.PERMANENT,
        DEFAULT_SHUTDOWN,
        null);
  }

  private static String checkId(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("a child id must not be empty");
    }
    return id;
  }

  /**
   * This specification with another restart type.
   *
   * @param type when to restart
   * @return the changed copy
   * @throws NullPointerException if {@code type} is null
   */
  public ChildSpec withRestart(RestartType type) {
    return new ChildSpec(
        id, starter, inPlaceSource, inPlace, Objects.requireNonNull(type, "type"), shutdown, name);
  }

  /**
   * This specification with another shutdown.
   *
   * @param how how to stop the child
   * @return the changed copy
   * @throws NullPointerException if {@code how} is null
   */
  public ChildSpec withShutdown(Shutdown how) {
    return new ChildSpec(
        id, starter, inPlaceSource, inPlace, restart, Objects.requireNonNull(how, "how"), name);
  }

  /**
   * This specification with a registered name: every incarnation is registered under it.
   *
   * @param registeredName the name, or null for none
   * @return the changed copy
   */
  public ChildSpec withName(String registeredName) {
    return new ChildSpec(id, starter, inPlaceSource, inPlace, restart, shutdown, registeredName);
  }

  /**
   * This specification restarting its child <em>in place</em>: a failing child keeps its actor, its
   * ref and its mailbox; a new incarnation of the behaviour starts behind them ({@code preStart}
   * afresh). See {@link InPlace} for what happens to queued messages and calls in flight.
   *
   * @return the changed copy
   * @throws IllegalStateException if the child is started by a {@link ChildStarter} (only a spec
   *     made with {@link #of(String, Actor, Object)} knows the behaviour to restart)
   */
  public ChildSpec restartInPlace() {
    if (inPlaceSource == null) {
      throw new IllegalStateException(
          "child "
              + id
              + " is started by a ChildStarter; restart in place needs ChildSpec.of(id, actor, args)");
    }
    return new ChildSpec(id, starter, inPlaceSource, true, restart, shutdown, name);
  }

  /**
   * The child's id among its siblings.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * When the child is restarted.
   *
   * @return the restart type
   */
  public RestartType restart() {
    return restart;
  }

  /**
   * How the child is stopped.
   *
   * @return the shutdown
   */
  public Shutdown shutdown() {
    return shutdown;
  }

  /**
   * The name each incarnation is registered under.
   *
   * @return the name, if any
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * Whether a failing child is restarted in place (same ref) rather than as a new actor.
   *
   * @return true for restart in place
   */
  public boolean inPlace() {
    return inPlace;
  }

  /** Starts a new incarnation as a new actor, or, in place, the actor that restarts itself. */
  ActorRef<?> start(Node node, ActorRef<?> supervisor) throws Exception {
    if (inPlace) {
      return inPlaceSource.spawnInPlace(node, name, supervisor, id);
    }
    return starter.start(node, name, supervisor);
  }

  @Override
  public String toString() {
    return "ChildSpec[" + id + " " + restart + (inPlace ? " in place" : "") + "]";
  }

  /** The behaviour and arguments of a spec made from an actor. */
  private record InPlaceStarter<M, S, A>(Actor<M, S, A> actor, A args) {
    ActorRef<?> spawnPlain(Node node, String name, ActorRef<?> supervisor) {
      return node.spawnLinked(name, actor, args, supervisor);
    }

    ActorRef<?> spawnInPlace(Node node, String name, ActorRef<?> supervisor, String id) {
      return node.spawnLinked(name, InPlace.supervisedBy(actor, supervisor, id), args, supervisor);
    }
  }
}
