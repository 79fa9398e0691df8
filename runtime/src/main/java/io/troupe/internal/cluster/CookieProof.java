package io.troupe.internal.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The challenge/response that shows a peer knows the cookie without sending it.
 *
 * <p>Each side sends a fresh random nonce in its {@code Hello}. A side answers the peer's challenge
 * with {@code HMAC-SHA256(cookie, "troupe-auth-v2" | role | challengerNonce | responderNonce |
 * challengerName | responderName)}, every part length-prefixed, where {@code role} is {@code
 * "connecting"} or {@code "accepting"}, the responder's side of the connection. Binding both nonces
 * and both names stops a proof from being replayed on another session; the role stops one from
 * being reflected back to its sender. The connecting side proves first, and the accepting side
 * answers only a correct proof (see {@link Session}).
 */
public final class CookieProof {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] CONNECTING = "connecting".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ACCEPTING = "accepting".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LABEL = "troupe-auth-v2".getBytes(StandardCharsets.US_ASCII);
  static final int NONCE_BYTES = 32;

  private final SecretKeySpec key;

  public CookieProof(byte[] cookie) {
    this.key = new SecretKeySpec(cookie, "HmacSHA256");
  }

  public static byte[] freshNonce() {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  /**
   * The proof a responder sends for a challenger's nonce.
   *
   * @param responderAccepted true if the responder is the side that accepted the connection
   */
  public byte[] prove(
      byte[] challengerNonce,
      byte[] responderNonce,
      String challengerName,
      String responderName,
      boolean responderAccepted) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      for (byte[] part :
          new byte[][] {
            LABEL,
            responderAccepted ? ACCEPTING : CONNECTING,
            challengerNonce,
            responderNonce,
            challengerName.getBytes(StandardCharsets.UTF_8),
            responderName.getBytes(StandardCharsets.UTF_8)
          }) {
        mac.update(ByteBuffer.allocate(4).putInt(part.length).array());
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Checks a proof in constant time. */
  public boolean verify(
      byte[] proof,
      byte[] challengerNonce,
      byte[] responderNonce,
      String challengerName,
      String responderName,
      boolean responderAccepted) {
    return MessageDigest.isEqual(
        proof,
        prove(challengerNonce, responderNonce, challengerName, responderName, responderAccepted));
  }
}
