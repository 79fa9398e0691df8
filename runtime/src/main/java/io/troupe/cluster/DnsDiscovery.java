package io.troupe.cluster;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * DNS discovery through JNDI's DNS provider (part of the JDK: no dependency), which can ask a given
 * server on a given port. A/AAAA: every address of the name with one port; SRV: each record's
 * target (resolved by A/AAAA) with the record's port. A name that does not exist reads as no nodes.
 */
final class DnsDiscovery implements Discovery {
  private final String name;

  /** The port for A/AAAA, or -1 for SRV. */
  private final int port;

  /** "host:port" of the DNS server, or null for the system's. */
  private final String server;

  private final Duration timeout;

  DnsDiscovery(String name, int port, String server, Duration timeout) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a DNS name is needed");
    }
    if (port != -1 && (port < 1 || port > 65535)) {
      throw new IllegalArgumentException("the port is 1 to 65535: " + port);
    }
    this.name = name;
    this.port = port;
    this.server = server;
    this.timeout = timeout;
  }

  @Override
  public List<InetSocketAddress> addresses() {
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    env.put("java.naming.provider.url", server == null ? "dns:" : "dns://" + server);
    env.put(
        "com.sun.jndi.dns.timeout.initial", Long.toString(Math.max(100, timeout.toMillis() / 4)));
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    DirContext context = null;
    try {
      context = new InitialDirContext(env);
      List<InetSocketAddress> found = new ArrayList<>();
      if (port > 0) {
        for (String address : records(context, name, "A", "AAAA")) {
          found.add(new InetSocketAddress(java.net.InetAddress.getByName(address), port));
        }
      } else {
        for (String srv : records(context, name, "SRV")) {
          String[] parts = srv.trim().split("\\s+"); // priority weight port target
          if (parts.length != 4) {
            continue;
          }
          int srvPort = Integer.parseInt(parts[2]);
          String target =
              parts[3].endsWith(".") ? parts[3].substring(0, parts[3].length() - 1) : parts[3];
          for (String address : records(context, target, "A", "AAAA")) {
            found.add(new InetSocketAddress(java.net.InetAddress.getByName(address), srvPort));
          }
        }
      }
      return found;
    } catch (NamingException | java.net.UnknownHostException | NumberFormatException e) {
      throw new ClusterException(
          "DNS discovery of " + name + (server == null ? "" : " at " + server) + " failed: " + e,
          e);
    } finally {
      if (context != null) {
        try {
          context.close();
        } catch (NamingException ignored) {
          // nothing held
        }
      }
    }
  }

  private static List<String> records(DirContext context, String name, String... types)
      throws NamingException {
    List<String> values = new ArrayList<>();
    Attributes attributes;
    try {
      attributes = context.getAttributes(name, types);
    } catch (NameNotFoundException none) {
      return values;
    }
    for (String type : types) {
      Attribute attribute = attributes.get(type);
      if (attribute == null) {
        continue;
      }
      NamingEnumeration<?> all = attribute.getAll();
      while (all.hasMore()) {
        values.add(String.valueOf(all.next()));
      }
    }
    return values;
  }

  @Override
  public String toString() {
    return (port > 0 ? "DNS A/AAAA " + name + " port " + port : "DNS SRV " + name)
        + (server == null ? "" : " at " + server);
  }
}
