package io.troupe.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.troupe.ActorRef;
import io.troupe.generated.Fields;
import io.troupe.internal.cluster.RefScope;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Codecs for refs inside {@code @ClusterMessage} messages: an {@code ActorRef<X>} (X a
 * {@code @ClusterMessage} interface) or X's generated facade. On the wire a ref is the message
 * {@code {1: fixed64 node id, 2: uint64 actor id, 3: string message type}}: the id of the node that
 * owns the actor, the actor's local id there, and X's binary name.
 *
 * <p>A ref is meaningful only between two connected nodes, so these codecs work only while the
 * cluster encodes a cast, call or answer for a peer (sending a ref of this node's actor makes the
 * peer able to reach it, see docs/cluster.md "Refs in messages") or decodes one from a peer (the
 * ref becomes a proxy, or this node's own actor when it comes home). Elsewhere, and for refs that
 * cannot cross nodes (a derived ref from {@code contramap}, a ref of another message type, one the
 * peer was never given), they throw {@link CodecException}. An absent field decodes to null.
 */
public final class RefCodecs {
  private RefCodecs() {}

  /**
   * The codec of {@code ActorRef<M>}.
   *
   * @param <M> the message type
   * @param type the {@code @ClusterMessage} interface the refs accept
   * @return the codec
   */
  public static <M> BytesCodec<ActorRef<M>> actorRef(Class<M> type) {
    return new RefCodec<>(Objects.requireNonNull(type, "type"));
  }

  /**
   * The codec of a facade over {@code ActorRef<M>}, e.g. {@code RefCodecs.facade(CounterMsg.class,
   * CounterMsgRef::of, CounterMsgRef::ref)}.
   *
   * @param <M> the message type
   * @param <F> the facade type
   * @param type the {@code @ClusterMessage} interface the refs accept
   * @param wrap makes a facade of a ref
   * @param unwrap the facade's ref
   * @return the codec
   */
  public static <M, F> BytesCodec<F> facade(
      Class<M> type, Function<ActorRef<M>, F> wrap, Function<F, ActorRef<M>> unwrap) {
    RefCodec<M> refs = new RefCodec<>(Objects.requireNonNull(type, "type"));
    Objects.requireNonNull(wrap, "wrap");
    Objects.requireNonNull(unwrap, "unwrap");
    return new BytesCodec<>() {
      @Override
      public int sizeOf(F value) {
        return refs.sizeOf(unwrap.apply(value));
      }

      @Override
      public void write(F value, CodedOutputStream out) throws IOException {
        refs.write(unwrap.apply(value), out);
      }

      @Override
      public F read(CodedInputStream in) throws IOException {
        return wrap.apply(refs.read(in));
      }
    };
  }

  private static final int NODE_TAG = (1 << 3) | 1; // field 1, fixed64
  private static final int ACTOR_TAG = 2 << 3; // field 2, varint
  private static final int TYPE_TAG = (3 << 3) | 2; // field 3, length-delimited

  /** The longest message-type name read from a peer. */
  private static final int MAX_TYPE_NAME = 1024;

  private static final class RefCodec<M> implements BytesCodec<ActorRef<M>> {
    private final Class<M> type;
    private final String typeName;

    RefCodec(Class<M> type) {
      this.type = type;
      this.typeName = type.getName();
    }

    @Override
    public int sizeOf(ActorRef<M> ref) {
      return 1
          + 8
          + 1
          + CodedOutputStream.computeUInt64SizeNoTag(ref.id().local())
          + 1
          + CodedOutputStream.computeStringSizeNoTag(typeName);
    }

    @Override
    public void write(ActorRef<M> ref, CodedOutputStream out) throws IOException {
      RefScope.export(ref, type);
      out.writeFixed64(1, ref.id().node());
      out.writeUInt64(2, ref.id().local());
      out.writeString(3, typeName);
    }

    @Override
    @SuppressWarnings("unchecked") // the scope checked the ref's message type against type
    public ActorRef<M> read(CodedInputStream in) throws IOException {
      long node = 0;
      long local = 0;
      String name = "";
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case NODE_TAG -> node = in.readFixed64();
          case ACTOR_TAG -> local = in.readUInt64();
          case TYPE_TAG -> {
            int length = Fields.checkedLength(in);
            if (length > MAX_TYPE_NAME) {
              throw new CodecException("a ref's message type name of " + length + " bytes");
            }
            name = new String(in.readRawBytes(length), java.nio.charset.StandardCharsets.UTF_8);
          }
          default -> Fields.skip(in, tag);
        }
      }
      if (node == 0 || local == 0) {
        throw new CodecException("a ref without a node id or an actor id");
      }
      return (ActorRef<M>) RefScope.resolve(node, local, name, type);
    }
  }
}
