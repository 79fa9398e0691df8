package io.troupe.internal.cluster;

import io.troupe.cluster.Cluster;
import io.troupe.cluster.ClusterException;
import io.troupe.cluster.ClusterStats;
import io.troupe.cluster.ConnectionMode;
import io.troupe.cluster.NodeConfig;
import io.troupe.cluster.NodeEvent;
import io.troupe.cluster.OutboxStats;
import io.troupe.cluster.PeerInfo;
import io.troupe.internal.cluster.proto.NetworkMessage;
import io.troupe.internal.cluster.proto.PeerAddress;
import io.troupe.internal.cluster.proto.PeerList;
import io.troupe.internal.cluster.proto.Ping;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;

/**
 * A node's cluster machinery: the listening socket, the sessions, duplicate-connection resolution,
 * keepalive, transitive connections and node events.
 *
 * <p>Extension point for the remote-actor layer: {@link #onActorTraffic} registers the handler of
 * every post-handshake message that is not keepalive or peer gossip; {@link #sessionTo(long)} finds
 * the session to a node for sending.
 */
public final class ClusterRuntime implements Cluster, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.troupe.cluster");

  private final String nodeName;
  private final long nodeId;
  private final NodeConfig config;
  private final CookieProof proofs;
  private final List<Session> sessions = new CopyOnWriteArrayList<>();

  /** The one authenticated session kept per peer node id. */
  private final Map<Long, Session> byPeer = new ConcurrentHashMap<>();

  private final List<Consumer<NodeEvent>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong pingSequence = new AtomicLong();
  private volatile BiConsumer<Session, NetworkMessage> actorTraffic = (s, m) -> {};
  private volatile Consumer<Session> sessionClosed = s -> {};
  private volatile Consumer<Session> peerSessionEnded = s -> {};

  /** Sends a session this node's names and groups (the remote-actor layer's state). */
  private volatile Consumer<Session> syncer = s -> {};

  private volatile ServerSocket server;
  private volatile InetSocketAddress listenAddress;
  private volatile boolean closed;
  private final Thread keepalive;

  public ClusterRuntime(String nodeName, long nodeId, NodeConfig config) {
    if (nodeName.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        > Session.MAX_NAME_BYTES) {
      throw new IllegalArgumentException(
          "a cluster node's name is at most "
              + Session.MAX_NAME_BYTES
              + " bytes in UTF-8: "
              + nodeName.length()
              + " characters");
    }
    this.nodeName = nodeName;
    this.nodeId = nodeId;
    this.config = config;
    this.proofs = new CookieProof(config.cookie());
    this.keepalive = ioThread("troupe-keepalive-" + nodeName).start(this::keepaliveLoop);
  }

  /**
   * A builder of the cluster's own threads: platform daemon threads, so that actors busy on every
   * virtual-thread carrier cannot hold up keepalive, accepting or socket I/O.
   */
  static Thread.Builder ioThread(String name) {
    return Thread.ofPlatform().daemon().name(name);
  }

  String nodeName() {
    return nodeName;
  }

  long nodeId() {
    return nodeId;
  }

  NodeConfig config() {
    return config;
  }

  CookieProof proofs() {
    return proofs;
  }

  InetSocketAddress listenAddress() {
    return listenAddress;
  }

  /** Registers the handler for actor messages, group changes and exit notices. */
  public void onActorTraffic(BiConsumer<Session, NetworkMessage> handler) {
    this.actorTraffic = handler;
  }

  /**
   * Registers what sends a newly kept session this node's advertised names and groups; the runtime
   * sends {@code Ready} right after it.
   */
  public void onSessionKept(Consumer<Session> handler) {
    this.syncer = handler;
  }

  /**
   * Registers what to do, on the closing thread, when the session kept for a peer ends: before its
   * {@code NodeDisconnected} is published, and before another session with that node can be kept.
   */
  public void onPeerSessionEnded(Consumer<Session> handler) {
    this.peerSessionEnded = handler;
  }

  /** Registers what to do when any session ends (after its NodeDisconnected, if it had one). */
  public void onSessionClosed(Consumer<Session> handler) {
    this.sessionClosed = handler;
  }

  /** The sessions kept for authenticated peers, a snapshot. */
  public List<Session> authenticatedSessions() {
    return byPeer.values().stream().filter(Session::isAuthenticated).toList();
  }

  /** The authenticated session to a node, or null. */
  public Session sessionTo(long peerNodeId) {
    return byPeer.get(peerNodeId);
  }

  // ------------------------------------------------------------------ Cluster

  @Override
  public synchronized InetSocketAddress listen(String host, int port) {
    ensureOpen();
    if (server != null) {
      throw new ClusterException("node " + nodeName + " already listens on " + listenAddress);
    }
    try {
      ServerSocket s =
          new ServerSocket(); // TLS is layered on each accepted socket (see onAccepted)
      s.bind(new InetSocketAddress(host, port));
      server = s;
      listenAddress = new InetSocketAddress(host, s.getLocalPort());
      ioThread("troupe-accept-" + nodeName).start(() -> acceptLoop(s));
      return listenAddress;
    } catch (IOException e) {
      throw new ClusterException(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  @Override
  public PeerInfo connect(String host, int port) {
    ensureOpen();
    Socket tcp = new Socket();
    Socket socket = tcp;
    try {
      tcp.connect(new InetSocketAddress(host, port), (int) config.handshakeTimeout().toMillis());
      tcp.setTcpNoDelay(true);
      if (config.tls() != null) {
        SSLSocket ssl =
            (SSLSocket) config.tls().getSocketFactory().createSocket(tcp, host, port, true);
        ssl.setUseClientMode(true);
        ssl.setSoTimeout(
            (int) config.handshakeTimeout().toMillis()); // a peer that stalls the TLS handshake
        ssl.startHandshake();
        ssl.setSoTimeout(0);
        socket = ssl;
      }
    } catch (IOException e) {
      closeQuietly(tcp);
      throw new ClusterException(
          "cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
    }
    Session session = open(socket, tcp, true);
    try {
      PeerInfo peer =
          session
              .authenticatedFuture()
              .get(config.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return awaitReady(peer, host, port);
    } catch (TimeoutException e) {
      session.close("handshake timed out");
      throw new ClusterException(
          "no authenticated session with "
              + host
              + ":"
              + port
              + " within "
              + config.handshakeTimeout());
    } catch (ExecutionException e) {
      PeerInfo viaOther = awaitOtherSession(session.peer());
      if (viaOther != null) {
        return viaOther; // both sides connected at once and the peer kept the other connection
      }
      throw new ClusterException(
          "connection to " + host + ":" + port + " was not authenticated: " + session.closeReason(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      session.close("interrupted");
      throw new ClusterException("interrupted while connecting to " + host + ":" + port, e);
    }
  }

  /**
   * Waits until the session kept for {@code peer} has received the peer's {@code Ready} (its names
   * and groups are applied), following a crossed duplicate that replaced it.
   */
  private PeerInfo awaitReady(PeerInfo peer, String host, int port) throws InterruptedException {
    long deadline = System.nanoTime() + config.handshakeTimeout().toNanos();
    String why = "the session closed";
    while (System.nanoTime() < deadline) {
      Session kept = byPeer.get(peer.nodeId());
      if (kept == null || kept.isClosed()) {
        // NOTE: when both sides connect at once, the kept session may be closing as the crossed
        // duplicate while the survivor is not yet registered: wait for it while one is still open.
        if (!stillConnecting(peer)) {
          break;
        }
        Thread.sleep(1);
        continue;
      }
      try {
        return kept.readyFuture()
            .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException closed) {
        why = String.valueOf(kept.closeReason());
      } catch (TimeoutException e) {
        throw new ClusterException(
            "connected to "
                + Names.quote(peer.name())
                + " at "
                + host
                + ":"
                + port
                + " but its names and groups did not arrive within "
                + config.handshakeTimeout());
      }
    }
    throw new ClusterException(
        "connection to "
            + Names.quote(peer.name())
            + " at "
            + host
            + ":"
            + port
            + " ended before its names and groups arrived: "
            + why);
  }

  @Override
  public java.util.concurrent.CompletableFuture<PeerInfo> connectAsync(String host, int port) {
    java.util.concurrent.CompletableFuture<PeerInfo> result =
        new java.util.concurrent.CompletableFuture<>();
    ioThread("troupe-connect-" + nodeName)
        .start(
            () -> {
              try {
                result.complete(connect(host, port));
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  /** True if some open session (authenticated or not yet) is with {@code peer}. */
  private boolean stillConnecting(PeerInfo peer) {
    return sessions.stream()
        .anyMatch(s -> !s.isClosed() && s.peer() != null && s.peer().nodeId() == peer.nodeId());
  }

  /** After a duplicate was dropped mid-handshake, waits briefly for the surviving session. */
  private PeerInfo awaitOtherSession(PeerInfo peer) {
    if (peer == null) {
      return null;
    }
    long deadline = System.nanoTime() + config.handshakeTimeout().toNanos();
    while (System.nanoTime() < deadline && !closed) {
      Session other = byPeer.get(peer.nodeId());
      if (other != null && other.isAuthenticated()) {
        try {
          return awaitReady(other.peer(), "", 0);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
      if (!stillConnecting(peer)) {
        return null;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  @Override
  public ClusterStats stats() {
    return new ClusterStats(
        peers().size(), framesOut.sum(), bytesOut.sum(), framesIn.sum(), bytesIn.sum());
  }

  @Override
  public List<OutboxStats> outboxes() {
    List<OutboxStats> result = new ArrayList<>();
    for (Session s : byPeer.values()) {
      if (s.isAuthenticated()) {
        result.add(s.outboxStats());
      }
    }
    return List.copyOf(result);
  }

  /** Counts a frame written by a session: {@code size} bytes of message plus the length prefix. */
  void wrote(int size) {
    framesOut.increment();
    bytesOut.add(size + 4L);
  }

  /** Counts a frame read by a session. */
  void read(int size) {
    framesIn.increment();
    bytesIn.add(size + 4L);
  }

  private final java.util.concurrent.atomic.LongAdder framesOut =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder bytesOut =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder framesIn =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder bytesIn =
      new java.util.concurrent.atomic.LongAdder();

  @Override
  public List<PeerInfo> peers() {
    List<PeerInfo> result = new ArrayList<>();
    for (Session s : byPeer.values()) {
      if (s.isAuthenticated()) {
        result.add(s.peer());
      }
    }
    return List.copyOf(result);
  }

  private volatile RemoteActors actors;

  /** The remote-actor layer of this node, which answers the waits for names and members. */
  void attach(RemoteActors layer) {
    this.actors = layer;
  }

  private RemoteActors actors() {
    RemoteActors layer = actors;
    if (layer == null) {
      throw new IllegalStateException(
          "the cluster of node " + nodeName + " has no remote-actor layer");
    }
    return layer;
  }

  @Override
  public io.troupe.ActorRef<?> awaitName(String name, java.time.Duration timeout) {
    return awaitName(name, null, timeout);
  }

  @Override
  public <M> io.troupe.ActorRef<M> awaitName(
      String name, Class<M> messageType, java.time.Duration timeout) {
    java.util.Objects.requireNonNull(name, "name must not be null");
    io.troupe.internal.RefArguments.notNegative(timeout, "timeout");
    io.troupe.ActorRef<M> found = actors().awaitName(name, messageType, timeout);
    if (found == null) {
      throw new ClusterException(
          "no actor registered as "
              + Names.quote(name)
              + (messageType == null ? "" : " accepting " + messageType.getName())
              + " within "
              + timeout
              + " on node "
              + Names.quote(nodeName)
              + " (peers: "
              + peerNames()
              + ")");
    }
    return found;
  }

  @Override
  public List<io.troupe.ActorRef<?>> awaitMembers(
      String group, int count, java.time.Duration timeout) {
    java.util.Objects.requireNonNull(group, "group must not be null");
    io.troupe.internal.RefArguments.notNegative(timeout, "timeout");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    List<io.troupe.ActorRef<?>> found = actors().awaitMembers(group, count, timeout);
    if (found == null) {
      throw new ClusterException(
          "group "
              + Names.quote(group)
              + " did not reach "
              + count
              + " members within "
              + timeout
              + " on node "
              + Names.quote(nodeName)
              + ": it has "
              + actors().memberCount(group)
              + " (peers: "
              + peerNames()
              + ")");
    }
    return found;
  }

  private String peerNames() {
    return peers().stream().map(p -> Names.quote(p.name())).toList().toString();
  }

  @Override
  public long rejectedCasts() {
    return rejectedCasts.get();
  }

  @Override
  public int exportedRefs(PeerInfo peer) {
    return actors().exportedRefs(peer.nodeId());
  }

  private final AtomicLong rejectedCasts = new AtomicLong();

  /**
   * Counts a cast of this node that a peer reported it could not deliver; returns the new count.
   */
  long castRejected() {
    return rejectedCasts.incrementAndGet();
  }

  @Override
  public AutoCloseable subscribe(Consumer<NodeEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void disconnect(String peerName) {
    // Only the authenticated peer of that name (names are unique among peers): a connection still
    // in its handshake merely claims a name.
    for (Session s : byPeer.values()) {
      if (s.isAuthenticated() && s.peer().name().equals(peerName)) {
        s.close(io.troupe.cluster.DisconnectCause.DISCONNECTED, "disconnected by " + nodeName);
      }
    }
  }

  @Override
  public void disconnect(PeerInfo peer) {
    Session s = byPeer.get(peer.nodeId());
    if (s != null && s.peer().name().equals(peer.name())) {
      s.close(io.troupe.cluster.DisconnectCause.DISCONNECTED, "disconnected by " + nodeName);
    }
  }

  @Override
  public void close() {
    closed = true;
    keepalive.interrupt();
    reconnectors.forEach(Thread::interrupt);
    ServerSocket s = server;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    for (Session session : sessions) {
      session.close(io.troupe.cluster.DisconnectCause.NODE_CLOSED, "node " + nodeName + " closed");
    }
  }

  // ------------------------------------------------------------------ sessions

  private final RateLimitedLog acceptFailures =
      new RateLimitedLog(LOG, java.time.Duration.ofSeconds(10));

  private void acceptLoop(ServerSocket s) {
    Acceptor.run(
        s,
        () -> closed,
        this::onAccepted,
        e -> acceptFailures.warn("accept failed on " + listenAddress + ": " + e));
  }

  private void onAccepted(Socket tcp) {
    if (!admit(tcp)) {
      closeQuietly(tcp);
      return;
    }
    try {
      tcp.setTcpNoDelay(true);
      Socket socket = tcp;
      if (config.tls() != null) {
        // The TLS handshake runs on the session's threads, within its handshake timeout.
        SSLSocket ssl =
            (SSLSocket)
                config.tls().getSocketFactory().createSocket(tcp, null, tcp.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.setNeedClientAuth(config.mutualTls());
        socket = ssl;
      }
      open(socket, tcp, false);
    } catch (IOException e) {
      closeQuietly(tcp);
      acceptFailures.warn(
          "cannot open a session with "
              + tcp.getRemoteSocketAddress()
              + ": "
              + Names.clean(e.getMessage()));
    }
  }

  private final RateLimitedLog refusals = new RateLimitedLog(LOG, java.time.Duration.ofSeconds(10));

  /**
   * True if an accepted connection may start its handshake: under the caps of pending handshakes in
   * total and from its address (the accept loop is the only caller, so counting is exact).
   */
  private boolean admit(Socket socket) {
    int total = 0;
    int fromThere = 0;
    java.net.InetAddress from = socket.getInetAddress();
    for (Session s : sessions) {
      if (!s.outbound() && !s.isAuthenticated() && !s.isClosed()) {
        total++;
        if (from.equals(s.remoteAddress())) {
          fromThere++;
        }
      }
    }
    if (total >= config.maxPendingHandshakes()) {
      refusals.warn(
          "refused a connection from "
              + from.getHostAddress()
              + ": "
              + total
              + " handshakes are pending (the maximum)");
      return false;
    }
    if (fromThere >= config.maxPendingHandshakesPerAddress()) {
      refusals.warn(
          "refused a connection from "
              + from.getHostAddress()
              + ": "
              + fromThere
              + " handshakes from there are pending (the maximum)");
      return false;
    }
    return true;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private Session open(Socket socket, Socket tcp, boolean outbound) {
    Session session = new Session(this, socket, tcp, outbound);
    sessions.add(session);
    if (closed) {
      session.close("node closed");
    } else {
      session.start();
    }
    return session;
  }

  /**
   * Keeps one session per peer. Two nodes that connect to each other at once get two sessions of
   * opposite directions, both authenticated within a handshake timeout: of those, the one opened by
   * the node with the smaller id wins, on both sides, so they settle on the same connection. Any
   * other second session for a node id that has a live session — the same direction, a different
   * name, or later than that — is refused and the live one kept: a peer cannot take over another
   * node's session by claiming its id.
   */
  void onAuthenticated(Session session) {
    long peerId = session.peer().nodeId();
    Session loser = null;
    String loserReason = "duplicate connection";
    boolean announce;
    boolean refused = false;
    boolean replaced = false;
    synchronized (this) {
      // The node's previous session ended but its end is still being told (its proxies stopping,
      // NodeDisconnected): wait for onClosed to remove it, so that every listener and every proxy
      // sees that end before this session's start (at most the handshake timeout).
      Session existing = byPeer.get(peerId);
      long until = System.nanoTime() + config.handshakeTimeout().toNanos();
      while (existing != null && existing.isClosed() && System.nanoTime() - until < 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(this, until - System.nanoTime());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        existing = byPeer.get(peerId);
      }
      if (session.isClosed()) {
        return; // it ended while it waited: nothing to keep
      }
      String nameTaken = nameConflict(session);
      if (nameTaken != null) {
        loser = session;
        loserReason = nameTaken;
        refused = true;
        announce = false;
      } else if (existing == null || existing.isClosed()) {
        byPeer.put(peerId, session);
        announce = true;
      } else if (!isCrossedConnect(existing, session)) {
        loser = session;
        loserReason =
            "node id "
                + peerId
                + " already has a live session ("
                + Names.quote(existing.peer().name())
                + ")";
        announce = false;
      } else if (session.initiatorId() < existing.initiatorId()) {
        byPeer.put(peerId, session);
        loser = existing;
        replaced = true;
        announce = false;
      } else {
        loser = session;
        announce = false;
      }
    }
    if (announce) {
      // Only now: before the proof, a Hello's name and id are anyone's claim.
      publish(new NodeEvent.NodeConnected(session.peer()));
      publish(new NodeEvent.NodeAuthenticated(session.peer()));
    }
    // Even if this connection loses to a duplicate, the peer is connected: connect() succeeds
    // (not if its name is taken: then connect() fails with the reason).
    if (!refused) {
      session.authenticatedFuture().complete(session.peer());
    }
    if (loser != null) {
      loser.close(loserReason);
    }
    if (announce || replaced) {
      // The kept session gets the state, then Ready: the peer's connect returns on it. A session
      // that replaced a crossed duplicate gets it again (the one it replaced closed with its
      // frames).
      syncer.accept(session);
      session.send(READY);
    }
    if (announce) {
      // Every node tells a new peer whom it knows (the peer decides, by its own mode, whether to
      // connect to them, as ractor answers a transitive node's enumeration even when isolated);
      // a transitive node also tells all its other peers about the new one.
      gossipPeers(session, config.connectionMode() == ConnectionMode.TRANSITIVE);
    }
  }

  /**
   * Why {@code session}'s peer cannot join under its name, or null: names are unique in a cluster,
   * so a peer with this node's name, or with the name of another node (another id) that has a live
   * session here, is refused.
   */
  synchronized String nameConflict(Session session) {
    String name = session.peer().name();
    if (name.equals(nodeName)) {
      return "the peer has this node's own name "
          + Names.quote(nodeName)
          + "; node names are unique in a cluster";
    }
    for (Session s : byPeer.values()) {
      if (s != session
          && !s.isClosed()
          && s.peer().nodeId() != session.peer().nodeId()
          && s.peer().name().equals(name)) {
        return "a node named "
            + Names.quote(name)
            + " is already connected to "
            + Names.quote(nodeName)
            + " (node id "
            + s.peer().nodeId()
            + "); node names are unique in a cluster";
      }
    }
    return null;
  }

  /**
   * True if two sessions with one node id are that node and this one connecting to each other at
   * once.
   */
  private boolean isCrossedConnect(Session existing, Session added) {
    return existing.outbound() != added.outbound()
        && existing.peer().name().equals(added.peer().name())
        && System.nanoTime() - existing.authenticatedAt() < config.handshakeTimeout().toNanos();
  }

  void onClosed(Session session, String reason) {
    sessions.remove(session);
    long peerId = session.peer() == null ? Long.MIN_VALUE : session.peer().nodeId();
    if (byPeer.get(peerId) == session) {
      // The session kept for this peer: its end is told while it is still registered, and a new
      // session of the same node waits for its removal (onAuthenticated). So the peer's proxies
      // stop before the new session's advertisements make new ones, and listeners see this
      // NodeDisconnected before the new session's NodeConnected, whichever threads run them.
      try {
        peerSessionEnded.accept(session);
        publish(new NodeEvent.NodeDisconnected(session.peer(), reason, session.closeCause()));
      } finally {
        synchronized (this) {
          byPeer.remove(peerId, session);
          notifyAll();
        }
      }
      InetSocketAddress at = session.peerListenAddress();
      if (at != null
          && !closed
          && !config.reconnectFor().isZero()
          && isLoss(session.closeCause())) {
        reconnect(session.peer().name(), at);
      }
    }
    sessionClosed.accept(session);
  }

  /** A session lost to the network or a silent peer, not closed in order by either side. */
  private static boolean isLoss(io.troupe.cluster.DisconnectCause cause) {
    return switch (cause) {
      case FAILURE_DETECTED, KEEPALIVE_TIMEOUT, CONNECTION_LOST -> true;
      default -> false;
    };
  }

  @Override
  public AutoCloseable discover(io.troupe.cluster.Discovery discovery, java.time.Duration period) {
    java.util.Objects.requireNonNull(discovery, "discovery must not be null");
    if (period == null || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("the discovery period must be positive: " + period);
    }
    ensureOpen();
    java.util.concurrent.atomic.AtomicBoolean stopped =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread t =
        ioThread("troupe-discovery-" + nodeName)
            .unstarted(
                () -> {
                  RateLimitedLog failures =
                      new RateLimitedLog(LOG, java.time.Duration.ofSeconds(60));
                  while (!closed && !stopped.get()) {
                    discoverOnce(discovery, failures);
                    try {
                      TimeUnit.NANOSECONDS.sleep(period.toNanos()); // the period between two looks
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    reconnectors.add(t); // interrupted when the node closes
    t.start();
    return () -> {
      stopped.set(true);
      t.interrupt();
      reconnectors.remove(t);
    };
  }

  private void discoverOnce(io.troupe.cluster.Discovery discovery, RateLimitedLog failures) {
    List<InetSocketAddress> found;
    try {
      found = discovery.addresses();
    } catch (RuntimeException e) {
      failures.warn("discovery (" + discovery + ") failed: " + e.getMessage());
      return;
    }
    for (InetSocketAddress at : found) {
      if (closed || Thread.currentThread().isInterrupted()) {
        return;
      }
      if (isSelf(at) || isConnectedTo(at)) {
        continue;
      }
      try {
        connect(at.getHostString(), at.getPort());
      } catch (ClusterException e) {
        LOG.log(
            System.Logger.Level.DEBUG,
            "discovered " + at + " but could not connect: " + e.getMessage());
      }
    }
  }

  private boolean isSelf(InetSocketAddress at) {
    InetSocketAddress own = listenAddress;
    return own != null && own.getPort() == at.getPort() && sameHost(own.getHostString(), at);
  }

  private boolean isConnectedTo(InetSocketAddress at) {
    for (Session s : byPeer.values()) {
      InetSocketAddress peer = s.peerListenAddress();
      if (peer != null && peer.getPort() == at.getPort() && sameHost(peer.getHostString(), at)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if {@code host} names {@code at}'s host (by text, or as the same address; a wildcard
   * matches any local one).
   */
  private static boolean sameHost(String host, InetSocketAddress at) {
    if (host.equals(at.getHostString())) {
      return true;
    }
    try {
      java.net.InetAddress a = java.net.InetAddress.getByName(host);
      java.net.InetAddress b =
          at.isUnresolved() ? java.net.InetAddress.getByName(at.getHostString()) : at.getAddress();
      return a.equals(b)
          || (a.isAnyLocalAddress()
              && (b.isLoopbackAddress() || java.net.NetworkInterface.getByInetAddress(b) != null));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Names of the peers being reconnected (one attempt loop per name). */
  private final java.util.Set<String> reconnecting = ConcurrentHashMap.newKeySet();

  private final List<Thread> reconnectors = new CopyOnWriteArrayList<>();

  /** Starts reconnecting to {@code name} at {@code at}, with exponential backoff and jitter. */
  private void reconnect(String name, InetSocketAddress at) {
    if (!reconnecting.add(name)) {
      return;
    }
    Thread t =
        ioThread("troupe-reconnect-" + nodeName)
            .unstarted(
                () -> {
                  try {
                    reconnectLoop(name, at);
                  } finally {
                    reconnecting.remove(name);
                    reconnectors.remove(Thread.currentThread());
                  }
                });
    reconnectors.add(t);
    t.start();
  }

  private void reconnectLoop(String name, InetSocketAddress at) {
    long giveUp = System.nanoTime() + config.reconnectFor().toNanos();
    long delay = config.reconnectInitial().toNanos();
    java.util.Random random = new java.util.Random();
    for (int attempt = 1; !closed && System.nanoTime() < giveUp; attempt++) {
      try {
        TimeUnit.NANOSECONDS.sleep(
            delay / 2 + (long) (random.nextDouble() * (delay / 2))); // the backoff, with jitter
      } catch (InterruptedException e) {
        return; // the node closes
      }
      if (closed || peers().stream().anyMatch(p -> p.name().equals(name))) {
        return; // back by other means (the peer reconnected, discovery)
      }
      try {
        PeerInfo peer = connect(at.getHostString(), at.getPort());
        LOG.log(
            System.Logger.Level.INFO,
            "reconnected to "
                + Names.quote(peer.name())
                + " at "
                + at
                + " (attempt "
                + attempt
                + ")");
        return;
      } catch (ClusterException e) {
        LOG.log(
            System.Logger.Level.DEBUG,
            "reconnecting to "
                + Names.quote(name)
                + " at "
                + at
                + ", attempt "
                + attempt
                + ": "
                + e.getMessage());
      }
      delay = Math.min(config.reconnectMax().toNanos(), delay * 2);
    }
    if (!closed) {
      LOG.log(
          System.Logger.Level.WARNING,
          "gave up reconnecting to "
              + Names.quote(name)
              + " at "
              + at
              + " after "
              + config.reconnectFor());
    }
  }

  private static final NetworkMessage READY =
      NetworkMessage.newBuilder()
          .setReady(io.troupe.internal.cluster.proto.Ready.getDefaultInstance())
          .build();

  void onTraffic(Session session, NetworkMessage message) {
    if (message.getKindCase() == NetworkMessage.KindCase.READY) {
      // Frames are handled in order: every advertisement sent before it is applied by now.
      // The event first, then the future: a connect that returns has had NodeReady delivered.
      if (session.markReady()) {
        if (byPeer.get(session.peer().nodeId()) == session) {
          publish(new NodeEvent.NodeReady(session.peer()));
        }
        session.readyFuture().complete(session.peer());
      }
      return;
    }
    if (message.getKindCase() == NetworkMessage.KindCase.PEER_LIST) {
      if (config.connectionMode() == ConnectionMode.TRANSITIVE) {
        connectToUnknown(message.getPeerList());
      }
      return;
    }
    actorTraffic.accept(session, message);
  }

  // ------------------------------------------------------------------ transitive mode

  /**
   * Sends {@code added} the list of authenticated peers and, if {@code tellOthers}, every other
   * peer a list of one: {@code added}. (The others know each other already; sending them the whole
   * list made each join cost about M³ entries in a cluster of M, a few M² this way.)
   */
  private void gossipPeers(Session added, boolean tellOthers) {
    List<PeerAddress> peers = new ArrayList<>();
    PeerAddress addedAddress = null;
    for (Session s : byPeer.values()) {
      InetSocketAddress at = s.peerListenAddress();
      if (s.isAuthenticated() && at != null) {
        PeerAddress address =
            PeerAddress.newBuilder()
                .setNodeName(s.peer().name())
                .setNodeId(s.peer().nodeId())
                .setHost(at.getHostString())
                .setPort(at.getPort())
                .build();
        peers.add(address);
        if (s == added) {
          addedAddress = address;
        }
      }
    }
    java.util.function.Function<List<PeerAddress>, NetworkMessage> frameOf =
        part ->
            NetworkMessage.newBuilder()
                .setPeerList(PeerList.newBuilder().addAllPeers(part))
                .build();
    // Split only if a session's frame limit requires it: a receiver handles each part alone.
    added.sendInParts(peers, Frames.MAX_ELEMENTS - 16, frameOf);
    if (!tellOthers || addedAddress == null) {
      return;
    }
    List<PeerAddress> justAdded = List.of(addedAddress);
    for (Session s : byPeer.values()) {
      if (s != added) {
        s.sendInParts(justAdded, Frames.MAX_ELEMENTS - 16, frameOf);
      }
    }
  }

  /** Node ids with a transitive connection under way (at most {@code maxTransitiveConnects}). */
  private final java.util.Set<Long> connecting = ConcurrentHashMap.newKeySet();

  private final RateLimitedLog skippedPeers =
      new RateLimitedLog(LOG, java.time.Duration.ofSeconds(10));

  /**
   * Connects to the listed nodes this node does not know, at most {@code maxTransitiveConnects} at
   * once; the others are skipped for now (each connection that completes brings that peer's own
   * list, so a mesh still forms), and malformed entries are ignored.
   */
  private void connectToUnknown(PeerList list) {
    for (PeerAddress p : list.getPeersList()) {
      if (p.getNodeId() == nodeId
          || p.getNodeId() == 0
          || byPeer.containsKey(p.getNodeId())
          || closed) {
        continue;
      }
      if (p.getPort() < 1
          || p.getPort() > 65535
          || p.getHost().isEmpty()
          || p.getHostBytes().size() > Session.MAX_NAME_BYTES) {
        continue;
      }
      synchronized (connecting) {
        if (connecting.contains(p.getNodeId())) {
          continue;
        }
        if (connecting.size() >= config.maxTransitiveConnects()) {
          skippedPeers.warn(
              "not connecting to "
                  + Names.quote(p.getNodeName())
                  + " for now: "
                  + connecting.size()
                  + " transitive connections are under way (the maximum)");
          continue;
        }
        connecting.add(p.getNodeId());
      }
      ioThread("troupe-transitive-connect-" + nodeName)
          .start(
              () -> {
                try {
                  connect(p.getHost(), p.getPort());
                } catch (ClusterException e) {
                  LOG.log(
                      System.Logger.Level.INFO,
                      "transitive connection to "
                          + Names.quote(p.getNodeName())
                          + " failed: "
                          + Names.clean(e.getMessage()));
                } finally {
                  connecting.remove(p.getNodeId());
                }
              });
    }
  }

  // ------------------------------------------------------------------ keepalive

  /**
   * Every keepalive interval pings each authenticated session; more often (every tenth of it, at
   * least every 100 ms) checks each one: a handshake over its timeout, a peer whose phi passed the
   * threshold, or one silent for the whole keepalive timeout is closed, saying which.
   */
  private void keepaliveLoop() {
    long interval = config.keepaliveInterval().toNanos();
    long tick =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(1),
            Math.min(interval / 10, TimeUnit.MILLISECONDS.toNanos(100)));
    long nextPing = System.nanoTime() + interval;
    while (!closed) {
      try {
        TimeUnit.NANOSECONDS.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      boolean ping = now - nextPing >= 0;
      if (ping) {
        nextPing = now + interval;
      }
      checkSessions(now, ping);
    }
  }

  private void checkSessions(long now, boolean ping) {
    long timeout = config.keepaliveTimeout().toNanos();
    long handshake = config.handshakeTimeout().toNanos();
    NetworkMessage pingFrame =
        ping
            ? NetworkMessage.newBuilder()
                .setPing(Ping.newBuilder().setSequence(pingSequence.incrementAndGet()))
                .build()
            : null;
    for (Session s : sessions) {
      if (!s.isAuthenticated()) {
        if (now - s.openedAt() > handshake) {
          s.close("handshake timed out");
        }
        continue;
      }
      long silence = now - s.lastReceived();
      PhiAccrualDetector detector = s.detector();
      double phi = detector.phi(silence);
      if (phi > config.phiThreshold()) {
        s.close(
            io.troupe.cluster.DisconnectCause.FAILURE_DETECTED,
            String.format(
                java.util.Locale.ROOT,
                "failure detector: phi %.2f over the threshold %.1f after %d ms of silence (heartbeats every %.0f ms on average,"
                    + " deviation %.0f ms, acceptable pause %d ms)",
                phi,
                config.phiThreshold(),
                TimeUnit.NANOSECONDS.toMillis(silence),
                detector.meanNanos() / 1e6,
                detector.stdDeviationNanos() / 1e6,
                config.acceptablePause().toMillis()));
      } else if (silence > timeout) {
        s.close(
            io.troupe.cluster.DisconnectCause.KEEPALIVE_TIMEOUT,
            "keepalive timeout: nothing heard for " + config.keepaliveTimeout());
      } else if (pingFrame != null) {
        s.send(pingFrame);
      }
    }
  }

  /** Publishes an event of the remote-actor layer to the node's listeners. */
  void publishEvent(NodeEvent event) {
    publish(event);
  }

  private void publish(NodeEvent event) {
    for (Consumer<NodeEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "node event listener failed on " + event, e);
      }
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new ClusterException("the cluster of node " + nodeName + " is closed");
    }
  }
}
