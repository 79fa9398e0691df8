package io.troupe.cluster;

import java.util.concurrent.atomic.AtomicInteger;

/** Classes a hostile peer names as message types: initialising any of them is visible. */
final class Poisoned {
  static final AtomicInteger initialised = new AtomicInteger();

  private Poisoned() {}

  /** A class whose initialiser counts and then throws. */
  static final class Throwing {
    static {
      initialised.incrementAndGet();
      if (initialised.get() > 0) {
        throw new IllegalStateException("initialised by a peer");
      }
    }
  }

  /** An interface whose field's initialiser counts. */
  interface Counting {
    int MARK = initialised.incrementAndGet();
  }
}
