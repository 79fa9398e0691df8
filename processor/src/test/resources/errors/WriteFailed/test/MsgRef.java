package test;

public class MsgRef {}
