package io.troupe.bench;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.Actor;
import io.troupe.Node;
import io.troupe.cluster.NodeConfig;
import io.troupe.codec.CodecException;
import io.troupe.codec.MessageCodec;
import io.troupe.generated.GeneratedCodecs;
import io.troupe.rpc.RpcReplyPort;
import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Remote messaging between two nodes of this JVM over loopback TCP: Troupe's cluster (two {@code
 * Node}s, cookie-authenticated session, protobuf frames) against Pekko remoting (two {@code
 * ActorSystem}s with Artery TCP). Both serialize the same two messages by hand: a cast carrying one
 * {@code long} and a request answered with a {@code long}.
 *
 * <ul>
 *   <li>{@code castThroughput*}: the benchmark thread sends {@value #MESSAGES} casts to the remote
 *       actor, which counts them; score = messages per second, first send to last message handled.
 *   <li>{@code callLatency*}: one request/reply round trip at a time; SampleTime, read p0.50/p0.99.
 * </ul>
 *
 * <p>Pekko's Artery drops messages when its outbound queue is full, so the queue is made larger
 * than one round ({@code outbound-message-queue-size}); Troupe's session queue is unbounded.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RemoteBench {

  static final int MESSAGES = 50_000;
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Casts per invocation; lowered by the smoke test. */
  int messages = MESSAGES;

  // ------------------------------------------------------------------ Troupe side

  /** The remote actor's messages (codec written by hand below, as the processor would). */
  sealed interface BenchMsg {
    record Hit(long seq) implements BenchMsg {}

    record Get(RpcReplyPort<Long> reply) implements BenchMsg {}
  }

  /** {@link BenchMsg}'s codec: found by {@link MessageCodec#forType} by its name. */
  static final class BenchMsgCodec implements MessageCodec<BenchMsg> {
    static {
      GeneratedCodecs.register(
          BenchMsg.class, new BenchMsgCodec()); // how MessageCodec.forType finds it
    }

    public BenchMsgCodec() {}

    @Override
    public Class<BenchMsg> messageType() {
      return BenchMsg.class;
    }

    @Override
    public String variant(BenchMsg message) {
      return message instanceof BenchMsg.Hit ? "Hit" : "Get";
    }

    @Override
    public boolean isCall(String variant) {
      return variant.equals("Get");
    }

    @Override
    public byte[] encodeArgs(BenchMsg message) {
      return message instanceof BenchMsg.Hit hit ? varint(hit.seq()) : new byte[0];
    }

    @Override
    @SuppressWarnings("unchecked")
    public BenchMsg decode(String variant, byte[] args, RpcReplyPort<?> replyPort) {
      return switch (variant) {
        case "Hit" -> new BenchMsg.Hit(readVarint(args));
        case "Get" -> new BenchMsg.Get((RpcReplyPort<Long>) replyPort);
        default -> throw new CodecException("unknown variant " + variant);
      };
    }

    @Override
    public byte[] encodeReply(String variant, Object reply) {
      return varint((Long) reply);
    }

    @Override
    public Object decodeReply(String variant, byte[] bytes) {
      return readVarint(bytes);
    }

    private static byte[] varint(long value) {
      byte[] out = new byte[CodedOutputStream.computeInt64SizeNoTag(value)];
      try {
        CodedOutputStream stream = CodedOutputStream.newInstance(out);
        stream.writeInt64NoTag(value);
        stream.flush();
      } catch (IOException e) {
        throw new CodecException("cannot encode " + value, e);
      }
      return out;
    }

    private static long readVarint(byte[] bytes) {
      try {
        return CodedInputStream.newInstance(bytes).readInt64();
      } catch (IOException e) {
        throw new CodecException("bad varint", e);
      }
    }
  }

  /** What a round waits for: {@code expected} hits, then {@code done} opens. */
  record Round(int expected, CountDownLatch done) {}

  /** Counts hits against the current round (set by the benchmark thread) and answers gets. */
  static final class Counter {
    volatile Round round;
    int seen;

    void hit() {
      Round r = round;
      if (++seen == r.expected()) {
        seen = 0;
        r.done().countDown();
      }
    }
  }

  static final class TroupeTarget implements Actor<BenchMsg, Void, Counter> {
    private Counter counter;

    @Override
    public Void preStart(io.troupe.ActorRef<BenchMsg> self, Counter counter) {
      this.counter = counter;
      return null;
    }

    @Override
    public Void handle(io.troupe.ActorRef<BenchMsg> self, BenchMsg message, Void state) {
      switch (message) {
        case BenchMsg.Hit h -> counter.hit();
        case BenchMsg.Get g -> g.reply().send(42L);
      }
      return null;
    }
  }

  /** Node b holds the target; node a has its remote ref, found by name. */
  @State(Scope.Benchmark)
  public static class TroupeRemote {
    Node a;
    Node b;
    final Counter counter = new Counter();
    io.troupe.ActorRef<BenchMsg> remote;

    @Setup(Level.Trial)
    public void setup() throws InterruptedException {
      NodeConfig config = NodeConfig.builder().cookie(NodeConfig.generateCookie()).build();
      b = Node.create("bench-b", config);
      a = Node.create("bench-a", config);
      b.spawn("target", new TroupeTarget(), counter);
      a.cluster().connect("127.0.0.1", b.cluster().listen("127.0.0.1", 0).getPort());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (a.registry().whereIs("target").isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("node a never saw the remote target");
        }
        Thread.sleep(1);
      }
      remote = a.registry().whereIs("target", BenchMsg.class).orElseThrow();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      a.close();
      b.close();
    }
  }

  // ------------------------------------------------------------------ Pekko side

  /** Marker for the messages {@link PekkoSerializer} handles. */
  interface PekkoRemoteMsg {}

  record PekkoHit(long seq) implements PekkoRemoteMsg {}

  record PekkoGet(ActorRef<Long> replyTo) implements PekkoRemoteMsg {}

  /** Hand-written binary serializer: 8 bytes for a hit, the reply-to path for a get. */
  public static final class PekkoSerializer extends SerializerWithStringManifest {
    private final ExtendedActorSystem system;
    private volatile ActorRefResolver resolver;

    public PekkoSerializer(ExtendedActorSystem system) {
      this.system = system;
    }

    private ActorRefResolver resolver() {
      ActorRefResolver r = resolver;
      if (r == null) {
        r = ActorRefResolver.get(Adapter.toTyped(system));
        resolver = r;
      }
      return r;
    }

    @Override
    public int identifier() {
      return 7_401_301;
    }

    @Override
    public String manifest(Object o) {
      return o instanceof PekkoHit ? "H" : "G";
    }

    @Override
    public byte[] toBinary(Object o) {
      return switch (o) {
        case PekkoHit hit -> ByteBuffer.allocate(8).putLong(hit.seq()).array();
        case PekkoGet get ->
            resolver().toSerializationFormat(get.replyTo()).getBytes(StandardCharsets.UTF_8);
        default -> throw new IllegalArgumentException("cannot serialize " + o.getClass());
      };
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
      return switch (manifest) {
        case "H" -> new PekkoHit(ByteBuffer.wrap(bytes).getLong());
        case "G" ->
            new PekkoGet(resolver().resolveActorRef(new String(bytes, StandardCharsets.UTF_8)));
        default -> throw new NotSerializableException("unknown manifest " + manifest);
      };
    }
  }

  static Behavior<PekkoRemoteMsg> pekkoTarget(Counter counter) {
    return Behaviors.receiveMessage(
        message -> {
          switch (message) {
            case PekkoHit h -> counter.hit();
            case PekkoGet g -> g.replyTo().tell(42L);
            default -> {}
          }
          return Behaviors.same();
        });
  }

  static final Config ARTERY =
      ConfigFactory.parseString(
          """
          pekko.actor.provider = remote
          pekko.remote.artery.transport = tcp
          pekko.remote.artery.canonical.hostname = 127.0.0.1
          pekko.remote.artery.canonical.port = 0
          pekko.remote.artery.advanced.outbound-message-queue-size = 262144
          pekko.remote.warn-about-direct-use = off
          pekko.actor.serializers.troupe-bench = "io.troupe.bench.RemoteBench$PekkoSerializer"
          pekko.actor.serialization-bindings."io.troupe.bench.RemoteBench$PekkoRemoteMsg" = troupe-bench
          """);

  /** System b holds the target; system a resolves its remote ref from b's address. */
  @State(Scope.Benchmark)
  public static class PekkoRemote {
    ActorSystem<Void> a;
    ActorSystem<Void> b;
    final Counter counter = new Counter();
    ActorRef<PekkoRemoteMsg> remote;

    @Setup(Level.Trial)
    public void setup() throws Exception {
      b = PekkoSystems.create("bench-b", ARTERY);
      a = PekkoSystems.create("bench-a", ARTERY);
      ActorRef<PekkoRemoteMsg> target = PekkoSystems.spawn(b, pekkoTarget(counter), "target");
      String path = ActorRefResolver.get(b).toSerializationFormat(target); // carries b's host:port
      remote = ActorRefResolver.get(a).resolveActorRef(path);
      // The first message opens the association: wait for one round trip before measuring.
      AskPattern.<PekkoRemoteMsg, Long>ask(
              remote, PekkoGet::new, Duration.ofSeconds(30), a.scheduler())
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      PekkoSystems.terminate(a);
      PekkoSystems.terminate(b);
    }
  }

  // ------------------------------------------------------------------ benchmarks

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(MESSAGES)
  public void castThroughputTroupe(TroupeRemote target) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    target.counter.round = new Round(messages, done);
    io.troupe.ActorRef<BenchMsg> remote = target.remote;
    for (int i = 0; i < messages; i++) {
      remote.cast(new BenchMsg.Hit(i));
    }
    Await.latch(done);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(MESSAGES)
  public void castThroughputPekko(PekkoRemote target) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    target.counter.round = new Round(messages, done);
    ActorRef<PekkoRemoteMsg> remote = target.remote;
    for (int i = 0; i < messages; i++) {
      remote.tell(new PekkoHit(i));
    }
    Await.latch(done);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Long callLatencyTroupe(TroupeRemote target) {
    return target.remote.<Long>call(BenchMsg.Get::new, TIMEOUT).orThrow();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Long callLatencyPekko(PekkoRemote target) throws Exception {
    return AskPattern.<PekkoRemoteMsg, Long>ask(
            target.remote, PekkoGet::new, TIMEOUT, target.a.scheduler())
        .toCompletableFuture()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
