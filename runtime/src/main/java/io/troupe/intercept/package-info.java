/**
 * Interceptors: the hook that sees every message at send time and around its handling, on which
 * tracing ({@code troupe-opentelemetry}), metrics ({@code troupe-micrometer}), logging context and
 * authorisation are built. See {@link io.troupe.intercept.Interceptor}.
 */
package io.troupe.intercept;
