package io.troupe.processor.generation;

import com.palantir.javapoet.ClassName;

/**
 * The runtime types generated code uses, by name: the processor does not depend on the runtime, so
 * it can run in a build whose runtime version it was not compiled against.
 */
final class RuntimeTypes {
  private RuntimeTypes() {}

  static final ClassName ACTOR = ClassName.get("io.troupe", "Actor");
  static final ClassName ACTOR_REF = ClassName.get("io.troupe", "ActorRef");
  static final ClassName MESSAGING_EXCEPTION = ClassName.get("io.troupe", "MessagingException");
  static final ClassName CALL_RESULT = ClassName.get("io.troupe.rpc", "CallResult");
  static final ClassName CALL_TIMEOUT_EXCEPTION =
      ClassName.get("io.troupe.rpc", "CallTimeoutException");
  static final ClassName CALL_FAILED_EXCEPTION =
      ClassName.get("io.troupe.rpc", "CallFailedException");

  static final ClassName RPC_REPLY_PORT = ClassName.get("io.troupe.rpc", "RpcReplyPort");
  static final ClassName MESSAGE_CODEC = ClassName.get("io.troupe.codec", "MessageCodec");
  static final ClassName BYTES_CODEC = ClassName.get("io.troupe.codec", "BytesCodec");
  static final ClassName RECORD_CODEC = ClassName.get("io.troupe.codec", "RecordCodec");
  static final ClassName CODECS = ClassName.get("io.troupe.codec", "Codecs");
  static final ClassName REF_CODECS = ClassName.get("io.troupe.codec", "RefCodecs");
  static final ClassName FIELDS = ClassName.get("io.troupe.generated", "Fields");
  static final ClassName GENERATED_CODECS = ClassName.get("io.troupe.generated", "GeneratedCodecs");
  static final ClassName FACADES = ClassName.get("io.troupe.generated", "Facades");
  static final ClassName CODEC_EXCEPTION = ClassName.get("io.troupe.codec", "CodecException");

  static final ClassName DURATION = ClassName.get("java.time", "Duration");
  static final ClassName COMPLETABLE_FUTURE =
      ClassName.get("java.util.concurrent", "CompletableFuture");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName CONSUMER = ClassName.get("java.util.function", "Consumer");
  static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
}
