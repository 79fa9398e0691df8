/**
 * Process groups: named sets of actors in scopes, cluster-wide, with change notifications ({@link
 * io.troupe.pg.ProcessGroups}, {@link io.troupe.pg.GroupChange}).
 *
 * <p>API. The implementation is in {@code io.troupe.internal.pg}.
 */
package io.troupe.pg;
