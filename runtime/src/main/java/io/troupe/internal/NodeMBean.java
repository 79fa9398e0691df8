package io.troupe.internal;

import io.troupe.Node;
import io.troupe.introspect.ActorInfo;
import io.troupe.introspect.ActorView;
import io.troupe.introspect.NodeMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** A node's {@link NodeMXBean}, registered with the platform MBean server on demand. */
public final class NodeMBean implements NodeMXBean {

  private final Node node;
  private final NodeContext context;

  private NodeMBean(Node node, NodeContext context) {
    this.node = node;
    this.context = context;
  }

  /** The name a node's MBean is registered under. */
  public static ObjectName nameOf(Node node) {
    try {
      return new ObjectName(
          "io.troupe:type=Node,name="
              + ObjectName.quote(node.name())
              + ",id="
              + Long.toHexString(node.id()));
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException(e); // quoted: cannot happen
    }
  }

  /** Registers the node's MBean unless it is registered already; returns its name. */
  public static ObjectName register(Node node, NodeContext context) {
    ObjectName name = nameOf(node);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      server.registerMBean(new NodeMBean(node, context), name);
    } catch (InstanceAlreadyExistsException e) {
      // registered before: one MBean per node
    } catch (JMException e) {
      throw new IllegalStateException("could not register the MBean of " + node + ": " + e, e);
    }
    return name;
  }

  /** Unregisters the node's MBean if registered (without touching JMX otherwise). */
  public static void unregister(Node node) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      server.unregisterMBean(nameOf(node));
    } catch (InstanceNotFoundException e) {
      // not registered
    } catch (JMException e) {
      throw new IllegalStateException("could not unregister the MBean of " + node + ": " + e, e);
    }
  }

  @Override
  public String getName() {
    return node.name();
  }

  @Override
  public String getId() {
    return Long.toHexString(node.id());
  }

  @Override
  public int getLiveActors() {
    return context.liveActors();
  }

  @Override
  public long getDeadLetters() {
    return context.deadLetters().count();
  }

  @Override
  public long getQueuedMessages() {
    long sum = 0;
    for (ActorInfo info : context.actors()) {
      sum += info.mailboxDepth();
    }
    return sum;
  }

  @Override
  public List<ActorView> getActors() {
    return context.actors().stream().map(ActorView::of).toList();
  }

  @Override
  public ActorView actor(String id) {
    return parseLocal(id)
        .flatMap(local -> Optional.ofNullable(context.findLocal(local)))
        .map(cell -> ActorView.of(cell.info()))
        .orElse(null);
  }

  /**
   * The local number in {@code <node hex>.<local>} (of this node) or {@code <local>}; empty if
   * neither.
   */
  private Optional<Long> parseLocal(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String text = id.strip();
    int dot = text.indexOf('.');
    try {
      if (dot >= 0) {
        if (Long.parseUnsignedLong(text.substring(0, dot), 16) != node.id()) {
          return Optional.empty();
        }
        text = text.substring(dot + 1);
      }
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
