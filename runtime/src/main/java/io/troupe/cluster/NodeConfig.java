package io.troupe.cluster;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.Deflater;
import javax.net.ssl.SSLContext;

/**
 * How a node takes part in a cluster: the shared cookie (required), optional TLS, the connection
 * mode, the largest frame accepted, and keepalive timing. Immutable; build with {@link #builder()}.
 */
public final class NodeConfig {
  /** The smallest {@link Builder#maxFrameBytes} allowed (handshake and control frames must fit). */
  public static final int MIN_FRAME_BYTES = 1024;

  /**
   * The least strength, in estimated bits, of a cookie {@link Builder#build()} accepts. Anyone who
   * can watch a handshake, or get a node to connect to it, can test guesses of the cookie offline
   * at millions a second, so a cookie must be as hard to guess as a random 128-bit key.
   */
  public static final int MIN_COOKIE_BITS = 128;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] cookie;
  private final SSLContext tls;
  private final boolean mutualTls;
  private final ConnectionMode connectionMode;
  private final int maxFrameBytes;
  private final Duration keepaliveInterval;
  private final Duration keepaliveTimeout;
  private final Duration handshakeTimeout;
  private final int outboxBytes;
  private final Duration outboxWait;
  private final int maxPendingHandshakes;
  private final Duration maxCallTimeout;
  private final int inboundQueueBytes;
  private final int controlOutboxBytes;
  private final int maxRemoteActorsPerPeer;
  private final int maxRemoteNamesPerPeer;
  private final int maxMembershipsPerPeer;
  private final int maxTransitiveConnects;
  private final int maxExportedRefsPerPeer;
  private final int maxPendingCallsPerPeer;
  private final int maxPendingHandshakesPerAddress;
  private final double phiThreshold;
  private final Duration reconnectInitial;
  private final Duration reconnectMax;
  private final Duration reconnectFor;
  private final Duration acceptablePause;
  private final Duration minStdDeviation;

  private NodeConfig(Builder b) {
    if (b.cookie == null || b.cookie.length == 0) {
      throw new IllegalArgumentException(
          "a cluster node needs a cookie: NodeConfig.builder().cookie(NodeConfig.generateCookie()), the same on every node");
    }
    double bits = cookieStrength(new String(b.cookie, StandardCharsets.UTF_8));
    if (bits < MIN_COOKIE_BITS) {
      throw new IllegalArgumentException(
          "the cookie is too weak: about "
              + (int) bits
              + " bits where "
              + MIN_COOKIE_BITS
              + " are needed (it could be guessed offline); make one with NodeConfig.generateCookie()"
              + " or a random key of at least 22 base64 or 32 hex characters");
    }
    if (b.mutualTls && b.tls == null) {
      throw new IllegalArgumentException("mutualTls(true) needs tls(sslContext) too");
    }
    if (b.maxFrameBytes < MIN_FRAME_BYTES) {
      throw new IllegalArgumentException(
          "maxFrameBytes must be at least " + MIN_FRAME_BYTES + ", was " + b.maxFrameBytes);
    }
    this.cookie = b.cookie.clone();
    this.tls = b.tls;
    this.mutualTls = b.mutualTls;
    this.connectionMode = b.connectionMode;
    this.maxFrameBytes = b.maxFrameBytes;
    this.keepaliveInterval = b.keepaliveInterval;
    this.keepaliveTimeout = b.keepaliveTimeout;
    this.handshakeTimeout = b.handshakeTimeout;
    this.outboxBytes = b.outboxBytes;
    this.outboxWait = b.outboxWait;
    this.maxPendingHandshakes = b.maxPendingHandshakes;
    this.maxCallTimeout = b.maxCallTimeout;
    this.inboundQueueBytes = b.inboundQueueBytes;
    this.controlOutboxBytes = b.controlOutboxBytes;
    this.maxRemoteActorsPerPeer = b.maxRemoteActorsPerPeer;
    this.maxRemoteNamesPerPeer = b.maxRemoteNamesPerPeer;
    this.maxMembershipsPerPeer = b.maxMembershipsPerPeer;
    this.maxTransitiveConnects = b.maxTransitiveConnects;
    this.maxExportedRefsPerPeer = b.maxExportedRefsPerPeer;
    this.maxPendingCallsPerPeer = b.maxPendingCallsPerPeer;
    this.maxPendingHandshakesPerAddress = b.maxPendingHandshakesPerAddress;
    this.phiThreshold = b.phiThreshold;
    this.reconnectInitial = b.reconnectInitial;
    this.reconnectMax = b.reconnectMax;
    this.reconnectFor = b.reconnectFor;
    this.acceptablePause =
        b.acceptablePause != null ? b.acceptablePause : b.keepaliveTimeout.dividedBy(2);
    this.minStdDeviation =
        b.minStdDeviation != null
            ? b.minStdDeviation
            : (b.keepaliveInterval.compareTo(Duration.ofMillis(100)) < 0
                ? b.keepaliveInterval
                : Duration.ofMillis(100));
  }

  /**
   * The first delay before reconnecting to a peer whose session was lost (see {@link
   * Builder#reconnect}).
   *
   * @return the initial backoff, default 200 ms
   */
  public Duration reconnectInitial() {
    return reconnectInitial;
  }

  /**
   * The longest delay between two reconnection attempts.
   *
   * @return the maximum backoff, default 30 s
   */
  public Duration reconnectMax() {
    return reconnectMax;
  }

  /**
   * How long to keep trying to reconnect to a lost peer; zero: never reconnect.
   *
   * @return the period, default 5 min
   */
  public Duration reconnectFor() {
    return reconnectFor;
  }

  /**
   * The phi above which a peer is declared down by the failure detector (see {@link
   * Builder#failureDetector}).
   *
   * @return the threshold, default 8
   */
  public double phiThreshold() {
    return phiThreshold;
  }

  /**
   * How much silence beyond the peer's usual heartbeat interval the failure detector takes as
   * normal.
   *
   * @return the acceptable pause, by default half the keepalive timeout
   */
  public Duration acceptablePause() {
    return acceptablePause;
  }

  /**
   * The least standard deviation of heartbeat intervals the failure detector assumes.
   *
   * @return the minimum, by default 100 ms (or the keepalive interval if shorter)
   */
  public Duration minStdDeviation() {
    return minStdDeviation;
  }

  /**
   * A builder with every default; {@link Builder#cookie(String)} must be set before {@link
   * Builder#build()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A fresh random cookie: 32 bytes from {@link SecureRandom} in URL-safe base64 (43 characters,
   * 256 bits). Make one once, keep it secret, and give the same one to every node of the cluster.
   *
   * @return a new cookie, 43 URL-safe base64 characters
   */
  public static String generateCookie() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }

  /**
   * An estimate, in bits, of how hard {@code cookie} is to guess, as {@link Builder#build()} checks
   * it: its length times the bits per character of the character classes it uses (digits, lower and
   * upper case letters, other ASCII, anything else), lowered for cookies whose characters are used
   * unevenly or repeat a pattern (then at most the size deflate compresses them to). It recognises
   * short and repetitive cookies, not phrases or words: a long sentence scores high and is still
   * guessable, so generate the cookie.
   *
   * @param cookie the cookie to rate
   * @return the estimated strength in bits; 0 for an empty cookie
   * @throws NullPointerException if {@code cookie} is null
   */
  public static double cookieStrength(String cookie) {
    Objects.requireNonNull(cookie, "cookie");
    int length = cookie.codePointCount(0, cookie.length());
    if (length == 0) {
      return 0;
    }
    boolean digit = false;
    boolean lower = false;
    boolean upper = false;
    boolean ascii = false;
    boolean other = false;
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < cookie.length(); ) {
      int c = cookie.codePointAt(i);
      i += Character.charCount(c);
      counts.merge(c, 1, Integer::sum);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c > 32 && c < 127) {
        ascii = true;
      } else {
        other = true;
      }
    }
    int alphabet =
        (digit ? 10 : 0)
            + (lower ? 26 : 0)
            + (upper ? 26 : 0)
            + (ascii ? 33 : 0)
            + (other ? 128 : 0);
    double perChar = Math.log(alphabet) / Math.log(2);
    // Characters used unevenly ("aaaa", "abab") carry less: their Shannon entropy, with some slack
    // for short random keys, whose sample entropy is below the alphabet's.
    double shannon = 0;
    for (int n : counts.values()) {
      double p = (double) n / length;
      shannon -= p * Math.log(p) / Math.log(2);
    }
    // Repeated patterns ("abcdabcd") carry less still: at most what deflate leaves of them.
    byte[] bytes = cookie.getBytes(StandardCharsets.UTF_8);
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(bytes);
    deflater.finish();
    byte[] out = new byte[bytes.length + 64];
    int compressed = deflater.deflate(out);
    deflater.end();
    // The slack (0.6) keeps random keys of the advertised minimum length above the floor: the
    // sample entropy of 32 random hex digits falls to about 3 bits now and then (0.75 let about
    // one in a thousand such keys score under 128 bits).
    return Math.min(length * perChar, Math.min(length * shannon / 0.6, compressed * 8.0));
  }

  /**
   * The shared secret; never sent over the wire.
   *
   * @return a copy of the cookie's UTF-8 bytes
   */
  public byte[] cookie() {
    return cookie.clone();
  }

  /**
   * The TLS context, or null for plain TCP.
   *
   * @return the context, or null
   */
  public SSLContext tls() {
    return tls;
  }

  /**
   * Whether connecting nodes must present a client certificate (only with {@link #tls()}).
   *
   * @return true if a client certificate is required
   */
  public boolean mutualTls() {
    return mutualTls;
  }

  /**
   * Which peers this node connects to by itself.
   *
   * @return the connection mode
   */
  public ConnectionMode connectionMode() {
    return connectionMode;
  }

  /**
   * The largest frame body this node accepts; it is announced to peers, which send nothing larger,
   * and this node sends nothing larger than the smaller of its own and the peer's maximum.
   *
   * @return the limit in bytes, at least {@link #MIN_FRAME_BYTES}
   */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /**
   * How often this node pings a peer.
   *
   * @return the ping interval
   */
  public Duration keepaliveInterval() {
    return keepaliveInterval;
  }

  /**
   * How long a silent peer is tolerated before its session is closed.
   *
   * @return the keepalive timeout, longer than {@link #keepaliveInterval()}
   */
  public Duration keepaliveTimeout() {
    return keepaliveTimeout;
  }

  /**
   * How many bytes of casts and calls may wait to be written to one peer; see {@link
   * Builder#outbox}.
   *
   * @return the outbox size in bytes
   */
  public int outboxBytes() {
    return outboxBytes;
  }

  /**
   * How long a cast or call waits for room in a full outbox; see {@link Builder#outbox}.
   *
   * @return the longest wait; zero fails at once
   */
  public Duration outboxWait() {
    return outboxWait;
  }

  /**
   * How long a new session may take to authenticate before it is closed.
   *
   * @return the handshake timeout
   */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /**
   * How many bytes of one peer's casts and calls may wait in this node's mailboxes; see {@link
   * Builder#inboundQueue}.
   *
   * @return the bound in bytes
   */
  public int inboundQueueBytes() {
    return inboundQueueBytes;
  }

  /**
   * How many bytes of answers, pongs and updates may wait to be written to one peer; see {@link
   * Builder#controlOutbox}.
   *
   * @return the bound in bytes
   */
  public int controlOutboxBytes() {
    return controlOutboxBytes;
  }

  /**
   * How many of one peer's actors this node keeps proxies of; see {@link
   * Builder#peerAdvertisements}.
   *
   * @return the most proxies kept per peer
   */
  public int maxRemoteActorsPerPeer() {
    return maxRemoteActorsPerPeer;
  }

  /**
   * How many names of one peer this node keeps; see {@link Builder#peerAdvertisements}.
   *
   * @return the most names kept per peer
   */
  public int maxRemoteNamesPerPeer() {
    return maxRemoteNamesPerPeer;
  }

  /**
   * How many group memberships of one peer's actors this node keeps; see {@link
   * Builder#peerAdvertisements}.
   *
   * @return the most memberships kept per peer
   */
  public int maxMembershipsPerPeer() {
    return maxMembershipsPerPeer;
  }

  /**
   * How many connections to nodes learnt from peer lists may be under way at once; see {@link
   * Builder#transitiveConnects}.
   *
   * @return the most connections under way at once
   */
  public int maxTransitiveConnects() {
    return maxTransitiveConnects;
  }

  /**
   * How many of this node's actors one peer may hold refs to at once (refs sent to it inside
   * messages); see {@link Builder#exportedRefs}.
   *
   * @return the most actors exported to one peer
   */
  public int maxExportedRefsPerPeer() {
    return maxExportedRefsPerPeer;
  }

  /**
   * The longest a peer's call may wait for this node's answer; see {@link Builder#inboundCalls}.
   *
   * @return the longest wait for an answer
   */
  public Duration maxCallTimeout() {
    return maxCallTimeout;
  }

  /**
   * How many of one peer's calls may wait for this node's answers; see {@link
   * Builder#inboundCalls}.
   *
   * @return the most calls waiting per peer
   */
  public int maxPendingCallsPerPeer() {
    return maxPendingCallsPerPeer;
  }

  /**
   * At most this many accepted connections may be in their handshake at once; see {@link
   * Builder#pendingHandshakes}.
   *
   * @return the most handshakes under way at once
   */
  public int maxPendingHandshakes() {
    return maxPendingHandshakes;
  }

  /**
   * At most this many of them from one address; see {@link Builder#pendingHandshakes}.
   *
   * @return the most handshakes under way from one address
   */
  public int maxPendingHandshakesPerAddress() {
    return maxPendingHandshakesPerAddress;
  }

  /**
   * Builds a {@link NodeConfig}. Defaults: transitive, 16 MiB frames, ping every 1 s, drop after 5
   * s of silence.
   */
  public static final class Builder {
    private byte[] cookie;
    private SSLContext tls;
    private boolean mutualTls;
    private ConnectionMode connectionMode = ConnectionMode.TRANSITIVE;
    private int maxFrameBytes = 16 << 20;
    private Duration keepaliveInterval = Duration.ofSeconds(1);
    private Duration keepaliveTimeout = Duration.ofSeconds(5);
    private Duration handshakeTimeout = Duration.ofSeconds(5);
    private int outboxBytes = 64 << 20;
    private Duration outboxWait = Duration.ofSeconds(10);
    private int maxPendingHandshakes = 128;
    private Duration maxCallTimeout = Duration.ofMinutes(5);
    private int inboundQueueBytes = 16 << 20;
    private int controlOutboxBytes = 64 << 20;
    private int maxRemoteActorsPerPeer = 65_536;
    private int maxRemoteNamesPerPeer = 65_536;
    private int maxMembershipsPerPeer = 262_144;
    private int maxTransitiveConnects = 8;
    private int maxExportedRefsPerPeer = 65_536;
    private int maxPendingCallsPerPeer = 10_000;
    private int maxPendingHandshakesPerAddress = 16;
    private double phiThreshold = 8.0;
    private Duration reconnectInitial = Duration.ofMillis(200);
    private Duration reconnectMax = Duration.ofSeconds(30);
    private Duration reconnectFor = Duration.ofMinutes(5);
    private Duration acceptablePause;
    private Duration minStdDeviation;

    private Builder() {}

    /**
     * The shared secret every node of the cluster must know; {@link #build()} refuses one weaker
     * than {@link #MIN_COOKIE_BITS} (see {@link #cookieStrength}). Use {@link
     * NodeConfig#generateCookie()} to make one.
     *
     * @param cookie the cookie, the same on every node
     * @return this builder
     * @throws NullPointerException if {@code cookie} is null
     */
    public Builder cookie(String cookie) {
      this.cookie = Objects.requireNonNull(cookie, "cookie").getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * Use TLS with this context for listening and connecting.
     *
     * @param context the TLS context
     * @return this builder
     * @throws NullPointerException if {@code context} is null
     */
    public Builder tls(SSLContext context) {
      this.tls = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * Require a client certificate from connecting nodes (needs {@link #tls}).
     *
     * @param required whether a client certificate is required
     * @return this builder
     */
    public Builder mutualTls(boolean required) {
      this.mutualTls = required;
      return this;
    }

    /**
     * Which peers this node connects to by itself (default {@link ConnectionMode#TRANSITIVE}).
     *
     * @param mode the connection mode
     * @return this builder
     * @throws NullPointerException if {@code mode} is null
     */
    public Builder connectionMode(ConnectionMode mode) {
      this.connectionMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The largest frame body accepted (at least {@link #MIN_FRAME_BYTES}); a larger incoming frame
     * closes the session. Announced to peers in the handshake; outgoing messages over the smaller
     * of the two maximums are refused at the sender ({@code FrameTooLargeException}).
     *
     * @param max the limit in bytes; {@link #build()} refuses one under {@link #MIN_FRAME_BYTES}
     * @return this builder
     */
    public Builder maxFrameBytes(int max) {
      this.maxFrameBytes = max;
      return this;
    }

    /**
     * How often to ping, and how long a silent peer is tolerated before it is dropped.
     *
     * @param interval how often to ping (default 1 s)
     * @param timeout how long a silent peer is tolerated (default 5 s)
     * @return this builder
     * @throws IllegalArgumentException unless {@code 0 < interval < timeout}
     */
    public Builder keepalive(Duration interval, Duration timeout) {
      java.util.Objects.requireNonNull(interval, "interval must not be null");
      java.util.Objects.requireNonNull(timeout, "timeout must not be null");
      if (interval.isNegative() || interval.isZero() || timeout.compareTo(interval) <= 0) {
        throw new IllegalArgumentException("keepalive needs 0 < interval < timeout");
      }
      this.keepaliveInterval = interval;
      this.keepaliveTimeout = timeout;
      return this;
    }

    /**
     * Reconnection after a lost session: when a session with a peer that listens ends because the
     * peer went silent (the failure detector or the keepalive timeout) or the connection broke (not
     * when either side closed it in order), this node connects to the peer's listening address
     * again, after {@code initial}, then doubling up to {@code max}, each delay drawn at random
     * between half and all of it (jitter, so that many nodes do not retry in step), until it
     * succeeds, the peer is connected again by other means, the node closes, or {@code giveUpAfter}
     * has passed (then a WARNING).
     *
     * @param initial the first delay (default 200 ms)
     * @param max the longest delay (default 30 s)
     * @param giveUpAfter how long to keep trying (default 5 min); {@link Duration#ZERO} turns
     *     reconnection off
     * @return this builder
     * @throws IllegalArgumentException unless {@code 0 < initial <= max} and {@code giveUpAfter >=
     *     0}
     */
    public Builder reconnect(Duration initial, Duration max, Duration giveUpAfter) {
      if (initial.isNegative()
          || initial.isZero()
          || max.compareTo(initial) < 0
          || giveUpAfter.isNegative()) {
        throw new IllegalArgumentException(
            "reconnect needs 0 < initial <= max and giveUpAfter >= 0");
      }
      this.reconnectInitial = initial;
      this.reconnectMax = max;
      this.reconnectFor = giveUpAfter;
      return this;
    }

    /**
     * The phi-accrual failure detector: each session learns the intervals between the peer's
     * heartbeats (its pings, sent every keepalive interval) and computes phi = -log10(P(the peer is
     * merely late)) from the time since anything was last heard from it; over {@code threshold} the
     * session is closed and {@code NodeDisconnected} says so, with phi and the silence. The
     * keepalive timeout stays a hard bound on silence.
     *
     * @param threshold phi to declare a peer down (default 8: a one-in-10^8 chance it was alive;
     *     lower detects faster and errs more often)
     * @param acceptablePause silence beyond the usual interval taken as normal (default: half the
     *     keepalive timeout), for GC pauses and busy networks
     * @param minStdDeviation the least deviation assumed for the intervals (default 100 ms)
     * @return this builder
     * @throws IllegalArgumentException unless {@code threshold > 0}, the pause is not negative and
     *     the deviation is positive
     */
    public Builder failureDetector(
        double threshold, Duration acceptablePause, Duration minStdDeviation) {
      if (!(threshold > 0)
          || acceptablePause.isNegative()
          || minStdDeviation.isNegative()
          || minStdDeviation.isZero()) {
        throw new IllegalArgumentException(
            "the failure detector needs threshold > 0, acceptablePause >= 0, minStdDeviation > 0");
      }
      this.phiThreshold = threshold;
      this.acceptablePause = acceptablePause;
      this.minStdDeviation = minStdDeviation;
      return this;
    }

    /**
     * Flow control toward each peer: at most {@code bytes} of casts and calls wait to be written to
     * one peer (default 64 MiB). A cast or call that finds no room waits for the writer to make
     * some, up to {@code wait} (default 10 s; zero fails at once), and then fails with {@link
     * PeerBusyException} having sent nothing — so a node that produces faster than the network or
     * the peer can take slows down instead of growing without bound. Answers, group and registry
     * updates, exit notices and keepalives are never held back.
     *
     * @param bytes the outbox size, at least {@link #MIN_FRAME_BYTES}
     * @param wait the longest wait for room, not negative
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is too small or {@code wait} is negative
     * @throws NullPointerException if {@code wait} is null
     */
    public Builder outbox(int bytes, Duration wait) {
      if (bytes < MIN_FRAME_BYTES) {
        throw new IllegalArgumentException(
            "the outbox must hold at least " + MIN_FRAME_BYTES + " bytes, not " + bytes);
      }
      if (Objects.requireNonNull(wait, "wait").isNegative()) {
        throw new IllegalArgumentException("the outbox wait cannot be negative: " + wait);
      }
      this.outboxBytes = bytes;
      this.outboxWait = wait;
      return this;
    }

    /**
     * How long a new session may take to authenticate.
     *
     * @param timeout the handshake timeout (default 5 s)
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Caps the accepted connections that have not authenticated yet: at most {@code total} at once
     * (default 128), and at most {@code perAddress} from one remote address (default 16). A
     * connection over either cap is closed as soon as it is accepted, before anything is read, so
     * strangers who open connections and say nothing hold at most that many sessions (each closed
     * after the {@link #handshakeTimeout}). Outgoing connections are not counted.
     *
     * @param total the most handshakes under way at once, at least 1
     * @param perAddress the most of them from one remote address, at least 1
     * @return this builder
     * @throws IllegalArgumentException if either is less than 1
     */
    public Builder pendingHandshakes(int total, int perAddress) {
      if (total < 1 || perAddress < 1) {
        throw new IllegalArgumentException(
            "the handshake caps must be at least 1, not " + total + " and " + perAddress);
      }
      this.maxPendingHandshakes = total;
      this.maxPendingHandshakesPerAddress = perAddress;
      return this;
    }

    /**
     * Bounds the calls peers make to this node's actors. A call waits at most {@code maxTimeout}
     * here (default 5 minutes) whatever timeout the caller asked for, none included, and then
     * answers {@code timeout}; at most {@code maxPendingPerPeer} calls of one peer (default 10,000)
     * wait for answers at once, and a call over that is answered with an error at once. Every call
     * still waiting when the caller's session ends fails then, so nothing stays pinned for a caller
     * that is gone.
     *
     * @param maxTimeout the longest a peer's call waits here, positive
     * @param maxPendingPerPeer the most calls of one peer waiting at once, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxTimeout} is not positive or {@code
     *     maxPendingPerPeer} is less than 1
     * @throws NullPointerException if {@code maxTimeout} is null
     */
    public Builder inboundCalls(Duration maxTimeout, int maxPendingPerPeer) {
      if (Objects.requireNonNull(maxTimeout, "maxTimeout").isNegative()
          || maxTimeout.isZero()
          || maxPendingPerPeer < 1) {
        throw new IllegalArgumentException(
            "inboundCalls needs a positive timeout and at least 1 call, not "
                + maxTimeout
                + " and "
                + maxPendingPerPeer);
      }
      this.maxCallTimeout = maxTimeout;
      this.maxPendingCallsPerPeer = maxPendingPerPeer;
      return this;
    }

    /**
     * Inbound back-pressure: at most about {@code bytes} (default 16 MiB; frames plus 64 bytes a
     * message) of one peer's casts and calls wait in this node's mailboxes, not yet taken by their
     * actors. While a peer is over it, its session stops reading: TCP pushes back, the peer's
     * outbox fills, and its senders get {@code PeerBusyException} (see {@link #outbox}). Nothing is
     * dropped; a single message larger than the bound is still taken.
     *
     * @param bytes the bound in bytes, at least {@link #MIN_FRAME_BYTES}
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is too small
     */
    public Builder inboundQueue(int bytes) {
      if (bytes < MIN_FRAME_BYTES) {
        throw new IllegalArgumentException(
            "the inbound queue must hold at least " + MIN_FRAME_BYTES + " bytes, not " + bytes);
      }
      this.inboundQueueBytes = bytes;
      return this;
    }

    /**
     * At most {@code bytes} (default 64 MiB; frames plus 64 bytes a message) of what is never held
     * back — answers to calls, pongs, group and name updates, exit notices — may wait to be written
     * to one peer. Past it the peer is not reading what it asks for (it pings or calls and never
     * reads), and the session is closed.
     *
     * @param bytes the bound in bytes, at least {@link #MIN_FRAME_BYTES}
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is too small
     */
    public Builder controlOutbox(int bytes) {
      if (bytes < MIN_FRAME_BYTES) {
        throw new IllegalArgumentException(
            "the control outbox must hold at least " + MIN_FRAME_BYTES + " bytes, not " + bytes);
      }
      this.controlOutboxBytes = bytes;
      return this;
    }

    /**
     * Bounds what one peer may advertise here: proxies of at most {@code actors} of its actors
     * (default 65,536), {@code names} names (default 65,536) and {@code memberships} group
     * memberships (default 262,144). Advertisements past a bound are dropped with a warning (the
     * session stays up); what was dropped is not reachable from this node.
     *
     * @param actors the most proxies of the peer's actors, at least 1
     * @param names the most names of the peer, at least 1
     * @param memberships the most group memberships of the peer's actors, at least 1
     * @return this builder
     * @throws IllegalArgumentException if any bound is less than 1
     */
    public Builder peerAdvertisements(int actors, int names, int memberships) {
      if (actors < 1 || names < 1 || memberships < 1) {
        throw new IllegalArgumentException("the advertisement bounds must be at least 1");
      }
      this.maxRemoteActorsPerPeer = actors;
      this.maxRemoteNamesPerPeer = names;
      this.maxMembershipsPerPeer = memberships;
      return this;
    }

    /**
     * In transitive mode, at most {@code max} connections to nodes named in peer lists are under
     * way at once (default 8); a listed node is skipped while that many are, and met through the
     * list that its peers send when a connection completes.
     *
     * @param max the most connections under way at once, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder transitiveConnects(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("transitiveConnects must be at least 1, not " + max);
      }
      this.maxTransitiveConnects = max;
      return this;
    }

    /**
     * Bounds the table of this node's actors that one peer can reach because a ref to them was sent
     * to it inside a message (default 65,536 actors per session). An entry leaves the table when
     * its actor ends or the session ends. Encoding a ref to one more actor for a peer whose table
     * is full fails with a {@link io.troupe.codec.CodecException}: the cast or call is not sent (an
     * answer fails the call with {@code ANSWER_NOT_ENCODABLE}).
     *
     * @param max the most actors exported to one peer, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder exportedRefs(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("exportedRefs must be at least 1, not " + max);
      }
      this.maxExportedRefsPerPeer = max;
      return this;
    }

    /**
     * An immutable configuration from this builder's settings.
     *
     * @return the configuration
     * @throws IllegalArgumentException if no cookie was set, the cookie is weaker than {@code
     *     maxFrameBytes} is under {@link #MIN_FRAME_BYTES}
     */
    public NodeConfig build() {
      return new NodeConfig(this);
    }
  }
}
