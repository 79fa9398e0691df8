package io.troupe.testkit;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.Node;
import io.troupe.supervision.SupervisionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An actor that a test reads from: give its {@link #ref()} to the actor under test as the receiver
 * of replies, notifications or forwarded messages, then assert on what arrives, in order, under
 * real-time deadlines (stretched by {@link TestKitTimeouts#dilate}). Expectations that fail throw
 * {@link AssertionError}, so they read as JUnit failures.
 *
 * <pre>{@code
 * TestProbe<Event> probe = TestProbe.spawn(node);
 * ActorRef<Cmd> door = node.spawn(new Door(), probe.ref());
 * door.cast(new Cmd.Open());
 * probe.expectMessage(new Event.Opened());
 * probe.expectNoMessage(Duration.ofMillis(100));
 * }</pre>
 *
 * <p>A probe can also {@linkplain #watch watch} other actors and expect their supervision events,
 * or simply {@linkplain #expectTerminated expect them to end}. Thread-safe; meant for one test
 * thread.
 *
 * @param <M> the messages it receives
 */
public final class TestProbe<M> {

  private final ActorRef<M> ref;
  private final LinkedBlockingQueue<M> messages = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<SupervisionEvent> events = new LinkedBlockingQueue<>();

  private TestProbe(Node node, String name) {
    this.ref = node.spawn(name, new ProbeActor(), null);
  }

  /**
   * Spawns an unnamed probe on {@code node}.
   *
   * @param node where the probe lives; closing the node ends it
   * @param <M> the messages it receives
   * @return the probe, running
   */
  public static <M> TestProbe<M> spawn(Node node) {
    return new TestProbe<>(node, null);
  }

  /**
   * Spawns a probe registered under {@code name}, so code under test can find it in the registry.
   *
   * @param node where the probe lives
   * @param name the registered name
   * @param <M> the messages it receives
   * @return the probe, running
   * @throws io.troupe.SpawnException if the name is taken
   */
  public static <M> TestProbe<M> spawn(Node node, String name) {
    return new TestProbe<>(node, Objects.requireNonNull(name, "name"));
  }

  /**
   * The probe's actor: what the code under test sends to.
   *
   * @return its ref
   */
  public ActorRef<M> ref() {
    return ref;
  }

  /**
   * The next message, waiting up to {@link TestKitTimeouts#DEFAULT}.
   *
   * @return the message
   * @throws AssertionError if none arrives in time
   */
  public M expectMessage() {
    return expectMessage(TestKitTimeouts.DEFAULT);
  }

  /**
   * The next message, waiting up to {@code timeout}.
   *
   * @param timeout how long to wait
   * @return the message
   * @throws AssertionError if none arrives in time
   */
  public M expectMessage(Duration timeout) {
    M next = poll(timeout);
    if (next == null) {
      throw new AssertionError(ref + ": expected a message within " + timeout + ", got none");
    }
    return next;
  }

  /**
   * Expects the next message to equal {@code expected}.
   *
   * @param expected the message, compared with {@code equals}
   * @return the message received
   * @throws AssertionError if none arrives within {@link TestKitTimeouts#DEFAULT}, or another does
   */
  public M expectMessage(M expected) {
    return expectMessage(expected, TestKitTimeouts.DEFAULT);
  }

  /**
   * Expects the next message, within {@code timeout}, to equal {@code expected}.
   *
   * @param expected the message, compared with {@code equals}
   * @param timeout how long to wait
   * @return the message received
   * @throws AssertionError if none arrives in time, or another does
   */
  public M expectMessage(M expected, Duration timeout) {
    M next = expectMessage(timeout);
    if (!Objects.equals(expected, next)) {
      throw new AssertionError(ref + ": expected " + expected + ", got " + next);
    }
    return next;
  }

  /**
   * Expects the next message to be of {@code type}.
   *
   * @param type the class the message must be an instance of
   * @param <T> that type
   * @return the message, cast
   * @throws AssertionError if none arrives within {@link TestKitTimeouts#DEFAULT}, or another type
   *     does
   */
  public <T extends M> T expectMessage(Class<T> type) {
    return expectMessage(type, TestKitTimeouts.DEFAULT);
  }

  /**
   * Expects the next message, within {@code timeout}, to be of {@code type}.
   *
   * @param type the class the message must be an instance of
   * @param timeout how long to wait
   * @param <T> that type
   * @return the message, cast
   * @throws AssertionError if none arrives in time, or another type does
   */
  public <T extends M> T expectMessage(Class<T> type, Duration timeout) {
    M next = expectMessage(timeout);
    if (!type.isInstance(next)) {
      throw new AssertionError(ref + ": expected a " + type.getName() + ", got " + next);
    }
    return type.cast(next);
  }

  /**
   * Expects {@code count} messages, all within {@code timeout}.
   *
   * @param count how many
   * @param timeout how long to wait for all of them
   * @return them, in arrival order
   * @throws AssertionError if fewer arrive in time
   */
  public List<M> receiveMessages(int count, Duration timeout) {
    long deadline = System.nanoTime() + TestKitTimeouts.dilate(timeout).toNanos();
    List<M> got = new ArrayList<>(count);
    while (got.size() < count) {
      M next = pollNanos(deadline - System.nanoTime());
      if (next == null) {
        throw new AssertionError(
            ref + ": expected " + count + " messages within " + timeout + ", got " + got);
      }
      got.add(next);
    }
    return got;
  }

  /**
   * Expects that no message arrives for {@code quiet}: the test waits that long.
   *
   * @param quiet how long nothing may arrive
   * @throws AssertionError naming the message if one arrives
   */
  public void expectNoMessage(Duration quiet) {
    M next = poll(quiet);
    if (next != null) {
      throw new AssertionError(ref + ": expected no message for " + quiet + ", got " + next);
    }
  }

  /**
   * Receives messages until one matches {@code matcher}, dropping those before it; all within
   * {@code timeout}.
   *
   * @param matcher what the wanted message satisfies
   * @param timeout how long to wait for it
   * @return the first matching message
   * @throws AssertionError listing what was dropped if none matches in time
   */
  public M fishForMessage(Predicate<? super M> matcher, Duration timeout) {
    long deadline = System.nanoTime() + TestKitTimeouts.dilate(timeout).toNanos();
    List<M> dropped = new ArrayList<>();
    while (true) {
      M next = pollNanos(deadline - System.nanoTime());
      if (next == null) {
        throw new AssertionError(
            ref + ": no matching message within " + timeout + "; dropped " + dropped);
      }
      if (matcher.test(next)) {
        return next;
      }
      dropped.add(next);
    }
  }

  /**
   * Receives messages until one is of {@code type}, dropping those before it.
   *
   * @param type the class of the wanted message
   * @param timeout how long to wait for it
   * @param <T> that type
   * @return the first message of that type
   * @throws AssertionError if none arrives in time
   */
  public <T extends M> T fishForMessage(Class<T> type, Duration timeout) {
    return type.cast(fishForMessage(type::isInstance, timeout));
  }

  /**
   * The messages received and not yet expected, without waiting; they are taken.
   *
   * @return them, in arrival order
   */
  public List<M> drainMessages() {
    List<M> all = new ArrayList<>();
    messages.drainTo(all);
    return all;
  }

  /**
   * Makes the probe receive {@code target}'s supervision events (it {@linkplain ActorRef#monitor
   * monitors} it), for {@link #expectSupervisionEvent}.
   *
   * @param target the actor to watch
   * @return this probe
   */
  public TestProbe<M> watch(ActorRef<?> target) {
    ref.monitor(target);
    return this;
  }

  /**
   * The next supervision event of a watched (or supervised) actor, of {@code type}.
   *
   * <p>An {@link SupervisionEvent.ActorStarted} is skipped unless {@code type} asks for it: an
   * actor reports its start once its {@code postStart} has run, which may be before or after the
   * probe began to watch or supervise it, so whether the probe hears of it is a race.
   *
   * @param type e.g. {@code SupervisionEvent.ActorFailed.class}
   * @param timeout how long to wait
   * @param <T> that type
   * @return the event
   * @throws AssertionError if no event arrives in time, or one of another type does
   */
  public <T extends SupervisionEvent> T expectSupervisionEvent(Class<T> type, Duration timeout) {
    SupervisionEvent next = pollEvent(timeout, type == SupervisionEvent.ActorStarted.class);
    if (next == null) {
      throw new AssertionError(
          ref + ": expected a " + type.getSimpleName() + " within " + timeout + ", got none");
    }
    if (!type.isInstance(next)) {
      throw new AssertionError(ref + ": expected a " + type.getSimpleName() + ", got " + next);
    }
    return type.cast(next);
  }

  /**
   * Expects that no supervision event arrives for {@code quiet}: the test waits that long. Use it
   * after {@link #expectSupervisionEvent} to check that an actor's end was reported once. An {@link
   * SupervisionEvent.ActorStarted} does not count (see {@link #expectSupervisionEvent}).
   *
   * @param quiet how long no event may arrive
   * @throws AssertionError naming the event if one arrives
   */
  public void expectNoSupervisionEvent(Duration quiet) {
    SupervisionEvent next = pollEvent(quiet, false);
    if (next != null) {
      throw new AssertionError(
          ref + ": expected no supervision event for " + quiet + ", got " + next);
    }
  }

  /** The next event within {@code timeout}, or null; skips starts unless {@code starts}. */
  private SupervisionEvent pollEvent(Duration timeout, boolean starts) {
    long deadline = System.nanoTime() + TestKitTimeouts.dilate(timeout).toNanos();
    try {
      while (true) {
        SupervisionEvent next =
            events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (next == null || starts || !(next instanceof SupervisionEvent.ActorStarted)) {
          return next;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Expects {@code target} to end (stop, be killed or fail) within {@code timeout}. Needs no {@link
   * #watch}: it also passes if the target had already ended.
   *
   * @param target the actor
   * @param timeout how long to wait
   * @throws AssertionError if it is still alive when the time is up
   */
  public void expectTerminated(ActorRef<?> target, Duration timeout) {
    if (!target.awaitExit(TestKitTimeouts.dilate(timeout))) {
      throw new AssertionError(
          "expected " + target + " to end within " + timeout + ", it is " + target.status());
    }
  }

  /**
   * Expects {@code target} to end within {@link TestKitTimeouts#DEFAULT}.
   *
   * @param target the actor
   * @throws AssertionError if it is still alive when the time is up
   */
  public void expectTerminated(ActorRef<?> target) {
    expectTerminated(target, TestKitTimeouts.DEFAULT);
  }

  /**
   * Stops the probe's actor and waits for it.
   *
   * @return true if it ended within {@link TestKitTimeouts#DEFAULT}
   */
  public boolean stop() {
    return ref.status() == ActorStatus.STOPPED
        || ref.stopAndWait("probe stopped", TestKitTimeouts.dilate(TestKitTimeouts.DEFAULT));
  }

  /**
   * Waits until everything sent to the probe before this call has reached its queue: a marker is
   * cast behind it (mailboxes keep one sender's order) and awaited.
   */
  void sync(Duration timeout) {
    Marker marker = new Marker();
    @SuppressWarnings(
        "unchecked") // erased: the probe's actor recognizes the marker before treating it as an M
    ActorRef<Object> raw = (ActorRef<Object>) (ActorRef<?>) ref;
    raw.cast(marker);
    try {
      if (!marker.arrived.await(TestKitTimeouts.dilate(timeout).toNanos(), TimeUnit.NANOSECONDS)) {
        throw new AssertionError(ref + ": its earlier messages did not arrive within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static final class Marker {
    final java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
  }

  private M poll(Duration timeout) {
    return pollNanos(TestKitTimeouts.dilate(timeout).toNanos());
  }

  private M pollNanos(long nanos) {
    try {
      return messages.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a message", e);
    }
  }

  @Override
  public String toString() {
    return "TestProbe[" + ref + ", " + messages.size() + " unread]";
  }

  /** Records what it receives; survives its watched actors' ends (the default would stop it). */
  private final class ProbeActor implements Actor<M, Void, Void> {
    @Override
    public Void preStart(ActorRef<M> self, Void args) {
      return null;
    }

    @Override
    public Void handle(ActorRef<M> self, M message, Void state) {
      if ((Object) message instanceof Marker marker) {
        marker.arrived.countDown();
        return null;
      }
      messages.add(message);
      return null;
    }

    @Override
    public Void handleSupervisorEvent(ActorRef<M> self, SupervisionEvent event, Void state) {
      events.add(event);
      return null;
    }
  }
}
