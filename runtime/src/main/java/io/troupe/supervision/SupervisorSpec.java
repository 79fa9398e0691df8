package io.troupe.supervision;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A supervisor's configuration (OTP's supervisor flags and child list; Pekko's supervisor
 * strategy): its {@link Strategy}, {@link RestartIntensity}, {@link Backoff}, its static children
 * in start order, and listeners of its {@link SupervisorEvent}s. Immutable; built with {@link
 * #builder()}.
 *
 * @param strategy which children restart together
 * @param intensity how many restarts are allowed within a period
 * @param backoff how long a restart waits
 * @param children the static children, in start order (stopped in reverse)
 * @param listeners told of every event, on the supervisor's thread
 */
public record SupervisorSpec(
    Strategy strategy,
    RestartIntensity intensity,
    Backoff backoff,
    List<ChildSpec> children,
    List<Consumer<? super SupervisorEvent>> listeners) {

  /**
   * Checks the configuration.
   *
   * @param strategy which children restart together
   * @param intensity the restart intensity
   * @param backoff the backoff
   * @param children the static children
   * @param listeners the event listeners
   * @throws NullPointerException if a value is null
   * @throws IllegalArgumentException if two children share an id
   */
  public SupervisorSpec {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(intensity, "intensity");
    Objects.requireNonNull(backoff, "backoff");
    children = List.copyOf(children);
    listeners = List.copyOf(listeners);
    Set<String> ids = new HashSet<>();
    for (ChildSpec child : children) {
      if (!ids.add(child.id())) {
        throw new IllegalArgumentException("two children have the id " + child.id());
      }
    }
  }

  /**
   * A builder with the defaults: {@link Strategy#ONE_FOR_ONE}, {@link RestartIntensity#defaults()},
   * {@link Backoff#none()}, no children, no listeners.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SupervisorSpec}. Not thread-safe. */
  public static final class Builder {
    private Strategy strategy = Strategy.ONE_FOR_ONE;
    private RestartIntensity intensity = RestartIntensity.defaults();
    private Backoff backoff = Backoff.none();
    private final List<ChildSpec> children = new ArrayList<>();
    private final List<Consumer<? super SupervisorEvent>> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the strategy.
     *
     * @param value the strategy
     * @return this builder
     */
    public Builder strategy(Strategy value) {
      this.strategy = Objects.requireNonNull(value, "strategy");
      return this;
    }

    /**
     * Sets the restart intensity.
     *
     * @param value the intensity
     * @return this builder
     */
    public Builder intensity(RestartIntensity value) {
      this.intensity = Objects.requireNonNull(value, "intensity");
      return this;
    }

    /**
     * Sets the restart intensity: at most {@code maxRestarts} within {@code period}.
     *
     * @param maxRestarts the restarts allowed
     * @param period the window
     * @return this builder
     * @throws IllegalArgumentException as {@link RestartIntensity}
     */
    public Builder intensity(int maxRestarts, java.time.Duration period) {
      return intensity(new RestartIntensity(maxRestarts, period));
    }

    /**
     * Sets the backoff.
     *
     * @param value the backoff
     * @return this builder
     */
    public Builder backoff(Backoff value) {
      this.backoff = Objects.requireNonNull(value, "backoff");
      return this;
    }

    /**
     * Adds a static child after those added before (start order).
     *
     * @param child the child
     * @return this builder
     */
    public Builder child(ChildSpec child) {
      children.add(Objects.requireNonNull(child, "child"));
      return this;
    }

    /**
     * Adds a listener of the supervisor's events. It runs on the supervisor's thread and must be
     * quick; what it throws is logged and ignored.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onEvent(Consumer<? super SupervisorEvent> listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the specification.
     *
     * @return the specification
     * @throws IllegalArgumentException if two children share an id
     */
    public SupervisorSpec build() {
      return new SupervisorSpec(strategy, intensity, backoff, children, listeners);
    }
  }
}
