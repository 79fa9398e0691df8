package io.troupe.codec;

/**
 * Bytes could not be decoded (malformed, truncated, oversized, nested too deep, an unknown variant)
 * or a value could not be encoded. Every decoding failure ends here; no other exception escapes.
 */
public final class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Bytes or a value that could not be decoded or encoded.
   *
   * @param message what happened, for the user
   */
  public CodecException(String message) {
    super(message);
  }

  /**
   * A decoding or encoding that failed because of {@code cause}.
   *
   * @param message what happened, for the user
   * @param cause the underlying failure
   */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
