package io.troupe.codec;

/**
 * Bytes could not be decoded (malformed, truncated, oversized, nested too deep, an unknown variant)
 * or a value could not be encoded. Every decoding failure ends here; no other exception escapes.
 */
public final class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
