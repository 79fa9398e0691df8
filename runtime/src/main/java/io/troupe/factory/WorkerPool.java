package io.troupe.factory;

import io.troupe.ActorRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The factory's worker slots: spawning, replacing and removing worker actors. Slots {@code [0,
 * active)} take jobs; slots at or above {@code active} are retiring after a shrink and go away once
 * idle. Touched only by the factory's thread.
 */
final class WorkerPool<K, M, S> {
  private final ActorRef<FactoryMsg<K, M>> factory;
  private final Supplier<? extends Worker<K, M, S>> workerBuilder;
  private final Supplier<JobQueue<K, M>> queues;

  /**
   * The most finished jobs a worker reports at once: half its window, so it is refilled in time.
   */
  private final int batchLimit;

  /** Indexed by slot; null where a retired slot was removed below a still-retiring one. */
  private final List<WorkerSlot<K, M>> slots = new ArrayList<>();

  private int active;
  private long generations;

  WorkerPool(
      ActorRef<FactoryMsg<K, M>> factory,
      Supplier<? extends Worker<K, M, S>> workerBuilder,
      Supplier<JobQueue<K, M>> queues,
      int prefetch) {
    this.factory = factory;
    this.batchLimit = Math.max(1, prefetch / 2);
    this.workerBuilder = workerBuilder;
    this.queues = queues;
  }

  int active() {
    return active;
  }

  /** Every slot, active or retiring (skip nulls). */
  List<WorkerSlot<K, M>> slots() {
    return slots;
  }

  /** The slot of a report, or null if it comes from a worker that was replaced or removed. */
  WorkerSlot<K, M> slotOf(int index, long generation) {
    WorkerSlot<K, M> slot = index < slots.size() ? slots.get(index) : null;
    return slot != null && slot.generation == generation ? slot : null;
  }

  WorkerSlot<K, M> get(int index) {
    return slots.get(index);
  }

  WorkerSlot<K, M> slotOf(ActorRef<?> worker) {
    for (WorkerSlot<K, M> slot : slots) {
      if (slot != null && slot.worker.equals(worker)) {
        return slot;
      }
    }
    return null;
  }

  /** An idle active slot, else one with room in its prefetch window, else null. */
  WorkerSlot<K, M> slotWithRoom(int prefetch) {
    WorkerSlot<K, M> withRoom = null;
    for (int i = 0; i < active; i++) {
      WorkerSlot<K, M> slot = slots.get(i);
      if (slot.inFlight.isEmpty()) {
        return slot;
      }
      if (withRoom == null && slot.inFlight.size() < prefetch) {
        withRoom = slot;
      }
    }
    return withRoom;
  }

  /**
   * Makes slots {@code [active, size)} active, reusing retiring ones; returns those that are new or
   * revived.
   */
  List<WorkerSlot<K, M>> grow(int size) {
    List<WorkerSlot<K, M>> added = new ArrayList<>();
    for (int i = active; i < size; i++) {
      WorkerSlot<K, M> slot = i < slots.size() ? slots.get(i) : null;
      if (slot == null) {
        slot = new WorkerSlot<>(i, queues.get());
        if (i < slots.size()) {
          slots.set(i, slot);
        } else {
          slots.add(slot);
        }
        spawn(slot);
      }
      slot.retiring = false;
      added.add(slot);
    }
    active = Math.max(active, size);
    return added;
  }

  /** Marks slots {@code [size, active)} retiring; returns them. */
  List<WorkerSlot<K, M>> shrink(int size) {
    List<WorkerSlot<K, M>> retired = new ArrayList<>();
    for (int i = size; i < active; i++) {
      WorkerSlot<K, M> slot = slots.get(i);
      slot.retiring = true;
      retired.add(slot);
    }
    active = Math.min(active, size);
    return retired;
  }

  /** Starts a new worker actor in {@code slot} (first start, or replacing one that ended). */
  void spawn(WorkerSlot<K, M> slot) {
    slot.generation = ++generations;
    slot.progress = new WorkerProgress();
    slot.settled = 0;
    slot.worker =
        factory
            .node()
            .spawnLinked(
                null,
                new WorkerActor<>(workerBuilder.get()),
                new WorkerActor.Slot<>(
                    slot.index, slot.generation, factory, slot.progress, batchLimit),
                factory);
  }

  /** Stops the worker of an idle retiring slot and forgets the slot. */
  void remove(WorkerSlot<K, M> slot) {
    if (slot.index >= slots.size() || slots.get(slot.index) != slot) {
      return; // already removed
    }
    slots.set(slot.index, null);
    while (!slots.isEmpty() && slots.getLast() == null) {
      slots.removeLast();
    }
    slot.worker.stop("factory pool shrank");
  }
}
