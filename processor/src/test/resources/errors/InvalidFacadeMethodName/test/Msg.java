package test;

import io.troupe.annotation.FacadeMethod;

@io.troupe.annotation.ActorMessage
public sealed interface Msg {
  @FacadeMethod("do it")
  record Ping() implements Msg {} // error
}
