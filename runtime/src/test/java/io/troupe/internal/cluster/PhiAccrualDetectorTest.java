package io.troupe.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The phi-accrual detector driven by a hand-held clock (nanosecond timestamps passed in). */
class PhiAccrualDetectorTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  /**
   * Heartbeats every {@code intervalMs} (plus jitter drawn from {@code jitterMs}), ending at the
   * returned time.
   */
  private static long beat(
      PhiAccrualDetector d, int count, long intervalMs, long jitterMs, long seed) {
    Random random = new Random(seed);
    long now = 0;
    for (int i = 0; i < count; i++) {
      now += (intervalMs + (jitterMs == 0 ? 0 : random.nextLong(-jitterMs, jitterMs + 1))) * MS;
      d.heartbeat(now);
    }
    return now;
  }

  @Test
  void phiGrowsWithSilenceAndPassesEightSoonAfterTheUsualInterval() {
    PhiAccrualDetector d = new PhiAccrualDetector(1000 * MS, 0, 100 * MS);
    beat(d, 100, 1000, 0, 1);
    assertEquals(1000 * MS, d.meanNanos(), 20 * MS);
    double previous = -1;
    for (long silenceMs = 0; silenceMs <= 3000; silenceMs += 50) {
      double phi = d.phi(silenceMs * MS);
      assertTrue(
          phi >= previous, "phi never falls as silence grows: " + silenceMs + " ms -> " + phi);
      previous = phi;
    }
    assertTrue(d.phi(500 * MS) < 0.1, "half an interval: " + d.phi(500 * MS));
    assertTrue(d.phi(1000 * MS) < 1, "one interval: " + d.phi(1000 * MS));
    assertTrue(d.phi(1600 * MS) > 8, "six deviations late: " + d.phi(1600 * MS));
  }

  @Test
  void anIrregularPeerIsGivenMoreTimeThanARegularOne() {
    PhiAccrualDetector regular = new PhiAccrualDetector(1000 * MS, 0, 10 * MS);
    PhiAccrualDetector jittery = new PhiAccrualDetector(1000 * MS, 0, 10 * MS);
    beat(regular, 500, 1000, 0, 2);
    beat(jittery, 500, 1000, 400, 2);
    assertTrue(jittery.stdDeviationNanos() > 5 * regular.stdDeviationNanos());
    assertTrue(regular.phi(1300 * MS) > 8, "regular at 1.3 s: " + regular.phi(1300 * MS));
    assertTrue(jittery.phi(1300 * MS) < 2, "jittery at 1.3 s: " + jittery.phi(1300 * MS));
  }

  @Test
  void theAcceptablePauseShiftsTheCurve() {
    PhiAccrualDetector strict = new PhiAccrualDetector(1000 * MS, 0, 100 * MS);
    PhiAccrualDetector patient = new PhiAccrualDetector(1000 * MS, 2000 * MS, 100 * MS);
    beat(strict, 50, 1000, 0, 3);
    beat(patient, 50, 1000, 0, 3);
    assertTrue(strict.phi(2000 * MS) > 8);
    assertTrue(patient.phi(2000 * MS) < 0.1, "within the pause: " + patient.phi(2000 * MS));
    assertTrue(patient.phi(3700 * MS) > 8, "past the pause: " + patient.phi(3700 * MS));
  }

  @Test
  void beforeAnyHeartbeatTheExpectedIntervalStandsIn() {
    PhiAccrualDetector d = new PhiAccrualDetector(200 * MS, 0, 10 * MS);
    assertEquals(200 * MS, d.meanNanos(), 1);
    assertTrue(d.phi(100 * MS) < 1);
    assertTrue(d.phi(600 * MS) > 8, "no heartbeat for three intervals: " + d.phi(600 * MS));
  }

  @Test
  void theWindowForgetsOldIntervals() {
    PhiAccrualDetector d = new PhiAccrualDetector(1000 * MS, 0, 10 * MS);
    long now = beat(d, 2000, 1000, 0, 4);
    assertEquals(PhiAccrualDetector.WINDOW, d.samples());
    for (int i = 0; i < PhiAccrualDetector.WINDOW; i++) { // the peer now beats every 100 ms
      now += 100 * MS;
      d.heartbeat(now);
    }
    assertEquals(100 * MS, d.meanNanos(), MS);
    assertTrue(d.phi(400 * MS) > 8, "the old 1 s rhythm is forgotten: " + d.phi(400 * MS));
  }

  @Test
  void phiIsNeverNegativeOrNaN() {
    for (double t : new double[] {0, 1, 1e3, 1e9, 1e12, 1e18, Double.MAX_VALUE}) {
      double phi = PhiAccrualDetector.phi(t, 1e9, 1e8);
      assertTrue(phi >= 0 && !Double.isNaN(phi), t + " -> " + phi);
    }
    assertThrows(IllegalArgumentException.class, () -> new PhiAccrualDetector(0, 0, 1));
  }
}
