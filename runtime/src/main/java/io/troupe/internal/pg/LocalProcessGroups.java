package io.troupe.internal.pg;

import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.internal.SupervisionSink;
import io.troupe.pg.GroupChange;
import io.troupe.pg.ProcessGroups;
import io.troupe.supervision.SupervisionEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A node's process groups: scopes hold groups hold actors (local, and remote ones the cluster
 * adds).
 *
 * <p>Membership changes and the checks that go with them run under one lock, so an actor that is
 * ending can never be left in a group: its end first sets its status to STOPPING, then calls {@link
 * #leaveAll}; a join that sees STOPPING (or later) inserts nothing. Notifications are sent after
 * the lock is released and carry only actors whose membership really changed.
 */
public final class LocalProcessGroups implements ProcessGroups {

  private final Predicate<ActorRef<?>> isLocal;
  private final Object lock = new Object();

  /** scope -> group -> members, in joining order. Guarded by {@link #lock}. */
  private final Map<String, Map<String, LinkedHashSet<ActorRef<?>>>> scopes = new LinkedHashMap<>();

  /** (scope, group) -> watchers; group key null means the whole scope. Guarded by {@link #lock}. */
  private final Map<WatchKey, LinkedHashSet<ActorRef<?>>> watchers = new LinkedHashMap<>();

  private final List<Consumer<GroupChange>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private record WatchKey(String scope, String group) {}

  /**
   * @param isLocal tells this node's own actors from remote ones
   */
  public LocalProcessGroups(Predicate<ActorRef<?>> isLocal) {
    this.isLocal = isLocal;
  }

  /** Extension point for the cluster: observe every real change (local and remote members). */
  public AutoCloseable addListener(Consumer<GroupChange> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  // ------------------------------------------------------------------ membership

  @Override
  public void join(String group, List<? extends ActorRef<?>> actors) {
    join(DEFAULT_SCOPE, group, actors);
  }

  @Override
  public void join(String scope, String group, List<? extends ActorRef<?>> actors) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(group, "group");
    List<ActorRef<?>> added = new ArrayList<>();
    List<ActorRef<?>> notify;
    synchronized (lock) {
      LinkedHashSet<ActorRef<?>> members =
          scopes
              .computeIfAbsent(scope, s -> new LinkedHashMap<>())
              .computeIfAbsent(group, g -> new LinkedHashSet<>());
      for (ActorRef<?> actor : actors) {
        if (actor.status().compareTo(ActorStatus.STOPPING) < 0 && members.add(actor)) {
          added.add(actor);
        }
      }
      if (members.isEmpty()) {
        dropIfEmpty(scope, group);
      }
      notify = added.isEmpty() ? List.of() : watchersOf(scope, group);
    }
    if (!added.isEmpty()) {
      announce(new GroupChange.Join(scope, group, added), notify);
    }
  }

  @Override
  public void leave(String group, List<? extends ActorRef<?>> actors) {
    leave(DEFAULT_SCOPE, group, actors);
  }

  @Override
  public void leave(String scope, String group, List<? extends ActorRef<?>> actors) {
    List<ActorRef<?>> removed = new ArrayList<>();
    List<ActorRef<?>> notify;
    synchronized (lock) {
      Map<String, LinkedHashSet<ActorRef<?>>> groups = scopes.get(scope);
      LinkedHashSet<ActorRef<?>> members = groups == null ? null : groups.get(group);
      if (members == null) {
        return;
      }
      for (ActorRef<?> actor : actors) {
        if (members.remove(actor)) {
          removed.add(actor);
        }
      }
      dropIfEmpty(scope, group);
      notify = removed.isEmpty() ? List.of() : watchersOf(scope, group);
    }
    if (!removed.isEmpty()) {
      announce(new GroupChange.Leave(scope, group, removed), notify);
    }
  }

  /** Removes an ending actor from every group, and forgets it as a watcher. */
  public void leaveAll(ActorRef<?> actor) {
    List<Runnable> announcements = new ArrayList<>();
    synchronized (lock) {
      for (var scopeEntry : new ArrayList<>(scopes.entrySet())) {
        for (var groupEntry : new ArrayList<>(scopeEntry.getValue().entrySet())) {
          if (groupEntry.getValue().remove(actor)) {
            String scope = scopeEntry.getKey();
            String group = groupEntry.getKey();
            dropIfEmpty(scope, group);
            List<ActorRef<?>> notify = watchersOf(scope, group);
            announcements.add(
                () -> announce(new GroupChange.Leave(scope, group, List.of(actor)), notify));
          }
        }
      }
      watchers.values().forEach(w -> w.remove(actor));
      watchers.values().removeIf(Set::isEmpty);
    }
    announcements.forEach(Runnable::run);
  }

  private void dropIfEmpty(String scope, String group) {
    Map<String, LinkedHashSet<ActorRef<?>>> groups = scopes.get(scope);
    if (groups != null && groups.containsKey(group) && groups.get(group).isEmpty()) {
      groups.remove(group);
      if (groups.isEmpty()) {
        scopes.remove(scope);
      }
    }
  }

  // ------------------------------------------------------------------ queries

  @Override
  public List<ActorRef<?>> members(String group) {
    return members(DEFAULT_SCOPE, group);
  }

  @Override
  public List<ActorRef<?>> members(String scope, String group) {
    synchronized (lock) {
      Map<String, LinkedHashSet<ActorRef<?>>> groups = scopes.get(scope);
      LinkedHashSet<ActorRef<?>> members = groups == null ? null : groups.get(group);
      return members == null ? List.of() : List.copyOf(members);
    }
  }

  @Override
  public List<ActorRef<?>> localMembers(String group) {
    return localMembers(DEFAULT_SCOPE, group);
  }

  @Override
  public List<ActorRef<?>> localMembers(String scope, String group) {
    return members(scope, group).stream().filter(isLocal).toList();
  }

  @Override
  public Set<String> whichGroups() {
    synchronized (lock) {
      Set<String> all = new TreeSet<>();
      scopes.values().forEach(groups -> all.addAll(groups.keySet()));
      return Set.copyOf(all);
    }
  }

  @Override
  public Set<String> whichGroups(String scope) {
    synchronized (lock) {
      Map<String, LinkedHashSet<ActorRef<?>>> groups = scopes.get(scope);
      return groups == null ? Set.of() : Set.copyOf(groups.keySet());
    }
  }

  @Override
  public Set<String> whichScopes() {
    synchronized (lock) {
      return Set.copyOf(scopes.keySet());
    }
  }

  // ------------------------------------------------------------------ monitoring

  @Override
  public void monitor(String group, ActorRef<?> watcher) {
    addWatcher(new WatchKey(DEFAULT_SCOPE, group), watcher);
  }

  @Override
  public void monitorScope(String scope, ActorRef<?> watcher) {
    addWatcher(new WatchKey(scope, null), watcher);
  }

  @Override
  public void demonitor(String group, ActorRef<?> watcher) {
    removeWatcher(new WatchKey(DEFAULT_SCOPE, group), watcher);
  }

  @Override
  public void demonitorScope(String scope, ActorRef<?> watcher) {
    removeWatcher(new WatchKey(scope, null), watcher);
  }

  private void addWatcher(WatchKey key, ActorRef<?> watcher) {
    synchronized (lock) {
      if (watcher.status().compareTo(ActorStatus.STOPPING) < 0) {
        watchers.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(watcher);
      }
    }
  }

  private void removeWatcher(WatchKey key, ActorRef<?> watcher) {
    synchronized (lock) {
      LinkedHashSet<ActorRef<?>> set = watchers.get(key);
      if (set != null && set.remove(watcher) && set.isEmpty()) {
        watchers.remove(key);
      }
    }
  }

  /** The group's and the scope's watchers, each once. Call under the lock. */
  private List<ActorRef<?>> watchersOf(String scope, String group) {
    LinkedHashSet<ActorRef<?>> all = new LinkedHashSet<>();
    LinkedHashSet<ActorRef<?>> ofGroup = watchers.get(new WatchKey(scope, group));
    LinkedHashSet<ActorRef<?>> ofScope = watchers.get(new WatchKey(scope, null));
    if (ofGroup != null) {
      all.addAll(ofGroup);
    }
    if (ofScope != null) {
      all.addAll(ofScope);
    }
    return List.copyOf(all);
  }

  private void announce(GroupChange change, List<ActorRef<?>> notify) {
    SupervisionEvent event = new SupervisionEvent.ProcessGroupChanged(change);
    for (ActorRef<?> watcher : notify) {
      if (watcher instanceof SupervisionSink sink) {
        sink.deliverSupervision(event);
      }
    }
    for (Consumer<GroupChange> listener : listeners) {
      listener.accept(change);
    }
  }
}
