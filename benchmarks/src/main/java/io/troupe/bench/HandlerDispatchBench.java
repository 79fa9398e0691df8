package io.troupe.bench;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.annotation.ActorMessage;
import io.troupe.rpc.RpcReplyPort;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of dispatching through a generated handler ({@code TallyMsgHandler}'s default {@code
 * handle}, which switches and calls one method per variant, and wraps a call's port in a {@code
 * Reply}) against a hand-written {@code handle} with the same switch, called directly on the
 * benchmark thread (no mailbox: only the dispatch differs). One operation handles four messages:
 * two casts, a call and an enum constant. The call's port is answered once and then closed, so
 * later answers are the cheap no-op of a closed port, the same on both sides.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HandlerDispatchBench {

  /** A tally: the shape of a typical actor protocol. */
  @ActorMessage
  public sealed interface TallyMsg {
    /** Adds to the total. */
    record Add(int amount) implements TallyMsg {}

    /** Subtracts from the total. */
    record Sub(int amount) implements TallyMsg {}

    /** Answers the total. */
    record Total(RpcReplyPort<Long> reply) implements TallyMsg {}

    /** Commands without arguments. */
    enum Control implements TallyMsg {
      RESET
    }
  }

  /** The hand-written switch. */
  static final class HandWritten implements Actor<TallyMsg, Long, Void> {
    @Override
    public Long preStart(ActorRef<TallyMsg> self, Void args) {
      return 0L;
    }

    @Override
    public Long handle(ActorRef<TallyMsg> self, TallyMsg message, Long total) {
      return switch (message) {
        case TallyMsg.Add add -> total + add.amount();
        case TallyMsg.Sub sub -> total - sub.amount();
        case TallyMsg.Total get -> {
          get.reply().send(total);
          yield total;
        }
        case TallyMsg.Control.RESET -> total & 0xff;
      };
    }
  }

  /** The same behaviour through the generated handler. */
  static final class Generated implements TallyMsgHandler<Long, Void> {
    @Override
    public Long preStart(ActorRef<TallyMsg> self, Void args) {
      return 0L;
    }

    @Override
    public Long onAdd(ActorRef<TallyMsg> self, int amount, Long total) {
      return total + amount;
    }

    @Override
    public Long onSub(ActorRef<TallyMsg> self, int amount, Long total) {
      return total - amount;
    }

    @Override
    public Answered<Long> onTotal(ActorRef<TallyMsg> self, Reply<Long, Long> reply, Long total) {
      return reply.answer(total, total);
    }

    @Override
    public Long onReset(ActorRef<TallyMsg> self, Long total) {
      return total & 0xff;
    }
  }

  final TallyMsg[] messages = {
    new TallyMsg.Add(3),
    new TallyMsg.Sub(1),
    new TallyMsg.Total(new RpcReplyPort<>()),
    TallyMsg.Control.RESET
  };
  final Actor<TallyMsg, Long, Void> handWritten = new HandWritten();
  final Actor<TallyMsg, Long, Void> generated = new Generated();
  long state;

  /** Four messages through the hand-written switch. */
  @Benchmark
  public long handWritten() throws Exception {
    return dispatch(handWritten);
  }

  /** Four messages through the generated handler. */
  @Benchmark
  public long generatedHandler() throws Exception {
    return dispatch(generated);
  }

  private long dispatch(Actor<TallyMsg, Long, Void> actor) throws Exception {
    Long total = state;
    for (TallyMsg message : messages) {
      total = actor.handle(null, message, total);
    }
    state = total;
    return total;
  }
}
