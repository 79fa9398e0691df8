package io.troupe.integration.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.troupe.codec.MessageCodec;
import io.troupe.internal.cluster.proto.ActorCall;
import io.troupe.internal.cluster.proto.ActorCast;
import io.troupe.rpc.RpcReplyPort;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .proto} files the processor exports, read by protoc's own code: every exported file
 * (this module's main and test interfaces) is compiled by {@code protoc} (fetched by Maven, see the
 * module's pom), its Java output compiled and loaded, and then, for every shape of {@link
 * CodecShapesTest.Shapes} and every variant and answer of {@link GeneratedCodecTest.ShopMsg}:
 * protoc's code parses Troupe's bytes with no unknown field left anywhere and writes the same bytes
 * back, and Troupe decodes what protoc's code writes, including messages built field by field on
 * protoc's side. The envelope reads the cluster's real cast and call frames.
 */
class SchemaExportTest {
  private static final String ROOT = "META-INF/troupe/proto";
  private static final String SHAPES = "io.troupe.integration.codegen.shapes.";
  private static final String SHOP = "io.troupe.integration.codegen.shop_msg.";

  @TempDir static Path work;
  private static URLClassLoader protocClasses;

  private final MessageCodec<CodecShapesTest.Shapes> shapes =
      MessageCodec.forType(CodecShapesTest.Shapes.class);
  private final MessageCodec<GeneratedCodecTest.ShopMsg> shop =
      MessageCodec.forType(GeneratedCodecTest.ShopMsg.class);

