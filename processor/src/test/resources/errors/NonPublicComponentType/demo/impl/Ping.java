package demo.impl;

public record Ping(Detail detail) implements demo.api.Msg {} // error

record Detail() {}
