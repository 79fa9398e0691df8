package io.troupe.pg;

import io.troupe.ActorRef;
import java.util.List;

/** A change in a process group, carrying only the actors whose membership really changed. */
public sealed interface GroupChange {
  /**
   * The scope of the group that changed.
   *
   * @return the scope's name ({@link ProcessGroups#DEFAULT_SCOPE} for the methods without one)
   */
  String scope();

  /**
   * The group that changed.
   *
   * @return the group's name
   */
  String group();

  /**
   * The actors that joined or left.
   *
   * @return an immutable, non-empty list in the order of the change
   */
  List<ActorRef<?>> actors();

  /**
   * The actors joined {@code group} in {@code scope}.
   *
   * @param scope the group's scope
   * @param group the group's name
   * @param actors the actors added, copied
   */
  record Join(String scope, String group, List<ActorRef<?>> actors) implements GroupChange {
    /**
     * A join event.
     *
     * @param scope the group's scope
     * @param group the group's name
     * @param actors the actors added, copied
     * @throws NullPointerException if {@code actors} is or contains null
     */
    public Join {
      actors = List.copyOf(actors);
    }
  }

  /**
   * The actors left {@code group} in {@code scope} (explicitly, or because they stopped).
   *
   * @param scope the group's scope
   * @param group the group's name
   * @param actors the actors removed, copied
   */
  record Leave(String scope, String group, List<ActorRef<?>> actors) implements GroupChange {
    /**
     * A leave event.
     *
     * @param scope the group's scope
     * @param group the group's name
     * @param actors the actors removed, copied
     * @throws NullPointerException if {@code actors} is or contains null
     */
    public Leave {
      actors = List.copyOf(actors);
    }
  }
}
