package test.shapes;

import io.troupe.annotation.ActorMessage;
import io.troupe.annotation.FacadeMethod;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Message interfaces nested in a class, with every kind of variant. */
public class Shapes {
  @ActorMessage(facadeName = "Library")
  public sealed interface LibraryMsg permits LibraryMsg.Shelve, LibraryMsg.Lookup, LibraryMsg.Titles,
      LibraryMsg.Count, LibraryMsg.Tick, LibraryMsg.Mode, Lend, Fetch {
    /** A cast with several components. */
    record Shelve(String title, int copies, List<String> authors) implements LibraryMsg {}

    /** The reply port in the middle: the facade keeps the other components in order. */
    record Lookup(String title, RpcReplyPort<Map<String, Integer>> reply, boolean exact)
        implements LibraryMsg {}

    /** A wildcard reply type: the facade asks for its bound. */
    record Titles(RpcReplyPort<? extends List<String>> reply) implements LibraryMsg {}

    /** Renamed: the facade says total(...) and totalAsync(...). */
    @FacadeMethod("total")
    record Count(RpcReplyPort<Long> reply) implements LibraryMsg {}

    /** No components. */
    record Tick() implements LibraryMsg {}

    /** Enum constants: one cast each. */
    enum Mode implements LibraryMsg {
      OPEN,
      CLOSED_FOR_LUNCH,
      @FacadeMethod("shut")
      Closed
    }
  }

  /** Components named like the facade's own parameters. */
  record Fetch(String timeout, String port, RpcReplyPort<byte[]> reply) implements LibraryMsg {}

  /** A component named like the facade's field. */
  record Lend(String ref, Duration days) implements LibraryMsg {}
}
