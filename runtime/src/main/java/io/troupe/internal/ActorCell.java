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
import io.troupe.internal.scheduler.Scheduler;
import io.troupe.internal.scheduler.Task;
import io.troupe.internal.scheduler.Worker;
import io.troupe.internal.timer.TimerOwner;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.SupervisionEvent;
import io.troupe.timer.TimerHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One local actor: its lifecycle (start, handling, end), built from a {@link Mailbox} (the four
 * lanes), a {@link RunState} (idle or scheduled, and which thread runs it), and its {@link
 * SupervisionLinks} (supervisor, children, monitors).
 *
 * <h2>Running</h2>
 *
 * An idle actor holds no thread. A sender that queues something and moves the actor from idle to
 * scheduled submits it to the {@link Scheduler}, which runs a burst of its mailbox on a worker
 * ({@link #runBurst}): at most {@link Scheduler#throughput()} messages, highest lane first. At most
 * one burst runs at a time, so hooks never overlap, and each sees the previous one's effects (the
 * scheduler's queues hand the actor over with release and acquire).
 *
 * <h2>Starting</h2>
 *
 * {@code spawn} runs {@code preStart} on the spawner's own thread (the actor is scheduled, so no
 * burst can start meanwhile) and returns once it succeeded; {@code postStart} runs in the first
 * burst. {@code spawnInstant} leaves both to the first burst.
 *
 * <h2>Ending</h2>
 *
 * The end releases resources in the order docs/semantics.md lists, then, once every descendant has
 * ended too, publishes the end ({@code STOPPED}, exit waiters, outcome events).
 */
public final class ActorCell<M, S, A>
    implements SupervisionSink, TimerOwner, Task, Interception.Handler {

  private static final System.Logger LOG = System.getLogger("io.troupe.actor");

  private static final VarHandle STATUS;
  private static final VarHandle RESOURCES;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      STATUS = l.findVarHandle(ActorCell.class, "status", ActorStatus.class);
      RESOURCES = l.findVarHandle(ActorCell.class, "resources", ActorResources.class);
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

  /** The behaviour's opt-in hooks, or null (most actors). */
  private final MailboxHooks<S> hooks;

  private final Mailbox mailbox = new Mailbox();
  private final RunState run = new RunState();
  private final SupervisionLinks links = new SupervisionLinks(this);
  private final Scheduler scheduler = Scheduler.shared();

  @SuppressWarnings("unused") // through STATUS
  private volatile ActorStatus status = ActorStatus.UNSTARTED;

  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private final CompletableFuture<Void> exit = new CompletableFuture<>();

  /**
   * Calls waiting for this actor's answer, its timers, holders of its messages; null until the
   * first is registered (most actors never have one, and an idle actor's bytes count).
   */
  @SuppressWarnings("unused") // through RESOURCES
  private volatile ActorResources resources;

  /**
   * The interceptors that see this actor's messages, or null while none was ever installed for it
   * (the hot path's only check): set by {@link NodeContext}, never back to null.
   */
  volatile Interception interception;

  /** The blocking call this actor's handler waits in, or null: see {@link CallCycles}. */
  volatile CallCycles.Wait waitingFor;

  // Owned by the thread running the actor (handed over by the scheduler's queues).
  private S state;
  private boolean needsPostStart;
  private boolean ended;
  private boolean handledSinceEmptied; // a message was handled since hooks.mailboxEmptied()
  private Object handling; // the queued message (maybe an envelope) under interception, or null
  private A startArgs;
  private ActorRef<?> pendingSupervisor;

  ActorCell(NodeContext node, ActorId id, String name, Actor<M, S, A> behaviour) {
    this.node = node;
    this.id = id;
    this.name = name;
    this.behaviour = behaviour;
    this.ref = new LocalActorRef<>(this);
    this.messageType = MessageTypes.of(behaviour);
    this.hooks = hooksOf(behaviour);
  }

  // ------------------------------------------------------------------ identity

  /** The message class the behaviour declares, or {@code Object} when it names none. */
  public Class<?> messageType() {
    return messageType;
  }

  public ActorId id() {
    return id;
  }

  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  public LocalActorRef<M> ref() {
    return ref;
  }

  /**
   * The user-message lane, for the cluster's inbound back-pressure (how far it was filled and
   * emptied).
   */
  public MpscQueue<?> mailbox() {
    return mailbox.messages();
  }

  public NodeContext node() {
    return node;
  }

  public ActorStatus status() {
    return status;
  }

  SupervisionLinks links() {
    return links;
  }

  // ------------------------------------------------------------------ start

  /**
   * Runs {@code preStart} on the calling thread, links the actor, and schedules its first burst
   * (which runs {@code postStart}).
   *
   * @throws SpawnException if {@code preStart} (or the link) threw
   */
  void start(A args, ActorRef<?> supervisorToLink) {
    run.claimNew();
    Thread me = Thread.currentThread();
    boolean wasInterrupted = me.isInterrupted();
    run.bind(me);
    boolean ok;
    try {
      ok = runPreStart(args, supervisorToLink);
    } finally {
      if (run.unbind(me) && !wasInterrupted) {
        Thread.interrupted(); // a kill of the starting actor interrupted the spawner: not its own
      }
    }
    if (!ok) {
      Throwable cause = started.exceptionNow();
      throw new SpawnException("actor " + describe() + " failed to start: " + cause, cause);
    }
    scheduler.submit(this);
  }

  /**
   * Schedules the first burst, which runs {@code preStart} and {@code postStart}, without waiting.
   *
   * @return completes when {@code preStart} returned, or exceptionally with what it threw
   */
  CompletableFuture<Void> startDetached(A args, ActorRef<?> supervisorToLink) {
    startArgs = args;
    pendingSupervisor = supervisorToLink;
    run.claimNew();
    scheduler.submit(this); // publishes the fields above to the worker
    return started.copy();
  }

  /** {@code preStart} and the link; false if the start failed (and the actor has ended). */
  private boolean runPreStart(A args, ActorRef<?> supervisorToLink) {
    advanceStatus(ActorStatus.STARTING);
    try {
      state = behaviour.preStart(ref, args);
    } catch (Throwable t) {
      abandonFailedStart(t);
      return false;
    }
    if (supervisorToLink != null) {
      // Linked after preStart (a failed start leaves no link) and before postStart (so the
      // supervisor hears about a failing postStart).
      try {
        links.linkTo(supervisorToLink);
      } catch (RuntimeException e) {
        abandonFailedStart(e);
        return false;
      }
    }
    needsPostStart = true;
    started.complete(null);
    recordSpawned();
    return true;
  }

  /** {@code postStart}; false if it threw (and the actor has ended). */
  private boolean runPostStart() {
    needsPostStart = false;
    try {
      state = behaviour.postStart(ref, state);
    } catch (Throwable t) {
      endAfterHookThrew(t);
      return false;
    }
    advanceStatus(ActorStatus.RUNNING);
    links.notifyWatchers(new SupervisionEvent.ActorStarted(ref));
    return true;
  }

  private void abandonFailedStart(Throwable cause) {
    ended = true;
    beginEnd();
    SupervisionEvent.ActorFailed outcome = new SupervisionEvent.ActorFailed(ref, cause);
    releaseResources(outcome, DeadLetter.Reason.FAILED)
        .whenComplete(
            (ignored, never) -> {
              links.recordEnd(outcome);
              advanceStatus(ActorStatus.STOPPED);
              started.completeExceptionally(cause);
              exit.complete(null);
            });
  }

  // ------------------------------------------------------------------ senders

  /**
   * Queues a user message.
   *
   * @throws MessagingException if the actor no longer accepts messages, or stopped before it could
   *     take this one
   */
  public void send(Object message) {
    if (!status.acceptsMessages()) {
      throw notAccepting(message);
    }
    if (!messageType.isInstance(message) && !(message instanceof BehaviourSignal)) {
      throw new MessagingException(
          "actor "
              + describe()
              + " handles "
              + messageType.getName()
              + ", not "
              + message.getClass().getName(),
          message);
    }
    Interception intercepted = interception;
    long queued = mailbox.offer(intercepted == null ? message : intercepted.onSend(ref, message));
    if (mailbox.isClosed()) {
      resolveLateSend(queued, message);
      return;
    }
    schedule();
  }

  /**
   * Queues a user message that arrived from another node, already checked against the message type:
   * its interceptors make their attachments from the frame's {@code headers}.
   *
   * @throws MessagingException as {@link #send}
   */
  public void sendFromPeer(Object message, java.util.function.Function<String, String> headers) {
    Interception intercepted = interception;
    if (intercepted == null || !status.acceptsMessages() || !messageType.isInstance(message)) {
      send(message);
      return;
    }
    long queued = mailbox.offer(intercepted.onReceive(ref, message, headers));
    if (mailbox.isClosed()) {
      resolveLateSend(queued, message);
      return;
    }
    schedule();
  }

  /**
   * Queues a user message that carries the attachments another actor's interceptors made for an
   * earlier message ({@code carried}, from {@link #handlingEnvelope} of that actor): the
   * interceptors this actor shares with it see those attachments, and no {@code onSend} runs. A
   * factory hands its submitters' jobs to its workers this way. Without attachments, or while this
   * actor has no interceptors, it is {@link #send}.
   *
   * @throws MessagingException as {@link #send}
   */
  public void sendCarrying(Object message, Object carried) {
    Interception intercepted = interception;
    if (intercepted == null
        || !(carried instanceof Interception.Envelope envelope)
        || !status.acceptsMessages()
        || !messageType.isInstance(message)) {
      send(message);
      return;
    }
    long queued = mailbox.offer(envelope.carrying(message));
    if (mailbox.isClosed()) {
      resolveLateSend(queued, message);
      return;
    }
    schedule();
  }

  /**
   * The envelope of the user message this actor is handling now, with its interceptors'
   * attachments, or null (none, or no interceptor made one). Only on the actor's own thread, inside
   * its handler.
   */
  public Object handlingEnvelope() {
    return handling instanceof Interception.Envelope ? handling : null;
  }

  /** Queues a supervision event; dropped if the actor has stopped. */
  @Override
  public void deliverSupervision(SupervisionEvent event) {
    if (mailbox.isClosed()) {
      return;
    }
    mailbox.offerSupervision(event);
    schedule();
  }

  private void resolveLateSend(long queued, Object message) {
    try {
      exit.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MessagingException(
          "interrupted while sending to stopping actor " + describe(), message);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e); // exit never completes exceptionally
    }
    if (!mailbox.wasTaken(queued)) {
      throw notAccepting(message);
    }
  }

  private MessagingException notAccepting(Object message) {
    return new MessagingException(
        "actor " + describe() + " does not accept messages (" + status + ")", message);
  }

  /** Makes sure a burst will look at the lanes. */
  private void schedule() {
    if (run.claim()) {
      scheduler.submit(this);
    }
  }

  // ------------------------------------------------------------------ control

  /** Asks the actor to stop after the running hook; the first stop's reason wins. */
  public void stop(String reason) {
    if (mailbox.requestStop(reason)) {
      schedule();
    }
  }

  public void kill() {
    if (mailbox.requestKill()) {
      run.interruptRunner();
      schedule();
    }
  }

  /** Refuses new messages and queues the marker after which the actor stops. */
  public void drain() {
    for (; ; ) {
      ActorStatus s = status;
      if (!s.acceptsMessages()) {
        return; // already draining or stopping
      }
      if (STATUS.compareAndSet(this, s, ActorStatus.DRAINING)) {
        break;
      }
    }
    mailbox.offerDrainMarker();
    schedule();
  }

  public boolean awaitExit(Duration timeout) {
    return AbstractActorRef.awaitEnd(exit, timeout);
  }

  public CompletableFuture<Void> exitFuture() {
    return exit.copy();
  }

  /** True while the actor is in a queue or running a burst (diagnostics). */
  boolean isScheduled() {
    return run.isScheduled();
  }

  // ------------------------------------------------------------------ supervision tree

  public Optional<ActorRef<?>> supervisor() {
    return links.supervisor();
  }

  public List<ActorRef<?>> children() {
    return links.children();
  }

  /** Makes this actor a child of {@code newSupervisor}: see {@link SupervisionLinks#linkTo}. */
  public void linkTo(ActorRef<?> newSupervisor) {
    links.linkTo(newSupervisor);
  }

  public void unlinkFrom(ActorRef<?> oldSupervisor) {
    links.unlinkFrom(oldSupervisor);
  }

  /**
   * Adds an actor of another node as a child (the cluster's proxy of it).
   *
   * @throws IllegalStateException if this actor is stopping or stopped
   */
  public void adoptRemoteChild(ActorRef<?> child) {
    links.adoptRemoteChild(child);
  }

  /** Forgets a child of another node (it ended or was unlinked). */
  public void forgetChild(ActorRef<?> child) {
    links.forgetChild(child);
  }

  /** Adds a monitor; one added after the end hears of it at once, exactly once. */
  public void addMonitor(ActorRef<?> watcher) {
    links.addMonitor(watcher);
  }

  public void removeMonitor(ActorRef<?> watcher) {
    links.removeMonitor(watcher);
  }

  // ------------------------------------------------------------------ calls and timers

  /** The resources, created on first use (any thread). */
  private ActorResources resources() {
    return LazyFields.created(RESOURCES, this, ActorResources::new);
  }

  /** Tracks a call's port so that it fails at once if this actor ends before answering. */
  public void registerPendingCall(RpcReplyPort<?> port) {
    ActorResources resources = resources();
    resources.addCall(port);
    if (mailbox.isClosed() && resources.removeCall(port)) {
      port.fail(); // the end read the calls before this one was added: see ActorResources
    }
  }

  @Override
  public void registerTimer(TimerHandle timer) {
    resources().addTimer(timer);
    if (mailbox.isClosed()) {
      timer.cancel();
    }
  }

  @Override
  public void forgetTimer(TimerHandle timer) {
    ActorResources r = resources;
    if (r != null) {
      r.forgetTimer(timer);
    }
  }

  /** How many timers are registered with this actor (diagnostics and tests). */
  public int armedTimers() {
    ActorResources r = resources;
    return r == null ? 0 : r.armedTimers();
  }

  /** Registers a holder of this actor's messages: see {@link HeldMessages}. */
  void addHolder(HeldMessages.Holder holder) {
    resources().addHolder(holder);
  }

  /** Takes what every holder holds, oldest first per holder, and forgets the holders. */
  List<Object> takeHeld() {
    ActorResources r = resources;
    return r == null ? List.of() : r.takeHeld(this::describe);
  }

  /**
   * Fails the calls still waiting for this actor, saying how it ended (it failed, or it stopped).
   */
  private void failPendingCalls(ActorResources resources, SupervisionEvent outcome) {
    if (!resources.tracksCalls()) {
      return; // no detail to build
    }
    if (outcome instanceof SupervisionEvent.ActorFailed failed) {
      resources.failCalls(
          io.troupe.rpc.CallFailure.ACTOR_FAILED,
          "actor " + ref + " failed before answering: " + failed.error());
    } else if (outcome instanceof SupervisionEvent.ActorTerminated t && t.reason().isPresent()) {
      resources.failCalls(
          io.troupe.rpc.CallFailure.ACTOR_STOPPED,
          "actor " + ref + " stopped before answering (" + t.reason().get() + ")");
    } else {
      resources.failCalls(
          io.troupe.rpc.CallFailure.ACTOR_STOPPED, "actor " + ref + " stopped before answering");
    }
  }

  // ------------------------------------------------------------------ a burst

  /** The actor whose hook is running on the current worker thread, or null. */
  static ActorCell<?, ?, ?> runningHere() {
    Worker worker = Scheduler.currentWorker();
    return worker != null && worker.current() instanceof ActorCell<?, ?, ?> cell ? cell : null;
  }

  @Override
  public boolean runBurst(Worker worker) {
    Thread me = Thread.currentThread();
    run.bind(me);
    boolean idle;
    try {
      if (!startIfNeeded()) {
        return false;
      }
      idle = processLanes(worker, scheduler.throughput());
    } finally {
      run.unbind(me);
      Thread.interrupted(); // an interrupt was this actor's (a kill): never the next actor's
    }
    if (ended) {
      return false; // stays scheduled for good: nothing queues it again
    }
    if (!idle) {
      return true; // budget spent with work left: to the back of the queue
    }
    worker.beforeIdle(); // before a sender can see the release and submit the actor
    run.release();
    // A sender that queued before the release saw "scheduled" and submitted nothing: look again.
    return mailbox.hasWork() && run.claim();
  }

  /** Runs the start hooks still due; false if the actor ended (or had ended). */
  private boolean startIfNeeded() {
    if (ended) {
      return false;
    }
    if (status == ActorStatus.UNSTARTED) {
      A args = startArgs;
      ActorRef<?> sup = pendingSupervisor;
      startArgs = null;
      pendingSupervisor = null;
      if (!runPreStart(args, sup)) {
        return false;
      }
    }
    return !needsPostStart || runPostStart();
  }

  /**
   * The one loop over the lanes: kill and stop end the actor, then supervision events, then
   * messages, each handled in turn. It handles up to {@code budget} messages and tells the opted-in
   * behaviour when the message lane runs empty. Once it reads the drain marker it closes the
   * mailbox and becomes a sweep with no budget: it handles every message admitted before the close,
   * waiting out a sender still linking its message ({@code pollSpinning}), then ends the actor as
   * drained.
   *
   * @return true if the lanes looked empty; false if the budget ran out or the actor ended
   */
  private boolean processLanes(Worker worker, int budget) {
    boolean sweep = false;
    for (int handled = 0; sweep || handled < budget; handled++) {
      int flags = mailbox.control();
      if (flags != 0) {
        if ((flags & Mailbox.KILL) != 0) {
          endKilled();
        } else {
          endGracefully(mailbox.stopReason());
        }
        return false;
      }
      SupervisionEvent event = mailbox.pollSupervision();
      if (event != null) {
        worker.handled();
        if (!handleSupervision(event)) {
          return false;
        }
        continue;
      }
      Object message = sweep ? mailbox.pollSpinning() : mailbox.poll();
      if (message == null) {
        if (sweep) {
          endGracefully("drained");
          return false;
        }
        if (handledSinceEmptied) {
          handledSinceEmptied = false;
          if (!mailboxEmptied()) {
            return false;
          }
          continue; // the hook may have taken a while: look at the lanes again
        }
        return true;
      }
      if (message == Mailbox.DRAIN_MARKER) {
        mailbox.close(); // before the queue is read again: see Mailbox
        sweep = true;
        continue;
      }
      worker.handled();
      if (!handleMessage(message)) {
        return false;
      }
    }
    return false;
  }

  /**
   * The behaviour's hooks: a behaviour of state {@code S} that implements them hooks state {@code
   * S}.
   */
  @SuppressWarnings("unchecked")
  private static <S> MailboxHooks<S> hooksOf(Actor<?, S, ?> behaviour) {
    return behaviour instanceof MailboxHooks<?> h ? (MailboxHooks<S>) h : null;
  }

  /**
   * Tells the opted-in behaviour that its mailbox is empty; false if the hook threw and the actor
   * ended.
   */
  private boolean mailboxEmptied() {
    try {
      state = hooks.mailboxEmptied(state);
      return true;
    } catch (Throwable t) {
      endAfterHookThrew(t);
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private boolean handleMessage(Object message) {
    if (hooks != null) {
      handledSinceEmptied = true;
    }
    Interception intercepted = interception;
    try {
      if (intercepted == null) {
        state = behaviour.handle(ref, (M) message, state);
      } else {
        handling = message;
        try {
          intercepted.handle(ref, message, this);
        } finally {
          handling = null;
        }
      }
      return true;
    } catch (Throwable t) {
      endAfterHookThrew(t);
      return false;
    }
  }

  /** The handler, called by {@link Interception#handle} between the interceptors. */
  @Override
  @SuppressWarnings("unchecked")
  public void handleUnwrapped(Object message) throws Throwable {
    state = behaviour.handle(ref, (M) message, state);
  }

  private boolean handleSupervision(SupervisionEvent event) {
    try {
      state = behaviour.handleSupervisorEvent(ref, event, state);
      return true;
    } catch (Throwable t) {
      endAfterHookThrew(t);
      return false;
    }
  }

  // ------------------------------------------------------------------ ending

  private void endAfterHookThrew(Throwable t) {
    if (mailbox.killed()) {
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
    } else if (links.supervisorOrNull() == null && !links.hasMonitors()) {
      // Nobody will hear about this failure: say it somewhere.
      LOG.log(System.Logger.Level.WARNING, "unsupervised actor " + describe() + " failed", error);
    } else {
      System.Logger.Level level = node.failureLogLevel();
      if (level != System.Logger.Level.OFF && LOG.isLoggable(level)) {
        LOG.log(
            level,
            "actor "
                + describe()
                + " failed (supervised by "
                + links.supervisor().map(Object::toString).orElse("none")
                + ")",
            error);
      }
    }
    beginEnd();
    finishEnd(new SupervisionEvent.ActorFailed(ref, error), DeadLetter.Reason.FAILED);
  }

  private void beginEnd() {
    ended = true;
    mailbox.close();
    advanceStatus(ActorStatus.STOPPING);
  }

  /**
   * Releases everything, then, once every descendant has ended too, publishes the end: an actor has
   * ended (STOPPED, {@code awaitExit} true, its outcome event sent) only when its whole subtree
   * has, so a supervisor restarted by its own supervisor finds its children's names free. The last
   * step may run on the thread of the last descendant to end.
   */
  private void finishEnd(SupervisionEvent outcome, DeadLetter.Reason dropped) {
    recordStopped(outcome);
    CompletableFuture<Void> descendants = releaseResources(outcome, dropped);
    state = null;
    descendants.whenComplete(
        (ignored, never) -> {
          advanceStatus(ActorStatus.STOPPED);
          exit.complete(null);
          links.notifyEnd(outcome, withoutState(outcome));
        });
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
  private CompletableFuture<Void> releaseResources(
      SupervisionEvent outcome, DeadLetter.Reason dropped) {
    Thread.interrupted(); // a late kill must not disturb the clean-up below
    CompletableFuture<Void> descendants = links.endChildren(node.isClosing());
    ActorResources owned = resources; // after the mailbox closed: see ActorResources
    if (owned != null) {
      owned.cancelTimers();
      failPendingCalls(owned, outcome);
    }
    // Held messages first: they were taken from the mailbox before anything still in it.
    for (Object held : takeHeld()) {
      node.deadLetter(ref, held, dropped);
    }
    // After the mailbox closed: a cast that returned normally was handled or is reported here.
    mailbox.sweep(message -> node.deadLetter(ref, Interception.unwrap(message), dropped));
    ActorRef<?> sup = links.release();
    if (sup instanceof RemoteSupervisor remote) {
      // Before the cluster's exit notice goes out: the supervisor's node hears of the end from it.
      remote.childEnded(ref);
    }
    node.actorStopped(this, outcome);
    return descendants;
  }

  private void advanceStatus(ActorStatus target) {
    for (; ; ) {
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
          e.outcome =
              t.lastState().isEmpty() && t.reason().equals(Optional.of("killed"))
                  ? "killed"
                  : "terminated";
          e.reason = t.reason().orElse(null);
        }
        default -> e.outcome = "terminated";
      }
      e.commit();
    }
  }

  /** A snapshot of this actor for introspection. */
  public io.troupe.introspect.ActorInfo info() {
    MpscQueue<Object> queue = mailbox.messages();
    long depth = Math.max(0, queue.claimed() - queue.taken());
    return new io.troupe.introspect.ActorInfo(
        ref,
        name(),
        status,
        links.supervisor(),
        links.children(),
        depth,
        ref.messageType(),
        behaviour.getClass().getName());
  }

  public String describe() {
    return name == null ? id.toString() : name + "(" + id + ")";
  }
}
