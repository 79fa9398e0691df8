package io.troupe.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One failing compilation per error the processor reports: each asserts the message and the line of
 * the element it is reported on, and that it is the only error (a facade written from a broken
 * model would add more).
 */
class ValidationErrorTest {

  /**
   * The source of the type {@code test.<simpleName>}: {@code package test;}, a blank line, then
   * {@code body}, so the body's first line is line 3 of the file (the lines the tests assert count
   * from the file's start).
   */
  private static JavaFileObject source(String simpleName, String body) {
    return JavaFileObjects.forSourceString("test." + simpleName, "package test;\n\n" + body);
  }

  /** Compiles one source and asserts the only error: its message, reported on {@code line}. */
  private static void assertOneError(String simpleName, String body, String message, long line) {
    JavaFileObject source = source(simpleName, body);
    assertOneError(Compilations.compile(source), source, message, line);
  }

  /** Asserts that {@code compilation} failed with one error, {@code message} on that line. */
  private static void assertOneError(
      Compilation compilation, JavaFileObject inFile, String message, long line) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(inFile).onLine(line);
  }

  @Test
  void annotatedClassIsAnError() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ActorMessage
        public final class Msg {}
        """,
        "@ActorMessage applies to sealed interfaces, but Msg is a class; declare it as `sealed interface Msg`",
        4);
  }

  @Test
  void annotatedRecordIsAnError() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ClusterMessage
        public record Msg(int value) {}
        """,
        "@ClusterMessage applies to sealed interfaces, but Msg is a record",
        4);
  }

  @Test
  void interfaceThatIsNotSealedIsAnError() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ActorMessage
        public interface Msg {
          record Ping() implements Msg {}
        }
        """,
        "Msg must be sealed so its facade covers every message: declare it `sealed interface Msg`",
        4);
  }

  @Test
  void variantThatIsAClassIsAnError() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ActorMessage
        public sealed interface Msg permits Msg.Ping, Msg.Stop {
          record Ping() implements Msg {}

          final class Stop implements Msg {}
        }
        """,
        "Stop is a class, but every variant of Msg must be a record or an enum (or a sealed interface of them) so its facade can build it from arguments; make Stop a record.",
        7);
  }

  @Test
  void variantThatIsAnInterfaceIsAnError() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ActorMessage
        public sealed interface Msg {
          record Ping() implements Msg {}

          non-sealed interface Custom extends Msg {}
        }
        """,
        "Custom is an interface that is not sealed, but every variant of Msg must be a record or an enum (or a sealed interface of them) so its facade can build it from arguments; make Custom sealed, or a record.",
        7);
  }

  @Test
  void sealedSubInterfaceFixingTheTypeArgumentOfAGenericInterfaceIsAnError() {
    assertOneError(
        "Box",
        """
        @io.troupe.annotation.ActorMessage
        public sealed interface Box<T> {
          record Put<T>(T value) implements Box<T> {}

          sealed interface Counting extends Box<Integer> {
            record Increment() implements Counting {}
          }
        }
        """,
        "Counting must pass Box's type parameters through as its own, so BoxRef<T> can send its variants: declare `sealed interface Counting<T> extends Box<T>`.",
        7);
  }

  @Test
  void twoReplyPortsAreAnError() {
    assertOneError(
        "Msg",
        """
        import io.troupe.rpc.RpcReplyPort;

        @io.troupe.annotation.ActorMessage
        public sealed interface Msg {
          record Both(
              RpcReplyPort<Integer> first,
              String key,
              RpcReplyPort<String> second) implements Msg {}
        }
        """,
        "Msg.Both has more than one RpcReplyPort (first, second); a call has one answer, so keep one reply port",
        10);
  }

  @Test
  void methodNamesClashingBetweenVariantsAreAnError() {
    assertOneError(
        "Msg",
        """
        import io.troupe.rpc.RpcReplyPort;

        @io.troupe.annotation.ActorMessage
        public sealed interface Msg {
          record Get(RpcReplyPort<Integer> reply) implements Msg {}

          record GetAsync() implements Msg {}
        }
        """,
        "The facade method `getAsync` for Msg.GetAsync clashes with the one written for Msg.Get; rename GetAsync or annotate it with @FacadeMethod(\"otherName\").",
        9);
  }

  @Test
  void methodNameClashingWithTheFacadesOwnIsAnError() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ActorMessage
        public sealed interface Msg {
          record Ping() implements Msg {}

          record ToString() implements Msg {}
        }
        """,
        "The facade method for Msg.ToString would be named `toString`, which every facade already has; rename ToString or annotate it with @FacadeMethod(\"otherName\").",
        7);
  }

  @Test
  void methodNameThatIsAKeywordIsAnError() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ActorMessage
        public sealed interface Msg {
          enum Kind implements Msg {
            PLAIN,
            CLASS
          }
        }
        """,
        "The facade method for Msg.Kind.CLASS would be named `class`, which is a Java keyword; rename CLASS or annotate the constant with @FacadeMethod(\"otherName\").",
        7);
  }

  @Test
  void invalidFacadeMethodNameIsAnError() {
    assertOneError(
        "Msg",
        """
        import io.troupe.annotation.FacadeMethod;

        @io.troupe.annotation.ActorMessage
        public sealed interface Msg {
          @FacadeMethod("do it")
          record Ping() implements Msg {}
        }
        """,
        "@FacadeMethod(\"do it\") on Msg.Ping is not a valid method name; use a Java identifier that is not a keyword.",
        8);
  }

  @Test
  void invalidFacadeNameIsAnError() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ActorMessage(facadeName = "2Ref")
        public sealed interface Msg {
          record Ping() implements Msg {}
        }
        """,
        "facadeName \"2Ref\" is not a valid class name; use a Java identifier such as \"MsgRef\".",
        3);
  }

  @Test
  void twoInterfacesWantingTheSameFacadeAreAnError() {
    JavaFileObject first =
        source(
            "Orders",
            """
            public class Orders {
              @io.troupe.annotation.ActorMessage
              public sealed interface Msg {
                record Place() implements Msg {}
              }
            }
            """);
    JavaFileObject second =
        source(
            "Users",
            """
            public class Users {
              @io.troupe.annotation.ActorMessage
              public sealed interface Msg {
                record Join() implements Msg {}
              }
            }
            """);
    assertOneError(
        Compilations.compile(first, second),
        second,
        "test.Orders.Msg and test.Users.Msg would both get the facade test.MsgRef; name one of them with @ActorMessage(facadeName = \"...\").",
        4);
  }

  @Test
  void bothAnnotationsAreAnError() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ActorMessage
        @io.troupe.annotation.ClusterMessage
        public sealed interface Msg {
          record Ping() implements Msg {}
        }
        """,
        "Msg carries both @ActorMessage and @ClusterMessage; keep only @ClusterMessage, which implies @ActorMessage.",
        5);
  }

  @Test
  void privateInterfaceIsAnError() {
    assertOneError(
        "Outer",
        """
        public class Outer {
          @io.troupe.annotation.ActorMessage
          private sealed interface Msg {
            record Ping() implements Msg {}
          }
        }
        """,
        "Msg is private (or nested in a private type), so its facade MsgRef in package test cannot use it; make it package-private or public.",
        5);
  }

  @Test
  void privateVariantIsAnError() {
    assertOneError(
        "Outer",
        """
        public class Outer {
          @io.troupe.annotation.ActorMessage
          sealed interface Msg permits Ping, Secret {}

          record Ping() implements Msg {}

          private record Secret() implements Msg {}
        }
        """,
        "Secret is private (or nested in a private type), so the facade MsgRef cannot send it; make it package-private or public.",
        9);
  }

  @Test
  void componentOfAPrivateTypeIsAnError() {
    assertOneError(
        "Outer",
        """
        public class Outer {
          @io.troupe.annotation.ActorMessage
          sealed interface Msg permits Send {}

          record Send(java.util.List<Secret> secrets) implements Msg {}

          private record Secret(String value) {}
        }
        """,
        "Component secrets of Outer.Send has type Outer.Secret, which is private (or nested in a private type), so the facade MsgRef cannot name it; make Outer.Secret package-private or public.",
        7);
  }

  @Test
  void variantFixingTheTypeArgumentOfAGenericInterfaceIsAnError() {
    assertOneError(
        "Box",
        """
        @io.troupe.annotation.ActorMessage
        public sealed interface Box<T> {
          record Put<T>(T value) implements Box<T> {}

          record PutInt(int value) implements Box<Integer> {}
        }
        """,
        "Box.PutInt must pass Box's type parameters through as its own, so BoxRef<T> can send it: declare `record PutInt<T>(...) implements Box<T>`.",
        7);
  }

  @Test
  void enumVariantOfAGenericInterfaceIsAnError() {
    assertOneError(
        "Box",
        """
        @io.troupe.annotation.ActorMessage
        public sealed interface Box<T> {
          record Put<T>(T value) implements Box<T> {}

          enum Signal implements Box<String> {
            CLEAR
          }
        }
        """,
        "Box.Signal.CLEAR is an enum constant, but Box is generic and an enum cannot carry its type parameters; make Signal a record `record Signal<T>() implements Box<T>`.",
        8);
  }

  @Test
  void everyProblemOfOneInterfaceIsReportedInOneCompilation() {
    JavaFileObject source =
        source(
            "Msg",
            """
            import io.troupe.rpc.RpcReplyPort;

            @io.troupe.annotation.ActorMessage
            public sealed interface Msg {
              record Of() implements Msg {}

              record Two(RpcReplyPort<Integer> a, RpcReplyPort<Integer> b) implements Msg {}

              final class Plain implements Msg {}
            }
            """);
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining("would be named `of`").inFile(source).onLine(7);
    assertThat(compilation)
        .hadErrorContaining("more than one RpcReplyPort")
        .inFile(source)
        .onLine(9);
    assertThat(compilation).hadErrorContaining("Plain is a class").inFile(source).onLine(11);
  }

  @Test
  void facadeNameTakenByAnExistingClassIsAnError() {
    JavaFileObject existing =
        source(
            "MsgRef",
            """
            public class MsgRef {}
            """);
    JavaFileObject source =
        source(
            "Msg",
            """
            @io.troupe.annotation.ActorMessage
            public sealed interface Msg {
              record Ping() implements Msg {}
            }
            """);
    Compilation compilation = Compilations.compile(existing, source);
    assertOneError(compilation, source, "Could not write test.MsgRef", 4);
    assertThat(compilation).hadErrorContaining("choose another with facadeName");
  }

  @Test
  void clusterComponentWithoutACodecIsAnErrorOnTheComponent() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ClusterMessage
        public sealed interface Msg {
          record Send(
              String to,
              Thread worker) implements Msg {}
        }
        """,
        "Component worker of Msg.Send has no codec for the type java.lang.Thread",
        7);
  }

  @Test
  void clusterAnswerWithoutACodecIsAnErrorOnThePort() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ClusterMessage
        public sealed interface Msg {
          record Ask(
              io.troupe.rpc.RpcReplyPort<Object> reply) implements Msg {}
        }
        """,
        "The answer of component reply of Msg.Ask has no codec for the type java.lang.Object",
        6);
  }

  @Test
  void duplicateTagsAreAnError() {
    assertOneError(
        "Msg",
        """
        import io.troupe.codec.Tag;

        @io.troupe.annotation.ClusterMessage
        public sealed interface Msg {
          record Move(
              @Tag(2) int x,
              int y) implements Msg {}
        }
        """,
        "Component y of Msg.Move has field number 2, like component x; give each component its own @Tag.",
        9);
  }

  @Test
  void invalidTagIsAnError() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ClusterMessage
        public sealed interface Msg {
          record Move(
              @io.troupe.codec.Tag(19500) int x) implements Msg {}
        }
        """,
        "@Tag(19500) on component x of Msg.Move is not a valid protobuf field number",
        6);
  }

  @Test
  void actorMessagesNeedNoCodecs() {
    JavaFileObject source =
        source(
            "Msg",
            """
            @io.troupe.annotation.ActorMessage
            public sealed interface Msg {
              record Send(Thread worker) implements Msg {}
            }
            """);
    assertThat(Compilations.compile(source)).succeeded();
  }

  @Test
  void genericClusterMessagesAreAnError() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ClusterMessage
        public sealed interface Msg<T> {
          record Put<T>(T value) implements Msg<T> {}
        }
        """,
        "A @ClusterMessage interface cannot be generic: a receiving node finds the codec by Msg's class",
        3);
  }

  @Test
  void twoVariantsWithOneSimpleNameAreAnError() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ClusterMessage
        public sealed interface Msg {
          sealed interface Admin extends Msg {
            record Reset() implements Admin {}
          }

          sealed interface User extends Msg {
            @io.troupe.annotation.FacadeMethod("userReset")
            record Reset() implements User {}
          }
        }
        """,
        "test.Msg.Admin.Reset and test.Msg.User.Reset are both named Reset, and @ClusterMessage sends a variant by its simple name",
        11);
  }

  @Test
  void twoInterfacesThatWouldShareACodecAreAnError() {
    assertOneError(
        "Outer",
        """
        public final class Outer {
          static final class A {
            @io.troupe.annotation.ClusterMessage(facadeName = "AMsgRef")
            public sealed interface Msg {
              record Ping() implements Msg {}
            }
          }

          static final class B {
            @io.troupe.annotation.ClusterMessage(facadeName = "BMsgRef")
            public sealed interface Msg {
              record Ping() implements Msg {}
            }
          }
        }
        """,
        "would both get the codec test.MsgCodec",
        12);
  }

  @Test
  void problemsInsideNestedRecordsAreErrorsToo() {
    assertOneError(
        "Msg",
        """
        import io.troupe.codec.Tag;

        @io.troupe.annotation.ClusterMessage
        public sealed interface Msg {
          record Item(@Tag(1) String sku, @Tag(1) int quantity) {}

          record Place(
              java.util.List<Item> items) implements Msg {}
        }
        """,
        "Component items of Msg.Place holds the record test.Msg.Item, whose components sku and quantity both have field number 1",
        10);
  }

  @Test
  void aRawActorRefInAClusterMessageIsAnErrorOnTheComponent() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ClusterMessage
        public sealed interface Msg {
          record Subscribe(
              @SuppressWarnings("rawtypes") io.troupe.ActorRef listener) implements Msg {}
        }
        """,
        "Component listener of Msg.Subscribe has no codec for the raw type io.troupe.ActorRef (a"
            + " ref in a @ClusterMessage names its message type",
        6);
  }

  @Test
  void anActorRefOfANonClusterMessageTypeIsAnErrorOnTheComponent() {
    assertOneError(
        "Msg",
        """
        @io.troupe.annotation.ClusterMessage
        public sealed interface Msg {
          @io.troupe.annotation.ActorMessage
          sealed interface Local {
            record Ping() implements Local {}
          }

          record Subscribe(
              String topic,
              io.troupe.ActorRef<Local> listener) implements Msg {}
        }
        """,
        "Component listener of Msg.Subscribe has no codec for the type"
            + " io.troupe.ActorRef<test.Msg.Local> (a ref crosses nodes only for a @ClusterMessage"
            + " interface, whose codec can encode messages to it: annotate test.Msg.Local with"
            + " @ClusterMessage)",
        12);
  }

  @Test
  void anActorRefOfAWildcardOrAClassIsAnErrorOnTheComponent() {
    JavaFileObject source =
        source(
            "Msg",
            """
            @io.troupe.annotation.ClusterMessage
            public sealed interface Msg {
              record Any(io.troupe.ActorRef<?> anyone) implements Msg {}

              record Strings(java.util.List<io.troupe.ActorRef<String>> many) implements Msg {}
            }
            """);
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("Component anyone of Msg.Any has no codec for the type")
        .inFile(source)
        .onLine(5);
    assertThat(compilation)
        .hadErrorContaining(
            "Component many of Msg.Strings has no codec for the type"
                + " io.troupe.ActorRef<java.lang.String> (a ref in a @ClusterMessage names a"
                + " @ClusterMessage interface")
        .inFile(source)
        .onLine(7);
  }

  @Test
  void aFacadeOfANonClusterMessageTypeIsAnErrorOnTheComponent() {
    JavaFileObject local =
        source(
            "Local",
            """
            @io.troupe.annotation.ActorMessage
            public sealed interface Local {
              record Ping() implements Local {}
            }
            """);
    JavaFileObject source =
        source(
            "Msg",
            """
            @io.troupe.annotation.ClusterMessage
            public sealed interface Msg {
              record Subscribe(LocalRef listener) implements Msg {}
            }
            """);
    Compilation compilation = Compilations.compile(local, source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "Component listener of Msg.Subscribe has no codec for the facade test.LocalRef (a ref"
                + " crosses nodes only for a @ClusterMessage interface")
        .inFile(source)
        .onLine(5);
  }

  @Test
  void refsOfClusterMessageTypesAndTheirFacadesCompileAlsoWhenTheyNameEachOther() {
    JavaFileObject other =
        source(
            "Listener",
            """
            @io.troupe.annotation.ClusterMessage
            public sealed interface Listener {
              record Event(String text) implements Listener {}

              record Hello(MsgRef back) implements Listener {}
            }
            """);
    JavaFileObject source =
        source(
            "Msg",
            """
            import io.troupe.ActorRef;
            import java.util.List;
            import java.util.Optional;

            @io.troupe.annotation.ClusterMessage
            public sealed interface Msg {
              record Subscribe(ListenerRef listener, ActorRef<Listener> raw) implements Msg {}

              record Many(List<ListenerRef> all, Optional<ActorRef<Listener>> one) implements Msg {}

              record Self(MsgRef me, io.troupe.rpc.RpcReplyPort<ActorRef<Msg>> reply)
                  implements Msg {}
            }
            """);
    assertThat(Compilations.compile(other, source)).succeededWithoutWarnings();
  }
}
