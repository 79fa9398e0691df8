package demo.impl;

public record Pong() implements demo.api.Msg {}
