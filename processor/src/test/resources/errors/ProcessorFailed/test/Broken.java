package test;

// CompileErrorCatalogueTest runs this one with a generator that throws a StackOverflowError.
@io.troupe.annotation.ActorMessage
public sealed interface Broken { // error
  record Ping() implements Broken {}
}
