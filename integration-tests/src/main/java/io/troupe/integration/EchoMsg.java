package io.troupe.integration;

import io.troupe.annotation.ClusterMessage;
import io.troupe.rpc.RpcReplyPort;

/**
 * A message interface compiled with this module's main sources (everything else here is a test):
 * SchemaExportTest checks that the processor exports the schemas of main interfaces too, not only
 * those of test sources.
 */
@ClusterMessage
public sealed interface EchoMsg {
  /**
   * Asks for {@code text} back.
   *
   * @param text what to send back
   * @param reply where the answer goes
   */
  record Echo(String text, RpcReplyPort<String> reply) implements EchoMsg {}
}
