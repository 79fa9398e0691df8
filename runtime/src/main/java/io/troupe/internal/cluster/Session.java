package io.troupe.internal.cluster;

import com.google.protobuf.ByteString;
import io.troupe.cluster.DisconnectCause;
import io.troupe.cluster.NodeConfig;
import io.troupe.cluster.OutboxStats;
import io.troupe.cluster.PeerInfo;
import io.troupe.internal.cluster.proto.Authenticated;
import io.troupe.internal.cluster.proto.Hello;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.internal.cluster.proto.Pong;
import io.troupe.internal.cluster.proto.Proof;
import io.troupe.internal.cluster.proto.Refused;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One connection with another node: a reader and a writer thread over one socket. They are platform
 * threads, so that busy actors (which run on the virtual-thread carriers) cannot stall keepalive or
 * socket I/O; closing closes the plain TCP socket under TLS directly, which never blocks on a peer
 * that stopped reading.
 *
 * <p>Before authentication only the handshake is accepted, in this order from the peer: {@code
 * Hello}, {@code Proof}, {@code Authenticated}; anything else closes the session. The connecting
 * side proves first: the accepting side sends its own proof only after it verified the connecting
 * side's, so a client that does not know the cookie learns nothing it could test guesses against.
 * After it, pings are answered here and every other message goes to the {@link ClusterRuntime}.
 */
public final class Session {
  private static final System.Logger LOG = System.getLogger("io.troupe.cluster");
  static final int PROTOCOL_VERSION = 2;

  /**
   * The largest frame read before authentication: a handshake message with the longest name and
   * host allowed fits, so a stranger cannot make the node buffer more than this per connection.
   */
  public static final int HANDSHAKE_FRAME_BYTES = 1024;

  /** The longest node name or listening host, in UTF-8 bytes, a handshake may carry. */
  public static final int MAX_NAME_BYTES = 255;

  private static final NetworkMessage POISON = NetworkMessage.getDefaultInstance();

  /** Queued after a last message: the writer flushes what came before, then closes the session. */
  private static final NetworkMessage FLUSH_AND_CLOSE =
      NetworkMessage.newBuilder().setRefused(Refused.getDefaultInstance()).build();

  /** The reason of a close after {@link #FLUSH_AND_CLOSE}. */
  private volatile String flushCloseReason;

  private enum Phase {
    AWAIT_HELLO,
    AWAIT_PROOF,
    AWAIT_AUTHENTICATED,
    AUTHENTICATED,
    CLOSED
  }

  private final ClusterRuntime cluster;
  private final Socket socket;

  /** The TCP connection: {@link #socket} itself, or the one under it for TLS. */
  private final Socket tcp;

  private final boolean outbound;
  private final byte[] nonce = CookieProof.freshNonce();
  private final LinkedBlockingQueue<NetworkMessage> outbox = new LinkedBlockingQueue<>();

  /**
   * Flow control: room, in bytes, for casts and calls queued and not yet written. They take their
   * cost before queuing and the writer gives it back once they are written; other messages are
   * never held back (a reader answering a ping must not wait on its own writer).
   */
  private final Semaphore outboxRoom;

  private final CompletableFuture<PeerInfo> authenticated = new CompletableFuture<>();

  /** Completed when the peer's Ready arrived (its names and groups are applied here). */
  private final CompletableFuture<PeerInfo> ready = new CompletableFuture<>();

  private final long openedAt = System.nanoTime();

  private volatile Phase phase = Phase.AWAIT_HELLO;
  private volatile long lastReceived = System.nanoTime();
  private volatile long authenticatedAt;

  /** What ends with the session: the peer's calls waiting for this node's answers (their fail). */
  private final java.util.Set<Runnable> endings = new java.util.HashSet<>();

  /** This node's calls sent on this session, waiting for answers. */
  private final OutgoingCalls calls = new OutgoingCalls();

  /** This node's actors the peer may reach because refs to them were sent on this session. */
  private final ExportedRefs exports;

  /** The peer's messages waiting in this node's mailboxes (reader thread only). */
  private final InboundBudget inbound = new InboundBudget();

