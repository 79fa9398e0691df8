package io.troupe.pg;

import io.troupe.ActorRef;
import java.util.List;
import java.util.Set;

/**
 * Named groups of actors, organised in scopes. Joining twice is one membership; notifications
 * carry only real changes; an actor that stops leaves all of its groups by itself.
 */
public interface ProcessGroups {
  /** The scope used by the methods without a scope argument. */
  String DEFAULT_SCOPE = "__default__";

  void join(String group, List<? extends ActorRef<?>> actors);

  void join(String scope, String group, List<? extends ActorRef<?>> actors);

  void leave(String group, List<? extends ActorRef<?>> actors);

  void leave(String scope, String group, List<? extends ActorRef<?>> actors);

  /** Local and remote members. */
  List<ActorRef<?>> members(String group);

  List<ActorRef<?>> members(String scope, String group);

  List<ActorRef<?>> localMembers(String group);

  List<ActorRef<?>> localMembers(String scope, String group);

  Set<String> whichGroups();

  Set<String> whichGroups(String scope);

  Set<String> whichScopes();

  /** {@code watcher} receives {@code ProcessGroupChanged} events for {@code group} in the default scope. */
  void monitor(String group, ActorRef<?> watcher);

  /** {@code watcher} receives {@code ProcessGroupChanged} events for every group of {@code scope}. */
  void monitorScope(String scope, ActorRef<?> watcher);

  void demonitor(String group, ActorRef<?> watcher);

  void demonitorScope(String scope, ActorRef<?> watcher);
}
