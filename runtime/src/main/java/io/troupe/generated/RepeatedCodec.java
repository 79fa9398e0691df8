package io.troupe.generated;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.troupe.codec.BytesCodec;
import io.troupe.codec.CodecException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.function.Function;

/**
 * A list or set. As a record's field it is a protobuf {@code repeated} field (see {@link Fields});
 * standing alone (encoded by itself, or inside an {@code Optional}, a list or a map) it is the
 * message {@code { repeated E items = 1; }}. Null elements cannot be encoded. For generated code
 * only.
 *
 * @param <C> the collection type
 * @param <E> the element type
 */
public final class RepeatedCodec<C extends Collection<E>, E> implements BytesCodec<C> {
  private final BytesCodec<E> element;
  private final Function<ArrayList<E>, C> finish;
  private final C empty;

  /**
   * A codec of collections of {@code element}s.
   *
   * @param element the codec of one element
   * @param finish turns the elements read into the collection
   * @param empty the empty collection, the default value
   */
  public RepeatedCodec(BytesCodec<E> element, Function<ArrayList<E>, C> finish, C empty) {
    this.element = element;
    this.finish = finish;
    this.empty = empty;
  }

  /**
   * The codec of one element.
   *
   * @return the element codec
   */
  public BytesCodec<E> element() {
    return element;
  }

  /**
   * The collection of the elements read.
   *
   * @param items the elements, in the order read
   * @return the collection
   */
  public C finish(ArrayList<E> items) {
    return finish.apply(items);
  }

  /**
   * Refuses a null element.
   *
   * @param <E> the element type
   * @param item an element
   * @return {@code item}
   * @throws CodecException if {@code item} is null
   */
  public static <E> E nonNull(E item) {
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
