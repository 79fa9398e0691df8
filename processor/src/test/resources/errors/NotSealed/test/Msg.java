package test;

@io.troupe.annotation.ActorMessage
public interface Msg { // error
  record Ping() implements Msg {}
}
