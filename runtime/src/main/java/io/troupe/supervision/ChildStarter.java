package io.troupe.supervision;

import io.troupe.ActorRef;
import io.troupe.Node;

/**
 * Starts one child of a {@link Supervisor}: OTP's start function. It runs on the supervisor's
 * thread, for the first start and for every restart, and should spawn the child linked to {@code
 * supervisor} ({@code node.spawnLinked(name, actor, args, supervisor)}); a returned ref that is not
 * linked yet is linked by the supervisor.
 */
@FunctionalInterface
public interface ChildStarter {

  /**
   * Starts the child.
   *
   * @param node the supervisor's node
   * @param name the name to register the child under, or null for none
   * @param supervisor the supervisor, to link the child to
   * @return the started child
   * @throws Exception if the child could not start; the supervisor counts it as a failure of the
   *     child (restarted under the intensity and backoff, or, on the supervisor's first start, the
   *     supervisor's spawn fails)
   */
  ActorRef<?> start(Node node, String name, ActorRef<?> supervisor) throws Exception;
}