  /**
   * Bytes of messages that are never held back (answers, pongs, updates) queued and not written.
   */
  private final java.util.concurrent.atomic.AtomicLong unheldQueued =
      new java.util.concurrent.atomic.AtomicLong();

  private volatile String closeReason;
  private volatile DisconnectCause closeCause = DisconnectCause.OTHER;

  /** Learns the peer's heartbeat intervals (its pings). */
  private final PhiAccrualDetector detector;

  private String peerName;
  private long peerId;
  private byte[] peerNonce;
  private volatile PeerInfo peer;
  private volatile InetSocketAddress peerListenAddress;

  /** The peer's announced maximum frame body; 0 until its Hello, or if it announced none. */
  private volatile int peerMaxFrameBytes;

  Session(ClusterRuntime cluster, Socket socket, Socket tcp, boolean outbound) {
    this.cluster = cluster;
    this.socket = socket;
    this.tcp = tcp;
    this.outbound = outbound;
    this.outboxRoom = new Semaphore(cluster.config().outboxBytes(), true);
    NodeConfig config = cluster.config();
    this.exports = new ExportedRefs(config.maxExportedRefsPerPeer());
    this.detector =
        new PhiAccrualDetector(
            config.keepaliveInterval().toNanos(),
            config.acceptablePause().toNanos(),
            config.minStdDeviation().toNanos());
  }

  void start() {
    send(
        NetworkMessage.newBuilder()
            .setHello(
                Hello.newBuilder()
                    .setNodeName(cluster.nodeName())
                    .setNodeId(cluster.nodeId())
                    .setProtocolVersion(PROTOCOL_VERSION)
                    .setNonce(ByteString.copyFrom(nonce))
                    .setMaxFrameBytes(cluster.config().maxFrameBytes()))
            .build());
    ClusterRuntime.ioThread("troupe-session-writer-" + cluster.nodeName()).start(this::writeLoop);
    ClusterRuntime.ioThread("troupe-session-reader-" + cluster.nodeName()).start(this::readLoop);
  }

