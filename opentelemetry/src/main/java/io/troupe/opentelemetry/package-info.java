/**
 * OpenTelemetry tracing for Troupe: {@link io.troupe.opentelemetry.TroupeTracing} restores the
 * sender's {@code Context} around each handler, locally and across nodes, with a span per handled
 * message. See docs/observability.md.
 */
package io.troupe.opentelemetry;
