package io.troupe.codec;

/**
 * Bytes could not be decoded (malformed, truncated, oversized, nested too deep, an unknown variant)
 * or a value could not be encoded. Every decoding failure ends here; no other exception escapes.
 */
public final class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** True if the variant name was unknown (see {@link #unknownVariant}); false for bad bytes. */
  private final boolean unknownVariant;

  /**
   * Bytes or a value that could not be decoded or encoded.
   *
   * @param message what happened, for the user
   */
  public CodecException(String message) {
    this(message, false);
  }

  private CodecException(String message, boolean unknownVariant) {
    super(message);
    this.unknownVariant = unknownVariant;
  }

  /**
   * The variant name given to a decoder is not one of the message type's (generated codecs throw
   * it; a node receiving such a message reports {@code UNKNOWN_VARIANT} to the sender).
   *
   * @param messageType the message type's simple name
   * @param variant the unknown name
   * @return the exception, whose {@link #isUnknownVariant()} is true
   */
  public static CodecException unknownVariant(String messageType, String variant) {
    return new CodecException("unknown variant of " + messageType + ": " + variant, true);
  }

  /**
   * Whether this is about a variant name the decoder does not know, rather than malformed bytes.
   *
   * @return true if made by {@link #unknownVariant}
   */
  public boolean isUnknownVariant() {
    return unknownVariant;
  }

  /**
   * A decoding or encoding that failed because of {@code cause}.
   *
   * @param message what happened, for the user
   * @param cause the underlying failure
   */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
    this.unknownVariant = false;
  }
}
