package io.troupe.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.function.Function;

/**
 * A list or set. As a record's field it is a protobuf {@code repeated} field (see {@link Fields});
 * standing alone (encoded by itself, or inside an {@code Optional}, a list or a map) it is the
 * message {@code { repeated E items = 1; }}. Null elements cannot be encoded.
 */
final class RepeatedCodec<C extends Collection<E>, E> implements BytesCodec<C> {
  private final BytesCodec<E> element;
  private final Function<ArrayList<E>, C> finish;
  private final C empty;

  RepeatedCodec(BytesCodec<E> element, Function<ArrayList<E>, C> finish, C empty) {
    this.element = element;
    this.finish = finish;
    this.empty = empty;
  }

  BytesCodec<E> element() {
    return element;
  }

  C finish(ArrayList<E> items) {
    return finish.apply(items);
  }

  static <E> E nonNull(E item) {
    if (item == null) {
      throw new CodecException("collections with null elements cannot be encoded");
    }
    return item;
  }

  @Override
  public int sizeOf(C value) {
    return Fields.sizeOf(1, this, value);
  }

  @Override
  public void write(C value, CodedOutputStream out) throws IOException {
    Fields.write(out, 1, this, value);
  }

  @Override
  public C read(CodedInputStream in) throws IOException {
    ArrayList<E> items = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        items = Fields.readRepeated(in, WireFormat.getTagWireType(tag), element, items);
      } else {
        Fields.skip(in, tag);
      }
    }
    return items == null ? empty : finish.apply(items);
  }

  @Override
  public C defaultValue() {
    return empty;
  }
}
