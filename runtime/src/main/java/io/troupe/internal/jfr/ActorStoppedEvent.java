package io.troupe.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: an actor ended (stopped, drained, killed or failed). */
@Name("io.troupe.ActorStopped")
@Label("Actor Stopped")
@Category({"Troupe", "Actors"})
@Description("An actor ended; the outcome says how")
@StackTrace(false)
public final class ActorStoppedEvent extends Event {
  @Label("Node")
  public String node;

  @Label("Actor")
  public String actor;

  @Label("Outcome")
  @Description("terminated, killed or failed")
  public String outcome;

  @Label("Reason")
  @Description("The stop reason, or the failure")
  public String reason;
}
