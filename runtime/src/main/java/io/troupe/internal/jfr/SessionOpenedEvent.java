package io.troupe.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a cluster session was authenticated. */
@Name("io.troupe.SessionOpened")
@Label("Session Opened")
@Category({"Troupe", "Cluster"})
@Description("A session with a peer node was authenticated")
@StackTrace(false)
public final class SessionOpenedEvent extends Event {
  @Label("Node")
  public String node;

  @Label("Peer")
  @Description("The peer's name, quoted and cleaned")
  public String peer;

  @Label("Outbound")
  @Description("True if this node connected, false if the peer did")
  public boolean outbound;
}
