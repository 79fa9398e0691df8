package io.troupe.cluster;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the nodes of a cluster may be found: the SPI behind {@link Cluster#discover}. The node asks
 * {@link #addresses()} periodically and connects to every address it is not connected to.
 * Implementations: {@link #seeds} (a fixed list) and {@link #dns} / {@link #dnsSrv} (the records of
 * one DNS name, as Kubernetes headless services, Consul and Docker Compose publish them); any other
 * source (a service registry, a file) implements this one method.
 */
@FunctionalInterface
public interface Discovery {

  /**
   * The addresses nodes of the cluster listen on, now. Called on a cluster thread, once per period;
   * it may block (a DNS query) but should bound its time.
   *
   * @return the addresses (this node's own may be among them: it is skipped)
   * @throws ClusterException if the source cannot be read this time (logged; tried again next
   *     period)
   */
  List<InetSocketAddress> addresses();

  /**
   * A fixed list of seed nodes.
   *
   * @param seeds {@code "host:port"} each ({@code "[::1]:7000"} for IPv6)
   * @return the discovery
   * @throws IllegalArgumentException if one is not {@code host:port}
   */
  static Discovery seeds(String... seeds) {
    List<InetSocketAddress> list = new ArrayList<>();
    for (String seed : seeds) {
      list.add(parse(seed));
    }
    List<InetSocketAddress> fixed = List.copyOf(list);
    return () -> fixed;
  }

  /**
   * The A and AAAA records of {@code name}, each with {@code port} (every node listens on the same
   * port, as pods of one Kubernetes headless service do), re-read at every period.
   *
   * @param name the DNS name, e.g. {@code "troupe.my-namespace.svc.cluster.local"}
   * @param port the port the nodes listen on
   * @return the discovery, using the system's DNS servers
   */
  static Discovery dns(String name, int port) {
    return new DnsDiscovery(name, port, null, Duration.ofSeconds(5));
  }

  /**
   * {@link #dns(String, int)} asking a given DNS server.
   *
   * @param name the DNS name
   * @param port the port the nodes listen on
   * @param server the DNS server as {@code "host:port"}, e.g. {@code "127.0.0.1:5353"}
   * @return the discovery
   */
  static Discovery dns(String name, int port, String server) {
    return new DnsDiscovery(
        name,
        port,
        Objects.requireNonNull(server, "server must not be null"),
        Duration.ofSeconds(5));
  }

  /**
   * The SRV records of {@code name} (target host and port each, e.g. {@code
   * "_troupe._tcp.troupe.default.svc.cluster.local"}), the targets resolved by A/AAAA, re-read at
   * every period.
   *
   * @param name the SRV name
   * @return the discovery, using the system's DNS servers
   */
  static Discovery dnsSrv(String name) {
    return new DnsDiscovery(name, -1, null, Duration.ofSeconds(5));
  }

  /**
   * {@link #dnsSrv(String)} asking a given DNS server.
   *
   * @param name the SRV name
   * @param server the DNS server as {@code "host:port"}
   * @return the discovery
   */
  static Discovery dnsSrv(String name, String server) {
    return new DnsDiscovery(
        name, -1, Objects.requireNonNull(server, "server must not be null"), Duration.ofSeconds(5));
  }

  private static InetSocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("a seed is host:port, not " + hostPort);
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("a seed's port is 1 to 65535: " + hostPort);
      }
      return InetSocketAddress.createUnresolved(host, port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a seed is host:port, not " + hostPort, e);
    }
  }
}
