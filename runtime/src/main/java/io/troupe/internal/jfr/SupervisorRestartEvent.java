package io.troupe.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** JFR: a supervisor decided a restart, or gave up (its restart intensity was exceeded). */
@Name("io.troupe.SupervisorRestart")
@Label("Supervisor Restart")
@Category({"Troupe", "Supervision"})
@Description("A supervisor restarts a child (and its group by the strategy), or gives up")
@StackTrace(false)
public final class SupervisorRestartEvent extends Event {
  @Label("Node")
  public String node;

  @Label("Supervisor")
  @Description("The supervisor's name, or its id")
  public String supervisor;

  @Label("Child")
  @Description("The id of the child whose end caused the decision")
  public String child;

  @Label("Gave Up")
  @Description("True if the restart intensity was exceeded: no restart, the supervisor fails")
  public boolean gaveUp;

  @Label("Attempt")
  @Description("The child's attempt since its last stable run (0 when the supervisor gave up)")
  public int attempt;

  @Label("Delay")
  @Description("The backoff before the restart")
  @Timespan(Timespan.NANOSECONDS)
  public long delay;

  @Label("In Place")
  public boolean inPlace;

  @Label("Cause")
  @Description("What the child threw, if it failed")
  public String cause;
}
