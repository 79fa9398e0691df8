package io.troupe.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An unbounded multi-producer single-consumer queue of array chunks: every element has an index,
 * claimed by its producer with one atomic add, and lives in the slot of that index in a chunk.
 *
 * <p>Why chunks and not one node per element: a mailbox that falls behind holds a long backlog, and
 * a garbage collector copies a linked list one node after the other (FanInBench: 713 ms of GC in 2
 * s with a node per message). Chunks also make a send allocation-free most of the time.
 *
 * <p>Threads: any thread may {@link #offer}; only the owning actor's running activation calls
 * {@link #poll}, {@link #pollSpinning} and {@link #isEmpty}. {@link #wasTaken} may be called by
 * anyone once the consumer has stopped for good (after the actor's exit).
 *
 * <p>Chunks: a chain that starts empty (an idle mailbox that never received anything holds no
 * chunk), whose first chunk has {@value #FIRST_CHUNK} slots and each next one twice as many, up to
 * {@value #MAX_CHUNK}. A chunk is linked once, by whichever producer first needs it ({@code
 * compareAndExchange} of {@code next}). {@link #head} is the consumer's chunk; {@link
 * #producerChunk} is only a hint where producers start walking, moved forward only.
 *
 * <p>Orderings: {@code offer} claims its index with a full-fence {@code getAndAdd}, then stores the
 * element with release; the consumer reads the slot with acquire (LoadLoad), so the element's
 * fields are visible. NOTE: between a producer's claim and its store, the element is counted but
 * not readable: {@link #poll} reports nothing, while {@link #isEmpty} (which compares the indexes)
 * already reports non-empty. Callers that must see every claimed element (the drain sweep) use
 * {@link #pollSpinning()}, which waits for the store. NOTE: a producer delayed after its claim may
 * find the hint already past its chunk; it then walks from {@link #head}, which cannot be past it:
 * the consumer never passes an index whose element is not stored yet.
 */
public final class MpscQueue<E> {

  static final int FIRST_CHUNK = 4;
  static final int MAX_CHUNK = 256;

  /**
   * Slots {@code base .. base + size - 1}; {@code next} is written once. The consumer drops {@code
   * slots} once it has taken the last one, so that a mailbox that once held a burst does not keep a
   * large empty array while idle; no producer touches {@code slots} by then (each one stored its
   * element before the consumer could take it).
   */
  static final class Chunk {
    final long base;
    final int size;
    Object[] slots;
    volatile Chunk next;

    Chunk(long base, int size) {
      this.base = base;
      this.size = size;
      this.slots = new Object[size];
    }

    boolean holds(long index) {
      return index - base < size;
    }
  }

  private static final VarHandle PRODUCER_INDEX;
  private static final VarHandle CONSUMER_INDEX;
  private static final VarHandle PRODUCER_CHUNK;
  private static final VarHandle HEAD;
  private static final VarHandle NEXT;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      PRODUCER_INDEX = l.findVarHandle(MpscQueue.class, "producerIndex", long.class);
      CONSUMER_INDEX = l.findVarHandle(MpscQueue.class, "consumerIndex", long.class);
      PRODUCER_CHUNK = l.findVarHandle(MpscQueue.class, "producerChunk", Chunk.class);
      HEAD = l.findVarHandle(MpscQueue.class, "head", Chunk.class);
      NEXT = l.findVarHandle(Chunk.class, "next", Chunk.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through PRODUCER_INDEX
  private volatile long producerIndex; // the next index to claim

  private volatile Chunk producerChunk; // a hint: some chunk at or before the newest
  private volatile Chunk head; // the consumer's chunk; first installed by a producer
  private long
      consumerIndex; // the next index to take; consumer only (published by the actor's exit)

  /**
   * Appends {@code value} (never null) and returns its index, so a sender can later ask {@link
   * #wasTaken}.
   */
  public long offer(E value) {
    long index = (long) PRODUCER_INDEX.getAndAdd(this, 1L); // full fence
    Chunk chunk = chunkFor(index);
    SLOT.setRelease(
        chunk.slots, (int) (index - chunk.base), value); // StoreStore: fields before slot
    return index;
  }

  private Chunk chunkFor(long index) {
    Chunk hint = producerChunk;
    Chunk chunk = hint;
    if (chunk == null || chunk.base > index) {
      chunk = firstForProducer(); // see the class comment: head is never past index
    }
    while (!chunk.holds(index)) {
      Chunk next = chunk.next;
      if (next == null) {
        Chunk created = new Chunk(chunk.base + chunk.size, Math.min(MAX_CHUNK, chunk.size * 2));
        next = (Chunk) NEXT.compareAndExchange(chunk, null, created);
        if (next == null) {
          next = created;
        }
      }
      chunk = next;
    }
    if (chunk != hint && (hint == null || chunk.base > hint.base)) {
      PRODUCER_CHUNK.compareAndSet(this, hint, chunk); // best effort; only ever moves forward
    }
    return chunk;
  }

  private Chunk firstForProducer() {
    Chunk chunk = head;
    if (chunk == null) {
      Chunk first = new Chunk(0, FIRST_CHUNK);
      chunk = (Chunk) HEAD.compareAndExchange(this, null, first);
      if (chunk == null) {
        chunk = first;
      }
    }
    return chunk;
  }

  /** Takes the next element, or returns null when none is stored yet. Consumer only. */
  @SuppressWarnings("unchecked")
  public E poll() {
    Chunk chunk = head; // LoadLoad: installed by a producer
    if (chunk == null) {
      return null;
    }
    long index = consumerIndex;
    int offset = (int) (index - chunk.base);
    if (offset == chunk.size) {
      Chunk next = chunk.next;
      if (next == null) {
        return null; // the next chunk is claimed into but not linked yet
      }
      head = next; // producers delayed in an older chunk walk from here: never past them
      chunk = next;
      offset = 0;
    }
    E value = (E) SLOT.getAcquire(chunk.slots, offset); // LoadLoad: pairs with offer's release
    if (value == null) {
      return null;
    }
    if (offset + 1 == chunk.size) {
      chunk.slots = null; // all taken: see Chunk
    } else {
      chunk.slots[offset] = null; // plain: only lets the element be collected
    }
    consumerIndex = index + 1;
    return value;
  }

  /**
   * Takes the next element, waiting for a producer that has claimed an index but not stored yet.
   * Returns null only when the queue is truly empty. Consumer only.
   */
  public E pollSpinning() {
    for (; ; ) {
      E value = poll();
      if (value != null || isEmpty()) {
        return value;
      }
      Thread.onSpinWait();
    }
  }

  /** How many indexes producers have claimed so far (a volatile read). */
  public long claimed() {
    return (long) PRODUCER_INDEX.getVolatile(this);
  }

  /**
   * Takes the next element if its index is below {@code end} (an index already claimed), waiting
   * for its producer's store; null once the consumer has reached {@code end}. Consumer only.
   */
  public E pollSpinningBefore(long end) {
    if (consumerIndex >= end) {
      return null;
    }
    for (; ; ) {
      E value = poll();
      if (value != null) {
        return value;
      }
      Thread.onSpinWait();
    }
  }

  /** True when no producer has claimed an index past the consumer's position. Consumer only. */
  public boolean isEmpty() {
    return (long) PRODUCER_INDEX.getVolatile(this) == consumerIndex;
  }

  /**
   * True when the consumer took the element offered at {@code index}. Only meaningful once the
   * consumer has stopped for good and the caller saw it stop (the actor's exit): elements are taken
   * in index order, so an index below the consumer's final position was taken.
   */
  public boolean wasTaken(long index) {
    return index < consumerIndex;
  }

  /** How many elements the consumer took so far. Any thread; may lag behind the consumer. */
  public long taken() {
    return (long) CONSUMER_INDEX.getOpaque(this);
  }
}
