package io.troupe.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: a cluster session closed (a disconnect, a lost connection, a failed handshake). */
@Name("io.troupe.SessionClosed")
@Label("Session Closed")
@Category({"Troupe", "Cluster"})
@Description("A session with a peer node closed; the reason says why")
@StackTrace(false)
public final class SessionClosedEvent extends Event {
  @Label("Node")
  public String node;

  @Label("Peer")
  @Description("The peer's name (quoted and cleaned) or address")
  public String peer;

  @Label("Was Authenticated")
  public boolean authenticated;

  @Label("Reason")
  public String reason;
}
