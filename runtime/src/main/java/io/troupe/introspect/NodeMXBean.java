package io.troupe.introspect;

import java.util.List;

/**
 * A node seen through JMX, registered by {@link io.troupe.Node#registerMBean()} as {@code
 * io.troupe:type=Node,name=<node name>,id=<node id in hex>}: the same as {@link
 * io.troupe.Node#actors()} and {@link io.troupe.Node#actor(io.troupe.ActorId)}, in open types that
 * any JMX console shows.
 */
public interface NodeMXBean {

  /**
   * The node's name.
   *
   * @return the name
   */
  String getName();

  /**
   * The node's id in hexadecimal, as in {@link io.troupe.ActorId}'s text.
   *
   * @return the id
   */
  String getId();

  /**
   * How many actors of the node have not ended.
   *
   * @return the count
   */
  int getLiveActors();

  /**
   * How many dead letters the node had since it was created.
   *
   * @return the count
   */
  long getDeadLetters();

  /**
   * The user messages queued and not yet taken, over every live actor.
   *
   * @return the sum of the actors' mailbox depths
   */
  long getQueuedMessages();

  /**
   * Every live actor of the node.
   *
   * @return a snapshot per actor
   */
  List<ActorView> getActors();

  /**
   * One live actor.
   *
   * @param id the actor's id as its text ({@code <node in hex>.<local number>}, as {@link
   *     ActorView#getId()}) or its local number in decimal
   * @return its snapshot, or null if no live actor of this node has that id
   */
  ActorView actor(String id);
}
