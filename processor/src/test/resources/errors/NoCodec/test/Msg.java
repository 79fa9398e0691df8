package test;

@io.troupe.annotation.ClusterMessage
public sealed interface Msg {
  record Send(
      String to,
      Thread worker) implements Msg {} // error
}
