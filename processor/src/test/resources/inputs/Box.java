package test.box;

import io.troupe.annotation.ActorMessage;
import io.troupe.rpc.RpcReplyPort;
import java.util.function.Function;

/** A generic message interface; package-private, so its facade is too. */
@ActorMessage
sealed interface Box<T extends Comparable<T>> {
  record Put<T extends Comparable<T>>(T value) implements Box<T> {}

  /** The record names its type variable differently. */
  record Take<V extends Comparable<V>>(RpcReplyPort<V> reply) implements Box<V> {}

  /** R is the record's own: it becomes a type parameter of the facade method. */
  record Map<T extends Comparable<T>, R>(Function<? super T, ? extends R> mapper, RpcReplyPort<R> reply)
      implements Box<T> {}

  /** The record's own T would shadow the facade's, so the method calls it T1. */
  record Tag<X extends Comparable<X>, T>(T tag) implements Box<X> {}

  record Clear<T extends Comparable<T>>() implements Box<T> {}

  /** A generic sealed sub-interface, renaming the type variable: flattened into the facade. */
  sealed interface Admin<A extends Comparable<A>> extends Box<A> {
    record Replace<A extends Comparable<A>>(A old, A replacement) implements Admin<A> {}
  }
}
