package demo.api;

@io.troupe.annotation.ActorMessage
public sealed interface Msg permits demo.impl.Ping, demo.impl.Pong {}
