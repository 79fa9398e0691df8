package io.troupe.introspect;

import java.util.List;
import javax.management.ConstructorParameters;

/**
 * {@link ActorInfo} in JMX's open types: refs are shown as their ids, absent values as empty
 * strings.
 */
public final class ActorView {

  private final String id;
  private final String name;
  private final String status;
  private final String supervisor;
  private final List<String> children;
  private final long mailboxDepth;
  private final String messageType;
  private final String behaviour;

  /**
   * A view with these values.
   *
   * @param id the actor's id
   * @param name its registered name, or empty
   * @param status its status
   * @param supervisor its supervisor's id, or empty
   * @param children its children's ids
   * @param mailboxDepth queued user messages
   * @param messageType its message class name, or empty
   * @param behaviour its behaviour's class name
   */
  @ConstructorParameters({
    "id",
    "name",
    "status",
    "supervisor",
    "children",
    "mailboxDepth",
    "messageType",
    "behaviour"
  })
  public ActorView(
      String id,
      String name,
      String status,
      String supervisor,
      List<String> children,
      long mailboxDepth,
      String messageType,
      String behaviour) {
    this.id = id;
    this.name = name;
    this.status = status;
    this.supervisor = supervisor;
    this.children = List.copyOf(children);
    this.mailboxDepth = mailboxDepth;
    this.messageType = messageType;
    this.behaviour = behaviour;
  }

  /**
   * The view of {@code info}.
   *
   * @param info a snapshot
   * @return its view
   */
  public static ActorView of(ActorInfo info) {
    return new ActorView(
        info.id().toString(),
        info.name().orElse(""),
        info.status().name(),
        info.supervisor().map(s -> s.id().toString()).orElse(""),
        info.children().stream().map(c -> c.id().toString()).toList(),
        info.mailboxDepth(),
        info.messageType().map(Class::getName).orElse(""),
        info.behaviour());
  }

  /**
   * The actor's id.
   *
   * @return its text
   */
  public String getId() {
    return id;
  }

  /**
   * The actor's registered name.
   *
   * @return the name, or empty
   */
  public String getName() {
    return name;
  }

  /**
   * The actor's status.
   *
   * @return an {@link io.troupe.ActorStatus} name
   */
  public String getStatus() {
    return status;
  }

  /**
   * The actor's supervisor.
   *
   * @return its id, or empty
   */
  public String getSupervisor() {
    return supervisor;
  }

  /**
   * The actor's live children.
   *
   * @return their ids
   */
  public List<String> getChildren() {
    return children;
  }

  /**
   * The user messages queued for the actor and not yet taken.
   *
   * @return the count
   */
  public long getMailboxDepth() {
    return mailboxDepth;
  }

  /**
   * The message class the actor declares.
   *
   * @return its name, or empty
   */
  public String getMessageType() {
    return messageType;
  }

  /**
   * The actor's behaviour.
   *
   * @return its class name
   */
  public String getBehaviour() {
    return behaviour;
  }

  @Override
  public String toString() {
    return "ActorView["
        + id
        + (name.isEmpty() ? "" : " " + name)
        + " "
        + status
        + ", "
        + mailboxDepth
        + " queued]";
  }
}
