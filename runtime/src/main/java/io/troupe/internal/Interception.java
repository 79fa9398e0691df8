package io.troupe.internal;

import io.troupe.ActorRef;
import io.troupe.intercept.Interceptor;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The interceptors of one actor (its node's, then its own), immutable: an actor's cell holds one,
 * or null while none was ever installed for it, which keeps the hot path to a null check. Once an
 * actor had interceptors its cell keeps a (maybe empty) chain, because its mailbox may still hold
 * {@link Envelope}s to unwrap.
 */
public final class Interception {

  static final Interceptor[] NONE = new Interceptor[0];

  /** A chain with no interceptor, which only unwraps envelopes queued earlier. */
  static final Interception EMPTY = new Interception(NONE);

  private final Interceptor[] chain;

  Interception(Interceptor[] chain) {
    this.chain = chain;
  }

  /** The interceptors, in order (do not modify). */
  Interceptor[] chain() {
    return chain;
  }

  boolean isEmpty() {
    return chain.length == 0;
  }

  /** A message and the attachments its interceptors' {@code onSend} returned, in the mailbox. */
  static final class Envelope {
    final Object message;
    final Interceptor[] chain;
    final Object[] attachments;

    Envelope(Object message, Interceptor[] chain, Object[] attachments) {
      this.message = message;
      this.chain = chain;
      this.attachments = attachments;
    }

    /** Another message with this one's attachments (a job forwarded for its submitter). */
    Envelope carrying(Object other) {
      return new Envelope(other, chain, attachments);
    }

    /** The attachment {@code interceptor} made at send time, or null (installed after the send). */
    Object attachmentFor(Interceptor interceptor, int likelyAt) {
      if (likelyAt < chain.length && chain[likelyAt] == interceptor) {
        return attachments[likelyAt];
      }
      for (int i = 0; i < chain.length; i++) {
        if (chain[i] == interceptor) {
          return attachments[i];
        }
      }
      return null;
    }
  }

  /** The message itself if {@code queued} is not an envelope. */
  static Object unwrap(Object queued) {
    return queued instanceof Envelope e ? e.message : queued;
  }

  /**
   * Runs every {@code onSend}; returns the message, or an envelope when one returned an attachment.
   */
  Object onSend(ActorRef<?> target, Object message) {
    Object[] attachments = null;
    for (int i = 0; i < chain.length; i++) {
      Object a = chain[i].onSend(target, message);
      if (a != null) {
        if (attachments == null) {
          attachments = new Object[chain.length];
        }
        attachments[i] = a;
      }
    }
    return attachments == null ? message : new Envelope(message, chain, attachments);
  }

  /** Like {@link #onSend} for a message from another node, with the headers of its frame. */
  Object onReceive(ActorRef<?> target, Object message, Function<String, String> headers) {
    Object[] attachments = null;
    for (int i = 0; i < chain.length; i++) {
      Object a = chain[i].onReceive(target, message, headers);
      if (a != null) {
        if (attachments == null) {
          attachments = new Object[chain.length];
        }
        attachments[i] = a;
      }
    }
    return attachments == null ? message : new Envelope(message, chain, attachments);
  }

  /**
   * For a message to an actor of another node: runs {@code onSend} then {@code inject} of each
   * interceptor on the sender's thread.
   */
  public static void injectRemote(
      Interceptor[] chain, ActorRef<?> target, Object message, BiConsumer<String, String> headers) {
    for (Interceptor interceptor : chain) {
      interceptor.inject(target, message, interceptor.onSend(target, message), headers);
    }
  }

  /**
   * The attachments of the message {@code self} is handling now, for {@link #castCarrying}: call it
   * on {@code self}'s thread, inside its handler.
   *
   * @param self the handling actor
   * @return an opaque token, or null when the message carries no attachment (or {@code self} is not
   *     a local actor)
   */
  public static Object handlingAttachments(ActorRef<?> self) {
    return self instanceof LocalActorRef<?> local ? local.cell().handlingEnvelope() : null;
  }

  /**
   * Casts {@code message} to {@code target} with the attachments {@code carried} (from {@link
   * #handlingAttachments}) instead of running the interceptors' {@code onSend} on this thread: the
   * message continues the context of the one those attachments came with. A null token, or a target
   * that is not a local actor, makes it a plain {@code cast}.
   *
   * @param target the actor
   * @param message the message
   * @param carried what {@link #handlingAttachments} returned, or null
   * @param <M> the target's message type
   * @throws io.troupe.MessagingException as {@code cast}
   */
  public static <M> void castCarrying(ActorRef<M> target, M message, Object carried) {
    if (carried != null && target instanceof LocalActorRef<M> local) {
      local.cell().sendCarrying(RefArguments.notNull(message, "message"), carried);
    } else {
      target.cast(message);
    }
  }

  /** What the handler sees around a handled message: see {@link ActorCell}. */
  interface Handler {
    void handleUnwrapped(Object message) throws Throwable;
  }

  /**
   * Runs {@code handler} on the message inside {@code queued} between the interceptors' {@code
   * beforeHandle} and {@code afterHandle}.
   *
   * @throws Throwable what the handler or an interceptor threw (the first; later ones suppressed)
   */
  void handle(ActorRef<?> self, Object queued, Handler handler) throws Throwable {
    Envelope envelope = queued instanceof Envelope e ? e : null;
    Object message = envelope == null ? queued : envelope.message;
    if (chain.length == 0) {
      handler.handleUnwrapped(message);
      return;
    }
    Object[] tokens = new Object[chain.length];
    int entered = 0;
    Throwable failure = null;
    try {
      for (; entered < chain.length; entered++) {
        Object attachment =
            envelope == null ? null : envelope.attachmentFor(chain[entered], entered);
        tokens[entered] = chain[entered].beforeHandle(self, message, attachment);
      }
      handler.handleUnwrapped(message);
    } catch (Throwable t) {
      failure = t;
    }
    for (int i = entered - 1; i >= 0; i--) {
      try {
        chain[i].afterHandle(self, message, tokens[i], failure);
      } catch (Throwable t) {
        if (failure == null) {
          failure = t;
        } else if (failure != t) {
          failure.addSuppressed(t);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** This chain followed by {@code more}, without repeating an interceptor already in it. */
  static Interceptor[] concat(Interceptor[] first, Interceptor[] more) {
    if (more.length == 0) {
      return first;
    }
    if (first.length == 0) {
      return more;
    }
    Interceptor[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    int n = first.length;
    outer:
    for (Interceptor i : more) {
      for (int j = 0; j < first.length; j++) {
        if (first[j] == i) {
          continue outer;
        }
      }
      all[n++] = i;
    }
    return n == all.length ? all : java.util.Arrays.copyOf(all, n);
  }
}
