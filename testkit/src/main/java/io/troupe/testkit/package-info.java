/**
 * Troupe's test kit for JUnit 5: {@link io.troupe.testkit.TroupeExtension} (a node per test that
 * fails the test on unexpected actor failures), {@link io.troupe.testkit.TestProbe} (an actor to
 * assert on), {@link io.troupe.testkit.ManualTime} (timers that fire when the test advances time),
 * {@link io.troupe.testkit.LogCapture} and {@link io.troupe.testkit.BehaviourTestKit} (handlers run
 * synchronously). Use it in test scope. See docs/testing.md.
 */
package io.troupe.testkit;
