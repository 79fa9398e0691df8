package test;

import io.troupe.annotation.FacadeMethod;

@io.troupe.annotation.ActorMessage
public sealed interface Msg {
  @FacadeMethod("x")
  record Lower() implements Msg {}

  @FacadeMethod("X")
  record Upper() implements Msg {} // error
}
