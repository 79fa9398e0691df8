package io.troupe.internal;

import io.troupe.Actor;
import io.troupe.ActorId;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.DeadLetter;
import io.troupe.MessagingException;
import io.troupe.SpawnException;
import io.troupe.internal.jfr.ActorSpawnedEvent;
import io.troupe.internal.jfr.ActorStoppedEvent;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.timer.TimerHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * One local actor: its mailbox, its scheduling, and its lifecycle.
 *
 * <h2>Mailbox</h2>
 * Four lanes, taken highest first: kill and stop are flags in {@link #control} (they are
 * one-shot, so a flag is enough and costs one volatile read per message when clear), supervision
 * events and user messages are MPSC queues. A single FIFO queue per lane gives per-sender order.
 *
 * <h2>Scheduling</h2>
 * An idle actor holds no thread. {@link #runState} is IDLE, RUNNING or PARKED. A sender that
 * queues something moves IDLE to RUNNING and starts an <em>activation</em> (a virtual thread), or
 * moves PARKED to RUNNING and unparks the lingering activation. An activation drains every lane;
 * if it handled anything (the actor is in a conversation, so more is likely to come soon) it
 * spins briefly and then parks for a short linger before it goes IDLE and ends; if it handled
 * nothing (it only ran the start hooks) it goes IDLE at once, so that spawning many actors does
 * not fill the carrier threads with spinning activations. At most one activation runs at a time
 * (whoever wins IDLE to RUNNING starts it), so handlers never overlap. An activation clears
 * {@link #runner} just before it publishes IDLE, so an idle actor keeps no finished thread
 * reachable. NOTE: after an activation sets IDLE it never touches {@link #runner} again: a new
 * activation may already own it.
 *
 * <h2>Closing</h2>
 * When the actor stops (or a drain reaches its marker) {@link #closed} is set, then the queue is
 * swept once more (drain) or abandoned (stop, kill). A sender that sees {@code closed} after
 * queueing cannot know whether the consumer saw its message, so it waits for the exit and asks
 * the queue: a message never taken is handed back in a {@link MessagingException}. Hence a send
 * that returned normally was admitted before the close.
 */
public final class ActorCell<M, S, A> implements SupervisionSink {

  private static final System.Logger LOG = System.getLogger(ActorCell.class.getName());

  private static final int IDLE = 0;
  private static final int RUNNING = 1;
  private static final int PARKED = 2;

  private static final int KILL = 1;
  private static final int STOP = 2;

  /**
   * How long a busy activation spins before parking; a message arriving meanwhile costs no
   * wake-up. Bounded by time, not iterations, because the cost of a spin-wait hint differs
   * tenfold between CPUs. (PingPongBench: 256 iterations, a few microseconds here, lost most
   * rallies to a park and unpark and ran at half of Pekko's rate.)
   */
  static final long SPIN_NANOS = Long.getLong("troupe.mailbox.spinMicros", 20) * 1_000L;

  /** How long an empty busy activation stays parked before it gives its thread back. */
  static final long LINGER_NANOS = Long.getLong("troupe.mailbox.lingerMicros", 50) * 1_000L;

  /** Creates the virtual threads that run activations (thread-safe, shared). */
  private static final java.util.concurrent.ThreadFactory ACTIVATIONS =
      Thread.ofVirtual().name("troupe-actor").factory();

  /** Marks the end of the admitted messages for {@link #drain()}. */
  private static final Object DRAIN_MARKER = new Object();

  private static final VarHandle RUN_STATE;
  private static final VarHandle CONTROL;
  private static final VarHandle STATUS;
  private static final VarHandle CHILDREN;
  private static final VarHandle MONITORS;
  private static final VarHandle PENDING_CALLS;
  private static final VarHandle TIMERS;
  private static final VarHandle STOP_REASON;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      RUN_STATE = l.findVarHandle(ActorCell.class, "runState", int.class);
      CONTROL = l.findVarHandle(ActorCell.class, "control", int.class);
      STATUS = l.findVarHandle(ActorCell.class, "status", ActorStatus.class);
      CHILDREN = l.findVarHandle(ActorCell.class, "children", Set.class);
      MONITORS = l.findVarHandle(ActorCell.class, "monitors", Set.class);
      PENDING_CALLS = l.findVarHandle(ActorCell.class, "pendingCalls", Set.class);
      TIMERS = l.findVarHandle(ActorCell.class, "timers", Set.class);
      STOP_REASON = l.findVarHandle(ActorCell.class, "stopReason", Optional.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final NodeContext node;
  private final ActorId id;
  private final String name;
  private final Actor<M, S, A> behaviour;
  private final LocalActorRef<M> ref;
  private final Class<?> messageType;
  /** The behaviour's opt-in tuning, or null (most actors). */
  private final MailboxHooks hooks;
  /** How long a busy activation spins before parking: {@link #SPIN_NANOS} unless {@link #hooks} says. */
  private final long spinNanos;
  /** Whether the spin yields the carrier rather than holding it ({@link MailboxHooks#yieldWhileSpinning}). */
  private final boolean yieldWhileSpinning;

  private final MpscQueue<Object> messages = new MpscQueue<>();
  private final MpscQueue<SupervisionEvent> supervision = new MpscQueue<>();

  @SuppressWarnings("unused") // through CONTROL
  private volatile int control;

  /** The first stop's reason, boxed (a reason may be null); set once, before the STOP flag. */
  private volatile Optional<String> stopReason;

  @SuppressWarnings("unused") // through RUN_STATE
  private volatile int runState = IDLE;

  private volatile Thread runner;

  /** The actor whose hooks run on this thread (set for an activation's life), or absent. */
  private static final ThreadLocal<ActorCell<?, ?, ?>> RUNNING_HERE = new ThreadLocal<>();

  /** The blocking call this actor's handler waits in, or null: see {@link CallCycles}. */
  volatile CallCycles.Wait waitingFor;

  @SuppressWarnings("unused") // through STATUS
  private volatile ActorStatus status = ActorStatus.UNSTARTED;

  private volatile boolean closed;

  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private final CompletableFuture<Void> exit = new CompletableFuture<>();

  /** Guards {@link #supervisor} and {@link #linksEnded}: see {@link #linkTo}. */
  private final Object links = new Object();
  private volatile ActorRef<?> supervisor;
  /** True once the actor began releasing its links; no link is made after. Under {@link #links}. */
  private boolean linksEnded;
  /**
   * How the actor ended, without its last state (kept for monitors that come later): null while
   * it lives. Written before the watchers are told, so a monitor added after that sees it.
   */
  private volatile SupervisionEvent outcomeForLateMonitors;
  // Created on first use through created(...): most actors never need some of them, and four
  // empty concurrent sets were a third of an idle actor's heap (IdleFootprintBench).
  private volatile Set<ActorRef<?>> children;
  private volatile Set<ActorRef<?>> monitors;
  private volatile Set<RpcReplyPort<?>> pendingCalls;
  private volatile Set<TimerHandle> timers;

  // Owned by the running activation only.
  private S state;
  private boolean handledSinceLinger; // true if something was handled since the last linger
  private boolean handledSinceEmptied; // true if a message was handled since hooks.mailboxEmptied()
  private A startArgs;
  private ActorRef<?> pendingSupervisor;

  ActorCell(NodeContext node, ActorId id, String name, Actor<M, S, A> behaviour) {
    this.node = node;
    this.id = id;
    this.name = name;
    this.behaviour = behaviour;
    this.ref = new LocalActorRef<>(this);
    this.messageType = MessageTypes.of(behaviour);
    this.hooks = behaviour instanceof MailboxHooks h ? h : null;
    this.spinNanos = hooks == null ? SPIN_NANOS : Math.max(0, hooks.spinNanos());
    this.yieldWhileSpinning = hooks != null && hooks.yieldWhileSpinning();
  }

  /** The message class the behaviour declares, or {@code Object} when it names none. */
  public Class<?> messageType() {
    return messageType;
  }

  // ------------------------------------------------------------------ identity

  public ActorId id() {
    return id;
  }

  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  public LocalActorRef<M> ref() {
    return ref;
  }

  public NodeContext node() {
    return node;
  }

  public ActorStatus status() {
    return status;
  }

  // ------------------------------------------------------------------ start

  /**
   * Starts the first activation, which runs {@code preStart}, and waits for it.
   *
   * @throws SpawnException if {@code preStart} threw or the spawner was interrupted
   */
  void start(A args, ActorRef<?> supervisorToLink) {
    startDetached(args, supervisorToLink);
    try {
      started.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new SpawnException(
          "actor " + describe() + " failed to start: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      throw new SpawnException("interrupted while spawning " + describe(), e);
    }
  }

  /**
   * Starts the first activation without waiting for {@code preStart}.
   *
   * @return completes when {@code preStart} returned, or exceptionally with what it threw
   */
  CompletableFuture<Void> startDetached(A args, ActorRef<?> supervisorToLink) {
    startArgs = args;
    pendingSupervisor = supervisorToLink;
    RUN_STATE.setVolatile(this, RUNNING);
    ACTIVATIONS.newThread(this::activation).start();
    return started.copy();
  }

  private boolean runStartHooks() {
    advanceStatus(ActorStatus.STARTING);
    try {
      state = behaviour.preStart(ref, startArgs);
    } catch (Throwable t) {
      startArgs = null;
      abandonFailedStart(t);
      return false;
    }
    startArgs = null;
    if (pendingSupervisor != null) {
      // Linked after preStart (a failed start leaves no link) and before postStart (so the
      // supervisor hears about a failing postStart).
      try {
        linkTo(pendingSupervisor);
      } catch (RuntimeException e) {
        pendingSupervisor = null;
        abandonFailedStart(e);
        return false;
      }
      pendingSupervisor = null;
    }
    started.complete(null);
    recordSpawned();
    try {
      state = behaviour.postStart(ref, state);
    } catch (Throwable t) {
      endFailed(t);
      return false;
    }
    advanceStatus(ActorStatus.RUNNING);
    notifyWatchers(new SupervisionEvent.ActorStarted(ref));
    return true;
  }

  private void abandonFailedStart(Throwable cause) {
    beginEnd();
    SupervisionEvent.ActorFailed outcome = new SupervisionEvent.ActorFailed(ref, cause);
    releaseResources(outcome, DeadLetter.Reason.FAILED)
        .whenComplete(
            (ignored, never) -> {
              outcomeForLateMonitors = outcome;
              advanceStatus(ActorStatus.STOPPED);
              started.completeExceptionally(cause);
              exit.complete(null);
            });
  }

  // ------------------------------------------------------------------ senders

  /**
   * Queues a user message.
   *
   * @throws MessagingException if the actor no longer accepts messages, or stopped before it
   *     could take this one
   */
  public void send(Object message) {
    if (!status.acceptsMessages()) {
      throw notAccepting(message);
    }
    if (!messageType.isInstance(message)) {
      throw new MessagingException(
          "actor " + describe() + " handles " + messageType.getName() + ", not "
              + message.getClass().getName(),
          message);
    }
    long queued = messages.offer(message);
    if (closed) {
      resolveLateSend(queued, message);
      return;
    }
    schedule();
  }

  /** Queues a supervision event; dropped if the actor has stopped. */
  @Override
  public void deliverSupervision(SupervisionEvent event) {
    if (closed) {
      return;
    }
    supervision.offer(event);
    schedule();
  }

  private void resolveLateSend(long queued, Object message) {
    try {
      exit.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MessagingException("interrupted while sending to stopping actor " + describe(), message);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e); // exit never completes exceptionally
    }
    if (!messages.wasTaken(queued)) {
      throw notAccepting(message);
    }
  }

  private MessagingException notAccepting(Object message) {
    return new MessagingException(
        "actor " + describe() + " does not accept messages (" + status + ")", message);
  }

  /** Makes sure an activation will look at the lanes. */
  private void schedule() {
    for (;;) {
      int s = (int) RUN_STATE.getVolatile(this);
      if (s == RUNNING) {
        return;
      }
      if (RUN_STATE.compareAndSet(this, s, RUNNING)) {
        if (s == IDLE) {
          ACTIVATIONS.newThread(this::activation).start();
        } else {
          LockSupport.unpark(runner);
        }
        return;
      }
    }
  }

  // ------------------------------------------------------------------ control

  /** Asks the actor to stop after the running hook; the first stop's reason wins, later ones are ignored. */
  public void stop(String reason) {
    if (STOP_REASON.compareAndSet(this, null, Optional.ofNullable(reason))) {
      CONTROL.getAndBitwiseOr(this, STOP); // after the reason: whoever sees the flag sees the reason
      schedule();
    }
  }

  private String stopReason() {
    Optional<String> reason = stopReason;
    return reason == null ? null : reason.orElse(null);
  }

  public void kill() {
    if (((int) CONTROL.getAndBitwiseOr(this, KILL) & KILL) != 0) {
      return;
    }
    Thread t = runner;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt(); // ends a handler blocked in a call, sleep or I/O
    }
    schedule();
  }

  /** Refuses new messages and queues the marker after which the actor stops. */
  public void drain() {
    for (;;) {
      ActorStatus s = status;
      if (!s.acceptsMessages()) {
        return; // already draining or stopping
      }
      if (STATUS.compareAndSet(this, s, ActorStatus.DRAINING)) {
        break;
      }
    }
    messages.offer(DRAIN_MARKER);
    schedule();
  }

  public boolean awaitExit(java.time.Duration timeout) {
    try {
      exit.get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  public CompletableFuture<Void> exitFuture() {
    return exit.copy();
  }

  // ------------------------------------------------------------------ supervision tree

  public Optional<ActorRef<?>> supervisor() {
    return Optional.ofNullable(supervisor);
  }

  public List<ActorRef<?>> children() {
    return List.copyOf(existing(children));
  }

  /** The set in the field behind {@code handle}, created on first use (thread-safe). */
  @SuppressWarnings("unchecked")
  private <T> Set<T> created(VarHandle handle) {
    Set<T> set = (Set<T>) handle.getAcquire(this);
    if (set == null) {
      set = ConcurrentHashMap.newKeySet();
      if (!handle.compareAndSet(this, null, set)) {
        set = (Set<T>) handle.getAcquire(this); // another thread created it first
      }
    }
    return set;
  }

  /** A set field's contents for reading: empty while it was never created. */
  private static <T> Set<T> existing(Set<T> set) {
    return set == null ? Set.of() : set;
  }

  private static boolean removeFrom(Set<?> set, Object element) {
    return set != null && set.remove(element);
  }

  /**
   * Makes this actor a child of {@code newSupervisor}, leaving the old one.
   *
   * <p>NOTE: the child's {@link #supervisor} field is the one owner of the link. Every change of
   * it, and the end of the actor ({@link #linksEnded}), happens under the child's {@link #links}
   * lock, and the supervisor's {@code children} set follows it inside the same critical section,
   * so two racing links leave exactly one supervisor listing the child, and a child that has
   * ended can never be listed again. Only the child's lock is taken: no lock order to keep.
   *
   * @throws IllegalStateException if this actor has ended or the supervisor no longer accepts
   *     messages
   */
  public void linkTo(ActorRef<?> newSupervisor) {
    if (newSupervisor.equals(ref)) {
      throw new IllegalArgumentException("an actor cannot supervise itself: " + describe());
    }
    if (newSupervisor instanceof RemoteSupervisor remote) {
      linkToRemote(newSupervisor, remote);
      return;
    }
    if (!(newSupervisor instanceof LocalActorRef<?> local)) {
      throw new IllegalArgumentException("not an actor that can supervise: " + newSupervisor);
    }
    ActorCell<?, ?, ?> sup = local.cell();
    synchronized (links) {
      refuseLinkIfEnded(newSupervisor);
      if (!sup.status().acceptsMessages()) {
        throw new IllegalStateException(
            "cannot link " + describe() + " to " + sup.describe() + ": it is " + sup.status());
      }
      if (local.equals(supervisor)) {
        return;
      }
      leaveSupervisor();
      supervisor = local;
      sup.<ActorRef<?>>created(CHILDREN).add(ref);
      // The supervisor may have begun ending after the check above and already killed the
      // children it saw: undo, so that no dead supervisor lists a live child.
      if (!sup.status().acceptsMessages() && removeFrom(sup.children, ref)) {
        supervisor = null;
        throw new IllegalStateException("cannot link " + describe() + ": supervisor is stopping");
      }
    }
  }

  private void refuseLinkIfEnded(ActorRef<?> newSupervisor) {
    if (linksEnded) {
      throw new IllegalStateException(
          "cannot link " + describe() + " to " + newSupervisor + ": it has ended (" + status + ")");
    }
  }

  /** Links this actor to a supervisor on another node, which the cluster tells. */
  private void linkToRemote(ActorRef<?> newSupervisor, RemoteSupervisor remote) {
    if (newSupervisor.node() != node.node()) {
      throw new IllegalArgumentException(
          "cannot link " + describe() + " to " + newSupervisor + ": that remote ref belongs to node " + newSupervisor.node().name());
    }
    if (!newSupervisor.status().acceptsMessages()) {
      throw new IllegalStateException("cannot link " + describe() + " to " + newSupervisor + ": it is " + newSupervisor.status());
    }
    synchronized (links) {
      refuseLinkIfEnded(newSupervisor);
      if (newSupervisor.equals(supervisor)) {
        return;
      }
      leaveSupervisor();
      supervisor = newSupervisor;
      remote.adoptChild(ref);
    }
  }

  /** Leaves the current supervisor. Under {@link #links}. */
  private void leaveSupervisor() {
    ActorRef<?> old = supervisor;
    if (old instanceof LocalActorRef<?> oldLocal) {
      removeFrom(oldLocal.cell().children, ref);
    } else if (old instanceof RemoteSupervisor remote) {
      remote.releaseChild(ref);
    }
    supervisor = null;
  }

  public void unlinkFrom(ActorRef<?> oldSupervisor) {
    synchronized (links) {
      if (oldSupervisor.equals(supervisor)) {
        leaveSupervisor();
      }
    }
  }

  /**
   * Adds an actor of another node as a child (the cluster's proxy of it), unless this actor no
   * longer accepts children.
   *
   * @throws IllegalStateException if this actor is stopping or stopped
   */
  public void adoptRemoteChild(ActorRef<?> child) {
    if (!status().acceptsMessages()) {
      throw new IllegalStateException("cannot link " + child + " to " + describe() + ": it is " + status());
    }
    this.<ActorRef<?>>created(CHILDREN).add(child);
    if (!status().acceptsMessages() && removeFrom(children, child)) {
      throw new IllegalStateException("cannot link " + child + ": supervisor " + describe() + " is stopping");
    }
  }

  /** Forgets a child of another node (it ended or was unlinked). */
  public void forgetChild(ActorRef<?> child) {
    removeFrom(children, child);
  }

  /**
   * Adds a monitor. If the actor has already ended, the monitor hears how at once, exactly once
   * (Erlang's monitor of a dead process): a watcher is told by whoever removes it from the set,
   * the ending actor or this method.
   */
  public void addMonitor(ActorRef<?> watcher) {
    Set<ActorRef<?>> watchers = this.<ActorRef<?>>created(MONITORS);
    watchers.add(watcher);
    SupervisionEvent outcome = outcomeForLateMonitors; // volatile: after the add (see finishEnd)
    if (outcome != null && watchers.remove(watcher) && watcher instanceof SupervisionSink sink) {
      sink.deliverSupervision(outcome);
    }
  }

  public void removeMonitor(ActorRef<?> watcher) {
    removeFrom(monitors, watcher);
  }

  private void notifyWatchers(SupervisionEvent event) {
    ActorRef<?> sup = supervisor;
    if (sup instanceof SupervisionSink sink) {
      sink.deliverSupervision(event);
    }
    for (ActorRef<?> watcher : existing(monitors)) {
      if (watcher instanceof SupervisionSink sink && !watcher.equals(sup)) {
        sink.deliverSupervision(event);
      }
    }
  }

  /** Tells the supervisor and every monitor how the actor ended, each monitor exactly once. */
  private void notifyEnd(SupervisionEvent event) {
    ActorRef<?> sup = supervisor;
    if (sup instanceof SupervisionSink sink) {
      sink.deliverSupervision(event);
    }
    Set<ActorRef<?>> watchers = monitors;
    if (watchers == null) {
      return;
    }
    for (ActorRef<?> watcher : watchers) {
      // Removed first: a monitor added concurrently is told by whichever side removes it.
      if (watchers.remove(watcher) && watcher instanceof SupervisionSink sink && !watcher.equals(sup)) {
        sink.deliverSupervision(event);
      }
    }
  }

  // ------------------------------------------------------------------ calls and timers

  /** Tracks a call's port so that it fails at once if this actor ends before answering. */
  public void registerPendingCall(RpcReplyPort<?> port) {
    Set<RpcReplyPort<?>> calls = created(PENDING_CALLS);
    calls.add(port);
    port.result().whenComplete((r, e) -> calls.remove(port));
    if (closed && calls.remove(port)) {
      port.fail();
    }
  }

  public void registerTimer(TimerHandle timer) {
    this.<TimerHandle>created(TIMERS).add(timer);
    if (closed) {
      timer.cancel();
    }
  }

  public void forgetTimer(TimerHandle timer) {
    removeFrom(timers, timer);
  }

  /** How many timers are registered with this actor (diagnostics and tests). */
  public int armedTimers() {
    return existing(timers).size();
  }

  private void failPendingCalls() {
    Set<RpcReplyPort<?>> calls = pendingCalls;
    if (calls != null) {
      for (RpcReplyPort<?> port : calls) {
        port.fail();
      }
      calls.clear();
    }
  }

  // ------------------------------------------------------------------ the activation

  /** The actor whose hook is running on the current thread, or null. */
  static ActorCell<?, ?, ?> runningHere() {
    return RUNNING_HERE.get();
  }

  private void activation() {
    node.activationStarted();
    RUNNING_HERE.set(this);
    try {
      runner = Thread.currentThread();
      if (status == ActorStatus.UNSTARTED && !runStartHooks()) {
        return;
      }
      while (processLanes()) {
        if (!lingerForWork()) {
          return; // went IDLE; a later send starts a new activation
        }
      }
    } finally {
      RUNNING_HERE.remove();
      node.activationEnded();
    }
  }

  /**
   * Handles everything queued, highest lane first.
   *
   * @return false once the actor has ended
   */
  private boolean processLanes() {
    for (;;) {
      int flags = (int) CONTROL.getVolatile(this);
      if (flags != 0) {
        if ((flags & KILL) != 0) {
          endKilled();
        } else {
          endGracefully(stopReason());
        }
        return false;
      }
      SupervisionEvent event = supervision.poll();
      if (event != null) {
        if (!handleSupervision(event)) {
          return false;
        }
        continue;
      }
      Object message = messages.poll();
      if (message == null) {
        if (handledSinceEmptied) {
          handledSinceEmptied = false;
          if (!mailboxEmptied()) {
            return false;
          }
          continue; // the hook may have taken a while: look at the lanes again
        }
        return true;
      }
      if (message == DRAIN_MARKER) {
        return sweepAfterDrain();
      }
      if (!handleMessage(message)) {
        return false;
      }
    }
  }

  /**
   * Remembers that this activation handled something. NOTE: the cell's fields share cache lines
   * with the ones every sender reads ({@code status}, {@code closed}, {@code runState}); a store
   * per message would make each send miss the cache, so the hot path stores only on change.
   */
  private void noteHandled() {
    if (!handledSinceLinger) {
      handledSinceLinger = true;
    }
  }

  /** Tells the opted-in behaviour that its mailbox is empty; false if the hook threw and the actor ended. */
  private boolean mailboxEmptied() {
    try {
      hooks.mailboxEmptied();
      return true;
    } catch (Throwable t) {
      endAfterHookThrew(t);
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private boolean handleMessage(Object message) {
    noteHandled();
    if (hooks != null) {
      handledSinceEmptied = true;
    }
    try {
      S next = behaviour.handle(ref, (M) message, state);
      if (next != state) {
        state = next; // stored only when changed: see noteHandled
      }
      return true;
    } catch (Throwable t) {
      endAfterHookThrew(t);
      return false;
    }
  }

  private boolean handleSupervision(SupervisionEvent event) {
    noteHandled();
    try {
      S next = behaviour.handleSupervisorEvent(ref, event, state);
      if (next != state) {
        state = next;
      }
      return true;
    } catch (Throwable t) {
      endAfterHookThrew(t);
      return false;
    }
  }

  /** Handles the messages admitted before the drain closed the mailbox, then stops. */
  private boolean sweepAfterDrain() {
    closed = true; // volatile write, then the queue is read: see the class comment
    for (;;) {
      int flags = (int) CONTROL.getVolatile(this);
      if ((flags & KILL) != 0) {
        endKilled();
        return false;
      }
      if ((flags & STOP) != 0) {
        endGracefully(stopReason());
        return false;
      }
      SupervisionEvent event = supervision.poll();
      if (event != null) {
        if (!handleSupervision(event)) {
          return false;
        }
        continue;
      }
      Object message = messages.pollSpinning();
      if (message == null) {
        break;
      }
      if (!handleMessage(message)) {
        return false;
      }
    }
    endGracefully("drained");
    return false;
  }

  private boolean hasWork() {
    return (int) CONTROL.getVolatile(this) != 0 || !supervision.isEmpty() || !messages.isEmpty();
  }

  /**
   * Waits a little for more work before giving the thread back; only an activation that has just
   * handled something waits (see the class comment).
   *
   * @return true to keep processing; false when the actor went IDLE
   */
  private boolean lingerForWork() {
    boolean busy = handledSinceLinger;
    handledSinceLinger = false;
    if (busy && spinNanos > 0 && spinForWork()) {
      return true;
    }
    RUN_STATE.setVolatile(this, PARKED);
    long deadline = System.nanoTime() + (busy ? LINGER_NANOS : 0);
    for (;;) {
      if (hasWork()) {
        RUN_STATE.compareAndSet(this, PARKED, RUNNING); // if it fails, a sender already did it
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return !goIdle();
      }
      LockSupport.parkNanos(this, left);
      if ((int) RUN_STATE.getVolatile(this) == RUNNING) {
        return true;
      }
    }
  }

  /** Spins (or yields, if the behaviour asked to) for up to {@link #spinNanos}; true if work came. */
  private boolean spinForWork() {
    long spinEnd = System.nanoTime() + spinNanos;
    for (int i = 1; ; i++) {
      if (hasWork()) {
        return true;
      }
      if (yieldWhileSpinning) {
        Thread.yield();
      } else {
        Thread.onSpinWait();
      }
      // nanoTime costs more than a spin-wait hint (so it is read every 64 spins), not than a yield
      if ((yieldWhileSpinning || (i & 63) == 0) && System.nanoTime() - spinEnd >= 0) {
        return false;
      }
    }
  }

  /**
   * Publishes IDLE unless a sender has just moved the actor back to RUNNING.
   *
   * @return true if the actor is now IDLE (this activation must end without touching the cell)
   */
  private boolean goIdle() {
    // Cleared first: once IDLE is published a new activation may set it. A kill that reads null
    // here interrupts nobody, which is fine: no handler runs, and the flag is seen before the next.
    runner = null;
    if (RUN_STATE.compareAndSet(this, PARKED, IDLE)) {
      return true;
    }
    runner = Thread.currentThread(); // a sender won: keep running, interruptible by kill again
    return false;
  }

  // ------------------------------------------------------------------ ending

  private void endAfterHookThrew(Throwable t) {
    if (((int) CONTROL.getVolatile(this) & KILL) != 0) {
      endKilled(); // the interrupt of a kill surfaced as an exception
    } else {
      endFailed(t);
    }
  }

  private void endKilled() {
    beginEnd();
    finishEnd(
        new SupervisionEvent.ActorTerminated(ref, Optional.empty(), Optional.of("killed")),
        DeadLetter.Reason.KILLED);
  }

  private void endGracefully(String reason) {
    beginEnd();
    try {
      behaviour.postStop(ref, state);
    } catch (Throwable t) {
      finishEnd(new SupervisionEvent.ActorFailed(ref, t), DeadLetter.Reason.STOPPED);
      return;
    }
    finishEnd(
        new SupervisionEvent.ActorTerminated(
            ref, Optional.ofNullable(state), Optional.ofNullable(reason)),
        DeadLetter.Reason.STOPPED);
  }

  private void endFailed(Throwable error) {
    if (error instanceof Error && !(error instanceof AssertionError)) {
      LOG.log(System.Logger.Level.ERROR, "actor " + describe() + " ended by an error", error);
    } else if (supervisor == null && existing(monitors).isEmpty()) {
      // Nobody will hear about this failure: say it somewhere.
      LOG.log(System.Logger.Level.WARNING, "unsupervised actor " + describe() + " failed", error);
    }
    beginEnd();
    finishEnd(new SupervisionEvent.ActorFailed(ref, error), DeadLetter.Reason.FAILED);
  }

  private void beginEnd() {
    closed = true;
    advanceStatus(ActorStatus.STOPPING);
  }

  /**
   * Releases everything, then, once every descendant has ended too, publishes the end: an actor
   * has ended (STOPPED, {@code awaitExit} true, its outcome event sent) only when its whole
   * subtree has, so a supervisor restarted by its own supervisor finds its children's names free.
   * The last step may run on the thread of the last descendant to end.
   */
  private void finishEnd(SupervisionEvent outcome, DeadLetter.Reason dropped) {
    recordStopped(outcome);
    CompletableFuture<Void> descendants = releaseResources(outcome, dropped);
    state = null;
    descendants.whenComplete((ignored, never) -> publishEnd(outcome));
  }

  private void publishEnd(SupervisionEvent outcome) {
    outcomeForLateMonitors = withoutState(outcome); // before the monitors are read: see addMonitor
    advanceStatus(ActorStatus.STOPPED);
    exit.complete(null);
    notifyEnd(outcome);
  }

  /** The outcome for a monitor added after the end: the last state is not kept alive for it. */
  private SupervisionEvent withoutState(SupervisionEvent outcome) {
    return outcome instanceof SupervisionEvent.ActorTerminated t && t.lastState().isPresent()
        ? new SupervisionEvent.ActorTerminated(ref, Optional.empty(), t.reason())
        : outcome;
  }

  /**
   * Everything an ended actor gives back, before its exit waiters are released.
   *
   * @return completes when every local descendant has ended
   */
  private CompletableFuture<Void> releaseResources(SupervisionEvent outcome, DeadLetter.Reason dropped) {
    Thread.interrupted(); // a late kill must not disturb the clean-up below
    CompletableFuture<Void> descendants = endDescendants();
    Set<TimerHandle> armed = timers;
    if (armed != null) {
      for (TimerHandle timer : armed) {
        timer.cancel();
      }
      armed.clear();
    }
    failPendingCalls();
    reportDeadLetters(dropped);
    ActorRef<?> sup;
    synchronized (links) {
      linksEnded = true;
      sup = supervisor;
    }
    if (sup instanceof RemoteSupervisor remote) {
      // Before the cluster's exit notice goes out: the supervisor's node hears of the end from it.
      remote.childEnded(ref);
    }
    node.actorStopped(this, outcome);
    if (sup instanceof LocalActorRef<?> local) {
      removeFrom(local.cell().children, ref);
    }
    return descendants;
  }

  /**
   * Hands every message still queued to the node's dead letters. Runs after {@link #closed} was
   * set: a sender that queues meanwhile sees it, waits for the exit and finds its message taken,
   * so a {@code cast} that returned normally was either handled or reported here.
   */
  private void reportDeadLetters(DeadLetter.Reason reason) {
    for (Object message; (message = messages.pollSpinning()) != null; ) {
      if (message != DRAIN_MARKER) {
        node.deadLetter(ref, message, reason);
      }
    }
  }

  /**
   * Ends every child, which in turn ends its own children (ractor's supervisor-exit rule): kills
   * them, or, while the node is closing, drains them so that what they accepted is still handled.
   *
   * @return completes when every local child has ended (remote children are only told)
   */
  private CompletableFuture<Void> endDescendants() {
    Set<ActorRef<?>> kids = children;
    if (kids == null || kids.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<CompletableFuture<Void>> exits = new ArrayList<>();
    boolean closing = node.isClosing();
    for (ActorRef<?> child : kids) {
      if (child instanceof LocalActorRef<?> local) {
        ActorCell<?, ?, ?> cell = local.cell();
        if (closing) {
          cell.drain();
        } else {
          cell.kill();
        }
        exits.add(cell.exit);
      } else {
        child.kill();
      }
    }
    kids.clear();
    return CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new));
  }

  private void advanceStatus(ActorStatus target) {
    for (;;) {
      ActorStatus s = status;
      if (s.compareTo(target) >= 0 || STATUS.compareAndSet(this, s, target)) {
        return;
      }
    }
  }

  // ------------------------------------------------------------------ diagnostics

  private void recordSpawned() {
    ActorSpawnedEvent e = new ActorSpawnedEvent();
    if (e.shouldCommit()) {
      e.node = node.node().name();
      e.actor = describe();
      e.behaviour = behaviour.getClass().getName();
      e.commit();
    }
  }

  private void recordStopped(SupervisionEvent outcome) {
    ActorStoppedEvent e = new ActorStoppedEvent();
    if (e.shouldCommit()) {
      e.node = node.node().name();
      e.actor = describe();
      switch (outcome) {
        case SupervisionEvent.ActorFailed f -> {
          e.outcome = "failed";
          e.reason = String.valueOf(f.error());
        }
        case SupervisionEvent.ActorTerminated t -> {
          e.outcome = t.lastState().isEmpty() && t.reason().equals(Optional.of("killed")) ? "killed" : "terminated";
          e.reason = t.reason().orElse(null);
        }
        default -> e.outcome = "terminated";
      }
      e.commit();
    }
  }

  public String describe() {
    return name == null ? id.toString() : name + "(" + id + ")";
  }
}
