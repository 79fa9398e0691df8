/** INTERNAL API: a node's process groups ({@link io.troupe.internal.pg.LocalProcessGroups}). */
package io.troupe.internal.pg;
