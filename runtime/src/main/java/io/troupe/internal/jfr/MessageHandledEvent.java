package io.troupe.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/** JFR: one message handled by an actor, recorded when it took at least the threshold. */
@Name("io.troupe.MessageHandled")
@Label("Message Handled")
@Category({"Troupe", "Actors"})
@Description(
    "An actor's handler ran for one message (recorded from the threshold up, 10 ms by default)")
@StackTrace(false)
@Threshold("10 ms")
public final class MessageHandledEvent extends Event {
  @Label("Node")
  public String node;

  @Label("Actor")
  public String actor;

  @Label("Message Type")
  public Class<?> messageType;

  @Label("Failed")
  public boolean failed;
}
