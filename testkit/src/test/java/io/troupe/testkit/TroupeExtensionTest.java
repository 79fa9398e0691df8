package io.troupe.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.Node;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs small test classes through the JUnit Platform and checks what the extension made of them.
 */
class TroupeExtensionTest {

  static final AtomicReference<ActorRef<?>> LEFT_RUNNING = new AtomicReference<>();

  /** Throws on every message. */
  static final class Fragile implements Actor<String, Void, Void> {
    @Override
    public Void preStart(ActorRef<String> self, Void args) {
      return null;
    }

    @Override
    public Void handle(ActorRef<String> self, String msg, Void state) {
      throw new IllegalStateException("fragile got " + msg);
    }
  }

  static class UnexpectedFailure {
    @RegisterExtension final TroupeExtension troupe = TroupeExtension.create();

    @Test
    void anActorFailsAndTheTestSaysNothing() {
      ActorRef<String> fragile = troupe.node().spawn(new Fragile(), null);
      fragile.cast("x");
      troupe.probe().expectTerminated(fragile);
    }
  }

  static class ExpectedFailure {
    @RegisterExtension final TroupeExtension troupe = TroupeExtension.create();

    @Test
    void anActorFailsAndTheTestExpectsIt() {
      ActorRef<String> fragile = troupe.node().spawn(new Fragile(), null);
      fragile.cast("x");
      assertEquals("fragile got x", troupe.expectFailure(fragile).getMessage());
    }
  }

  static class LeavesAnActorRunning {
    @RegisterExtension final TroupeExtension troupe = TroupeExtension.create();

    @Test
    void spawnsAndReturns(Node node) {
      LEFT_RUNNING.set(TestProbe.spawn(node).ref());
    }
  }

  private static List<TestExecutionResult> run(Class<?> testClass) {
    List<TestExecutionResult> results = new java.util.concurrent.CopyOnWriteArrayList<>();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(testClass))
                .build(),
            new TestExecutionListener() {
              @Override
              public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                  results.add(result);
                }
              }
            });
    return results;
  }

  @Test
  void aTestInWhichAnActorFailedUnexpectedlyFailsNamingTheActorAndTheCause() {
    try (LogCapture quiet = LogCapture.start("io.troupe")) {
      List<TestExecutionResult> results = run(UnexpectedFailure.class);
      assertEquals(1, results.size());
      TestExecutionResult result = results.get(0);
      assertEquals(TestExecutionResult.Status.FAILED, result.getStatus());
      Throwable error = result.getThrowable().orElseThrow();
      assertTrue(error.getMessage().contains("1 actor(s) failed unexpectedly"), error.getMessage());
      assertEquals("fragile got x", error.getCause().getMessage());
      quiet.awaitRecord(Level.WARNING, "unsupervised actor", Duration.ofSeconds(5));
    }
  }

  @Test
  void aFailureTheTestExpectedLeavesItGreen() {
    List<TestExecutionResult> results = run(ExpectedFailure.class);
    assertEquals(
        List.of(TestExecutionResult.Status.SUCCESSFUL),
        results.stream().map(TestExecutionResult::getStatus).toList());
  }

  @Test
  void theNodeIsClosedAfterTheTestWithEveryActorOnIt() {
    List<TestExecutionResult> results = run(LeavesAnActorRunning.class);
    assertEquals(
        List.of(TestExecutionResult.Status.SUCCESSFUL),
        results.stream().map(TestExecutionResult::getStatus).toList());
    assertEquals(ActorStatus.STOPPED, LEFT_RUNNING.get().status());
  }
}