  /**
   * Queues a message for the peer; dropped if the session is closed. A message whose frame would be
   * larger than {@link #sendLimit()} is not written either (the peer would close the session over
   * it): it is dropped with a warning. Senders that can say so to their caller check {@link #fits}
   * first.
   */
  public void send(NetworkMessage message) {
    if (phase == Phase.CLOSED) {
      return;
    }
    int size = message.getSerializedSize(); // memoized: writing it later does not measure again
    if (size > sendLimit()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "not sent to "
              + describe()
              + ": a "
              + message.getKindCase()
              + " frame of "
              + size
              + " bytes exceeds the limit of "
              + sendLimit()
              + " bytes");
      return;
    }
    long cost = size + InboundBudget.OVERHEAD_BYTES;
    if (unheldQueued.addAndGet(cost) > cluster.config().controlOutboxBytes()) {
      unheldQueued.addAndGet(-cost);
      close(
          DisconnectCause.PEER_NOT_READING,
          "the peer does not read: over "
              + cluster.config().controlOutboxBytes()
              + " bytes of answers, pongs and updates wait to be written to it");
      return;
    }
    outbox.add(message);
  }

  /**
   * Queues a cast or a call, waiting up to {@code NodeConfig.outboxWait()} for room in the outbox.
   * Returns false if no room came in time: nothing was queued. A session that closes in the
   * meantime drops the message, as {@link #send} does.
   */
  boolean sendHeld(NetworkMessage message) {
    int cost = heldCost(message);
    if (!outboxRoom.tryAcquire(cost)) {
      long waitNanos = cluster.config().outboxWait().toNanos();
      try {
        if (waitNanos <= 0 || !outboxRoom.tryAcquire(cost, waitNanos, TimeUnit.NANOSECONDS)) {
          return false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    if (phase == Phase.CLOSED) {
      return true; // dropped with the session; close() has already freed every waiter
    }
    outbox.add(message);
    return true;
  }

  /** The outbound queue now (any thread): see {@link OutboxStats}. */
  OutboxStats outboxStats() {
    long limit = cluster.config().outboxBytes();
    // Closing releases more than the bound to free every waiting sender: then nothing is held.
    long held = Math.max(0, limit - outboxRoom.availablePermits());
    return new OutboxStats(
        peer,
        outbox.size(),
        held,
        limit,
        Math.max(0, unheldQueued.get()),
        cluster.config().controlOutboxBytes());
  }

  /** What a held message costs in the outbox: its frame, a little framing, never more than all. */
  private int heldCost(NetworkMessage message) {
    return Math.min(message.getSerializedSize() + 8, cluster.config().outboxBytes());
  }

  private static boolean isHeld(NetworkMessage message) {
    NetworkMessage.KindCase kind = message.getKindCase();
    return kind == NetworkMessage.KindCase.CAST || kind == NetworkMessage.KindCase.CALL;
  }

  /**
   * The largest frame body this side may send: the smaller of this node's maximum and the one the
   * peer announced in its {@code Hello} (this node's alone if the peer announced none).
   */
  public int sendLimit() {
    int own = cluster.config().maxFrameBytes();
    int theirs = peerMaxFrameBytes;
    return theirs > 0 ? Math.min(own, theirs) : own;
  }

  /**
   * True if {@code message} can be sent on this session (its frame is within {@link #sendLimit()}).
   */
  public boolean fits(NetworkMessage message) {
    return message.getSerializedSize() <= sendLimit();
  }

  /**
   * Sends {@code items} in as few messages as fit the limit and hold at most {@code maxItems},
   * halving the list until each part does; a single item that does not fit is dropped by {@link
   * #send} with a warning.
   */
  <T> void sendInParts(List<T> items, int maxItems, Function<List<T>, NetworkMessage> frameOf) {
    if (items.size() <= maxItems) {
      NetworkMessage whole = frameOf.apply(items);
      if (items.size() <= 1 || fits(whole)) {
        send(whole);
        return;
      }
    }
    int half = items.size() / 2;
    sendInParts(items.subList(0, half), maxItems, frameOf);
    sendInParts(items.subList(half, items.size()), maxItems, frameOf);
  }

  /** This node's calls sent on this session that wait for their answers. */
  OutgoingCalls calls() {
    return calls;
  }

  /** This node's actors exported to the peer by refs sent on this session. */
  ExportedRefs exports() {
    return exports;
  }

  /** The peer, once it said who it is; null before. */
  public PeerInfo peer() {
    return peer;
  }

  /** Where the peer accepts connections, once authenticated; null if it does not listen. */
  InetSocketAddress peerListenAddress() {
    return peerListenAddress;
  }

  /** True if this side opened the connection. */
  boolean outbound() {
    return outbound;
  }

  /** The id of the node that opened the connection (for resolving duplicate connections). */
  long initiatorId() {
    return outbound ? cluster.nodeId() : peerId;
  }

  boolean isAuthenticated() {
    return phase == Phase.AUTHENTICATED;
  }

  boolean isClosed() {
    return phase == Phase.CLOSED;
  }

  long openedAt() {
    return openedAt;
  }

  /** When the handshake completed (System.nanoTime), if it did. */
  long authenticatedAt() {
    return authenticatedAt;
  }

  long lastReceived() {
    return lastReceived;
  }

  CompletableFuture<PeerInfo> authenticatedFuture() {
    return authenticated;
  }

  private final java.util.concurrent.atomic.AtomicBoolean readySeen =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** True the first time only: the peer's {@code Ready} arrived. */
  boolean markReady() {
    return readySeen.compareAndSet(false, true);
  }

  /** Completes once the peer's {@code Ready} arrived; fails when the session closes first. */
  CompletableFuture<PeerInfo> readyFuture() {
    return ready;
  }

  String closeReason() {
    return closeReason;
  }

  DisconnectCause closeCause() {
    return closeCause;
  }

  /** The failure detector of this session's peer. */
  PhiAccrualDetector detector() {
    return detector;
  }

  private void readLoop() {
    try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
      for (; ; ) {
        awaitInboundRoom();
        int limit =
            phase == Phase.AUTHENTICATED ? cluster.config().maxFrameBytes() : HANDSHAKE_FRAME_BYTES;
        NetworkMessage message = Frames.read(in, limit);
        if (message == null) {
          close(DisconnectCause.CLOSED_BY_PEER, "the peer closed the connection");
          return;
        }
        lastReceived = System.nanoTime();
        cluster.read(message.getSerializedSize());
        receive(message);
      }
    } catch (ProtocolException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "closing session with " + describe() + ": " + Names.clean(e.getMessage()));
      close(DisconnectCause.PROTOCOL_ERROR, "protocol error: " + e.getMessage());
    } catch (IOException e) {
      close(
          DisconnectCause.CONNECTION_LOST,
          phase == Phase.CLOSED ? closeReason : "connection lost: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "session with " + describe() + " failed", e);
      close("internal error: " + e);
    }
  }

  /**
   * Stops reading while the peer's messages waiting here are over the bound, until their actors
   * take enough: TCP then pushes back on the peer. The peer is not silent meanwhile, this side is
   * not listening, so the keepalive does not count the pause against it.
   */
  private void awaitInboundRoom() {
    long max = cluster.config().inboundQueueBytes();
    long pauseMillis = 1;
    while (phase == Phase.AUTHENTICATED && inbound.queuedBytes() > max) {
      lastReceived = System.nanoTime();
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pauseMillis = Math.min(20, pauseMillis * 2);
    }
  }

  /**
   * Notes a cast or call of the peer just queued on {@code cell}, for the inbound bound. Reader
   * thread only.
   */
  void delivered(io.troupe.internal.ActorCell<?, ?, ?> cell, int frameBytes) {
    inbound.delivered(cell, frameBytes);
  }

  private void writeLoop() {
    try (OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
      for (; ; ) {
        NetworkMessage message = outbox.take();
        if (message == POISON) {
          out.flush();
          return;
        }
        if (message == FLUSH_AND_CLOSE) {
          out.flush();
          close(flushCloseReason);
          return;
        }
        Frames.write(out, message);
        cluster.wrote(message.getSerializedSize());
        if (isHeld(message)) {
          outboxRoom.release(heldCost(message));
        } else {
          unheldQueued.addAndGet(-(message.getSerializedSize() + InboundBudget.OVERHEAD_BYTES));
        }
        if (outbox.isEmpty()) {
          out.flush();
        }
      }
    } catch (IOException | InterruptedException e) {
      close(
          DisconnectCause.CONNECTION_LOST,
          phase == Phase.CLOSED ? closeReason : "write failed: " + e.getMessage());
    }
  }

  private void receive(NetworkMessage message) throws ProtocolException {
    switch (phase) {
      case AWAIT_HELLO -> onHello(expect(message, NetworkMessage.KindCase.HELLO).getHello());
      case AWAIT_PROOF -> {
        if (outbound && message.getKindCase() == NetworkMessage.KindCase.REFUSED) {
          // The accepting side verified this side's proof and refuses it (its name is taken there).
          close(
              "refused by "
                  + describe()
                  + ": "
                  + Names.clean(message.getRefused().getReason(), 512));
          return;
        }
        onProof(expect(message, NetworkMessage.KindCase.PROOF).getProof());
      }
      case AWAIT_AUTHENTICATED ->
          onAuthenticated(
              expect(message, NetworkMessage.KindCase.AUTHENTICATED).getAuthenticated());
      case AUTHENTICATED -> {
        switch (message.getKindCase()) {
          case PING -> {
            detector.heartbeat(lastReceived);
            send(
                NetworkMessage.newBuilder()
                    .setPong(Pong.newBuilder().setSequence(message.getPing().getSequence()))
                    .build());
          }
          case PONG -> {}
          case HELLO, PROOF, AUTHENTICATED, KIND_NOT_SET ->
              throw new ProtocolException(
                  "unexpected " + message.getKindCase() + " after authentication");
          default -> cluster.onTraffic(this, message);
        }
      }
      case CLOSED -> {}
    }
  }

  private static NetworkMessage expect(NetworkMessage message, NetworkMessage.KindCase kind)
      throws ProtocolException {
    if (message.getKindCase() != kind) {
      throw new ProtocolException(
          "expected " + kind + " during the handshake but got " + message.getKindCase());
    }
    return message;
  }

  private void onHello(Hello hello) throws ProtocolException {
    if (hello.getProtocolVersion() != PROTOCOL_VERSION) {
      throw new ProtocolException("unsupported protocol version " + hello.getProtocolVersion());
    }
    if (hello.getNonce().size() != CookieProof.NONCE_BYTES
        || hello.getNodeName().isEmpty()
        || hello.getNodeNameBytes().size() > MAX_NAME_BYTES) {
      throw new ProtocolException("malformed hello");
    }
    if (hello.getNodeId() == 0) {
      throw new ProtocolException("node id 0 is not a node's id");
    }
    if (hello.getNodeId() == cluster.nodeId()) {
      throw new ProtocolException("a node cannot connect to itself");
    }
    int announced = hello.getMaxFrameBytes(); // uint32: above 2^31 - 1 it reads negative here
    if (announced > 0 && announced < NodeConfig.MIN_FRAME_BYTES) {
      throw new ProtocolException(
          "announced maximum frame size " + announced + " is below " + NodeConfig.MIN_FRAME_BYTES);
    }
    peerMaxFrameBytes = announced < 0 ? Integer.MAX_VALUE : announced;
    peerName = hello.getNodeName();
    peerId = hello.getNodeId();
    peerNonce = hello.getNonce().toByteArray();
    peer = new PeerInfo(peerName, peerId, (InetSocketAddress) tcp.getRemoteSocketAddress());
    if (!advance(Phase.AWAIT_HELLO, Phase.AWAIT_PROOF)) {
      return;
    }
    if (outbound) {
      sendProof(); // the connecting side proves first
    }
  }

  /** This side's answer to the peer's challenge. */
  private void sendProof() {
    byte[] proof =
        cluster.proofs().prove(peerNonce, nonce, peerName, cluster.nodeName(), !outbound);
    send(
        NetworkMessage.newBuilder()
            .setProof(Proof.newBuilder().setHmac(ByteString.copyFrom(proof)))
            .build());
  }

  private void onProof(Proof proof) throws ProtocolException {
    // The peer answered this side's challenge; it is the connecting side if this one accepted.
    if (!cluster
        .proofs()
        .verify(
            proof.getHmac().toByteArray(),
            nonce,
            peerNonce,
            cluster.nodeName(),
            peerName,
            outbound)) {
      throw new ProtocolException("authentication failed: the peer does not know the cookie");
    }
    if (!advance(Phase.AWAIT_PROOF, Phase.AWAIT_AUTHENTICATED)) {
      return;
    }
    if (!outbound) {
      String nameTaken = cluster.nameConflict(this);
      if (nameTaken != null) {
        // The peer proved the cookie, so it may learn why: it would otherwise see a bare close.
        send(
            NetworkMessage.newBuilder()
                .setRefused(Refused.newBuilder().setReason(nameTaken))
                .build());
        closeAfterFlush(nameTaken);
        return;
      }
      sendProof(); // only now: the peer proved it knows the cookie
    }
    InetSocketAddress listening = cluster.listenAddress();
    Authenticated.Builder ok = Authenticated.newBuilder();
    if (listening != null) {
      // Listening on every interface (0.0.0.0, ::): the address this connection reached is one
      // the peer can use, the wildcard is not.
      String host =
          listening.getAddress() != null && listening.getAddress().isAnyLocalAddress()
              ? tcp.getLocalAddress().getHostAddress()
              : listening.getHostString();
      ok.setListenHost(host).setListenPort(listening.getPort());
    }
    send(NetworkMessage.newBuilder().setAuthenticated(ok).build());
  }

  private void onAuthenticated(Authenticated ok) throws ProtocolException {
    if (ok.getListenHostBytes().size() > MAX_NAME_BYTES || ok.getListenPort() > 65535) {
      throw new ProtocolException("malformed authenticated");
    }
    if (ok.getListenPort() > 0) {
      String host = ok.getListenHost();
      if (host.isEmpty()
          || host.equals("0.0.0.0")
          || host.equals("::")
          || host.equals("0:0:0:0:0:0:0:0")) {
        host =
            tcp.getInetAddress()
                .getHostAddress(); // a wildcard names no host: the peer is where it connects from
      }
      peerListenAddress = InetSocketAddress.createUnresolved(host, ok.getListenPort());
    }
    authenticatedAt = System.nanoTime();
    if (advance(Phase.AWAIT_AUTHENTICATED, Phase.AUTHENTICATED)) {
      io.troupe.internal.jfr.SessionOpenedEvent e = new io.troupe.internal.jfr.SessionOpenedEvent();
      if (e.shouldCommit()) {
        e.node = cluster.nodeName();
        e.peer = describe();
        e.outbound = outbound;
        e.commit();
      }
      cluster.onAuthenticated(this); // completes the future before it may close a duplicate
    }
  }

  /**
   * Moves the handshake on from {@code from} to {@code to}, unless the session was closed in the
   * meantime (a closed session never comes back to life); false then.
   */
  private synchronized boolean advance(Phase from, Phase to) {
    if (phase != from) {
      return false;
    }
    phase = to;
    return true;
  }

  /**
   * Runs {@code ending} when the session closes (at once if it has), unless {@code max} endings are
   * registered already: false then, and nothing is run. {@link #forget} undoes it.
   */
  boolean onEnd(Runnable ending, int max) {
    synchronized (this) {
      if (phase != Phase.CLOSED) {
        if (endings.size() >= max) {
          return false;
        }
        endings.add(ending);
        return true;
      }
    }
    ending.run();
    return true;
  }

  synchronized void forget(Runnable ending) {
    endings.remove(ending);
  }

  /** Ends the session once what is queued was written (a last word before closing). */
  private void closeAfterFlush(String reason) {
    LOG.log(System.Logger.Level.WARNING, "refused node " + describe() + ": " + reason);
    flushCloseReason = reason;
    outbox.add(FLUSH_AND_CLOSE);
  }

  /** Ends the session (idempotent) for a cause other than those named; the runtime is told once. */
  public void close(String reason) {
    close(DisconnectCause.OTHER, reason);
  }

  /** Ends the session (idempotent); the runtime is told once, with the first cause. */
  public void close(DisconnectCause cause, String reason) {
    boolean wasAuthenticated;
    synchronized (this) {
      if (phase == Phase.CLOSED) {
        return;
      }
      wasAuthenticated = phase == Phase.AUTHENTICATED;
      closeReason = reason;
      closeCause = cause;
      phase = Phase.CLOSED;
    }
    io.troupe.internal.jfr.SessionClosedEvent closing =
        new io.troupe.internal.jfr.SessionClosedEvent();
    if (closing.shouldCommit()) {
      closing.node = cluster.nodeName();
      closing.peer = describe();
      closing.authenticated = wasAuthenticated;
      closing.reason = Names.clean(reason);
      closing.commit();
    }
    List<Runnable> ended;
    synchronized (this) {
      ended = List.copyOf(endings);
      endings.clear();
    }
    long unsent = outbox.stream().filter(Session::isHeld).count();
    outbox.clear();
    if (unsent > 0) {
      reason = reason + "; " + unsent + " casts and calls queued for the peer were not sent";
      LOG.log(
          System.Logger.Level.WARNING, "session with " + describe() + " closed (" + reason + ")");
    }
    outbox.add(POISON);
    outboxRoom.release(Integer.MAX_VALUE / 2); // frees every sender waiting for room: they drop
    try {
      tcp.close(); // not a TLS close: that waits to send close_notify to a peer that may never read
    } catch (IOException ignored) {
      // closing anyway
    }
    authenticated.completeExceptionally(new IOException(reason));
    ready.completeExceptionally(new IOException(reason));
    cluster.onClosed(this, reason);
    for (Runnable ending : ended) {
      try {
        ending.run();
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "cleaning up after the session with " + describe() + " failed",
            e);
      }
    }
  }

  /** The remote address of the connection. */
  java.net.InetAddress remoteAddress() {
    return tcp.getInetAddress();
  }

  String describe() {
    return peerName != null ? Names.quote(peerName) : String.valueOf(tcp.getRemoteSocketAddress());
  }
}
