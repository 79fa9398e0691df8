package io.troupe.pg;

import io.troupe.ActorRef;
import java.util.List;
import java.util.Set;

/**
 * Named groups of actors, organised in scopes. Joining twice is one membership; notifications carry
 * only real changes; an actor that stops leaves all of its groups by itself.
 *
 * <p>Membership changes are linearizable (one lock per node); the queries return immutable
 * snapshots, and a watcher's event is sent after the change it reports is visible to {@link
 * #members(String, String)}. The methods without a scope argument use {@link #DEFAULT_SCOPE}.
 */
public interface ProcessGroups {
  /** The scope used by the methods without a scope argument. */
  String DEFAULT_SCOPE = "__default__";

  /**
   * Adds {@code actors} to {@code group} in the default scope. See {@link #join(String, String,
   * List)}.
   *
   * @param group the group's name
   * @param actors the actors to add; those already members, stopping or stopped are skipped
   * @throws NullPointerException if {@code group} or {@code actors} is null
   */
  void join(String group, List<? extends ActorRef<?>> actors);

  /**
   * Adds {@code actors} to {@code group} in {@code scope}. An actor already in the group stays one
   * member; a stopping or stopped actor is never inserted. Watchers of the group and of the scope
   * receive one {@link GroupChange.Join} naming only the actors really added (none if there are
   * none).
   *
   * @param scope the scope's name; the same group name in another scope is another group
   * @param group the group's name
   * @param actors the actors to add, local or (with the cluster) remote
   * @throws NullPointerException if {@code scope}, {@code group} or {@code actors} is null
   */
  void join(String scope, String group, List<? extends ActorRef<?>> actors);

  /**
   * Removes {@code actors} from {@code group} in the default scope. See {@link #leave(String,
   * String, List)}.
   *
   * @param group the group's name
   * @param actors the actors to remove; those that are not members are ignored
   */
  void leave(String group, List<? extends ActorRef<?>> actors);

  /**
   * Removes {@code actors} from {@code group} in {@code scope}; leaving a group one is not in does
   * nothing. A group left empty disappears, and so does a scope left empty. Watchers receive one
   * {@link GroupChange.Leave} naming only the actors really removed.
   *
   * @param scope the scope's name
   * @param group the group's name
   * @param actors the actors to remove; those that are not members are ignored
   */
  void leave(String scope, String group, List<? extends ActorRef<?>> actors);

  /**
   * The members of {@code group} in the default scope, local and remote.
   *
   * @param group the group's name
   * @return the members in joining order, an immutable snapshot; empty for an unknown group
   */
  List<ActorRef<?>> members(String group);

  /**
   * The members of {@code group} in {@code scope}, local and remote.
   *
   * @param scope the scope's name
   * @param group the group's name
   * @return the members in joining order, an immutable snapshot; empty for an unknown group
   */
  List<ActorRef<?>> members(String scope, String group);

  /**
   * The members of {@code group} in the default scope that run on this node.
   *
   * @param group the group's name
   * @return this node's members in joining order, an immutable snapshot
   */
  List<ActorRef<?>> localMembers(String group);

  /**
   * The members of {@code group} in {@code scope} that run on this node.
   *
   * @param scope the scope's name
   * @param group the group's name
   * @return this node's members in joining order, an immutable snapshot
   */
  List<ActorRef<?>> localMembers(String scope, String group);

  /**
   * The names of the non-empty groups of every scope.
   *
   * @return an immutable snapshot of the group names
   */
  Set<String> whichGroups();

  /**
   * The names of the non-empty groups of {@code scope}.
   *
   * @param scope the scope's name
   * @return an immutable snapshot; empty for an unknown scope
   */
  Set<String> whichGroups(String scope);

  /**
   * The scopes that hold at least one non-empty group.
   *
   * @return an immutable snapshot of the scope names
   */
  Set<String> whichScopes();

  /**
   * Makes {@code watcher} receive {@code ProcessGroupChanged} events, in its {@code
   * handleSupervisorEvent}, for every later change of {@code group} in the default scope. A watcher
   * of both a group and its scope gets each change once; a watcher that stops is forgotten.
   * Monitoring with a stopping or stopped watcher does nothing.
   *
   * @param group the group's name
   * @param watcher the actor that receives the events
   */
  void monitor(String group, ActorRef<?> watcher);

  /**
   * Makes {@code watcher} receive {@code ProcessGroupChanged} events for every later change of
   * every group of {@code scope}. See {@link #monitor(String, ActorRef)}.
   *
   * @param scope the scope's name
   * @param watcher the actor that receives the events
   */
  void monitorScope(String scope, ActorRef<?> watcher);

  /**
   * Ends {@code watcher}'s subscription to {@code group} in the default scope; does nothing if it
   * has none.
   *
   * @param group the group's name
   * @param watcher the actor to unsubscribe
   */
  void demonitor(String group, ActorRef<?> watcher);

  /**
   * Ends {@code watcher}'s subscription to the whole of {@code scope}; does nothing if it has none.
   *
   * @param scope the scope's name
   * @param watcher the actor to unsubscribe
   */
  void demonitorScope(String scope, ActorRef<?> watcher);
}
