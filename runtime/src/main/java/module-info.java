/** Troupe: typed actors on virtual threads. */
@SuppressWarnings({
  "requires-automatic",
  "requires-transitive-automatic"
}) // protobuf-java has no module-info, only a module name
module io.troupe.runtime {
  requires transitive com.google.protobuf; // BytesCodec and Codecs.protobuf expose its types
  requires jdk.jfr;
  requires transitive java.management; // Node.registerMBean returns an ObjectName
  requires java.naming; // DNS discovery through JNDI
  requires jdk.naming
      .dns; // its DNS provider (exports nothing, loaded by name: it must be in the module graph)

  exports io.troupe;
  exports io.troupe.annotation;
  exports io.troupe.rpc;
  exports io.troupe.supervision;
  exports io.troupe.behaviour;
  exports io.troupe.registry;
  exports io.troupe.pg;
  exports io.troupe.timer;
  exports io.troupe.port;
  exports io.troupe.codec;
  exports io.troupe.factory;
  exports io.troupe.cluster;
  exports io.troupe.intercept;
  exports io.troupe.generated; // for generated code only
  exports io.troupe.introspect;
}
