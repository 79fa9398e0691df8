package io.troupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.internal.NodeRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime module's boundary, read from its compiled classes: no public signature in an exported
 * package (a supertype, a public or protected field, method or constructor, a type bound, a
 * permitted subclass) names a type of a package the module does not export, so users never see
 * {@code io.troupe.internal}; and every package says what it is in a {@code package-info.java}.
 */
class ModuleBoundaryTest {

  private static Path classes() throws URISyntaxException {
    return Path.of(Node.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /**
   * The runtime's own module-info, as compiled: not the module the tests run in, which the build
   * patches with the test packages.
   */
  private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
    try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  private static Set<String> exported(ModuleDescriptor module) {
    return module.exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());
  }

  /** The binary names of the runtime's main classes, nested ones included. */
  private static List<String> classNames() throws IOException, URISyntaxException {
    Path root = classes();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .map(root::relativize)
          .map(Path::toString)
          .filter(f -> f.endsWith(".class") && !f.endsWith("-info.class"))
          .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .toList();
    }
  }

  private static String packageOf(String className) {
    return className.substring(0, className.lastIndexOf('.'));
  }

  /** Every package of the runtime (the compiled module-info need not list them). */
  private static Set<String> packages() throws IOException, URISyntaxException {
    return classNames().stream()
        .map(ModuleBoundaryTest::packageOf)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The packages the module does not export. */
  private static Set<String> hidden() throws IOException, URISyntaxException {
    Set<String> hidden = packages();
    hidden.removeAll(exported(descriptor()));
    return hidden;
  }

  /** The classes of the given packages. */
  private static List<Class<?>> classesOf(Set<String> packages)
      throws IOException, URISyntaxException, ClassNotFoundException {
    List<Class<?>> found = new ArrayList<>();
    for (String name : classNames()) {
      if (packages.contains(packageOf(name))) {
        found.add(Class.forName(name, false, Node.class.getClassLoader()));
      }
    }
    return found;
  }

  /** Public, or protected inside a class users can extend, all the way out. */
  private static boolean visible(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      int m = c.getModifiers();
      boolean outerExtensible =
          c.getDeclaringClass() != null && !Modifier.isFinal(c.getDeclaringClass().getModifiers());
      if (!(Modifier.isPublic(m) || (Modifier.isProtected(m) && outerExtensible))) {
        return false;
      }
    }
    return !type.isSynthetic() && !type.isAnonymousClass() && !type.isLocalClass();
  }

  private static boolean visible(Class<?> owner, int modifiers) {
    return Modifier.isPublic(modifiers)
        || (Modifier.isProtected(modifiers) && !Modifier.isFinal(owner.getModifiers()));
  }

  /** Every place in {@code type}'s visible signatures that names a class of a hidden package. */
  static List<String> leaks(Class<?> type, Set<String> hidden) {
    List<String> leaks = new ArrayList<>();
    String at = type.getName();
    check(type.getGenericSuperclass(), hidden, at + " extends", leaks);
    for (Type t : type.getGenericInterfaces()) {
      check(t, hidden, at + " implements", leaks);
    }
    for (TypeVariable<?> v : type.getTypeParameters()) {
      for (Type bound : v.getBounds()) {
        check(bound, hidden, at + "<" + v.getName() + "> bound", leaks);
      }
    }
    Class<?>[] permitted = type.getPermittedSubclasses();
    if (permitted != null) {
      for (Class<?> p : permitted) {
        check(p, hidden, at + " permits", leaks);
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (!f.isSynthetic() && visible(type, f.getModifiers())) {
        check(f.getGenericType(), hidden, at + "." + f.getName(), leaks);
      }
    }
    List<Executable> members = new ArrayList<>(List.of(type.getDeclaredConstructors()));
    for (Method m : type.getDeclaredMethods()) {
      if (!m.isSynthetic() && !m.isBridge()) {
        members.add(m);
      }
    }
    for (Executable e : members) {
      if (!visible(type, e.getModifiers())) {
        continue;
      }
      String where = at + "." + (e instanceof Constructor<?> ? "<init>" : e.getName()) + "(..)";
      if (e instanceof Method m) {
        check(m.getGenericReturnType(), hidden, where + " returns", leaks);
      }
      for (Type p : e.getGenericParameterTypes()) {
        check(p, hidden, where + " takes", leaks);
      }
      for (Type x : e.getGenericExceptionTypes()) {
        check(x, hidden, where + " throws", leaks);
      }
      for (TypeVariable<?> v : e.getTypeParameters()) {
        for (Type bound : v.getBounds()) {
          check(bound, hidden, where + " <" + v.getName() + "> bound", leaks);
        }
      }
    }
    return leaks;
  }

  private static void check(Type t, Set<String> hidden, String where, List<String> leaks) {
    switch (t) {
      case null -> {}
      case Class<?> c when c.isArray() -> check(c.getComponentType(), hidden, where, leaks);
      case Class<?> c -> {
        if (hidden.contains(c.getPackageName())) {
          leaks.add(where + " " + c.getName());
        }
      }
      case ParameterizedType p -> {
        check(p.getRawType(), hidden, where, leaks);
        check(p.getOwnerType(), hidden, where, leaks);
        for (Type arg : p.getActualTypeArguments()) {
          check(arg, hidden, where, leaks);
        }
      }
      case WildcardType w -> {
        for (Type b : w.getUpperBounds()) {
          check(b, hidden, where, leaks);
        }
        for (Type b : w.getLowerBounds()) {
          check(b, hidden, where, leaks);
        }
      }
      case GenericArrayType g -> check(g.getGenericComponentType(), hidden, where, leaks);
      default -> {} // a type variable: its bounds are checked where it is declared
    }
  }

  @Test
  void noPublicSignatureOfAnExportedPackageNamesAnInternalType() throws Exception {
    Set<String> exported = exported(descriptor());
    Set<String> hidden = hidden();
    assertTrue(hidden.contains("io.troupe.internal"), "the internal packages are not exported");

    List<Class<?>> api = classesOf(exported).stream().filter(ModuleBoundaryTest::visible).toList();
    assertTrue(api.contains(ActorRef.class) && api.size() > 100, api.size() + " API types");
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : api) {
      leaks.addAll(leaks(type, hidden));
    }
    assertEquals(List.of(), leaks);
  }

  @Test
  void theCheckFindsAnInternalTypeInASignature() throws Exception {
    Set<String> hidden = hidden();
    // NodeRuntime is internal and says so: its actors() returns the internal NodeContext.
    List<String> leaks = leaks(NodeRuntime.class, hidden);
    assertTrue(
        leaks.contains(
            "io.troupe.internal.NodeRuntime.actors(..) returns io.troupe.internal.NodeContext"),
        leaks.toString());
  }

  @Test
  void everyPackageHasAPackageInfo() throws Exception {
    Path sources = Path.of("src/main/java");
    assertTrue(
        Files.isDirectory(sources), "run from the runtime module: " + sources.toAbsolutePath());
    List<String> missing =
        packages().stream()
            .filter(
                p ->
                    !Files.exists(
                        sources.resolve(p.replace('.', '/')).resolve("package-info.java")))
            .sorted()
            .toList();
    assertEquals(List.of(), missing);
  }
}
