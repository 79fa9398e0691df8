package io.troupe.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: an actor finished {@code preStart}. Costs nothing unless a recording enables it. */
@Name("io.troupe.ActorSpawned")
@Label("Actor Spawned")
@Category({"Troupe", "Actors"})
@Description("An actor finished preStart and is starting")
@StackTrace(false)
public final class ActorSpawnedEvent extends Event {
  @Label("Node")
  public String node;

  @Label("Actor")
  public String actor;

  @Label("Behaviour")
  public String behaviour;
}
