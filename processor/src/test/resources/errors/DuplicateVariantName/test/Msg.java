package test;

@io.troupe.annotation.ClusterMessage
public sealed interface Msg {
  sealed interface Admin extends Msg {
    record Reset() implements Admin {}
  }

  sealed interface User extends Msg {
    @io.troupe.annotation.FacadeMethod("userReset")
    record Reset() implements User {} // error
  }
}
