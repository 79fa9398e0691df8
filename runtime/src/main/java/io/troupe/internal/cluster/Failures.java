package io.troupe.internal.cluster;

import io.troupe.codec.CodecException;
import io.troupe.internal.cluster.proto.Failure;
import io.troupe.rpc.CallFailure;

/** The wire's {@code Failure} and the API's {@link CallFailure}, one to the other. */
final class Failures {
  private Failures() {}

  static Failure toWire(CallFailure reason) {
    return switch (reason) {
      case ACTOR_STOPPED, INTERRUPTED, NODE_DISCONNECTED -> Failure.ACTOR_STOPPED;
      case ACTOR_FAILED -> Failure.ACTOR_FAILED;
      case UNKNOWN_VARIANT -> Failure.UNKNOWN_VARIANT;
      case NOT_DECODABLE -> Failure.NOT_DECODABLE;
      case ANSWER_NOT_ENCODABLE -> Failure.ANSWER_NOT_ENCODABLE;
      case ANSWER_TOO_LARGE -> Failure.ANSWER_TOO_LARGE;
      case TARGET_NOT_ADVERTISED -> Failure.TARGET_NOT_ADVERTISED;
      case REFUSED -> Failure.REFUSED;
      case REMOTE_TIMEOUT -> Failure.REMOTE_TIMEOUT;
    };
  }

  /** An older node's reply (no failure type) reads as the actor having stopped, as it used to. */
  static CallFailure fromWire(Failure failure) {
    return switch (failure) {
      case ACTOR_FAILED -> CallFailure.ACTOR_FAILED;
      case UNKNOWN_VARIANT -> CallFailure.UNKNOWN_VARIANT;
      case NOT_DECODABLE -> CallFailure.NOT_DECODABLE;
      case ANSWER_NOT_ENCODABLE -> CallFailure.ANSWER_NOT_ENCODABLE;
      case ANSWER_TOO_LARGE -> CallFailure.ANSWER_TOO_LARGE;
      case TARGET_NOT_ADVERTISED -> CallFailure.TARGET_NOT_ADVERTISED;
      case REFUSED -> CallFailure.REFUSED;
      case REMOTE_TIMEOUT -> CallFailure.REMOTE_TIMEOUT;
      case ACTOR_STOPPED, FAILURE_UNSPECIFIED, UNRECOGNIZED -> CallFailure.ACTOR_STOPPED;
    };
  }

  /** Why a message could not be decoded: its variant is unknown here, or its bytes are bad. */
  static CallFailure ofDecoding(CodecException e) {
    return e.isUnknownVariant() ? CallFailure.UNKNOWN_VARIANT : CallFailure.NOT_DECODABLE;
  }
}
