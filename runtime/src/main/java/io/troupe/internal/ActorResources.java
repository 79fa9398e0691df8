package io.troupe.internal;

import io.troupe.rpc.CallFailure;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.timer.TimerHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What an actor holds that must end with it (its cell creates one on the first registration): the
 * reply ports of calls waiting for its answer, its armed timers, and the library holders of
 * messages taken from its mailbox but not handled yet (a stash, a state machine's postponed
 * messages).
 *
 * <p>Any thread registers and forgets; the actor's end ({@link #cancelTimers}, {@link #failCalls},
 * {@link #takeHeld}) runs on the thread that ends the actor, after its mailbox closed. NOTE: the
 * cell checks the mailbox's closed flag after each registration and undoes it if the flag is set,
 * while the end reads the cell's field holding this object, and then these fields, after setting
 * the flag: one of the two sees the other, so nothing registered outlives the actor. The sets are
 * created on first use ({@link LazyFields}): an actor with timers may never have a caller waiting.
 */
final class ActorResources {

  private static final VarHandle PENDING_CALLS;
  private static final VarHandle TIMERS;
  private static final VarHandle HOLDERS;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      PENDING_CALLS = l.findVarHandle(ActorResources.class, "pendingCalls", Set.class);
      TIMERS = l.findVarHandle(ActorResources.class, "timers", Set.class);
      HOLDERS = l.findVarHandle(ActorResources.class, "holders", List.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final System.Logger LOG = System.getLogger("io.troupe.actor");

  // Created on first use, published with a compare-and-set (LazyFields), read with acquire loads.
  private volatile Set<RpcReplyPort<?>> pendingCalls;
  private volatile Set<TimerHandle> timers;

  /**
   * The holders, or null (most actors): an immutable list, replaced with a compare-and-set on
   * registration and taken with a swap at the end, so each holder is emptied once.
   */
  @SuppressWarnings("unused") // through HOLDERS
  private volatile List<HeldMessages.Holder> holders;

  /** Tracks a call's port until it completes. */
  void addCall(RpcReplyPort<?> port) {
    Set<RpcReplyPort<?>> calls = LazyFields.createdSet(PENDING_CALLS, this);
    calls.add(port);
    port.result().whenComplete((r, e) -> calls.remove(port));
  }

  /** Stops tracking {@code port}; true if it was tracked (the caller then fails it). */
  boolean removeCall(RpcReplyPort<?> port) {
    Set<RpcReplyPort<?>> calls = pendingCalls;
    return calls != null && calls.remove(port);
  }

  /** True once some call was tracked (its set exists): the end then has calls to fail. */
  boolean tracksCalls() {
    return pendingCalls != null;
  }

  /** Fails every call still waiting, with {@code reason} and {@code detail}. */
  void failCalls(CallFailure reason, String detail) {
    Set<RpcReplyPort<?>> calls = pendingCalls;
    if (calls != null) {
      for (RpcReplyPort<?> port : calls) {
        port.fail(reason, detail);
      }
      calls.clear();
    }
  }

  void addTimer(TimerHandle timer) {
    LazyFields.<TimerHandle>createdSet(TIMERS, this).add(timer);
  }

  void forgetTimer(TimerHandle timer) {
    Set<TimerHandle> armed = timers;
    if (armed != null) {
      armed.remove(timer);
    }
  }

  int armedTimers() {
    Set<TimerHandle> armed = timers;
    return armed == null ? 0 : armed.size();
  }

  /** Cancels and forgets every armed timer. */
  void cancelTimers() {
    Set<TimerHandle> armed = timers;
    if (armed != null) {
      for (TimerHandle timer : armed) {
        timer.cancel();
      }
      armed.clear();
    }
  }

  /** Registers a holder of the actor's messages: see {@link HeldMessages}. */
  void addHolder(HeldMessages.Holder holder) {
    for (; ; ) {
      @SuppressWarnings("unchecked")
      List<HeldMessages.Holder> now = (List<HeldMessages.Holder>) HOLDERS.getAcquire(this);
      List<HeldMessages.Holder> next;
      if (now == null) {
        next = List.of(holder);
      } else {
        ArrayList<HeldMessages.Holder> grown = new ArrayList<>(now);
        grown.add(holder);
        next = List.copyOf(grown);
      }
      if (HOLDERS.compareAndSet(this, now, next)) {
        return;
      }
    }
  }

  /**
   * Takes what every holder holds, oldest first per holder, and forgets the holders; a holder that
   * throws is logged as one of {@code owner}'s and skipped.
   */
  @SuppressWarnings("unchecked")
  List<Object> takeHeld(Supplier<String> owner) {
    List<HeldMessages.Holder> all = (List<HeldMessages.Holder>) HOLDERS.getAndSet(this, null);
    if (all == null) {
      return List.of();
    }
    ArrayList<Object> out = new ArrayList<>();
    for (HeldMessages.Holder holder : all) {
      try {
        out.addAll(holder.takeAll());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a holder of " + owner.get() + "'s messages threw", e);
      }
    }
    return out;
  }
}
