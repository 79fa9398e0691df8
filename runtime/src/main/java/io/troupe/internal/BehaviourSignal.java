package io.troupe.internal;

/**
 * INTERNAL API: a message a library behaviour sends to its own actor (a state machine's state
 * timeout, a supervisor's request to restart in place). The actor accepts it whatever its declared
 * message type, and the library's behaviour takes it before the user's handler could see it.
 */
public interface BehaviourSignal {}
