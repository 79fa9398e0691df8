package test;

@io.troupe.annotation.ActorMessage
public final class Msg {} // error
