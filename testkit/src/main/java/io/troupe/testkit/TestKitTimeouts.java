package io.troupe.testkit;

import java.time.Duration;

/**
 * The real-time deadlines of the kit's expectations. Every timeout given to the kit is multiplied
 * by the system property {@code troupe.testkit.timeFactor} (default 1; e.g. 3 on a slow CI
 * machine), so tests state the deadline they mean and slow machines stretch it without editing
 * tests. {@link TestProbe#expectNoMessage(Duration)} is stretched too: on a slow machine a message
 * that should not arrive takes longer to show up.
 */
public final class TestKitTimeouts {

  /** The deadline of expectations that are given none: 5 seconds (before dilation). */
  public static final Duration DEFAULT = Duration.ofSeconds(5);

  private TestKitTimeouts() {}

  /**
   * {@code timeout} times the {@code troupe.testkit.timeFactor} system property.
   *
   * @param timeout the deadline a test states
   * @return the deadline the kit waits for
   * @throws IllegalArgumentException if the property is not a positive number
   */
  public static Duration dilate(Duration timeout) {
    String factor = System.getProperty("troupe.testkit.timeFactor");
    if (factor == null || factor.isBlank()) {
      return timeout;
    }
    double f;
    try {
      f = Double.parseDouble(factor.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "troupe.testkit.timeFactor must be a positive number, not '" + factor + "'", e);
    }
    if (!(f > 0)) {
      throw new IllegalArgumentException(
          "troupe.testkit.timeFactor must be a positive number, not '" + factor + "'");
    }
    return Duration.ofNanos((long) Math.min(Long.MAX_VALUE, timeout.toNanos() * f));
  }
}
