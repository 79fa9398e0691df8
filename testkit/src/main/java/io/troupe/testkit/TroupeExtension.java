package io.troupe.testkit;

import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.supervision.SupervisionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A fresh {@link Node} for every test, closed after it; the test fails if an actor of the node
 * failed (a handler threw) and the test did not say it expected that.
 *
 * <pre>{@code
 * class DoorTest {
 *   @RegisterExtension final TroupeExtension troupe = TroupeExtension.withManualTime();
 *
 *   @Test
 *   void closesItselfAfterTenMinutes() {
 *     TestProbe<Event> probe = troupe.probe();
 *     ActorRef<Cmd> door = troupe.node().spawn(new Door(), probe.ref());
 *     door.cast(new Cmd.Open());
 *     probe.expectMessage(new Event.Opened());
 *     troupe.time().advance(Duration.ofMinutes(10));
 *     probe.expectMessage(new Event.Closed());
 *   }
 * }
 * }</pre>
 *
 * <p>Use it as an instance field with {@code @RegisterExtension} ({@link #create()} for real time,
 * {@link #withManualTime()} for a node on a {@link ManualTime}), or with
 * {@code @ExtendWith(TroupeExtension.class)} (real time) and take the {@link Node}, the {@code
 * TroupeExtension} or the {@link ManualTime} as test method parameters.
 *
 * <p><b>Failures.</b> Every {@link SupervisionEvent.ActorFailed} on the node is recorded. After the
 * test and the node's close, the test fails with the recorded failures unless it took them: with
 * {@link #expectFailure(ActorRef)} (waits for that actor's failure and returns its cause), {@link
 * #takeFailures()}, or {@link #allowFailures()} for a test where failing actors are the point (a
 * supervisor test, say).
 */
public final class TroupeExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private final boolean manualTime;
  private Node node;
  private ManualTime time;
  private AutoCloseable exitListener;
  private LogCapture logs;
  private boolean failuresAllowed;
  private final List<SupervisionEvent.ActorFailed> failures = new ArrayList<>();

  /** Real time; the constructor {@code @ExtendWith(TroupeExtension.class)} uses. */
  public TroupeExtension() {
    this(false);
  }

  private TroupeExtension(boolean manualTime) {
    this.manualTime = manualTime;
  }

  /**
   * A node per test whose timers run in real time.
   *
   * @return the extension, for {@code @RegisterExtension}
   */
  public static TroupeExtension create() {
    return new TroupeExtension(false);
  }

  /**
   * A node per test whose timers and factory clocks run on a fresh {@link ManualTime}.
   *
   * @return the extension, for {@code @RegisterExtension}
   */
  public static TroupeExtension withManualTime() {
    return new TroupeExtension(true);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    String name = "test-" + context.getRequiredTestMethod().getName();
    synchronized (failures) {
      failures.clear();
      failuresAllowed = false;
    }
    time = manualTime ? new ManualTime() : null;
    node = manualTime ? Node.create(name, time) : Node.create(name);
    exitListener = node.onActorExit(this::onExit);
  }

  private void onExit(ActorRef<?> actor, SupervisionEvent how) {
    if (how instanceof SupervisionEvent.ActorFailed failed) {
      synchronized (failures) {
        failures.add(failed);
        failures.notifyAll();
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      node.close();
    } finally {
      exitListener.close();
      if (logs != null) {
        logs.close();
        logs = null;
      }
    }
    List<SupervisionEvent.ActorFailed> unexpected;
    synchronized (failures) {
      unexpected = failuresAllowed ? List.of() : List.copyOf(failures);
      failures.clear();
    }
    if (!unexpected.isEmpty()) {
      StringBuilder text =
          new StringBuilder(unexpected.size() + " actor(s) failed unexpectedly during the test");
      for (SupervisionEvent.ActorFailed f : unexpected) {
        text.append("\n  ").append(f.actor()).append(": ").append(f.error());
      }
      text.append(
          "\n(take expected failures with expectFailure(ref), takeFailures() or allowFailures())");
      AssertionError error = new AssertionError(text.toString(), unexpected.get(0).error());
      for (int i = 1; i < unexpected.size(); i++) {
        error.addSuppressed(unexpected.get(i).error());
      }
      throw error;
    }
  }

  /**
   * This test's node.
   *
   * @return the node, open until the test ends
   * @throws IllegalStateException outside a test
   */
  public Node node() {
    if (node == null) {
      throw new IllegalStateException(
          "no test is running: the node exists from beforeEach to afterEach");
    }
    return node;
  }

  /**
   * The manual clock of this test's node.
   *
   * @return the clock
   * @throws IllegalStateException if the extension runs in real time ({@link #create()})
   */
  public ManualTime time() {
    if (time == null) {
      throw new IllegalStateException(
          "this node runs in real time: register TroupeExtension.withManualTime() for a manual clock");
    }
    return time;
  }

  /**
   * A new probe on this test's node.
   *
   * @param <M> the messages it receives
   * @return the probe
   */
  public <M> TestProbe<M> probe() {
    return TestProbe.spawn(node());
  }

  /**
   * The log records of the {@code io.troupe} loggers from now until the test ends (and not printed
   * meanwhile): see {@link LogCapture}.
   *
   * @return the capture, started on first call
   */
  public LogCapture logs() {
    if (logs == null) {
      logs = LogCapture.start("io.troupe");
    }
    return logs;
  }

  /**
   * Waits for {@code actor} to fail and takes that failure, so it does not fail the test.
   *
   * @param actor the actor expected to fail
   * @param timeout how long to wait (stretched by {@link TestKitTimeouts#dilate})
   * @return what its handler threw
   * @throws AssertionError if it has not failed when the time is up
   */
  public Throwable expectFailure(ActorRef<?> actor, Duration timeout) {
    long deadline = System.nanoTime() + TestKitTimeouts.dilate(timeout).toNanos();
    synchronized (failures) {
      while (true) {
        for (int i = 0; i < failures.size(); i++) {
          if (failures.get(i).actor().id().equals(actor.id())) {
            return failures.remove(i).error();
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected " + actor + " to fail within " + timeout + "; it is " + actor.status());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(failures, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  /**
   * Waits up to {@link TestKitTimeouts#DEFAULT} for {@code actor} to fail: see {@link
   * #expectFailure(ActorRef, Duration)}.
   *
   * @param actor the actor expected to fail
   * @return what its handler threw
   */
  public Throwable expectFailure(ActorRef<?> actor) {
    return expectFailure(actor, TestKitTimeouts.DEFAULT);
  }

  /**
   * The failures so far, taken: they no longer fail the test.
   *
   * @return each failed actor's event, in the order they failed
   */
  public List<SupervisionEvent.ActorFailed> takeFailures() {
    synchronized (failures) {
      List<SupervisionEvent.ActorFailed> taken = List.copyOf(failures);
      failures.clear();
      return taken;
    }
  }

  /** Failing actors do not fail this test, from now until it ends. */
  public void allowFailures() {
    synchronized (failures) {
      failuresAllowed = true;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Node.class
        || type == TroupeExtension.class
        || (type == ManualTime.class && manualTime);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == Node.class) {
      return node();
    }
    if (type == TroupeExtension.class) {
      return this;
    }
    if (type == ManualTime.class) {
      return time();
    }
    throw new ParameterResolutionException("TroupeExtension cannot supply a " + type.getName());
  }
}
