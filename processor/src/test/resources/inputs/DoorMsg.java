package test.door;

import io.troupe.annotation.ActorMessage;
import io.troupe.rpc.RpcReplyPort;

/** Top-level variants in the same file, and a type of the package that shares a JDK name. */
@ActorMessage
public sealed interface DoorMsg {}

record Open() implements DoorMsg {}

record Lock(String code, RpcReplyPort<Boolean> done) implements DoorMsg {}

record HoldOpen(Duration duration) implements DoorMsg {}
