package io.troupe.supervision;

import io.troupe.ActorRef;
import java.util.Optional;

/**
 * One child as its {@link Supervisor} sees it (OTP's {@code which_children}).
 *
 * @param id the child's id
 * @param ref the running child; empty while it waits for a restart or after it ended for good
 * @param restart its restart type
 * @param restarts how many times it was restarted
 * @param dynamic true if it was added with {@code startChild}
 */
public record ChildInfo(
    String id, Optional<ActorRef<?>> ref, RestartType restart, int restarts, boolean dynamic) {}
