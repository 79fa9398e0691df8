package io.troupe.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a node takes part in a cluster: the shared cookie (required), optional TLS, the connection
 * mode, the largest frame accepted, and keepalive timing. Immutable; build with {@link #builder()}.
 */
public final class NodeConfig {
  /** The smallest {@link Builder#maxFrameBytes} allowed (handshake and control frames must fit). */
  public static final int MIN_FRAME_BYTES = 1024;

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

  private NodeConfig(Builder b) {
    if (b.cookie == null || b.cookie.length == 0) {
      throw new IllegalArgumentException("a cluster node needs a cookie: NodeConfig.builder().cookie(\"...\")");
    }
    if (b.mutualTls && b.tls == null) {
      throw new IllegalArgumentException("mutualTls(true) needs tls(sslContext) too");
    }
    if (b.maxFrameBytes < MIN_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be at least " + MIN_FRAME_BYTES + ", was " + b.maxFrameBytes);
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
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The shared secret; never sent over the wire. */
  public byte[] cookie() {
    return cookie.clone();
  }

  /** The TLS context, or null for plain TCP. */
  public SSLContext tls() {
    return tls;
  }

  public boolean mutualTls() {
    return mutualTls;
  }

  public ConnectionMode connectionMode() {
    return connectionMode;
  }

  /**
   * The largest frame body this node accepts; it is announced to peers, which send nothing larger,
   * and this node sends nothing larger than the smaller of its own and the peer's maximum.
   */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  public Duration keepaliveInterval() {
    return keepaliveInterval;
  }

  public Duration keepaliveTimeout() {
    return keepaliveTimeout;
  }

  /** How many bytes of casts and calls may wait to be written to one peer; see {@link Builder#outbox}. */
  public int outboxBytes() {
    return outboxBytes;
  }

  /** How long a cast or call waits for room in a full outbox; see {@link Builder#outbox}. */
  public Duration outboxWait() {
    return outboxWait;
  }

  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** Builds a {@link NodeConfig}. Defaults: transitive, 16 MiB frames, ping every 1 s, drop after 5 s of silence. */
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

    private Builder() {}

    /** The shared secret every node of the cluster must know. */
    public Builder cookie(String cookie) {
      this.cookie = Objects.requireNonNull(cookie, "cookie").getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** Use TLS with this context for listening and connecting. */
    public Builder tls(SSLContext context) {
      this.tls = Objects.requireNonNull(context, "context");
      return this;
    }

    /** Require a client certificate from connecting nodes (needs {@link #tls}). */
    public Builder mutualTls(boolean required) {
      this.mutualTls = required;
      return this;
    }

    public Builder connectionMode(ConnectionMode mode) {
      this.connectionMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The largest frame body accepted (at least {@link #MIN_FRAME_BYTES}); a larger incoming frame
     * closes the session. Announced to peers in the handshake; outgoing messages over the smaller
     * of the two maximums are refused at the sender ({@code FrameTooLargeException}).
     */
    public Builder maxFrameBytes(int max) {
      this.maxFrameBytes = max;
      return this;
    }

    /** How often to ping, and how long a silent peer is tolerated before it is dropped. */
    public Builder keepalive(Duration interval, Duration timeout) {
      if (interval.isNegative() || interval.isZero() || timeout.compareTo(interval) <= 0) {
        throw new IllegalArgumentException("keepalive needs 0 < interval < timeout");
      }
      this.keepaliveInterval = interval;
      this.keepaliveTimeout = timeout;
      return this;
    }

    /**
     * Flow control toward each peer: at most {@code bytes} of casts and calls wait to be written
     * to one peer (default 64 MiB). A cast or call that finds no room waits for the writer to make
     * some, up to {@code wait} (default 10 s; zero fails at once), and then fails with
     * {@link PeerBusyException} having sent nothing — so a node that produces faster than the
     * network or the peer can take slows down instead of growing without bound. Answers, group
     * and registry updates, exit notices and keepalives are never held back.
     */
    public Builder outbox(int bytes, Duration wait) {
      if (bytes < MIN_FRAME_BYTES) {
        throw new IllegalArgumentException("the outbox must hold at least " + MIN_FRAME_BYTES + " bytes, not " + bytes);
      }
      if (Objects.requireNonNull(wait, "wait").isNegative()) {
        throw new IllegalArgumentException("the outbox wait cannot be negative: " + wait);
      }
      this.outboxBytes = bytes;
      this.outboxWait = wait;
      return this;
    }

    /** How long a new session may take to authenticate. */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public NodeConfig build() {
      return new NodeConfig(this);
    }
  }
}