  /** Runs protoc on every exported schema, then javac on its output. */
  @BeforeAll
  static void compileTheExportedSchemas() throws Exception {
    Path protoc = Path.of(System.getProperty("troupe.protoc", "target/protoc/protoc.exe"));
    assertTrue(
        Files.exists(protoc),
        "no protoc at " + protoc + " (the pom copies it in generate-test-resources)");
    assertTrue(protoc.toFile().setExecutable(true), "cannot make " + protoc + " executable");
    Path wellKnown = Files.createDirectories(work.resolve("include/google/protobuf"));
    for (String name : List.of("timestamp.proto", "duration.proto")) {
      try (InputStream in =
          Message.class.getClassLoader().getResourceAsStream("google/protobuf/" + name)) {
        assertNotNull(in, "protobuf-java carries no google/protobuf/" + name);
        Files.copy(in, wellKnown.resolve(name));
      }
    }
    List<String> command =
        new ArrayList<>(List.of(protoc.toString(), "-I" + work.resolve("include")));
    List<String> files = new ArrayList<>();
    for (URL root : Collections.list(SchemaExportTest.class.getClassLoader().getResources(ROOT))) {
      Path dir = Path.of(root.toURI());
      command.add("-I" + dir);
      try (Stream<Path> protos = Files.walk(dir)) {
        protos
            .filter(p -> p.toString().endsWith(".proto"))
            .forEach(p -> files.add(dir.relativize(p).toString()));
      }
    }
    assertTrue(files.contains("io/troupe/integration/codegen/Shapes.proto"), "exported: " + files);
    assertTrue(
        files.contains("io/troupe/integration/EchoMsg.proto"),
        "main interfaces export too: " + files);
    Path javaOut = Files.createDirectories(work.resolve("java"));
    command.add("--java_out=" + javaOut);
    command.addAll(files);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "protoc did not finish");
    assertEquals(0, process.exitValue(), "protoc rejected the exported schemas:\n" + output);

    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> sources;
    try (Stream<Path> java = Files.walk(javaOut)) {
      sources = java.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "-d", classes.toString(), "-cp", location(Message.class), "-nowarn", "-proc:none"));
    arguments.addAll(sources);
    assertEquals(
        0,
        javac.run(null, null, null, arguments.toArray(String[]::new)),
        "protoc's Java code did not compile");
    protocClasses =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, SchemaExportTest.class.getClassLoader());
  }

  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** protoc's class {@code name} parsing {@code bytes}. */
  private static Message parse(String name, byte[] bytes) throws Exception {
    Class<?> type = protocClasses.loadClass(name);
    return (Message) type.getMethod("parseFrom", byte[].class).invoke(null, (Object) bytes);
  }

  /** A message of protoc's class {@code name}, built from protobuf's text format. */
  private static Message fromText(String name, String text) throws Exception {
    Class<?> type = protocClasses.loadClass(name);
    Message.Builder builder = (Message.Builder) type.getMethod("newBuilder").invoke(null);
    TextFormat.merge(text, builder);
    return builder.build();
  }

  private static Object field(Message message, String name) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    assertNotNull(field, message.getDescriptorForType().getFullName() + " has no field " + name);
    return message.getField(field);
  }

  /**
   * Fails if protoc's code met a field it did not expect (a wrong number or wire type), at any
   * depth.
   */
  private static void assertEverythingUnderstood(Message message) {
    assertTrue(
        message.getUnknownFields().asMap().isEmpty(),
        message.getDescriptorForType().getFullName()
            + " did not understand "
            + message.getUnknownFields());
    message
        .getAllFields()
        .forEach(
            (field, value) -> {
              if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                for (Object nested : field.isRepeated() ? (List<?>) value : List.of(value)) {
                  assertEverythingUnderstood((Message) nested);
                }
              }
            });
  }

  /**
   * Troupe's bytes through protoc's class and back: understood, written back unchanged, and decoded
   * by Troupe from protoc's writing. Returns protoc's message for further checks.
   */
  private Message roundTripThroughProtoc(CodecShapesTest.Shapes message) throws Exception {
    String variant = shapes.variant(message);
    byte[] troupe = shapes.encodeArgs(message);
    Message parsed = parse(SHAPES + variant, troupe);
    assertEverythingUnderstood(parsed);
    byte[] written = parsed.toBuilder().build().toByteArray();
    assertArrayEquals(troupe, written, variant + ": protoc's code writes other bytes");
    CodecShapesTest.Shapes back = shapes.decode(variant, written, null);
    assertArrayEquals(
        troupe, shapes.encodeArgs(back), variant + ": Troupe decoded protoc's bytes differently");
    return parsed;
  }

  @Test
  void primitivesMatchProtocsScalars() throws Exception {
    Message parsed = roundTripThroughProtoc(CodecShapesTest.PRIMITIVES);
    assertEquals(-7, field(parsed, "i"));
    assertEquals(Long.MIN_VALUE, field(parsed, "l"));
    assertEquals(300, field(parsed, "s"));
    assertEquals(-1, field(parsed, "b"));
    assertEquals((int) 'λ', field(parsed, "c"));
    assertEquals(true, field(parsed, "z"));
    assertEquals(1.5f, field(parsed, "f"));
    assertEquals(
        CodecShapesTest.PRIMITIVES, shapes.decode("Primitives", parsed.toByteArray(), null));
  }

  @Test
  void boxesStringsAndBytesMatch() throws Exception {
    Message parsed =
        roundTripThroughProtoc(
            new CodecShapesTest.Shapes.Boxes(5, -5L, true, 2.5, "héllo", new byte[] {0, 1, 2}));
    assertEquals("héllo", field(parsed, "text"));
    assertEquals(ByteString.copyFrom(new byte[] {0, 1, 2}), field(parsed, "bytes"));
  }

  @Test
  void valuesMatchTimestampsDurationsAndNames() throws Exception {
    Message parsed = roundTripThroughProtoc(CodecShapesTest.VALUES);
    assertEquals(17, ((ByteString) field(parsed, "id")).size() + 1, "a UUID is 16 bytes");
    Message at = (Message) field(parsed, "at");
    assertEquals("google.protobuf.Timestamp", at.getDescriptorForType().getFullName());
    assertEquals(List.of(-5L, 9), List.of(field(at, "seconds"), field(at, "nanos")));
    Message took = (Message) field(parsed, "took");
    assertEquals(List.of(1L, 500_000_000), List.of(field(took, "seconds"), field(took, "nanos")));
    assertEquals("HIGH", field(parsed, "level"));
    assertEquals(CodecShapesTest.VALUES, shapes.decode("Values", parsed.toByteArray(), null));
  }

  @Test
  void containersMatchRepeatedMapAndOptionalFields() throws Exception {
    Message parsed = roundTripThroughProtoc(CodecShapesTest.CONTAINERS);
    assertEquals(List.of(1, -1, 0, Integer.MAX_VALUE), field(parsed, "ints"));
    assertTrue(
        parsed.hasField(parsed.getDescriptorForType().findFieldByName("note")),
        "Optional.of(\"\") is present");
    assertEquals(3, ((List<?>) field(parsed, "grid")).size());
    assertEquals(
        CodecShapesTest.CONTAINERS, shapes.decode("Containers", parsed.toByteArray(), null));
  }

  @Test
  void nestedRecordsMatchNestedMessages() throws Exception {
    Message parsed = roundTripThroughProtoc(CodecShapesTest.NESTED);
    Message pinned = (Message) field(parsed, "pinned");
    assertEquals(List.of(2, 3), List.of(field(pinned, "x"), field(pinned, "y")));
    assertEquals(CodecShapesTest.NESTED, shapes.decode("Nested", parsed.toByteArray(), null));
  }

  @Test
  void defaultsAreTheEmptyMessageOnBothSides() throws Exception {
    for (String variant : List.of("Primitives", "Boxes", "Values", "Containers", "Nested")) {
      Message empty = parse(SHAPES + variant, new byte[0]);
      assertEquals(0, empty.toByteArray().length);
      assertEquals(
          0, shapes.encodeArgs(shapes.decode(variant, empty.toByteArray(), null)).length, variant);
    }
  }

  @Test
  void aMessageBuiltOnProtocsSideIsDecodedByTroupe() throws Exception {
    Message place =
        fromText(
            SHOP + "Place",
            """
            id: "\\000\\000\\000\\000\\000\\000\\000\\001\\000\\000\\000\\000\\000\\000\\000\\002"
            items { sku: "a" quantity: 2 }
            items { sku: "b" quantity: 1 }
            priority: "HIGH"
            tags { key: "src" value: 7 }
            at { seconds: 1800000000 nanos: 5 }
            """);
    GeneratedCodecTest.ShopMsg decoded = shop.decode("Place", place.toByteArray(), null);
    assertEquals(
        new GeneratedCodecTest.ShopMsg.Place(
            new UUID(1, 2),
            List.of(new GeneratedCodecTest.Item("a", 2), new GeneratedCodecTest.Item("b", 1)),
            Optional.of(GeneratedCodecTest.Priority.HIGH),
            Map.of("src", 7L),
            Instant.ofEpochSecond(1_800_000_000, 5)),
        decoded);
    Message total = fromText(SHOP + "Total", "customer: \"ada\" window { seconds: 60 }");
    RpcReplyPort<Long> port = new RpcReplyPort<>();
    assertEquals(
        new GeneratedCodecTest.ShopMsg.Total("ada", port, Duration.ofMinutes(1)),
        shop.decode("Total", total.toByteArray(), port));
  }

  @Test
  void answersAreMessagesWhoseFieldOneIsTheAnswer() throws Exception {
    Message answer = parse(SHOP + "TotalReply", shop.encodeReply("Total", 1234L));
    assertEverythingUnderstood(answer);
    assertEquals(1234L, field(answer, "value"));
    assertEquals(
        99L, shop.decodeReply("Total", fromText(SHOP + "TotalReply", "value: 99").toByteArray()));
    assertEquals(
        0L,
        shop.decodeReply("Total", new byte[0]),
        "an absent answer is the default, as in proto3");
  }

  @Test
  void theEnvelopeReadsTheClustersCastAndCallFrames() throws Exception {
    GeneratedCodecTest.ShopMsg.Total message =
        new GeneratedCodecTest.ShopMsg.Total("ada", null, Duration.ofSeconds(3));
    byte[] args = shop.encodeArgs(message);
    ActorCast cast =
        ActorCast.newBuilder()
            .setTarget(42)
            .setVariant(shop.variant(message))
            .setArgs(ByteString.copyFrom(args))
            .build();
    ActorCall call =
        ActorCall.newBuilder()
            .setTarget(42)
            .setVariant(shop.variant(message))
            .setArgs(ByteString.copyFrom(args))
            .setTag(7)
            .setTimeoutMillis(1000)
            .build();
    for (byte[] frame : List.of(cast.toByteArray(), call.toByteArray())) {
      Message envelope = parse(SHOP + "Envelope", frame);
      assertEquals("Total", field(envelope, "variant"));
      Message total = parse(SHOP + "Total", ((ByteString) field(envelope, "args")).toByteArray());
      assertEverythingUnderstood(total);
      assertEquals("ada", field(total, "customer"));
    }
  }

  @Test
  void theSchemaShipsAsAResourceBesideTheClasses() throws IOException {
    try (InputStream in =
        SchemaExportTest.class
            .getClassLoader()
            .getResourceAsStream(ROOT + "/io/troupe/integration/codegen/ShopMsg.proto")) {
      assertNotNull(in);
      String text = new String(in.readAllBytes());
      assertTrue(text.contains("syntax = \"proto3\";"));
      assertTrue(text.contains("package io.troupe.integration.codegen.shop_msg;"));
    }
    assertTrue(new File(System.getProperty("troupe.protoc", "target/protoc/protoc.exe")).exists());
  }
}
