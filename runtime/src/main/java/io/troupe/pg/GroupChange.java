package io.troupe.pg;

import io.troupe.ActorRef;
import java.util.List;

/** A change in a process group, carrying only the actors whose membership really changed. */
public sealed interface GroupChange {
  String scope();

  String group();

  List<ActorRef<?>> actors();

  /** The actors joined {@code group} in {@code scope}. */
  record Join(String scope, String group, List<ActorRef<?>> actors) implements GroupChange {
    public Join {
      actors = List.copyOf(actors);
    }
  }

  /** The actors left {@code group} in {@code scope} (explicitly, or because they stopped). */
  record Leave(String scope, String group, List<ActorRef<?>> actors) implements GroupChange {
    public Leave {
      actors = List.copyOf(actors);
    }
  }
}
