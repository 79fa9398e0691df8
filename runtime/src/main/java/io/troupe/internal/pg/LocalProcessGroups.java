package io.troupe.internal.pg;

import io.troupe.ActorRef;
import io.troupe.pg.ProcessGroups;
import java.util.List;
import java.util.Set;

/** A node's process groups. (Placeholder until the process-groups issue lands.) */
public final class LocalProcessGroups implements ProcessGroups {

  /** Removes a stopped actor from every group it belongs to. */
  public void leaveAll(ActorRef<?> actor) {}

  private static UnsupportedOperationException notYet() {
    return new UnsupportedOperationException("process groups are not implemented yet");
  }

  @Override
  public void join(String group, List<? extends ActorRef<?>> actors) {
    throw notYet();
  }

  @Override
  public void join(String scope, String group, List<? extends ActorRef<?>> actors) {
    throw notYet();
  }

  @Override
  public void leave(String group, List<? extends ActorRef<?>> actors) {
    throw notYet();
  }

  @Override
  public void leave(String scope, String group, List<? extends ActorRef<?>> actors) {
    throw notYet();
  }

  @Override
  public List<ActorRef<?>> members(String group) {
    throw notYet();
  }

  @Override
  public List<ActorRef<?>> members(String scope, String group) {
    throw notYet();
  }

  @Override
  public List<ActorRef<?>> localMembers(String group) {
    throw notYet();
  }

  @Override
  public List<ActorRef<?>> localMembers(String scope, String group) {
    throw notYet();
  }

  @Override
  public Set<String> whichGroups() {
    throw notYet();
  }

  @Override
  public Set<String> whichGroups(String scope) {
    throw notYet();
  }

  @Override
  public Set<String> whichScopes() {
    throw notYet();
  }

  @Override
  public void monitor(String group, ActorRef<?> watcher) {
    throw notYet();
  }

  @Override
  public void monitorScope(String scope, ActorRef<?> watcher) {
    throw notYet();
  }

  @Override
  public void demonitor(String group, ActorRef<?> watcher) {
    throw notYet();
  }

  @Override
  public void demonitorScope(String scope, ActorRef<?> watcher) {
    throw notYet();
  }
}
