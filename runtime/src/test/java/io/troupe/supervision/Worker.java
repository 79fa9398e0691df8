package io.troupe.supervision;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.rpc.RpcReplyPort;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A child for supervision tests: logs its starts and stops, fails or stops on request. */
final class Worker implements Actor<Worker.Msg, Worker.State, String> {

  sealed interface Msg {}

  record Fail(String why) implements Msg {}

  record Stop() implements Msg {}

  record Add(int n) implements Msg {}

  /** Answers with "incarnation:count". */
  record Get(RpcReplyPort<String> reply) implements Msg {}

  /** Keeps the port, to answer never. */
  record Defer(RpcReplyPort<String> reply) implements Msg {}

  /** Fails while answering a call. */
  record FailCall(RpcReplyPort<String> reply) implements Msg {}

  /** Blocks the handler until the latch opens. */
  record Hold(CountDownLatch open) implements Msg {}

  static final class State {
    final String id;
    final int incarnation;
    int count;
    RpcReplyPort<String> deferred;

    State(String id, int incarnation) {
      this.id = id;
      this.incarnation = incarnation;
    }
  }

  private final Queue<String> log;
  private final AtomicInteger incarnations = new AtomicInteger();

  /** Starts that fail from now on (counted down). */
  final AtomicInteger failingStarts = new AtomicInteger();

  Worker(Queue<String> log) {
    this.log = log;
  }

  @Override
  public State preStart(ActorRef<Msg> self, String id) {
    if (failingStarts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      log.add("startfail:" + id);
      throw new IllegalStateException("start of " + id + " refused");
    }
    log.add("start:" + id);
    return new State(id, incarnations.incrementAndGet());
  }

  @Override
  public State handle(ActorRef<Msg> self, Msg message, State s) throws Exception {
    switch (message) {
      case Fail f -> throw new IllegalStateException(f.why());
      case Stop x -> self.stop("asked to");
      case Add a -> s.count += a.n();
      case Get g -> g.reply().send(s.incarnation + ":" + s.count);
      case Defer d -> s.deferred = d.reply();
      case FailCall f -> throw new IllegalStateException("failing a call");
      case Hold h -> h.open().await();
    }
    return s;
  }

  @Override
  public void postStop(ActorRef<Msg> self, State s) {
    log.add("stop:" + s.id);
  }
}
