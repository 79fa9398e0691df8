package test;

public final class Outer {
  static final class A {
    @io.troupe.annotation.ClusterMessage(facadeName = "AMsgRef")
    public sealed interface Msg {
      record Ping() implements Msg {}
    }
  }

  static final class B {
    @io.troupe.annotation.ClusterMessage(facadeName = "BMsgRef") // error
    public sealed interface Msg {
      record Ping() implements Msg {}
    }
  }
}
