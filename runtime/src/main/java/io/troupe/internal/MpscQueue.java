package io.troupe.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An unbounded multi-producer single-consumer linked queue (after Vyukov's intrusive MPSC queue).
 *
 * <p>Threads: any thread may {@link #offer}; only the owning actor's running activation calls
 * {@link #poll}, {@link #isEmpty} and {@link #drainTo}. One node is allocated per element.
 *
 * <p>Orderings: {@code offer} swaps {@code tail} with a full fence ({@code getAndSet}), then links
 * the previous tail with a release store of {@code next}; the consumer reads {@code next} with
 * acquire. NOTE: between a producer's swap and its link, the element is in the queue but not yet
 * reachable from {@code head}: {@link #poll} reports nothing, while {@link #isEmpty} (which compares
 * with {@code tail}) already reports non-empty. Callers that must see every accepted element (the
 * drain sweep) use {@link #pollSpinning()}, which waits for the link.
 */
public final class MpscQueue<E> {

  /** A queue node; {@code value} is cleared when the consumer takes it (see {@link #wasTaken}). */
  public static final class Node<E> {
    volatile E value; // plain write before publication; cleared by the consumer (release)
    volatile Node<E> next; // written once by the producer (release), read by the consumer (acquire)

    Node(E value) {
      this.value = value;
    }
  }

  private static final VarHandle TAIL;
  private static final VarHandle NEXT;
  private static final VarHandle VALUE;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      TAIL = l.findVarHandle(MpscQueue.class, "tail", Node.class);
      NEXT = l.findVarHandle(Node.class, "next", Node.class);
      VALUE = l.findVarHandle(Node.class, "value", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Node<E> head; // consumer only (plain)
  @SuppressWarnings("unused") // accessed through TAIL
  private volatile Node<E> tail;

  public MpscQueue() {
    Node<E> stub = new Node<>(null);
    head = stub;
    tail = stub;
  }

  /** Appends {@code value} (never null) and returns its node, so a sender can later ask {@link #wasTaken}. */
  @SuppressWarnings("unchecked")
  public Node<E> offer(E value) {
    Node<E> node = new Node<>(value);
    Node<E> prev = (Node<E>) TAIL.getAndSet(this, node); // full fence: orders the swap with later reads
    NEXT.setRelease(prev, node); // StoreStore: value visible before the link
    return node;
  }

  /** Takes the next element, or returns null when none is linked yet. Consumer only. */
  @SuppressWarnings("unchecked")
  public E poll() {
    Node<E> next = (Node<E>) NEXT.getAcquire(head); // LoadLoad
    if (next == null) {
      return null;
    }
    E value = (E) VALUE.getAcquire(next);
    VALUE.setRelease(next, null); // marks the element taken (see wasTaken)
    head = next;
    return value;
  }

  /**
   * Takes the next element, waiting for a producer that has swapped the tail but not linked yet.
   * Returns null only when the queue is truly empty. Consumer only.
   */
  public E pollSpinning() {
    for (;;) {
      E value = poll();
      if (value != null || isEmpty()) {
        return value;
      }
      Thread.onSpinWait();
    }
  }

  /** True when no producer has appended past the consumer's position. Consumer only. */
  public boolean isEmpty() {
    return TAIL.getVolatile(this) == head;
  }

  /** True when the consumer has taken the element of {@code node}. */
  public static boolean wasTaken(Node<?> node) {
    return VALUE.getAcquire(node) == null;
  }
}
